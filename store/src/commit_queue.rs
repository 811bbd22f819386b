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
    reply: Reply,
}

/// How the commit thread answers one job: a callback, so a blocking caller can wait on a
/// channel and an async one on a future ([`CommitQueue::enqueue`]).
type Reply = Box<dyn FnOnce(Committed) + Send>;

/// The commit thread's answer for one message queued with [`CommitQueue::enqueue`]; finish
/// it with [`CommitQueue::finish`].
#[derive(Debug)]
pub struct Committed(Result<ReplayOutcome>);

impl Committed {
    /// Whether the message was recorded and committed: [`CommitQueue::finish`] then returns
    /// at once, without a store query. Otherwise (a redelivery, a conflict, a store error)
    /// `finish` may query and write the store: call it where blocking is allowed.
    #[must_use]
    pub fn is_recorded(&self) -> bool {
        matches!(self.0, Ok(ReplayOutcome::Recorded))
    }

    /// The answer for a job whose `done` callback was dropped without being called (the
    /// commit thread stopped): [`CommitQueue::finish`] returns `store.unavailable`, and the
    /// message may or may not have been written — the sender's retry finds out.
    #[must_use]
    pub fn lost() -> Self {
        Self(Err(unavailable(
            "the commit thread stopped before answering",
        )))
    }
}

/// A queue of accepted messages that one thread commits in groups ([`Store::commit_queue`]).
///
/// Cloning is cheap (a handle to the same queue). When the last handle is dropped, the
/// commit thread writes the groups already queued and stops, and the drop **waits for it**:
/// once a node's queue is gone, everything it acknowledged is written and the store is no
/// longer held by the thread (a caller waiting in [`CommitQueue::receive`] holds a handle, so
/// it is always answered).
#[derive(Clone)]
pub struct CommitQueue {
    store: Arc<Store>,
    thread: Arc<CommitThread>,
}

/// The commit thread and the sending end of its queue; dropped with the last
/// [`CommitQueue`] handle.
struct CommitThread {
    tx: Option<mpsc::Sender<Job>>,
    handle: Option<std::thread::JoinHandle<()>>,
}

impl Drop for CommitThread {
    fn drop(&mut self) {
        // Closing the queue ends the thread's loop once it has written what is queued.
        drop(self.tx.take());
        if let Some(h) = self.handle.take() {
            // A reply callback may drop the last handle on the commit thread itself: it
            // then ends on its own.
            if h.thread().id() != std::thread::current().id() {
                let _ = h.join();
            }
        }
    }
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
        let handle = std::thread::Builder::new()
            .name("labourlink-commit".into())
            .spawn(move || commit_loop(&store, &rx))
            .map_err(|e| unavailable(format!("cannot start the commit thread: {e}")))?;
        Ok(CommitQueue {
            store: Arc::clone(self),
            thread: Arc::new(CommitThread {
                tx: Some(tx),
                handle: Some(handle),
            }),
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
        let (tx, rx) = mpsc::sync_channel(1);
        self.enqueue(verifier, &v, jws, answer, now, move |c| {
            let _ = tx.send(c);
        })?;
        let committed = rx.recv().unwrap_or_else(|_| Committed::lost());
        self.finish(verifier, jws, v, committed, now)
    }

    /// The first half of [`CommitQueue::receive`] for a caller that must not block (an async
    /// HTTP handler): queues the writes of `verified` (which passed stages 1–7) and of
    /// `answer`, and returns at once. The commit thread calls `done` after the group's commit
    /// (or its failure), on its own thread: `done` should only hand the [`Committed`] on
    /// (a channel, a oneshot). Then call [`CommitQueue::finish`].
    ///
    /// # Errors
    /// `store.unavailable` when the commit thread has stopped (`done` is not called).
    pub fn enqueue<P: Profile>(
        &self,
        verifier: &Verifier<P>,
        verified: &Verified,
        jws: &[u8],
        answer: Option<NewMessage>,
        now: Timestamp,
        done: impl FnOnce(Committed) + Send + 'static,
    ) -> Result<()> {
        let doc = verified.document();
        let job = Job {
            region: doc.from.region.clone(),
            agency: doc.from.agency.clone(),
            id: doc.id.clone(),
            digest: verified.digest().to_owned(),
            now: now.unix_millis(),
            keep_until: verifier.replay_keep_until(verified, now).unix_millis(),
            message: NewMessage::received_lean(jws, verified, now),
            case: self.store.case_write_for(doc, now),
            answer: answer.map(|a| {
                let case = a
                    .document
                    .as_ref()
                    .and_then(|d| self.store.case_write_for(d, a.at));
                (a, case)
            }),
            reply: Box::new(done),
        };
        self.thread
            .tx
            .as_ref()
            .ok_or_else(|| unavailable("the commit thread has stopped"))?
            .send(job)
            .map_err(|_| unavailable("the commit thread has stopped"))
    }

    /// The second half of [`CommitQueue::receive`]: `Ok(verified)` when the commit recorded
    /// it; otherwise the refusal (`replay.duplicate` with the archive repaired,
    /// `replay.conflict` quarantined) or the store's error. Queries and writes the store
    /// only when [`Committed::is_recorded`] is false.
    ///
    /// # Errors
    /// As [`CommitQueue::receive`].
    pub fn finish<P: Profile>(
        &self,
        verifier: &Verifier<P>,
        jws: &[u8],
        verified: Verified,
        committed: Committed,
        now: Timestamp,
    ) -> Result<Verified> {
        let outcome = committed.0?;
        let doc = verified.document();
        let key = ReplayKey {
            region: &doc.from.region,
            agency: &doc.from.agency,
            id: &doc.id,
        };
        let refusal = match outcome {
            ReplayOutcome::Recorded => return Ok(verified),
            ReplayOutcome::Exists { digest } => replay_error(&key, digest == verified.digest()),
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
                    (job.reply)(Committed(Ok(outcome)));
                }
            }
            Err(e) => {
                for job in group.drain(..) {
                    (job.reply)(Committed(Err(e.clone())));
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
