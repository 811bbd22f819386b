//! Delivering a message to a partner's inbox and checking the receipt it answers with.
//!
//! [`deliver`] posts once and retries, boundedly, on connection errors and on 5xx, 408 and
//! 429 answers (exponential backoff with jitter, `Retry-After` honoured up to the backoff
//! ceiling). A receipt (200, 409 or 422 with `application/jose+json`) ends it.
//! [`check_receipt`] verifies the receipt as a reply to the sent message
//! ([`Verifier::verify_reply_to`]): signed by a key of the trust list, from the party the
//! message went to, `received_id` and `received_digest` those of the message.
//!
//! [`deliver`] keeps nothing: a message not delivered within its attempts is reported
//! (`exchange.unreachable`). The durable way is the outbox ([`crate::outbox`]): the message
//! is stored first and retried across restarts.

use std::time::Duration;

use labourlink::envelope::Document;
use labourlink::{Error, ErrorCode, Result, Verified, Verifier};

use crate::node::{JOSE_JSON, decode_sent};
use crate::receipt::ReceiptBody;

/// How [`deliver`] tries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct SendOptions {
    /// The most attempts (at least 1).
    pub attempts: u32,
    /// The wait after the first failure; doubled after each one.
    pub initial_backoff: Duration,
    /// The longest wait between attempts (also the ceiling for `Retry-After`).
    pub max_backoff: Duration,
    /// The time one attempt may take, connection to last byte.
    pub timeout: Duration,
}

impl Default for SendOptions {
    fn default() -> Self {
        Self {
            attempts: 5,
            initial_backoff: Duration::from_millis(250),
            max_backoff: Duration::from_secs(8),
            timeout: Duration::from_secs(30),
        }
    }
}

impl SendOptions {
    /// Sets the most attempts.
    #[must_use]
    pub fn attempts(mut self, n: u32) -> Self {
        self.attempts = n.max(1);
        self
    }

    /// Sets the first backoff and its ceiling.
    #[must_use]
    pub fn backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_backoff = initial;
        self.max_backoff = max.max(initial);
        self
    }

    /// Sets the time one attempt may take.
    #[must_use]
    pub fn timeout(mut self, t: Duration) -> Self {
        self.timeout = t;
        self
    }
}

/// An inbox's answer that carries a receipt.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Delivery {
    /// The HTTP status: 200 (accepted, or a redelivery), 409 (`replay.conflict`) or 422.
    pub status: u16,
    /// The signed receipt, exactly as received.
    pub receipt: Vec<u8>,
    /// How many attempts it took.
    pub attempts: u32,
}

/// The largest receipt accepted from an inbox.
const MAX_RECEIPT_BYTES: u64 = 1 << 20;

fn jitter(d: Duration) -> Duration {
    use ring::rand::SecureRandom as _;
    let mut b = [0u8; 1];
    let r = ring::rand::SystemRandom::new()
        .fill(&mut b)
        .map_or(0, |()| b[0]);
    // 75 %–125 % of the nominal wait; a wait too long for `Duration` stays the longest one.
    Duration::try_from_secs_f64(d.as_secs_f64() * (0.75 + f64::from(r) / 510.0))
        .unwrap_or(Duration::MAX)
}

/// What one post of a message brought back.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PostOutcome {
    /// An answer with a receipt (200, 409 or 422, `application/jose+json`).
    Receipt {
        /// The HTTP status.
        status: u16,
        /// The receipt bytes, as received.
        receipt: Vec<u8>,
    },
    /// Worth another attempt: no connection, a timeout, 5xx, 408, 429, a 400 with
    /// `exchange.body_incomplete` (the inbox got less than was sent), or a 2xx without a
    /// receipt (a proxy or portal answered, not the inbox).
    Retry {
        /// What went wrong (status or connection error; never message content).
        error: String,
        /// The inbox's `Retry-After`, in seconds.
        retry_after: Option<u64>,
    },
    /// An answer without a receipt that another attempt with the same bytes cannot change
    /// (413, 415, 400, …): `exchange.bad_response` with the inbox's code.
    Refused(Error),
    /// A `3xx`: redirects are not followed (a message goes only to the endpoint the trust
    /// list or the sender names). Not final for a queued message — the partner may take the
    /// redirect away, or publish its new URL in a trust list, which a message addressed
    /// through the trust list follows — but nothing another attempt within seconds changes.
    Redirected {
        /// The status and the redirect's target (without user information).
        error: String,
    },
    /// A status without a receipt whose body is not a labourlink inbox's problem answer (a
    /// proxy's, a firewall's or a load balancer's `401`, `403`, `404`, `407` or `413` page):
    /// worth another attempt, as it may be gone next time, but it says nothing of the endpoint
    /// — it may concern this message alone (a proxy's body limit), so the endpoint's other
    /// messages are not held back by it.
    NotTheInbox {
        /// The status and the content type (never the page's text).
        error: String,
        /// The answer's `Retry-After`, in seconds.
        retry_after: Option<u64>,
    },
}

/// A time in seconds given by a caller (a binding's `wait=` or `timeout=`) as a duration:
/// `input.invalid` naming `name` unless it is a number from `min` to `max` (not NaN, not
/// infinite, not negative).
///
/// ```
/// use labourlink_exchange::client::seconds_setting;
/// assert_eq!(seconds_setting("wait", 1.5, 0.0, 86_400.0).unwrap().as_millis(), 1500);
/// for bad in [f64::NAN, f64::INFINITY, -1.0, 86_401.0] {
///     let e = seconds_setting("wait", bad, 0.0, 86_400.0).unwrap_err();
///     assert_eq!(e.code().as_str(), "input.invalid");
/// }
/// ```
///
/// # Errors
/// `input.invalid`.
pub fn seconds_setting(name: &str, secs: f64, min: f64, max: f64) -> Result<Duration> {
    if secs.is_finite() && secs >= min && secs <= max {
        Ok(Duration::from_secs_f64(secs))
    } else {
        Err(Error::new(
            ErrorCode::InputInvalid,
            format!("{name} is {secs}: it must be a number of seconds from {min} to {max}"),
        )
        .zh(format!("{name} 为 {secs}：须为 {min} 到 {max} 之间的秒数")))
    }
}

/// A blocking HTTP agent for posting messages: rustls, the Mozilla root certificates, no
/// proxies from the environment, `timeout` per attempt (connection to last byte), and no
/// redirects followed: a message goes only to the endpoint the trust list (or the operator)
/// names, never to wherever an answer points — a redirect turned the POST into a GET to any
/// host, internal ones included — and a trust list only from the URL that was configured.
/// A `3xx` comes back as an answer ([`post_once`] says what to correct).
#[must_use]
pub fn agent(timeout: Duration) -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(timeout))
        .build()
        .into()
}

/// Like [`agent`], but trusting **only** the root certificates in `ca_pem` (PEM
/// `CERTIFICATE` blocks): for inboxes with certificates from a private or government CA.
///
/// # Errors
/// `input.invalid` when `ca_pem` holds no certificate.
pub fn agent_with_roots(timeout: Duration, ca_pem: &[u8]) -> Result<ureq::Agent> {
    use ureq::tls::{PemItem, RootCerts, TlsConfig};
    let certs: Vec<ureq::tls::Certificate<'static>> = ureq::tls::parse_pem(ca_pem)
        .filter_map(|i| match i {
            Ok(PemItem::Certificate(c)) => Some(c),
            _ => None,
        })
        .collect();
    if certs.is_empty() {
        return Err(Error::new(
            ErrorCode::InputInvalid,
            "the CA file holds no PEM CERTIFICATE",
        ));
    }
    let tls = TlsConfig::builder()
        .root_certs(RootCerts::new_with_certs(&certs))
        .build();
    Ok(ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(timeout))
        .tls_config(tls)
        .build()
        .into())
}

/// A transport error's text with what to do about the common ones: a private CA's
/// certificate (`UnknownIssuer`), a name the certificate does not carry.
fn with_hint(error: String) -> String {
    let hint = if error.contains("UnknownIssuer") {
        " (the inbox's certificate is not signed by a root this sender trusts: give its CA with --ca, or [outbox] ca in node.toml)"
    } else if error.contains("NotValidForName") {
        " (the inbox's certificate does not name this host: use the URL the certificate names)"
    } else if error.contains("Connection refused") {
        " (nothing listens at that address and port: is the inbox running, is the URL right?)"
    } else {
        ""
    };
    error + hint
}

/// Posts `jws` to `url` once.
#[must_use]
pub fn post_once(agent: &ureq::Agent, url: &str, jws: &[u8]) -> PostOutcome {
    let mut resp = match agent.post(url).header("content-type", JOSE_JSON).send(jws) {
        Err(e) => {
            return PostOutcome::Retry {
                error: with_hint(e.to_string()),
                retry_after: None,
            };
        }
        Ok(r) => r,
    };
    let status = resp.status().as_u16();
    let ctype = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let retry_after = resp
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let location = redirect_target(resp.headers());
    let body = resp
        .body_mut()
        .with_config()
        .limit(MAX_RECEIPT_BYTES)
        .read_to_vec();
    match (status, body) {
        (200 | 409 | 422, Ok(b)) if ctype.starts_with(JOSE_JSON) => {
            PostOutcome::Receipt { status, receipt: b }
        }
        (200 | 409 | 422, Err(e)) => PostOutcome::Retry {
            error: format!("HTTP {status}, the receipt was cut off: {e}"),
            retry_after,
        },
        (s, _) if s >= 500 || s == 408 || s == 429 => PostOutcome::Retry {
            error: format!("HTTP {s}"),
            retry_after,
        },
        // A success without a receipt is not a labourlink inbox's answer: a proxy, a captive
        // portal or a firewall page stood in the way, which may be gone next time.
        (s @ 200..=299, _) => PostOutcome::Retry {
            error: format!(
                "HTTP {s} without a receipt (content type '{}'): not a labourlink inbox's answer — a proxy or another service answered; check the inbox URL",
                printable(&ctype, 60)
            ),
            retry_after,
        },
        // Not followed: a message goes only to the endpoint the trust list (or the sender)
        // names. Not final either: the partner may take the redirect away, or publish its new
        // URL in a trust list, which a message addressed through the trust list then follows.
        (s @ 300..=399, _) => PostOutcome::Redirected {
            error: format!(
                "HTTP {s}, a redirect{}: labourlink does not follow redirects (a message goes only to the endpoint the trust list or the sender names)",
                location.map_or_else(String::new, |l| format!(" to '{l}'"))
            ),
        },
        (s, b) => {
            let problem = b.ok().map(|b| Problem::read(&b)).unwrap_or_default();
            let code = problem.code.clone().unwrap_or_else(|| "none".to_owned());
            // The inbox read less than was sent (a proxy or the network cut the body): the
            // same bytes may well arrive whole next time.
            if s == 400 && code == ErrorCode::ExchangeBodyIncomplete.as_str() {
                return PostOutcome::Retry {
                    error: format!("HTTP 400: the inbox got the body incomplete ({code})"),
                    retry_after,
                };
            }
            // Final only when a labourlink inbox said so (its problem answer, with a code of
            // the catalogue): a 401, 403, 404 or 407 page of a proxy, a firewall or a load
            // balancer in between may be gone next time, and had made every message queued
            // for the partner undeliverable in one pass (audit s42 hostile F5).
            if ErrorCode::from_code_str(&code).is_none() {
                return PostOutcome::NotTheInbox {
                    error: format!(
                        "HTTP {s} without a receipt and not a labourlink inbox's answer (content type '{}'): a proxy, a firewall or another service answered; retried — check the inbox URL and what stands in front of it",
                        printable(&ctype, 60)
                    ),
                    retry_after,
                };
            }
            PostOutcome::Refused(Error::new(
                ErrorCode::ExchangeBadResponse,
                format!(
                    "the inbox answered HTTP {s} without a receipt (its code: {code}{}); the \
                     answer is final for these bytes: fix the document or the inbox URL, then \
                     send the corrected message",
                    problem.detail()
                ),
            ))
        }
    }
}

/// What a labourlink answer without a receipt says (`{"errors": [{code, path, message}]}`),
/// as far as it is safe to print: the code in the catalogue's form, the path and message
/// without control characters and cut at [`Problem::MAX_TEXT`] characters (the answer comes
/// from another server).
#[derive(Debug, Default)]
struct Problem {
    code: Option<String>,
    path: Option<String>,
    message: Option<String>,
}

impl Problem {
    const MAX_TEXT: usize = 300;

    fn read(body: &[u8]) -> Self {
        let Ok(v) = serde_json::from_slice::<serde_json::Value>(body) else {
            return Self::default();
        };
        let text = |p: &str| {
            v.pointer(p)
                .and_then(|c| c.as_str())
                .map(|t| printable(t, Self::MAX_TEXT))
                .filter(|t| !t.is_empty())
        };
        let code = v
            .pointer("/errors/0/code")
            .and_then(|c| c.as_str())
            .filter(|c| {
                c.len() <= 100
                    && c.bytes().all(|b| {
                        b.is_ascii_lowercase() || b == b'.' || b == b'_' || b.is_ascii_digit()
                    })
            })
            .map(str::to_owned);
        Self {
            code,
            path: text("/errors/0/path"),
            message: text("/errors/0/message"),
        }
    }

    /// ` at PATH: MESSAGE`, or as much of it as the answer gave.
    fn detail(&self) -> String {
        let mut d = String::new();
        if let Some(p) = &self.path {
            d.push_str(" at ");
            d.push_str(p);
        }
        if let Some(m) = &self.message {
            d.push_str(": ");
            d.push_str(m);
        }
        d
    }
}

/// `text` as far as it is safe to print: no control characters (line breaks, terminal
/// escapes), at most `max` characters.
fn printable(text: &str, max: usize) -> String {
    text.chars().filter(|c| !c.is_control()).take(max).collect()
}

/// The `Location` of a redirect, printable and without user information (a URL's password is
/// never shown).
fn redirect_target(headers: &ureq::http::HeaderMap) -> Option<String> {
    let l = headers.get("location")?.to_str().ok()?;
    Some(printable(&labourlink::trust::without_user_info(l), 200))
}

/// The wait before attempt `n + 1` after `n` failed ones: `initial · 2^(n-1)`, at most `max`,
/// with ±25 % jitter — or the inbox's `Retry-After` (at most `max`) when that is longer. A
/// `Retry-After`
/// only ever lengthens the wait: `Retry-After: 0` from a broken or hostile inbox had made the
/// outbox post again at once, hundreds of times a second, for as long as it kept answering so.
#[must_use]
pub fn backoff(n: u32, initial: Duration, max: Duration, retry_after: Option<u64>) -> Duration {
    let exp = jitter(
        initial
            .saturating_mul(1u32 << n.saturating_sub(1).min(20))
            .min(max),
    );
    retry_after.map_or(exp, |s| exp.max(Duration::from_secs(s).min(max)))
}

/// The maximum age a receipt may have when it answers a message issued (or queued) at
/// `sent_at`: at least the default maximum age, and as long as the message has existed (plus
/// the leeway) — a late redelivery gets the inbox's first receipt, as old as the message's
/// acceptance, which a 30-day limit had refused, leaving a message the partner holds as
/// accepted undeliverable (audit s42 hostile F1). The receipt stays bound to the message by
/// its id, digest and the reply-time rule, so an old receipt can only ever acknowledge the
/// message it was signed for.
#[must_use]
pub fn receipt_max_age(
    sent_at: labourlink::time::Timestamp,
    now: labourlink::time::Timestamp,
) -> i64 {
    let since = now
        .unix_seconds()
        .saturating_sub(sent_at.unix_seconds())
        .max(0);
    since
        .saturating_add(labourlink::verify::DEFAULT_LEEWAY_SECONDS)
        .max(labourlink::verify::DEFAULT_MAX_AGE_SECONDS)
}

/// [`receipt_max_age`] for the message `sent` (its JWS), queued at `queued_at` when it went
/// through an outbox: as old as its `issued_at` or its queueing, whichever is earlier (a
/// message dated ahead of its queueing).
#[must_use]
pub fn receipt_max_age_for(
    sent: &[u8],
    queued_at: Option<labourlink::time::Timestamp>,
    now: labourlink::time::Timestamp,
) -> i64 {
    let issued = decode_sent(sent)
        .ok()
        .and_then(|(d, _)| labourlink::time::Timestamp::parse(&d.issued_at).ok());
    let since = match (issued, queued_at) {
        (Some(i), Some(q)) => i.min(q),
        (Some(t), None) | (None, Some(t)) => t,
        (None, None) => now,
    };
    receipt_max_age(since, now)
}

/// Posts `jws` to `url` (the inbox's `/v1/messages`) until an answer with a receipt comes
/// back or the attempts run out. Nothing is kept: for delivery that survives a restart use
/// the outbox ([`crate::outbox`]).
///
/// # Errors
/// `exchange.unreachable` when every attempt failed to connect or got 5xx/408/429;
/// `exchange.bad_response` for an answer without a receipt (e.g. 413, 415, 400: the code the
/// inbox gave is in the message).
pub fn deliver(url: &str, jws: &[u8], opts: &SendOptions) -> Result<Delivery> {
    deliver_with(&agent(opts.timeout), url, jws, opts)
}

/// [`deliver`] with an agent of the caller's (e.g. [`agent_with_roots`]); `opts.timeout` is
/// the agent's.
///
/// # Errors
/// Those of [`deliver`].
pub fn deliver_with(
    agent: &ureq::Agent,
    url: &str,
    jws: &[u8],
    opts: &SendOptions,
) -> Result<Delivery> {
    deliver_checked(agent, url, jws, opts, &|_| Ok(())).map(|(d, ())| d)
}

/// [`deliver_with`], each answer's receipt checked by `check` (e.g. [`check_receipt`]): an
/// answer whose receipt `check` refuses counts as a failed attempt, and the next attempt is
/// made (a proxy or a man in the middle answering once must not end the delivery). Returns
/// the delivery and what `check` returned for it.
///
/// # Errors
/// Those of [`deliver`]; when no attempt succeeded and one got a receipt `check` refused,
/// the last of `check`'s errors (a receipt came, and did not verify: the likelier trouble).
pub fn deliver_checked<T>(
    agent: &ureq::Agent,
    url: &str,
    jws: &[u8],
    opts: &SendOptions,
    check: &dyn Fn(&[u8]) -> Result<T>,
) -> Result<(Delivery, T)> {
    // A URL that can never work fails at once, not after every attempt's wait.
    labourlink::trust::check_inbox_url(url)?;
    let mut last = String::new();
    let mut refused: Option<Error> = None;
    let attempts = opts.attempts.max(1);
    for attempt in 1..=attempts {
        match post_once(agent, url, jws) {
            PostOutcome::Receipt { status, receipt } => match check(&receipt) {
                Ok(checked) => {
                    return Ok((
                        Delivery {
                            status,
                            receipt,
                            attempts: attempt,
                        },
                        checked,
                    ));
                }
                Err(e) => {
                    last = format!(
                        "attempt {attempt}: HTTP {status} with a receipt that does not verify: {}",
                        e.code()
                    );
                    refused = Some(e);
                    if attempt < attempts {
                        std::thread::sleep(backoff(
                            attempt,
                            opts.initial_backoff,
                            opts.max_backoff,
                            None,
                        ));
                    }
                }
            },
            PostOutcome::Refused(e) => return Err(e),
            // Another attempt within seconds would get the same redirect.
            PostOutcome::Redirected { error } => {
                return Err(Error::new(
                    ErrorCode::ExchangeBadResponse,
                    format!(
                        "{error}; send it to the URL the partner's trust list names now (fetch the current list), or give that URL with --to"
                    ),
                ));
            }
            PostOutcome::Retry { error, retry_after }
            | PostOutcome::NotTheInbox { error, retry_after } => {
                last = format!("attempt {attempt}: {error}");
                if attempt < attempts {
                    std::thread::sleep(backoff(
                        attempt,
                        opts.initial_backoff,
                        opts.max_backoff,
                        retry_after,
                    ));
                }
            }
        }
    }
    if let Some(e) = refused {
        return Err(e);
    }
    Err(Error::new(
        ErrorCode::ExchangeUnreachable,
        format!("no receipt after {attempts} attempt(s); last: {last}"),
    ))
}

/// A receipt verified as the answer to a sent message.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct CheckedReceipt {
    /// The verified receipt (signer, digest, document).
    pub verified: Verified,
    /// Its body.
    pub body: ReceiptBody,
}

/// Verifies `receipt` as the answer to the message `sent` (the JWS that was posted):
/// the verifier's whole pipeline plus the reply binding — the receipt comes from the
/// message's addressee, in its case, with its `received_id` and `received_digest`.
/// `verifier` is the sender's (its region and agency are the message's `from`).
///
/// # Errors
/// The verifier's errors (`signature.invalid`, `envelope.unexpected_reply`, …), the decoding
/// errors of `sent`, and `exchange.bad_response` when the verified document is not a receipt.
pub fn check_receipt(verifier: &Verifier, receipt: &[u8], sent: &[u8]) -> Result<CheckedReceipt> {
    let (doc, digest): (Document, String) = decode_sent(sent)?;
    let verified = verifier.verify_reply_to(receipt, &doc, &digest)?;
    if verified.message_type() != "receipt" {
        return Err(Error::new(
            ErrorCode::ExchangeBadResponse,
            "the inbox answered with a signed message that is not a receipt",
        ));
    }
    let body = ReceiptBody::from_body(verified.body())?;
    Ok(CheckedReceipt { verified, body })
}

/// Reads a receipt **without verifying its signature** (no trust list at hand) and checks
/// only that it names the sent message's id and digest.
///
/// # Errors
/// `exchange.bad_response` when it is not a receipt for `sent`; decoding errors.
pub fn read_receipt_unverified(receipt: &[u8], sent: &[u8]) -> Result<ReceiptBody> {
    let (doc, digest) = decode_sent(sent)?;
    let (r, _) = decode_sent(receipt)?;
    let body = ReceiptBody::from_body(&r.body)?;
    if r.message_type != "receipt" || body.received_id != doc.id || body.received_digest != digest {
        return Err(Error::new(
            ErrorCode::ExchangeBadResponse,
            "the answer is not a receipt for the message sent (received_id or received_digest differ)",
        ));
    }
    Ok(body)
}

/// What [`fetch_trust_list`] brought back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    /// `304 Not Modified`: the list named by the `If-None-Match` digest is still current.
    NotModified,
    /// A signed trust list (not yet verified: load it against the pinned anchors).
    List {
        /// The JWS bytes.
        jws: Vec<u8>,
        /// The `ETag` the server gave, without quotes.
        etag: Option<String>,
    },
}

/// The largest trust list accepted from a server.
const MAX_TRUST_LIST_BYTES: u64 = 4 << 20;

/// Fetches a signed trust list from `url` (a node's `GET /v1/trust-list`, or any server
/// publishing one), with `If-None-Match` set to `current_digest` (the payload digest of the
/// list in use) so an unchanged list costs a `304`. The answer is **not** verified here:
/// load it against the pinned anchors ([`labourlink::trust::TrustList::load`], or
/// [`crate::Node::update_trust_list`] / `labourlink trust-list fetch`, which also refuse a
/// rollback against the store).
///
/// # Errors
/// `input.invalid` for a URL that can never be fetched (`check_fetch_url`),
/// `exchange.unreachable` (no connection, timeout, 5xx), `exchange.bad_response` (another
/// status, or a body that is not `application/jose+json`).
pub fn fetch_trust_list(
    url: &str,
    current_digest: Option<&str>,
    timeout: Duration,
) -> Result<Fetched> {
    fetch_anchor_signed(url, current_digest, timeout, "trust list")
}

/// [`fetch_trust_list`] for signed reference data (a node's `GET /v1/reference-data`): the
/// same conditional GET; load the answer with `labourlink::refdata::ReferenceData::load`.
///
/// # Errors
/// As [`fetch_trust_list`].
pub fn fetch_reference_data(
    url: &str,
    current_digest: Option<&str>,
    timeout: Duration,
) -> Result<Fetched> {
    fetch_anchor_signed(url, current_digest, timeout, "reference data")
}

/// The conditional GET of a document a trust anchor signs (`noun` names it in errors).
fn fetch_anchor_signed(
    url: &str,
    current_digest: Option<&str>,
    timeout: Duration,
    noun: &str,
) -> Result<Fetched> {
    labourlink::trust::check_fetch_url(url)?;
    let agent = agent(timeout);
    let mut req = agent.get(url);
    if let Some(d) = current_digest {
        req = req.header("if-none-match", format!("\"{d}\""));
    }
    let mut resp = req.call().map_err(|e| {
        Error::new(
            ErrorCode::ExchangeUnreachable,
            format!("cannot fetch the {noun}: {e}"),
        )
    })?;
    let status = resp.status().as_u16();
    if status == 304 && current_digest.is_some() {
        return Ok(Fetched::NotModified);
    }
    if status == 304 {
        return Err(Error::new(
            ErrorCode::ExchangeBadResponse,
            format!(
                "the {noun} server answered 304 Not Modified to a request that named no copy (there is no {noun} here yet): a cache or proxy between them answers wrongly; fetch from the publisher itself"
            ),
        ));
    }
    if (300..400).contains(&status) {
        let location = redirect_target(resp.headers());
        return Err(Error::new(
            ErrorCode::ExchangeBadResponse,
            format!(
                "the {noun} server answered HTTP {status}, a redirect{}: labourlink fetches only from the URL it was given; give the final URL",
                location.map_or_else(String::new, |l| format!(" to '{l}'"))
            ),
        ));
    }
    if status >= 500 {
        return Err(Error::new(
            ErrorCode::ExchangeUnreachable,
            format!("the {noun} server answered HTTP {status}"),
        ));
    }
    // Any content type: a plain web server publishing the file says application/octet-stream
    // or text/plain, and the bytes are verified against the anchor whatever they claim to be.
    if status != 200 {
        let problem = resp
            .body_mut()
            .with_config()
            .limit(MAX_RECEIPT_BYTES)
            .read_to_vec()
            .map(|b| Problem::read(&b))
            .unwrap_or_default();
        let said = match (&problem.code, &problem.message) {
            (Some(c), Some(m)) => format!(" (its code: {c}: {m})"),
            (Some(c), None) => format!(" (its code: {c})"),
            _ => String::new(),
        };
        return Err(Error::new(
            ErrorCode::ExchangeBadResponse,
            format!(
                "the {noun} server answered HTTP {status}, not 200 with the signed document{said}"
            ),
        ));
    }
    let etag = resp
        .headers()
        .get("etag")
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim_start_matches("W/").trim_matches('"').to_owned());
    let jws = resp
        .body_mut()
        .with_config()
        .limit(MAX_TRUST_LIST_BYTES)
        .read_to_vec()
        .map_err(|e| {
            Error::new(
                ErrorCode::ExchangeUnreachable,
                format!("the {noun} could not be read whole: {e}"),
            )
        })?;
    Ok(Fetched::List { jws, etag })
}

#[cfg(test)]
mod tests {
    use super::backoff;
    use labourlink::trust::without_user_info;
    use std::time::Duration;

    #[test]
    fn user_information_is_never_shown() {
        for (url, shown) in [
            ("http://u:secret@host/x", "http://host/x"),
            ("//u:secret@host:8/x", "//host:8/x"),
            ("https://u:p@ss@host/x?a=@b", "https://host/x?a=@b"),
            ("http://host/x?a=@b", "http://host/x?a=@b"),
            ("/relative/path", "/relative/path"),
        ] {
            assert_eq!(without_user_info(url), shown);
        }
    }

    fn ms(d: Duration) -> u128 {
        d.as_millis()
    }

    /// The wait doubles from `initial`, stays under `max`, and a longer `Retry-After` (also
    /// under `max`) lengthens it; a shorter one changes nothing; every wait is within ±25 % of
    /// its nominal value.
    #[test]
    fn backoff_doubles_honours_retry_after_and_stays_under_max() {
        let (initial, max) = (Duration::from_millis(100), Duration::from_secs(10));
        for _ in 0..200 {
            assert!((75..=125).contains(&ms(backoff(1, initial, max, None))));
            assert!((150..=250).contains(&ms(backoff(2, initial, max, None))));
            assert!((300..=500).contains(&ms(backoff(3, initial, max, None))));
            assert!((7_500..=12_500).contains(&ms(backoff(30, initial, max, None))));
            // Retry-After: 4 seconds when the backoff is shorter; the backoff when longer.
            assert!((4_000..=5_000).contains(&ms(backoff(1, initial, max, Some(4)))));
            assert!((7_500..=12_500).contains(&ms(backoff(9, initial, max, Some(4)))));
            // A Retry-After longer than max is cut to max; a shorter one than the backoff
            // (zero, from a broken inbox) does not shorten it.
            assert!((7_500..=12_500).contains(&ms(backoff(1, initial, max, Some(86_400)))));
            assert!((75..=125).contains(&ms(backoff(1, initial, max, Some(0)))));
            assert!((300..=500).contains(&ms(backoff(3, initial, max, Some(0)))));
        }
    }

    /// The jitter is drawn: 200 waits are not all the same.
    #[test]
    fn backoff_without_a_ceiling_does_not_panic() {
        // "No ceiling" and an inbox asking for an absurd wait: a very long wait, no panic.
        for _ in 0..50 {
            let d = backoff(1, Duration::MAX, Duration::MAX, None);
            assert!(d >= Duration::from_secs(u64::MAX / 4 * 3), "{d:?}");
            let d = backoff(3, Duration::from_secs(1), Duration::MAX, Some(u64::MAX));
            assert!(d >= Duration::from_secs(u64::MAX / 4 * 3), "{d:?}");
        }
    }

    #[test]
    fn backoff_is_jittered() {
        let (initial, max) = (Duration::from_secs(1), Duration::from_secs(60));
        let first = backoff(1, initial, max, None);
        assert!((0..200).any(|_| backoff(1, initial, max, None) != first));
    }
}
