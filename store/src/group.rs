//! Group commit: the messages of a batch are checked in parallel and recorded in one
//! transaction per group — one commit, one fsync — and each is reported only after the
//! commit of its group.

use std::sync::mpsc;
use std::time::{Duration, Instant};

use labourlink_protocol::time::Timestamp;
use labourlink_protocol::verify::{Profile, ReplayKey, Verified, Verifier, replay_error};
use labourlink_protocol::{Error, Result};

use crate::backend::{GroupWrite, ReplayOutcome};
use crate::{CaseWrite, NewMessage, Store, quarantine_kept, unavailable};

/// How long the commit thread sleeps between looks at the queue while a group fills.
const NAP: Duration = Duration::from_millis(1);

/// How [`Store::receive_many`] groups its commits: a group is committed when it holds
/// `max_messages` messages, when `max_wait` has passed since its first message was checked,
/// or when the input ends — whichever comes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroupCommit {
    max_messages: usize,
    max_wait: Duration,
}

impl GroupCommit {
    /// The default largest group.
    pub const DEFAULT_MAX_MESSAGES: usize = 256;
    /// The default longest wait for a group to fill.
    pub const DEFAULT_MAX_WAIT: Duration = Duration::from_millis(10);

    /// Sets the largest group (at least 1; 1 is one commit per message).
    #[must_use]
    pub fn max_messages(mut self, n: usize) -> Self {
        self.max_messages = n.max(1);
        self
    }

    /// Sets how long a group waits for more messages after its first one (zero: a group
    /// takes only the messages already checked when it starts).
    #[must_use]
    pub fn max_wait(mut self, wait: Duration) -> Self {
        self.max_wait = wait;
        self
    }

    /// The largest group.
    #[must_use]
    pub fn messages(&self) -> usize {
        self.max_messages
    }

    /// The longest wait for a group to fill.
    #[must_use]
    pub fn wait(&self) -> Duration {
        self.max_wait
    }
}

impl Default for GroupCommit {
    fn default() -> Self {
        Self {
            max_messages: Self::DEFAULT_MAX_MESSAGES,
            max_wait: Self::DEFAULT_MAX_WAIT,
        }
    }
}

/// One message of a group: the input and what became of it.
#[derive(Debug)]
#[non_exhaustive]
pub struct Received<B> {
    /// The message as given.
    pub input: B,
    /// Accepted — and committed, when the group has been written — or the rejection.
    pub result: Result<Verified>,
    /// A store failure beside the result: the rejected message could not be quarantined, or
    /// a redelivery's missing archive entry could not be repaired.
    pub side_error: Option<Error>,
}

impl<B> Received<B> {
    /// A message and the result of stages 1–7 ([`Verifier::check_at`]).
    pub fn new(input: B, result: Result<Verified>) -> Self {
        Self {
            input,
            result,
            side_error: None,
        }
    }
}

/// What [`Store::receive_many`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct GroupReport {
    /// Groups written (transactions attempted).
    pub groups: u64,
    /// Groups whose transaction failed: their messages were reported with the store error.
    pub failed_groups: u64,
}

/// What the store writes for one message of a group.
enum Plan {
    Receive {
        message: Box<NewMessage>,
        case: Option<Box<CaseWrite>>,
        keep_until: i64,
    },
    Quarantine {
        code: &'static str,
        digest: String,
        /// How many bytes of the input are kept ([`quarantine_kept`]).
        kept: usize,
        truncated: bool,
    },
    Nothing,
}

impl Store {
    /// Receives a group of messages already checked (stages 1–7: [`Verifier::check_at`] or
    /// [`Verifier::check_many_at`]) in **one transaction**: for each accepted message, in
    /// order, its replay record, archive entry and case (`replay.duplicate` or
    /// `replay.conflict` when a live record has its key — also one written earlier in the
    /// same group); each rejected message is quarantined. When `Ok` returns, everything is
    /// committed (fsync'd) and every `result` still `Ok` may be reported accepted.
    ///
    /// A redelivery (`replay.duplicate`) whose archive entry a crash lost gets it back, and a
    /// message refused as `replay.conflict` is quarantined (after the group's commit), as with
    /// [`Store::after_rejection`].
    ///
    /// # Errors
    /// The store's errors when the transaction failed: then nothing of the group is
    /// written, every accepted message's `result` is that error, and every rejected
    /// message's `side_error` too (not quarantined).
    pub fn receive_group<P: Profile, B: AsRef<[u8]>>(
        &self,
        verifier: &Verifier<P>,
        group: &mut [Received<B>],
        now: Timestamp,
    ) -> Result<()> {
        let now_ms = now.unix_millis();
        let plans: Vec<Plan> = group
            .iter()
            .map(|r| match &r.result {
                Ok(v) => {
                    // No copy of the document: the case is written from the verified one.
                    let message = Box::new(NewMessage::received_lean(r.input.as_ref(), v, now));
                    let case = self.case_write_for(v.document(), now).map(Box::new);
                    Plan::Receive {
                        message,
                        case,
                        keep_until: verifier.replay_keep_until(v, now).unix_millis(),
                    }
                }
                // The store is what failed: nothing to quarantine.
                Err(e) if e.code().family() == "store" => Plan::Nothing,
                Err(e) => {
                    let (kept, truncated) = quarantine_kept(r.input.as_ref(), e.code());
                    Plan::Quarantine {
                        code: e.code().as_str(),
                        digest: labourlink_protocol::verify::digest(r.input.as_ref()),
                        kept: kept.len(),
                        truncated,
                    }
                }
            })
            .collect();
        let mut writes = Vec::with_capacity(group.len());
        for (r, plan) in group.iter().zip(&plans) {
            match (plan, &r.result) {
                (
                    Plan::Receive {
                        message,
                        case,
                        keep_until,
                    },
                    Ok(v),
                ) => writes.push(GroupWrite::Receive {
                    key: key_of(v),
                    digest: v.digest(),
                    now: now_ms,
                    keep_until: *keep_until,
                    message,
                    case: case.as_deref(),
                    answer: None,
                }),
                (
                    Plan::Quarantine {
                        code,
                        digest,
                        kept,
                        truncated,
                    },
                    _,
                ) => {
                    writes.push(GroupWrite::Quarantine {
                        at: now_ms,
                        code,
                        digest,
                        bytes: &r.input.as_ref()[..*kept],
                        truncated: *truncated,
                    });
                }
                _ => {}
            }
        }
        if writes.is_empty() {
            return Ok(());
        }
        let outcomes = self.lock().write_group(&writes, self.quarantine_capacity);
        drop(writes);
        let outcomes = match outcomes {
            Ok(o) => o,
            Err(e) => {
                for (r, plan) in group.iter_mut().zip(&plans) {
                    match plan {
                        Plan::Receive { .. } => r.result = Err(e.clone()),
                        Plan::Quarantine { .. } => r.side_error = Some(e.clone()),
                        Plan::Nothing => {}
                    }
                }
                return Err(e);
            }
        };
        let mut outcomes = outcomes.into_iter();
        for (r, plan) in group.iter_mut().zip(&plans) {
            if matches!(plan, Plan::Nothing) {
                continue;
            }
            let outcome = outcomes.next();
            let Plan::Receive { .. } = plan else { continue };
            let refusal = match (&r.result, outcome) {
                (Ok(_), Some(ReplayOutcome::Recorded)) => continue,
                (Ok(v), Some(ReplayOutcome::Exists { digest })) => {
                    replay_error(&key_of(v), digest == v.digest())
                }
                _ => unavailable(
                    "the replay record changed under the store three times in a row; try again",
                ),
            };
            // As for one message: a redelivery gets its archive entry back if a crash lost
            // it, a conflicting message (another body under a live id) is quarantined.
            if let Err(e) = self.after_rejection(verifier, r.input.as_ref(), &refusal, now) {
                r.side_error = Some(e);
            }
            r.result = Err(refusal);
        }
        Ok(())
    }

    /// Verifies many messages and receives them with **group commit**: stages 1–7 run on
    /// `threads` worker threads ([`Verifier::check_many_at`], 0 = all cores) at the instant
    /// `now`, and a commit thread writes the results in groups ([`GroupCommit`]), each group
    /// in one transaction ([`Store::receive_group`]) while the next messages are checked.
    /// `sink` gets every message **in input order, after the commit of its group**: nothing
    /// it is told is accepted can be lost by a crash. A crash loses at most the groups not
    /// yet committed — messages never reported, which a redelivery receives normally.
    ///
    /// `sink` runs on the commit thread. A group whose transaction fails reports each of its
    /// accepted messages with the store's error (nothing of it is written) and the batch
    /// goes on with the next group.
    pub fn receive_many<P, I, B, F>(
        &self,
        verifier: &Verifier<P>,
        inputs: I,
        threads: usize,
        options: GroupCommit,
        now: Timestamp,
        mut sink: F,
    ) -> GroupReport
    where
        P: Profile,
        I: IntoIterator<Item = B>,
        B: AsRef<[u8]> + Send,
        F: FnMut(usize, Received<B>) + Send,
    {
        // Back-pressure: checking runs at most two groups ahead of the commits.
        let (tx, rx) = mpsc::sync_channel::<(usize, Received<B>)>(options.max_messages * 2);
        std::thread::scope(|scope| {
            let committer =
                scope.spawn(move || self.commit_groups(verifier, &rx, options, now, &mut sink));
            verifier.check_many_at(inputs, threads, now, |i, input, result| {
                // An error means the commit thread stopped (the sink panicked): the panic is
                // passed on below; the remaining results are dropped.
                let _ = tx.send((i, Received::new(input, result)));
            });
            drop(tx);
            match committer.join() {
                Ok(report) => report,
                Err(panic) => std::panic::resume_unwind(panic),
            }
        })
    }

    fn commit_groups<P, B, F>(
        &self,
        verifier: &Verifier<P>,
        rx: &mpsc::Receiver<(usize, Received<B>)>,
        options: GroupCommit,
        now: Timestamp,
        sink: &mut F,
    ) -> GroupReport
    where
        P: Profile,
        B: AsRef<[u8]>,
        F: FnMut(usize, Received<B>),
    {
        let mut report = GroupReport::default();
        let mut group = Vec::with_capacity(options.max_messages);
        while let Ok((first, r)) = rx.recv() {
            group.push(r);
            let deadline = Instant::now() + options.max_wait;
            let mut open = true;
            // The group fills from the queue in short naps rather than one wake-up per
            // message (a futex wake and a context switch each, a tenth of the store's cost).
            'fill: while group.len() < options.max_messages {
                loop {
                    match rx.try_recv() {
                        Ok((_, r)) => {
                            group.push(r);
                            if group.len() >= options.max_messages {
                                break 'fill;
                            }
                        }
                        Err(mpsc::TryRecvError::Empty) => break,
                        Err(mpsc::TryRecvError::Disconnected) => {
                            open = false;
                            break 'fill;
                        }
                    }
                }
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    break;
                }
                std::thread::sleep(left.min(NAP));
            }
            report.groups += 1;
            if self.receive_group(verifier, &mut group, now).is_err() {
                report.failed_groups += 1;
            }
            for (k, r) in group.drain(..).enumerate() {
                sink(first + k, r);
            }
            if !open {
                break;
            }
        }
        report
    }
}

fn key_of(v: &Verified) -> ReplayKey<'_> {
    let doc = v.document();
    ReplayKey {
        region: &doc.from.region,
        agency: &doc.from.agency,
        id: &doc.id,
    }
}
