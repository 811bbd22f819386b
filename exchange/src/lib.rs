//! # labourlink-exchange
//!
//! labourlink over HTTP. An **inbox** node (`labourlink serve --config node.toml`) takes
//! `POST /v1/messages` (`application/jose+json`), runs the full default verification
//! ([`labourlink::Verifier`]) with the durable store ([`labourlink_store::Store::receive`]),
//! and answers with a **signed receipt** (技术回执, the catalogue's `receipt`) once the message
//! is committed: `accepted` (200; the same receipt again for a redelivery), or `rejected` with
//! the error codes and JSON pointers (422; 409 for `replay.conflict`). It also publishes its
//! signed trust list (`GET /v1/trust-list`, `ETag`/`304`), `GET /healthz` and
//! `GET /metrics` (Prometheus text).
//!
//! The **client** ([`client::deliver`], `labourlink send`) posts a message with bounded
//! retries and verifies the receipt against the trust list and the sent message
//! ([`client::check_receipt`]).
//!
//! The decisions live in [`node::Node`] (no HTTP); [`server`] is the HTTP layer and its
//! limits; [`config::NodeConfig`] is `node.toml`. See `docs/EXCHANGE.md`.
#![forbid(unsafe_code)]

#[cfg(feature = "client")]
pub mod client;
pub mod config;
pub mod node;
#[cfg(feature = "client")]
pub mod outbox;
pub mod rate;
pub mod receipt;
#[cfg(feature = "server")]
pub mod server;

pub use config::{AdminConfig, Limits, NodeConfig, OutboxConfig, PurgeConfig};
pub use node::{Answer, Node};
