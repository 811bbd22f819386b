//! The command line, declared with `clap`'s derive API: every command, flag and default.
//! Parse errors are usage errors (exit 2); `--help` and `--version` exit 0.

use clap::builder::{PossibleValuesParser, TypedValueParser as _};
use clap::{Args, Parser, Subcommand};
use labourlink::keys::Algorithm;
use labourlink::time::{DateOnly, Timestamp};

/// The longest `--give-up-after` (hours): ten years. A longer one is an error, not a message
/// kept pending for ever with a date no tool can print.
pub(crate) const MAX_GIVE_UP_HOURS: u64 = labourlink_exchange::outbox::MAX_GIVE_UP_HOURS;

const AFTER_HELP: &str = "\
TIME is RFC 3339 with an offset or Z, e.g. 2026-12-05T14:30:00+08:00 or 2026-11-27T08:00:00Z
(normalised to UTC Z); where a date makes sense (--valid-from, --valid-until, --next-update,
--since) a bare 2026-12-05 is midnight China Standard Time. Files the command writes are never
overwritten without --force; a file read whole stops at 64 MiB (cli.io). --json prints one JSON
object (errors: {\"status\":\"error\", …}).
Exit status: 0 ok, 1 rejected/failed, 2 usage (also: a file would be overwritten).
`labourlink COMMAND --help` describes each command.";

/// `labourlink`: the whole command line.
#[derive(Debug, Parser)]
#[command(
    name = "labourlink",
    version,
    about = "labourlink — signed, verifiable messages between Ningbo and its partner regions",
    after_help = AFTER_HELP,
    propagate_version = true
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Cmd,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Cmd {
    /// Generate a signing key (PKCS#8 PEM, mode 0600) and optionally its public JWK
    Keygen(KeygenArgs),
    /// Create, edit, sign and show trust lists (信任列表)
    #[command(subcommand)]
    TrustList(TrustListCmd),
    /// Sign, show and verify reference data (参考数据): the holiday calendar and GB/T 2260
    /// changes the business rules use instead of the embedded tables
    #[command(subcommand)]
    ReferenceData(RefDataCmd),
    /// Sign a document; prints the JWS (General JSON serialization)
    ///
    /// A draft may leave out what the signer fills in: spec, id, issued_at, schema_version.
    Sign(SignArgs),
    /// Verify a message (or a batch) against a trust list: every stage, schema and rules
    /// included
    ///
    /// Exit 0: the document and its digest; exit 1: code, message and JSON pointer.
    /// With --batch FILE.ndjson: one message per line, one NDJSON result line per message,
    /// in input order.
    Verify(VerifyArgs),
    /// Print the RFC 8785 canonical form of a JSON file
    Canonicalize {
        /// The JSON file (- for standard input)
        #[arg(value_name = "FILE.json")]
        file: String,
    },
    /// Decode a message without verifying it
    Inspect {
        /// The message
        #[arg(value_name = "MESSAGE.jws")]
        message: String,
        /// Print what was decoded as JSON ("verified": false)
        #[arg(long)]
        json: bool,
    },
    /// Check a document: envelope, schema and business rules (no signature)
    Validate {
        /// Print the report as JSON
        #[arg(long)]
        json: bool,
        /// The document (- for standard input)
        #[arg(value_name = "DOCUMENT.json")]
        document: String,
    },
    /// Print a complete example document of a message type, e.g. receipt
    Example {
        /// The message type
        #[arg(
            value_name = "TYPE",
            value_parser = PossibleValuesParser::new(labourlink::envelope::MESSAGE_TYPES.iter().copied()),
            hide_possible_values = true
        )]
        message_type: String,
    },
    /// Print the Markdown tables of every error code and business-rule code (docs/error-codes.md)
    ErrorCodes,
    /// Print the bilingual page of business rules, their sources and parameters (docs/RULES.md)
    Rules,
    /// The conformance suite (see conformance/README.md)
    Conformance {
        #[command(subcommand)]
        command: labourlink_conformance::ConformanceCommand,
    },
    /// Initialise, migrate, purge, check and copy a durable store (SQLite file or PostgreSQL
    /// database)
    #[command(subcommand)]
    Store(StoreCmd),
    /// Cases recorded in a durable store: list them (all, --open, --overdue, --due-within N),
    /// show one with its history, draft a reminder (催办)
    ///
    /// Deadlines are counted in working days with the rule parameters and the holiday
    /// calendar (调休 make-up days included). DATE is YYYY-MM-DD; --at defaults to today in
    /// China Standard Time.
    Cases(CasesArgs),
    /// The message archive of a durable store: show a message, export the archive (NDJSON)
    ///
    /// The archived bodies are the exact signed messages, and they carry PERSONAL DATA
    /// (names, citizen ID numbers, social-insurance numbers, amounts, medical-transfer
    /// details): keep what you export as protected as the store, and prefer --no-bodies
    /// for audit extracts.
    #[command(subcommand)]
    Archive(ArchiveCmd),
    /// Run an inbox node over HTTP: POST /v1/messages is verified, stored and answered with a
    /// signed receipt (see docs/EXCHANGE.md); stops on SIGINT/SIGTERM
    Serve {
        /// The node's configuration
        #[arg(long, value_name = "node.toml")]
        config: String,
        #[command(flatten)]
        log: LogArgs,
    },
    /// Deliver a message to a partner's inbox and check the signed receipt it answers with
    ///
    /// With --store the message goes into the durable outbox first (发件箱) and is retried
    /// across restarts (by `outbox run` or a serving node on the same store); without it,
    /// bounded retries in this process only. The inbox URL is --to, or the addressee's
    /// endpoint in the trust list. Exit 0: accepted; exit 1: rejected (codes and JSON
    /// pointers printed), no receipt yet, or undeliverable.
    Send(SendArgs),
    /// The durable outbox of a store: what waits, what was delivered, retry or drop
    #[command(subcommand)]
    Outbox(OutboxCmd),
    /// Run the end-to-end demo: keys, a trust list, signing, verification and rejections
    Demo {
        /// Run each region's inbox node as its own `labourlink serve` process (a node.toml
        /// each, in the demo's temporary folder) instead of inside this process
        #[arg(long)]
        processes: bool,
    },
    /// Print a shell completion script, e.g. `labourlink completions bash > labourlink.bash`
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Args)]
pub(crate) struct KeygenArgs {
    /// The algorithm: its JWS name; `SM2` is short for `SM2SM3` (SM2 with SM3, default user id)
    #[arg(
        long,
        value_name = "ALG",
        value_parser = PossibleValuesParser::new(["Ed25519", "ES256", "SM2SM3", "SM2"])
            .try_map(|s| if s == "SM2" { Ok(Algorithm::Sm2) } else { s.parse::<Algorithm>() })
    )]
    pub(crate) alg: Algorithm,
    /// Where to write the private key (PKCS#8 PEM, mode 0600)
    #[arg(long, value_name = "KEY.pem")]
    pub(crate) out: String,
    /// Where to write the public key (JWK)
    #[arg(long = "public-out", value_name = "KEY.jwk")]
    pub(crate) public_out: Option<String>,
    /// The key id, written into the public JWK
    #[arg(long, value_name = "K")]
    pub(crate) kid: Option<String>,
    /// Replace existing key files (without it an existing --out or --public-out is refused)
    #[arg(long)]
    pub(crate) force: bool,
    /// Print what was written as JSON
    #[arg(long)]
    pub(crate) json: bool,
    /// Write the private key encrypted (ENCRYPTED PRIVATE KEY: PBES2, PBKDF2-HMAC-SHA-256,
    /// AES-256-CBC) with a password asked twice at the terminal
    #[arg(long)]
    pub(crate) encrypt: bool,
    /// Encrypt the private key with the first line of this file as its password
    #[arg(long, value_name = "FILE", conflicts_with = "key_password_env")]
    pub(crate) key_password_file: Option<String>,
    /// Encrypt the private key with the password in this environment variable
    #[arg(long, value_name = "VAR")]
    pub(crate) key_password_env: Option<String>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum TrustListCmd {
    /// Write a new, empty, unsigned trust list draft
    New(TlNewArgs),
    /// Add a partner's public key to a draft
    AddKey(TlAddKeyArgs),
    /// Mark a key retired since a time (messages signed before stay valid)
    Retire(TlStatusArgs),
    /// Mark a key revoked (compromised): nothing it signed verifies any more, whatever the
    /// message's date; --since records when the compromise began
    Revoke(TlStatusArgs),
    /// Sign a draft with the trust anchor's key
    Sign(TlSignArgs),
    /// Check a trust list's hygiene: the refusals of loading, plus an anchor key listed as a
    /// partner key (error), non-ASCII kids or agencies, agency codes shared by two regions,
    /// keys valid for over five years, '*' type patterns (warnings). Exit 1 on any error
    Check(TlCheckArgs),
    /// Fetch the signed trust list from a node or the anchor holder (conditional GET),
    /// verify it against the pinned anchor and, with --store, refuse a rollback against the
    /// list accepted before and record it; the last good list stays when this fails
    Fetch {
        /// Where the list is published, e.g. https://inbox.ningbo.example.invalid/v1/trust-list
        url: String,
        /// The pinned trust anchor (public JWK); may be given several times (an anchor
        /// rotation: a document signed by any of them)
        #[arg(long, value_name = "ANCHOR.jwk", required = true)]
        anchor: Vec<String>,
        /// The store holding the last accepted list (rollback check, If-None-Match)
        #[arg(long, value_name = "URL")]
        store: Option<String>,
        /// Write the verified list here
        #[arg(long, value_name = "TL.jws")]
        out: Option<String>,
        /// Replace an existing --out file
        #[arg(long, requires = "out")]
        force: bool,
        /// Print the result as JSON
        #[arg(long)]
        json: bool,
    },
    /// After an anchor's key leaked: make the store forget the trust list and reference data
    /// it accepted from that anchor (which whoever holds the key may have signed), so that the
    /// new anchor's lists are no longer checked against them. Stop the node and unpin the
    /// anchor first
    ForgetAnchor {
        /// The store
        #[arg(long, value_name = "URL")]
        store: String,
        /// The key id of the anchor to forget
        #[arg(long, value_name = "KID")]
        kid: String,
        /// Print the result as JSON
        #[arg(long)]
        json: bool,
    },
    /// Show a trust list, signed or draft (the signature is NOT checked)
    Show {
        /// The trust list
        #[arg(value_name = "TL.jws|TL.json")]
        file: String,
        /// Print the list as JSON
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum RefDataCmd {
    /// Sign a reference-data draft (a full `reference_data` document) with the trust anchor's
    /// key; the body is checked first
    Sign(RdSignArgs),
    /// Show a reference-data document, signed or draft (the signature is NOT checked)
    Show {
        /// The document
        #[arg(value_name = "RD.jws|RD.json")]
        file: String,
        /// Print it as JSON
        #[arg(long)]
        json: bool,
    },
    /// Verify a signed reference-data document as a verifier loads it: signed by a pinned
    /// anchor, well-formed, not stale; with --min-sequence or --store, not a rollback
    Verify(RdVerifyArgs),
    /// Fetch signed reference data from a node (GET /v1/reference-data, conditional), verify
    /// it against the pinned anchor and, with --store, refuse a rollback and record it
    Fetch {
        /// Where it is published, e.g. https://inbox.ningbo.example.invalid/v1/reference-data
        url: String,
        /// The pinned trust anchor (public JWK); may be given several times (an anchor
        /// rotation: a document signed by any of them)
        #[arg(long, value_name = "ANCHOR.jwk", required = true)]
        anchor: Vec<String>,
        /// The store holding the last accepted document (rollback check, If-None-Match)
        #[arg(long, value_name = "URL")]
        store: Option<String>,
        /// Write the verified document here
        #[arg(long, value_name = "RD.jws")]
        out: Option<String>,
        /// Replace an existing --out file
        #[arg(long, requires = "out")]
        force: bool,
        /// Print the result as JSON
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub(crate) struct RdSignArgs {
    /// The draft to sign
    #[arg(value_name = "RD.json")]
    pub(crate) file: String,
    /// The trust anchor's private key (PEM: PKCS#8, SEC1 or encrypted PKCS#8)
    #[arg(long, value_name = "ANCHOR.pem")]
    pub(crate) key: String,
    #[command(flatten)]
    pub(crate) password: KeyPasswordArgs,
    /// The trust anchor's key id
    #[arg(long, value_name = "ANCHOR_KID")]
    pub(crate) kid: String,
    /// Where to write the signed document
    #[arg(long, value_name = "RD.jws")]
    pub(crate) out: String,
    /// Signing time [default: now]
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    pub(crate) at: Option<Timestamp>,
    /// Replace an existing --out file
    #[arg(long)]
    pub(crate) force: bool,
    /// Print the result as JSON
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(Debug, Args)]
pub(crate) struct RdVerifyArgs {
    /// The signed document
    #[arg(value_name = "RD.jws")]
    pub(crate) file: String,
    /// A pinned trust anchor (public JWK); may be given several times
    #[arg(long, value_name = "ANCHOR.jwk", required = true)]
    pub(crate) anchor: Vec<String>,
    /// The time staleness is checked at [default: now]
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    pub(crate) at: Option<Timestamp>,
    /// Refuse a sequence lower than this (the highest accepted before)
    #[arg(long = "min-sequence", value_name = "N")]
    pub(crate) min_sequence: Option<u64>,
    /// The store: refuse a rollback against the document accepted before and record this one
    #[arg(long, value_name = "URL")]
    pub(crate) store: Option<String>,
    /// Print the result as JSON
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(Debug, Args)]
pub(crate) struct TlCheckArgs {
    /// The trust list, signed or draft
    #[arg(value_name = "TL.jws|TL.json")]
    pub(crate) file: String,
    /// A pinned trust anchor (public JWK); may be given several times. A signed list is then
    /// also loaded as a verifier loads it: its signature by one of these anchors, and not stale
    #[arg(long, value_name = "ANCHOR.jwk")]
    pub(crate) anchor: Vec<String>,
    /// The time a signed list's staleness is checked at [default: now]
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    pub(crate) at: Option<Timestamp>,
    /// Print the findings as JSON
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(Debug, Args)]
pub(crate) struct TlNewArgs {
    /// Where to write the draft
    #[arg(long, value_name = "TL.json")]
    pub(crate) out: String,
    /// The sequence number
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub(crate) sequence: u64,
    /// When the next list is due (TIME or DATE) [default: 30 days from now]
    #[arg(long = "next-update", value_name = "TIME", value_parser = parse_time_or_date)]
    pub(crate) next_update: Option<Timestamp>,
    /// The issuer's region code
    #[arg(long, value_name = "R", default_value = "330200")]
    pub(crate) region: String,
    /// The issuer's agency
    #[arg(long, value_name = "A", default_value = "330200-trust-anchor")]
    pub(crate) agency: String,
    /// The issuer's name
    #[arg(
        long,
        value_name = "NAME",
        default_value = "宁波市人力资源和社会保障局 信任锚"
    )]
    pub(crate) name: String,
    /// Replace an existing draft (without it an existing --out is refused)
    #[arg(long)]
    pub(crate) force: bool,
    /// Print the result as JSON
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(Debug, Args)]
pub(crate) struct TlAddKeyArgs {
    /// The draft to change
    #[arg(value_name = "TL.json")]
    pub(crate) file: String,
    /// The key id
    #[arg(long, value_name = "K")]
    pub(crate) kid: String,
    /// The key holder's region code
    #[arg(long, value_name = "R")]
    pub(crate) region: String,
    /// The key holder's agency
    #[arg(long, value_name = "A")]
    pub(crate) agency: String,
    /// The public key (JWK)
    #[arg(long, value_name = "KEY.jwk")]
    pub(crate) public: String,
    /// The message types the key may sign, comma-separated; a trailing .* is a prefix
    #[arg(long, value_name = "'social_insurance.*,receipt'")]
    pub(crate) types: String,
    /// Valid from (TIME or DATE)
    #[arg(long = "valid-from", value_name = "TIME", value_parser = parse_time_or_date)]
    pub(crate) valid_from: Timestamp,
    /// Valid until (TIME or DATE) [default: open-ended]
    #[arg(long = "valid-until", value_name = "TIME", value_parser = parse_time_or_date)]
    pub(crate) valid_until: Option<Timestamp>,
    /// The key holder's inbox URL (https://…/v1/messages), where senders deliver to it
    /// (收件地址; makes the list schema version 1.1)
    #[arg(long, value_name = "URL")]
    pub(crate) endpoint: Option<String>,
    /// Print the result as JSON
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(Debug, Args)]
pub(crate) struct TlStatusArgs {
    /// The draft to change
    #[arg(value_name = "TL.json")]
    pub(crate) file: String,
    /// The key id
    #[arg(long, value_name = "K")]
    pub(crate) kid: String,
    /// Since when (TIME or DATE)
    #[arg(long, value_name = "TIME", value_parser = parse_time_or_date)]
    pub(crate) since: Timestamp,
    /// Print the result as JSON
    #[arg(long)]
    pub(crate) json: bool,
}

/// Where the password of an encrypted key file comes from. Never a password on the command
/// line (other users see it in the process list); without either option, a terminal is asked.
#[derive(Debug, Args)]
pub(crate) struct KeyPasswordArgs {
    /// For an encrypted key: a file whose first line is its password
    #[arg(long, value_name = "FILE", conflicts_with = "key_password_env")]
    pub(crate) key_password_file: Option<String>,
    /// For an encrypted key: the environment variable that holds its password
    #[arg(long, value_name = "VAR")]
    pub(crate) key_password_env: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct TlSignArgs {
    /// The draft to sign
    #[arg(value_name = "TL.json")]
    pub(crate) file: String,
    /// The trust anchor's private key (PEM: PKCS#8, SEC1 or encrypted PKCS#8)
    #[arg(long, value_name = "ANCHOR.pem")]
    pub(crate) key: String,
    #[command(flatten)]
    pub(crate) password: KeyPasswordArgs,
    /// The trust anchor's key id
    #[arg(long, value_name = "ANCHOR_KID")]
    pub(crate) kid: String,
    /// Where to write the signed list
    #[arg(long, value_name = "TL.jws")]
    pub(crate) out: String,
    /// The list this one replaces (the one published now): the signed list gets its sequence
    /// plus one and is checked as a node checks a newer list (no key id bound to another
    /// key, every revoked key still listed as revoked). Nodes refuse a list whose sequence
    /// is not higher than the one they hold (trust_list.rollback)
    #[arg(long, value_name = "PREVIOUS.jws", conflicts_with = "sequence")]
    pub(crate) after: Option<String>,
    /// The sequence to sign the list with, instead of the draft's
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub(crate) sequence: Option<u64>,
    /// Signing time [default: now]
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    pub(crate) at: Option<Timestamp>,
    /// Replace an existing --out file (a list signed before)
    #[arg(long)]
    pub(crate) force: bool,
    /// Print the result as JSON
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(Debug, Args)]
pub(crate) struct SignArgs {
    /// The document (a draft may leave out spec, id, issued_at and schema_version)
    #[arg(value_name = "DOCUMENT.json")]
    pub(crate) document: String,
    /// The private key (PEM: PKCS#8, SEC1 or encrypted PKCS#8)
    #[arg(long, value_name = "KEY.pem")]
    pub(crate) key: String,
    #[command(flatten)]
    pub(crate) password: KeyPasswordArgs,
    /// The key id
    #[arg(long, value_name = "K")]
    pub(crate) kid: String,
    /// Signing time [default: now]
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    pub(crate) at: Option<Timestamp>,
    /// Give the document a new id and issued_at (the signing time) even if it has them, e.g.
    /// to send a catalogue example: verifiers refuse transactional messages older than 30 days;
    /// an expires_at moves by as much, keeping the document's validity span
    #[arg(long)]
    pub(crate) reissue: bool,
    /// Write the JWS to this file instead of standard output
    #[arg(long, value_name = "MESSAGE.jws")]
    pub(crate) out: Option<String>,
    /// Replace an existing --out file
    #[arg(long, requires = "out")]
    pub(crate) force: bool,
    /// Print {"status":"ok", "id", "type", "kid", "jws" (null with --out), "out"} as JSON
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(Debug, Args)]
pub(crate) struct VerifyArgs {
    /// The message
    #[arg(
        value_name = "MESSAGE.jws",
        required_unless_present = "batch",
        conflicts_with = "batch"
    )]
    pub(crate) message: Option<String>,
    /// The signed trust list
    #[arg(long = "trust-list", value_name = "TL.jws")]
    pub(crate) trust_list: String,
    /// The pinned trust anchor (public JWK); may be given several times (an anchor rotation:
    /// a list signed by any of them)
    #[arg(long, value_name = "ANCHOR.jwk", required = true)]
    pub(crate) anchor: Vec<String>,
    /// This verifier's region code, e.g. 330200
    #[arg(long, value_name = "R")]
    pub(crate) region: String,
    /// Verification time [default: now]
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    pub(crate) at: Option<Timestamp>,
    /// Tolerated clock skew [default: 300]
    #[arg(long, value_name = "SECONDS", allow_negative_numbers = true)]
    pub(crate) leeway: Option<i64>,
    /// This verifier's agency (e.g. 11330200MB0P21461X): messages must be addressed to it too
    #[arg(long, value_name = "A")]
    pub(crate) agency: Option<String>,
    /// Maximum age of transactional messages [default: 2592000, 30 days; long-lived
    /// documents such as contribution certificates have none]
    #[arg(
        long = "max-age",
        value_name = "SECONDS",
        allow_negative_numbers = true
    )]
    pub(crate) max_age: Option<i64>,
    /// Refuse a trust list older than this sequence (the highest one accepted before), so an
    /// older list in which a since-revoked key is active cannot be replayed
    #[arg(long = "min-sequence", value_name = "N")]
    pub(crate) min_sequence: Option<u64>,
    /// Signed reference data (holiday calendar, GB/T 2260 changes) for the business rules,
    /// verified with --anchor; with --store an older one than accepted before is refused
    #[arg(long = "reference-data", value_name = "RD.jws")]
    pub(crate) reference_data: Option<String>,
    /// Print the result (or the rejection) as JSON
    #[arg(long)]
    pub(crate) json: bool,
    /// Verify every line of FILE.ndjson; print one NDJSON result per line
    #[arg(long, value_name = "FILE.ndjson")]
    pub(crate) batch: Option<String>,
    /// Worker threads for --batch (0 = all cores)
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub(crate) threads: usize,
    /// No progress line for --batch (it is shown only when stderr is a terminal)
    #[arg(long, short = 'q')]
    pub(crate) quiet: bool,
    /// With --batch and --store: commit at most N messages per transaction (group commit;
    /// a message is reported only after its group committed)
    #[arg(
        long = "group-size",
        value_name = "N",
        default_value_t = 256,
        requires = "store"
    )]
    pub(crate) group_size: usize,
    /// With --batch and --store: commit a group at the latest MS milliseconds after its first
    /// message was checked
    #[arg(
        long = "group-wait-ms",
        value_name = "MS",
        default_value_t = 10,
        requires = "store"
    )]
    pub(crate) group_wait_ms: u64,
    /// A durable store (sqlite:///path/store.db or postgresql://user@host/db, made by `store
    /// init`): replay records survive restarts and are shared by processes, accepted messages
    /// are archived, rejected ones quarantined, and the trust list's sequence is kept (an
    /// older list is refused; the last accepted list is used when --trust-list is unreadable)
    #[arg(long, value_name = "URL")]
    pub(crate) store: Option<String>,
    /// DANGEROUS: with --store, let --at lie more than an hour from this machine's clock. The
    /// archive records an accepted message as received at --at, for good (archive verify
    /// judges it as of then): for a throwaway store in a test, never for records
    #[arg(long = "dangerous-archive-time", requires_all = ["store", "at"])]
    pub(crate) dangerous_archive_time: bool,
}

#[derive(Debug, Args)]
pub(crate) struct SendArgs {
    /// The partner's inbox, e.g. https://inbox.example.invalid/v1/messages [default: the
    /// addressee's endpoint in --trust-list]
    #[arg(long, value_name = "URL")]
    pub(crate) to: Option<String>,
    /// The signed message
    #[arg(value_name = "MESSAGE.jws")]
    pub(crate) message: String,
    /// The signed trust list: the receipt must be signed by the addressee's key in it
    /// (required, unless --dangerous-unchecked-receipts)
    #[arg(
        long = "trust-list",
        value_name = "TL.jws",
        requires = "anchor",
        required_unless_present = "dangerous_unchecked_receipts"
    )]
    pub(crate) trust_list: Option<String>,
    /// The pinned trust anchor (public JWK) that signed the trust list; may be given several
    /// times (an anchor rotation)
    #[arg(long, value_name = "ANCHOR.jwk", requires = "trust_list")]
    pub(crate) anchor: Vec<String>,
    /// DANGEROUS: accept the inbox's receipt without checking its signature (anyone
    /// answering on the inbox's address could forge it), instead of --trust-list and --anchor;
    /// the message's URL must then be given with --to
    #[arg(long, conflicts_with = "trust_list", requires = "to")]
    pub(crate) dangerous_unchecked_receipts: bool,
    /// Queue the message in this store's durable outbox (and archive it as sent) before
    /// delivering: sqlite:///path/store.db or postgresql://…
    #[arg(long, value_name = "URL")]
    pub(crate) store: Option<String>,
    /// With --store: wait up to SECONDS for the receipt (retrying); without it one attempt
    /// is made now and the outbox retries later
    #[arg(long, value_name = "SECONDS", num_args = 0..=1, default_missing_value = "600", requires = "store")]
    pub(crate) wait: Option<u64>,
    /// With --store: hours after which an undelivered message is given up (undeliverable; at
    /// most 87600, ten years)
    #[arg(
        long = "give-up-after",
        value_name = "HOURS",
        default_value_t = 72,
        requires = "store",
        value_parser = clap::value_parser!(u64).range(1..=MAX_GIVE_UP_HOURS)
    )]
    pub(crate) give_up_after: u64,
    /// Without --store: the most delivery attempts
    #[arg(long, value_name = "N", default_value_t = 5, conflicts_with = "store")]
    pub(crate) attempts: u32,
    /// Write the receipt (JWS, as received) to this file
    #[arg(long = "receipt-out", value_name = "RECEIPT.jws")]
    pub(crate) receipt_out: Option<String>,
    /// Replace an existing --receipt-out file
    #[arg(long, requires = "receipt_out")]
    pub(crate) force: bool,
    /// Print the outcome as JSON
    #[arg(long)]
    pub(crate) json: bool,
    /// Trust only the root certificates in this PEM file for the inbox's TLS (a private or
    /// government CA) instead of the public ones
    #[arg(long, value_name = "CA.pem")]
    pub(crate) ca: Option<String>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum OutboxCmd {
    /// List the outbox: counts per state, then the messages (newest first)
    Status {
        /// The store
        #[arg(long, value_name = "URL")]
        store: String,
        /// Only messages in this state
        #[arg(long, value_parser = PossibleValuesParser::new(["pending", "delivered", "rejected", "undeliverable", "dropped"]))]
        state: Option<String>,
        /// At most N messages
        #[arg(long, value_name = "N", default_value_t = 50)]
        limit: u64,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Make an undeliverable (or waiting) message due now again
    Retry {
        /// The store
        #[arg(long, value_name = "URL")]
        store: String,
        /// The outbox number (SEQ in `outbox status`)
        seq: i64,
        /// Post it from now on to this inbox URL (e.g. where a partner's inbox moved); it then
        /// no longer follows the trust list's endpoint
        #[arg(long, value_name = "URL")]
        to: Option<String>,
        /// Hours from now after which it is given up again (at most 87600, ten years)
        #[arg(
            long = "give-up-after",
            value_name = "HOURS",
            default_value_t = 72,
            value_parser = clap::value_parser!(u64).range(1..=MAX_GIVE_UP_HOURS)
        )]
        give_up_after: u64,
        /// Print the result as JSON
        #[arg(long)]
        json: bool,
    },
    /// Never send a pending or undeliverable message (it stays listed as dropped)
    Drop {
        /// The store
        #[arg(long, value_name = "URL")]
        store: String,
        /// The outbox number (SEQ in `outbox status`)
        seq: i64,
        /// Print the result as JSON
        #[arg(long)]
        json: bool,
    },
    /// Deliver what is due, checking receipts against the trust list; with --once, one pass
    Run {
        /// The store
        #[arg(long, value_name = "URL")]
        store: String,
        /// The signed trust list the receipts are checked against (required, unless
        /// --dangerous-unchecked-receipts)
        #[arg(
            long = "trust-list",
            value_name = "TL.jws",
            requires = "anchor",
            required_unless_present = "dangerous_unchecked_receipts"
        )]
        trust_list: Option<String>,
        /// The pinned trust anchor (public JWK); may be given several times (an anchor
        /// rotation)
        #[arg(long, value_name = "ANCHOR.jwk", requires = "trust_list")]
        anchor: Vec<String>,
        /// DANGEROUS: mark messages delivered on receipts whose signatures are NOT checked
        /// (anyone answering on the inbox's address could forge them); instead of
        /// --trust-list and --anchor
        #[arg(long, conflicts_with = "trust_list")]
        dangerous_unchecked_receipts: bool,
        /// One pass over what is due, then exit (for cron); otherwise until SIGINT/SIGTERM
        #[arg(long)]
        once: bool,
        #[command(flatten)]
        log: LogArgs,
        /// Trust only the root certificates in this PEM file for the inboxes' TLS
        #[arg(long, value_name = "CA.pem")]
        ca: Option<String>,
        /// With --once: print the pass's counts as JSON
        #[arg(long, requires = "once")]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum StoreCmd {
    /// Create the store (the SQLite file, the tables) or bring it up to date; an existing
    /// store is kept
    Init {
        /// The store
        #[arg(long, value_name = "URL")]
        store: String,
        /// Print the result as JSON
        #[arg(long)]
        json: bool,
    },
    /// Apply pending schema migrations to an existing store
    Migrate {
        /// The store
        #[arg(long, value_name = "URL")]
        store: String,
        /// Print the result as JSON
        #[arg(long)]
        json: bool,
    },
    /// Delete expired replay records and, with --retention-days, the bodies of older archived
    /// messages (id, digest and outcome stay) and older quarantined messages; bounded
    Purge(StorePurgeArgs),
    /// Give back the space of purged bodies and rows (SQLite: rewrites the file, so stop the
    /// node first and have as much free disk as the file; PostgreSQL: VACUUM (ANALYZE))
    Compact {
        /// The store
        #[arg(long, value_name = "URL")]
        store: String,
        /// Print the result as JSON
        #[arg(long)]
        json: bool,
    },
    /// Read the whole store to find damage (after a restore, a disk error or a crash of the
    /// machine; SQLite: integrity_check, minutes for gigabytes); exit 1 with what was found
    Check {
        /// The store
        #[arg(long, value_name = "URL")]
        store: String,
        /// Print the result as JSON
        #[arg(long)]
        json: bool,
    },
    /// After a restore from a backup: record again what this node accepted since the backup,
    /// from the receipts it signed that its partners hold (`labourlink archive export
    /// --receipts-from REGION` on their side) — their replay records, so a redelivery is a
    /// duplicate answered with the same receipt, and the receipts themselves. Each receipt is
    /// verified against the trust list first
    Recover(StoreRecoverArgs),
    /// Copy a whole store into a new, empty one — e.g. from SQLite to PostgreSQL when a node
    /// grows to several processes: replay records, archive, cases, outbox, quarantine and
    /// the last accepted trust list and reference data, row numbers kept. Stop every process
    /// that uses either store first; a copy that fails leaves the target empty
    Copy {
        /// The store to copy (read only; its writers wait until the copy ends)
        #[arg(long, value_name = "URL")]
        from: String,
        /// The new store (made if needed, as `store init` makes it; it must be empty)
        #[arg(long, value_name = "URL")]
        to: String,
        /// Print the result as JSON
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub(crate) struct StoreRecoverArgs {
    /// The restored store
    #[arg(long, value_name = "URL")]
    pub(crate) store: String,
    /// The signed trust list the receipts are verified against
    #[arg(long = "trust-list", value_name = "TL.jws")]
    pub(crate) trust_list: String,
    /// The pinned trust anchor (public JWK); may be given several times (an anchor rotation)
    #[arg(long, value_name = "ANCHOR.jwk", required = true)]
    pub(crate) anchor: Vec<String>,
    /// This node's region: only receipts it signed are taken
    #[arg(long, value_name = "R")]
    pub(crate) region: String,
    /// Files of receipts: `archive export` NDJSON lines, or one JWS per line
    #[arg(value_name = "FILE.ndjson", required = true)]
    pub(crate) files: Vec<String>,
    /// When the backup was made: receipts dated more than an hour (the largest clock leeway)
    /// before it are for messages the backup holds, and are skipped [default: the newest
    /// `issued_at` of the messages the restored store received]
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    pub(crate) since: Option<Timestamp>,
    /// Print the result as JSON
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(Debug, Args)]
#[command(subcommand_negates_reqs = true, args_conflicts_with_subcommands = true)]
pub(crate) struct CasesArgs {
    #[command(subcommand)]
    pub(crate) sub: Option<CasesCmd>,
    #[command(flatten)]
    pub(crate) list: CasesListArgs,
}

#[derive(Debug, Args)]
pub(crate) struct CasesListArgs {
    /// The store
    #[arg(long, value_name = "URL", required = true)]
    pub(crate) store: Option<String>,
    /// Only open cases
    #[arg(long, conflicts_with_all = ["overdue", "due_within"])]
    pub(crate) open: bool,
    /// Only open cases whose awaited message was due before --at
    #[arg(long, conflicts_with = "due_within")]
    pub(crate) overdue: bool,
    /// Only open cases due from --at to N working days after it
    #[arg(long = "due-within", value_name = "N")]
    pub(crate) due_within: Option<u32>,
    /// The date the list is as of: a DATE, or a TIME (its date in China Standard Time)
    /// [default: today, China Standard Time]
    #[arg(long, value_name = "DATE")]
    pub(crate) at: Option<String>,
    /// One JSON object per case (NDJSON)
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(Debug, Subcommand)]
pub(crate) enum CasesCmd {
    /// A case (every case type using the id) and its history: the archived messages, without
    /// their bodies
    Show {
        /// The case id
        #[arg(value_name = "CASE_ID")]
        case_id: String,
        /// The store
        #[arg(long, value_name = "URL")]
        store: String,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Print an unsigned control.reminder (催办) draft for a case that awaits a reply:
    /// `labourlink sign` fills in id and issued_at
    Remind {
        /// The case id
        #[arg(value_name = "CASE_ID")]
        case_id: String,
        /// The store
        #[arg(long, value_name = "URL")]
        store: String,
        /// The case type, when several case types use the id
        #[arg(long = "case-type", value_name = "TYPE")]
        case_type: Option<String>,
        /// Print the draft on one line (it is JSON either way)
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum ArchiveCmd {
    /// Show the archived message(s) with this id: metadata, and with --jws the exact signed
    /// message (personal data)
    Show {
        /// The message id
        #[arg(value_name = "ID")]
        id: String,
        /// The store
        #[arg(long, value_name = "URL")]
        store: String,
        /// Print only the exact JWS (one message; pipe it to `labourlink inspect -`/`verify`)
        #[arg(long, conflicts_with = "json")]
        jws: bool,
        /// Print JSON (one object per message, body included)
        #[arg(long)]
        json: bool,
    },
    /// List the newest rejected messages (the quarantine), newest first: when, the code, the
    /// digest, the size and the key ids their signatures claim (not verified: a forger
    /// writes any) — never their bytes. After a key leaks: who still sends with it
    /// (`--code key.revoked`)
    Quarantine {
        /// The store
        #[arg(long, value_name = "URL")]
        store: String,
        /// Only those rejected with this code (e.g. key.revoked): the newest --limit of them,
        /// however many rejected with other codes are newer
        #[arg(long, value_name = "CODE")]
        code: Option<String>,
        /// Print at most N rejected messages, newest first
        #[arg(long, value_name = "N", default_value_t = 100)]
        limit: u64,
        /// Print JSON (one object per line)
        #[arg(long)]
        json: bool,
    },
    /// Re-check archived messages as evidence: each as of when this store first saw it (its
    /// archive time) — signatures against the trust list (a key retired since in an ordinary
    /// rotation still vouches for what it signed before; a revoked one never does), envelope,
    /// schema and rules, a receipt's binding to the archived message it acknowledges — and
    /// each row's columns against its own signed bytes. Exit 1 when one fails
    Verify(ArchiveVerifyArgs),
    /// Export the archive as NDJSON, one message per line in archive order, exact JWS
    /// included — PERSONAL DATA: protect the output like the store itself
    Export {
        /// The store
        #[arg(long, value_name = "URL")]
        store: String,
        /// Leave the bodies out (metadata only: ids, digests, parties, case, outcome, times,
        /// signing key ids)
        #[arg(long = "no-bodies")]
        no_bodies: bool,
        /// Only the messages signed by this key id (e.g. a key that leaked: what it signed);
        /// messages archived before their signers were recorded (schema version 7) are left
        /// out, and the command says how many
        #[arg(long, value_name = "KID")]
        signer: Option<String>,
        /// Only the receipts received from this region (e.g. 330200), bodies included: what a
        /// partner gives that region after it restored its store from a backup, for `labourlink
        /// store recover` (receipts carry ids, digests, codes and findings, no message bodies)
        #[arg(
            long = "receipts-from",
            value_name = "REGION",
            conflicts_with = "no_bodies"
        )]
        receipts_from: Option<String>,
        /// Accepted for symmetry with `show`: the export is always JSON (NDJSON)
        #[arg(long)]
        json: bool,
        /// Write the export to this file (mode 0600: personal data) instead of standard output
        #[arg(long, value_name = "FILE.ndjson")]
        out: Option<String>,
        /// Replace an existing --out file
        #[arg(long, requires = "out")]
        force: bool,
    },
}

#[derive(Debug, Args)]
pub(crate) struct ArchiveVerifyArgs {
    /// The store
    #[arg(long, value_name = "URL")]
    pub(crate) store: String,
    /// The signed trust list (the store's newer one is taken when it has one)
    #[arg(long = "trust-list", value_name = "TL.jws")]
    pub(crate) trust_list: String,
    /// The pinned trust anchor (public JWK); may be given several times (an anchor rotation)
    #[arg(long, value_name = "ANCHOR.jwk", required = true)]
    pub(crate) anchor: Vec<String>,
    /// Signed reference data for the rules (region codes, holidays), as a node's
    /// `[reference_data]`
    #[arg(long = "reference-data", value_name = "RD.jws")]
    pub(crate) reference_data: Option<String>,
    /// Only the messages with these ids [default: the whole archive, in archive order]
    #[arg(value_name = "ID")]
    pub(crate) ids: Vec<String>,
    /// Print JSON (one object per message, then a summary line)
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(Debug, Args)]
pub(crate) struct StorePurgeArgs {
    /// The store
    #[arg(long, value_name = "URL")]
    pub(crate) store: String,
    /// Keep message bodies (and quarantined messages, and finished outbox rows) this many
    /// days [default: keep them all]
    #[arg(long = "retention-days", value_name = "DAYS")]
    pub(crate) retention_days: Option<u32>,
    /// Keep quarantined (rejected) messages this many days, whatever --retention-days says
    /// (a node's [purge] quarantine_retention_days, 90 by default) [default: as
    /// --retention-days]
    #[arg(long = "quarantine-retention-days", value_name = "DAYS")]
    pub(crate) quarantine_retention_days: Option<u32>,
    /// The time to purge at, not later than now [default: now, but no later than a day past
    /// the newest issued_at of the messages the store received: a clock running ahead does
    /// not purge what still counts]
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    pub(crate) at: Option<Timestamp>,
    /// Rows per batch (one short transaction each)
    #[arg(long, value_name = "N", default_value_t = labourlink_store::DEFAULT_PURGE_BATCH)]
    pub(crate) batch: u64,
    /// The most batches per kind of row in this run
    #[arg(long = "max-batches", value_name = "N", default_value_t = 100)]
    pub(crate) max_batches: u64,
    /// Print the counts as JSON
    #[arg(long)]
    pub(crate) json: bool,
}

/// `--at` and the other instants a person types: RFC 3339 with `Z` or an offset
/// (`2026-12-05T14:30:00+08:00`), normalised to UTC.
fn parse_time(s: &str) -> Result<Timestamp, String> {
    Timestamp::parse_typed(s, DateOnly::Refused).map_err(|e| e.message().to_owned())
}

/// `--valid-from`, `--valid-until`, `--next-update`, `--since`: a TIME, or a DATE meaning
/// midnight China Standard Time.
fn parse_time_or_date(s: &str) -> Result<Timestamp, String> {
    Timestamp::parse_typed(s, DateOnly::StartOfDayChina).map_err(|e| e.message().to_owned())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use clap::CommandFactory as _;

    #[test]
    fn the_command_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn parses() {
        let cli =
            Cli::try_parse_from(["labourlink", "keygen", "--out", "k.pem", "--alg=ES256"]).unwrap();
        let Cmd::Keygen(k) = cli.command else {
            unreachable!()
        };
        assert_eq!(k.out, "k.pem");
        assert_eq!(k.alg, Algorithm::Es256);
        for name in ["SM2", "SM2SM3"] {
            let cli =
                Cli::try_parse_from(["labourlink", "keygen", "--out", "k.pem", "--alg", name])
                    .unwrap();
            let Cmd::Keygen(k) = cli.command else {
                unreachable!()
            };
            assert_eq!(k.alg, Algorithm::Sm2);
        }
        for bad in [
            &["labourlink", "keygen", "--nope"][..],
            &["labourlink", "keygen", "--out"],
            &[
                "labourlink",
                "keygen",
                "--alg",
                "ES256",
                "--out",
                "a",
                "--out",
                "b",
            ],
            &["labourlink", "keygen", "--alg", "RS256", "--out", "a"],
            &["labourlink", "sign", "--key", "k", "--kid", "x", "a", "b"],
            &[
                "labourlink",
                "verify",
                "--trust-list",
                "t",
                "--anchor",
                "a",
                "--region",
                "r",
            ],
        ] {
            assert!(Cli::try_parse_from(bad).is_err(), "{bad:?}");
        }
    }
}

/// Structured logs of a long-running command, on stderr: one line per event (a request
/// answered, a delivery attempt, a trust-list refresh) — never message bodies, identity
/// numbers or keys.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct LogArgs {
    /// Log line format: `text` for people, `json` (one object per line) for a log collector
    #[arg(long = "log-format", value_enum, default_value_t = LogFormat::Text)]
    pub format: LogFormat,
    /// The least severe events logged
    #[arg(long = "log-level", value_enum, default_value_t = LogLevel::Info)]
    pub level: LogLevel,
}

/// `--log-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum LogFormat {
    /// Human-readable lines
    Text,
    /// One JSON object per line (timestamp, level, target, fields, span)
    Json,
}

/// `--log-level`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum LogLevel {
    /// Failures only
    Error,
    /// Failures and refusals
    Warn,
    /// Every request and delivery
    Info,
    /// More detail
    Debug,
}
