//! # labourlink-conformance
//!
//! The labourlink conformance suite: language-neutral vectors (`conformance/vectors/`), the
//! normative requirements they check (`conformance/REQUIREMENTS.md`), fixed TEST-ONLY keys
//! (`conformance/keys/`), and the runner that drives any implementation through a *harness*
//! speaking newline-delimited JSON on stdin/stdout (`conformance/protocol/`).
//!
//! * [`cli_main`] — the `labourlink-conformance` command (`run`, `regen`, `list`, `harness`);
//!   [`ConformanceCommand`] is its `clap` subcommand type, which `labourlink conformance …`
//!   embeds.
//! * [`runner::run`] — run a harness over the vectors (a run in which nothing was tested fails);
//!   [`report`] — terminal, JSON, JUnit, Markdown and HTML reports, each naming the suite
//!   version and the vector-set hash.
//! * [`suite`] — the vectors and keys embedded in this build (or read from directories) and
//!   the SHA-256 hashes that identify them.
//! * [`regen::regen`] — write the generated vectors and complete hand-written ones.
//! * [`exec::execute`] — one case through the core library (the Rust harness).
//! * [`progress`] — the progress line of long runs on a terminal (silent when piped).
#![forbid(unsafe_code)]

pub mod cli;
pub mod compare;
pub mod exec;
pub mod generated;
pub mod harness;
pub mod keys;
pub mod progress;
pub mod recipe;
pub mod regen;
pub mod report;
pub mod runner;
pub mod suite;
mod tree;
pub mod util;
pub mod vectors;

pub use cli::{Cli, ConformanceCommand, cli_main};
