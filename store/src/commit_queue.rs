//! Group commit for concurrent callers (an HTTP inbox): each request verifies its message on
//! its own thread, then hands the writes to one commit thread, which writes everything
//! waiting in **one transaction** and wakes each caller after the commit.
//!
//! The batching costs no waiting: while one group is being committed (its fsync), the next
//! callers queue up, and the commit thread takes all of them as the next group. A single
//! caller is committed at once, as without the queue.

use std::sync::Arc;
use std::sync::mpsc;

use labourlink_protocol::time::Timestamp;
use labourlink_protocol::verify::{Profile, ReplayKey, Verified, Verifier, replay_error};
use labourlink_protocol::{Error, Result};

use crate::backend::{GroupWrite, ReplayOutcome};
use crate::{CaseWrite, NewMessage, Store, unavailable};

/// The most messages one group takes from the queue.
const MAX_GROUP: usize = 256;

/// What a caller hands to the commit thread: the writes of one accepted message.
struct Job {
    region: String,
    agency: String,
    id: String,
    digest: String,
    now: i64,
    keep_until: i64,
    message: NewMessage,
    case: Option<CaseWrite>,
    answer: Option<(NewMessage, Option<CaseWrite>)>,
    reply: mpsc::SyncSender<Result<ReplayOutcome>>,
}

/// A queue of accepted messages that one thread commits in groups ([`Store::commit_queue`]).
///
/// Cloning is cheap (a handle to the same queue). The commit thread stops when the last
/// handle is dropped, after the groups already queued are written (a caller waiting in
/// [`CommitQueue::receive`] holds a handle, so it is always answered).
#[derive(Clone)]
pub struct CommitQueue {
    store: Arc<Store>,
    tx: mpsc::Sender<Job>,
}

impl std::fmt::Debug for CommitQueue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CommitQueue").finish_non_exhaustive()
    }
}

impl Store {
    /// A commit queue on this store: a thread that writes the accepted messages of
    /// concurrent callers ([`CommitQueue::receive`]) in groups, one transaction each.
    ///
    /// # Errors
    /// `store.unavailable` when the thread cannot be started.
    pub fn commit_queue(self: &Arc<Self>) -> Result<CommitQueue> {
        let (tx, rx) = mpsc::channel::<Job>();
        let store = Arc::clone(self);
        std::thread::Builder::new()
            .name("labourlink-commit".into())
            .spawn(move || commit_loop(&store, &rx))
            .map_err(|e| unavailable(format!("cannot start the commit thread: {e}")))?;
        Ok(CommitQueue {
            store: Arc::clone(self),
            tx,
        })
    }
}

impl CommitQueue {
    /// Receives a message that passed stages 1–7 (`checked`, from [`Store::check_answering`]
    /// or [`Verifier::check_at`]): its replay record, archive entry and case update — and
    /// `answer`, the signed receipt this node will send back (direction `sent`), archived
    /// only with a new replay record — are written in one transaction, grouped with the
    /// messages of other callers. Returns after the commit (fsync): an `Ok` may be answered
    /// as accepted and can no longer be lost.
    ///
    /// A rejected `checked` is quarantined (its own transaction) and returned, as
    /// [`Store::receive`] does.
    ///
    /// # Errors
    /// `replay.duplicate` (the same message was received before: its receipt is in the
    /// archive; an archive entry lost by a crash is repaired), `replay.conflict`, the
    /// rejection of `checked`, or the store's errors (nothing written).
    pub fn receive<P: Profile>(
        &self,
        verifier: &Verifier<P>,
        jws: &[u8],
        checked: Result<Verified>,
        answer: Option<NewMessage>,
        now: Timestamp,
    ) -> Result<Verified> {
        let v = match checked {
            Ok(v) => v,
            Err(e) => {
                self.store.after_rejection(verifier, jws, &e, now)?;
                return Err(e);
            }
        };
        let doc = v.document();
        let (reply, answer_rx) = mpsc::sync_channel(1);
        let job = Job {
            region: doc.from.region.clone(),
            agency: doc.from.agency.clone(),
            id: doc.id.clone(),
            digest: v.digest().to_owned(),
            now: now.unix_millis(),
            keep_until: verifier.replay_keep_until(&v, now).unix_millis(),
            message: NewMessage::received_lean(jws, &v, now),
            case: self.store.case_write_for(doc, now),
            answer: answer.map(|a| {
                let case = a
                    .document
                    .as_ref()
                    .and_then(|d| self.store.case_write_for(d, a.at));
                (a, case)
            }),
            reply,
        };
        self.tx
            .send(job)
            .map_err(|_| unavailable("the commit thread has stopped"))?;
        let outcome = answer_rx
            .recv()
            .map_err(|_| unavailable("the commit thread stopped before answering"))??;
        let key = ReplayKey {
            region: &doc.from.region,
            agency: &doc.from.agency,
            id: &doc.id,
        };
        let refusal = match outcome {
            ReplayOutcome::Recorded => return Ok(v),
            ReplayOutcome::Exists { digest } => replay_error(&key, digest == v.digest()),
            ReplayOutcome::Vanished => unavailable(
                "the replay record changed under the store three times in a row; try again",
            ),
        };
        self.store.after_rejection(verifier, jws, &refusal, now)?;
        Err(refusal)
    }
}

/// The commit thread: takes the first waiting job, then every other one already queued (up
/// to [`MAX_GROUP`]), writes them in one transaction and answers each.
fn commit_loop(store: &Store, rx: &mpsc::Receiver<Job>) {
    let mut group: Vec<Job> = Vec::with_capacity(MAX_GROUP);
    while let Ok(first) = rx.recv() {
        group.push(first);
        while group.len() < MAX_GROUP {
            match rx.try_recv() {
                Ok(job) => group.push(job),
                Err(_) => break,
            }
        }
        let result = write(store, &group);
        match result {
            Ok(outcomes) => {
                for (job, outcome) in group.drain(..).zip(outcomes) {
                    let _ = job.reply.send(Ok(outcome));
                }
            }
            Err(e) => {
                for job in group.drain(..) {
                    let _ = job.reply.send(Err(e.clone()));
                }
            }
        }
    }
}

fn write(store: &Store, group: &[Job]) -> Result<Vec<ReplayOutcome>> {
    let writes: Vec<GroupWrite<'_>> = group
        .iter()
        .map(|j| GroupWrite::Receive {
            key: ReplayKey {
                region: &j.region,
                agency: &j.agency,
                id: &j.id,
            },
            digest: &j.digest,
            now: j.now,
            keep_until: j.keep_until,
            message: &j.message,
            case: j.case.as_ref(),
            answer: j.answer.as_ref().map(|(m, c)| (m, c.as_ref())),
        })
        .collect();
    let outcomes = store
        .lock()
        .write_group(&writes, store.quarantine_capacity)?;
    if outcomes.len() == group.len() {
        Ok(outcomes)
    } else {
        Err(Error::new(
            labourlink_protocol::ErrorCode::StoreCorrupt,
            "the store answered a group with the wrong number of outcomes",
        ))
    }
}
