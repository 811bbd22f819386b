//! The inbox over HTTP/1.1: axum routes on hyper connections, bounded everywhere.
//!
//! - `POST /v1/messages` (`application/jose+json`) → [`Node::receive_async`];
//! - `GET /v1/trust-list` → the signed list, `ETag` = its payload digest, `304` on
//!   `If-None-Match`;
//! - `GET /v1/reference-data` → the signed reference data the node uses (holiday calendar,
//!   GB/T 2260 changes), the same way; `404` (`store.not_found`) when the node uses the
//!   embedded data;
//! - `GET /healthz`, `GET /metrics` (Prometheus text).
//!
//! Limits: request body ([`Limits::max_body_bytes`], 413), header and body read timeouts
//! (slow clients: disconnected, 408), messages in verification at once (503 with
//! `Retry-After` beyond it: load shedding, no unbounded queue), open connections.

use crate::config::{MAX_FILE_BYTES, read_file_limited};
use std::future::Future;
use std::net::SocketAddr;
use std::pin::pin;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use http_body_util::BodyExt as _;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use labourlink::time::{Clock as _, SystemClock, Timestamp};
use labourlink::{Error, ErrorCode, Result};
use tokio::sync::{Semaphore, watch};

use crate::config::{AdminConfig, AdminToken, Limits};
use crate::node::{Answer, JOSE_JSON, Node};

/// How long a stopping server waits for requests in progress.
const DRAIN: Duration = Duration::from_secs(10);

/// How long a stopping server keeps reading requests on the connections it has open, so that
/// one sent just before the stop is answered rather than closed unread.
const LAST_REQUESTS: Duration = Duration::from_millis(250);

impl IntoResponse for Answer {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut r = (status, self.body).into_response();
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(self.content_type),
        );
        if let Some(s) = self.retry_after {
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(s));
        }
        r
    }
}

/// Every route of the inbox as `(method, path)`: what [`router`] serves (it is built from
/// this table) and what `docs/openapi.json` must describe (a test checks both ways against
/// the running server).
pub const ROUTES: &[(&str, &str)] = &[
    ("POST", "/v1/messages"),
    ("GET", "/v1/trust-list"),
    ("GET", "/v1/reference-data"),
    ("GET", "/healthz"),
    ("GET", "/metrics"),
];

/// The routes of an inbox node: built from [`ROUTES`] and nothing else, so the table (which
/// `docs/openapi.json` is checked against) cannot miss a route the server has.
pub fn router(node: Arc<Node>) -> Router {
    let mut r = Router::new();
    for &(method, path) in ROUTES {
        if let Some(h) = public_handler(method, path, &node) {
            r = r.route(path, h);
        }
    }
    with_fallbacks(r).with_state(node)
}

/// Unknown paths and methods answered with the problem JSON of every other refusal
/// (`exchange.not_found`, 404; `exchange.method_not_allowed`, 405 with the `Allow` header)
/// instead of an empty body.
fn with_fallbacks(r: Router<Arc<Node>>) -> Router<Arc<Node>> {
    r.method_not_allowed_fallback(|| async {
        Answer::problem(405, ErrorCode::ExchangeMethodNotAllowed, "").into_response()
    })
    .fallback(|| async { Answer::problem(404, ErrorCode::ExchangeNotFound, "").into_response() })
}

/// The handler of a public route of [`ROUTES`] (`None` for a pair it does not name: a unit
/// test holds every entry to having one).
fn public_handler(
    method: &str,
    path: &str,
    node: &Arc<Node>,
) -> Option<axum::routing::MethodRouter<Arc<Node>>> {
    Some(match (method, path) {
        ("POST", "/v1/messages") => {
            let gate = Arc::new(Gate::new(node.limits().max_concurrent_requests));
            post(move |state: State<Arc<Node>>, req: Request| {
                post_message(state, req, Arc::clone(&gate))
            })
        }
        ("GET", "/v1/trust-list") => get(get_trust_list),
        ("GET", "/v1/reference-data") => get(get_reference_data),
        ("GET", "/healthz") => get(healthz),
        ("GET", "/metrics") => get(get_metrics),
        _ => return None,
    })
}

/// Every route of the admin listener (`[admin]`, loopback only by default): queries over the
/// node's store, which hold personal data. `GET` only; JSON answers.
pub const ADMIN_ROUTES: &[(&str, &str)] = &[
    ("GET", "/healthz"),
    ("GET", "/admin/v1/cases"),
    ("GET", "/admin/v1/cases/{case_id}"),
    ("GET", "/admin/v1/messages/{id}"),
    ("GET", "/admin/v1/outbox"),
];

/// The admin routes ([`ADMIN_ROUTES`]):
///
/// - `GET /admin/v1/cases[?status=open|overdue][&due_within=N][&as_of=YYYY-MM-DD][&limit=N]`:
///   case records (`as_of`: today in China Standard Time by default), at most `limit` (default
///   1 000), with `truncated` when more match;
/// - `GET /admin/v1/cases/{case_id}`: the records of a case id and its messages (metadata);
/// - `GET /admin/v1/messages/{id}[?body=true]`: archived messages with that id (the JWS only
///   with `body=true`);
/// - `GET /admin/v1/outbox[?state=…][&limit=N]`: the outbox with counts (no message bytes).
///
/// With a `token` (`[admin] token_file`), every request but `GET /healthz` must carry
/// `Authorization: Bearer <token>`; others are answered `401` `exchange.unauthorized` before
/// anything is read. A request whose `Host` is a DNS name is refused first (`403`, see
/// [`admin_host`]).
pub fn admin_router(node: Arc<Node>, token: Option<AdminToken>) -> Router {
    let mut r = Router::new();
    for &(method, path) in ADMIN_ROUTES {
        if let Some(h) = admin_handler(method, path) {
            r = r.route(path, h);
        }
    }
    let token = token.map(Arc::new);
    let logs = Arc::clone(&node);
    with_fallbacks(r)
        .with_state(node)
        .layer(axum::middleware::from_fn(admin_access_record))
        .layer(axum::middleware::map_request(move |req: Request| {
            let (token, logs) = (token.clone(), Arc::clone(&logs));
            async move {
                match admin_unauthorized(token.as_deref(), &logs, &req) {
                    Some(refused) => Err(refused),
                    None => Ok(req),
                }
            }
        }))
        .layer(axum::middleware::map_request(admin_host))
}

/// Marks an admin answer that carries message bodies (personal data), for the access record.
#[derive(Debug, Clone, Copy)]
struct BodiesReturned;

/// The access record of the admin listener (PIPL: who read which personal data, when): one
/// `INFO` event of target `labourlink::access` for each request that passed the access check
/// (refused ones are logged by it), with the client's address, the method, the path — which
/// names the case or message read, ids, never content — whether message bodies were asked
/// for, and the status. `/healthz` and `/metrics` hold no personal data and are not recorded.
async fn admin_access_record(req: Request, next: axum::middleware::Next) -> Response {
    let path = req.uri().path().to_owned();
    if path == "/healthz" || path == "/metrics" {
        return next.run(req).await;
    }
    let method = req.method().clone();
    let client = req.extensions().get::<Peer>().map(|Peer(ip)| *ip);
    let resp = next.run(req).await;
    // What the handler returned, not what the query looked like: `?body=%74rue` decodes to
    // `true` there (review s43 M1).
    let bodies = resp.extensions().get::<BodiesReturned>().is_some();
    // The path as sent (percent-encoded: printable ASCII), cut to a bounded length.
    let shown: String = path.chars().take(256).collect();
    tracing::info!(
        target: "labourlink::access",
        client = %client.map_or_else(|| "unknown".to_owned(), |c| c.to_string()),
        method = %method,
        path = %shown,
        bodies,
        status = resp.status().as_u16(),
        "admin read"
    );
    resp
}

/// The admin listener's access check: with a token, a request other than `/healthz` passes
/// only with `Authorization: Bearer <token>` (the scheme in any case, RFC 7235); the answer
/// for one that does not (`401`), else `None`.
fn admin_unauthorized(token: Option<&AdminToken>, node: &Node, req: &Request) -> Option<Response> {
    let token = token?;
    if req.uri().path() == "/healthz" {
        return None;
    }
    let presented = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| bearer_token(v.as_bytes()));
    if presented.is_some_and(|t| token.matches(t)) {
        return None;
    }
    // What anyone who can reach the listener can send: the budget of unsigned garbage, not
    // the one of the node's own trouble.
    if let Some(suppressed) = node.refusal_logged(crate::node::LogKind::Unsigned) {
        tracing::warn!(
            target: "labourlink::admin",
            status = 401,
            code = ErrorCode::ExchangeUnauthorized.as_str(),
            suppressed,
            "admin request refused: {}",
            if presented.is_some() {
                "wrong access token"
            } else {
                "no access token (Authorization: Bearer)"
            }
        );
    }
    let mut resp = Answer::problem_with(
        401,
        ErrorCode::ExchangeUnauthorized,
        "",
        "the admin listener needs `Authorization: Bearer <token>` with the token in the node's \
         [admin] token_file; the request had none or another",
    )
    .into_response();
    resp.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Bearer realm=\"labourlink-admin\""),
    );
    Some(resp)
}

/// The token of an `Authorization: Bearer <token>` header value (`None` for another scheme
/// or an empty token).
fn bearer_token(value: &[u8]) -> Option<&[u8]> {
    let (scheme, rest) = value.split_at_checked(6)?;
    if !scheme.eq_ignore_ascii_case(b"bearer") || rest.first() != Some(&b' ') {
        return None;
    }
    let token = rest.trim_ascii();
    (!token.is_empty()).then_some(token)
}

/// The admin listener answers only requests that name its host by address or as `localhost`:
/// a web page that makes a browser on the node's host resolve its own DNS name to 127.0.0.1
/// (DNS rebinding) sends that name as `Host`, and is refused (`403`, `input.invalid`) before
/// any personal data is read.
async fn admin_host(req: Request) -> std::result::Result<Request, Response> {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if host.is_empty() || admin_host_allowed(host) {
        return Ok(req);
    }
    Err(Answer::problem_with(
        403,
        ErrorCode::InputInvalid,
        "",
        "the admin listener answers only requests to its address or to localhost (Host), \
         never to a DNS name: a browser led there by a web page (DNS rebinding) must not read \
         cases or messages",
    )
    .into_response())
}

/// Whether `host` (a `Host` header: name or address, optional port) is an IP address or
/// `localhost`.
fn admin_host_allowed(host: &str) -> bool {
    let name = if let Some(v6) = host.strip_prefix('[') {
        return v6.split_once(']').is_some_and(|(a, rest)| {
            a.parse::<std::net::Ipv6Addr>().is_ok()
                && (rest.is_empty() || rest.strip_prefix(':').is_some_and(is_port))
        });
    } else {
        match host.rsplit_once(':') {
            Some((n, p)) if is_port(p) => n,
            Some(_) => return false,
            None => host,
        }
    };
    name.eq_ignore_ascii_case("localhost") || name.parse::<std::net::Ipv4Addr>().is_ok()
}

fn is_port(p: &str) -> bool {
    !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit())
}

/// The handler of an admin route of [`ADMIN_ROUTES`] (`None` for a pair it does not name).
fn admin_handler(method: &str, path: &str) -> Option<axum::routing::MethodRouter<Arc<Node>>> {
    Some(match (method, path) {
        ("GET", "/healthz") => get(healthz),
        ("GET", "/admin/v1/cases") => get(admin_cases),
        ("GET", "/admin/v1/cases/{case_id}") => get(admin_case),
        ("GET", "/admin/v1/messages/{id}") => get(admin_messages),
        ("GET", "/admin/v1/outbox") => get(admin_outbox),
        _ => return None,
    })
}

/// The query parameters of an admin request, each of `known` at most once: an unknown or
/// repeated parameter is refused (`input.invalid`, naming it and the ones the route takes),
/// so that a misspelt filter cannot silently return everything.
/// `ok`, or `503` with the reason while the node's trust list is stale or vouches for no
/// receipt key of it ([`Node::ready`]): a load balancer then stops sending it messages it
/// would refuse.
async fn healthz(State(node): State<Arc<Node>>) -> Response {
    match node.ready(SystemClock.now()) {
        Ok(()) => match store_answers(&node)
            .await
            .and_then(|()| node.store_writes_failing())
        {
            Ok(()) => "ok\n".into_response(),
            Err(why) => (
                StatusCode::SERVICE_UNAVAILABLE,
                format!("store unavailable: {why}\n"),
            )
                .into_response(),
        },
        Err(e) if e.code() == ErrorCode::TrustListStale => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!("stale trust list: {}\n", e.message()),
        )
            .into_response(),
        Err(e) if e.code() == ErrorCode::ReferenceDataStale => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!("stale reference data: {}\n", e.message()),
        )
            .into_response(),
        Err(e) => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!("no usable receipt key: {}\n", e.message()),
        )
            .into_response(),
    }
}

/// How long `GET /healthz` waits for the store's answer.
pub const STORE_PROBE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// Whether the node's store answers a query (`GET /healthz`): a database that is down or
/// hangs had left the health check green while every message was answered 503 or waited
/// (audit s41 PostgreSQL F3). One query at a time per node, an answer younger than a second
/// (good or bad) reused, no new query while one that timed out still waits. The reason names
/// the code or the wait, never the driver's text (the public listener answers it too).
async fn store_answers(node: &Arc<Node>) -> std::result::Result<(), String> {
    let probe = node.store_probe();
    let _turn = probe.turn.lock().await;
    if let Some(answer) = probe.recent(std::time::Duration::from_secs(1)) {
        return answer;
    }
    // A query from an earlier check still waits (the store hangs): no second one.
    if !probe.begin() {
        return Err(format!(
            "no answer from the store for over {} s",
            STORE_PROBE_TIMEOUT.as_secs()
        ));
    }
    /// Ends the probe however the query ends (a panic included), so that it is never left
    /// marked in flight.
    struct End<'a> {
        probe: &'a crate::node::StoreProbe,
        answer: std::result::Result<(), String>,
    }
    impl Drop for End<'_> {
        fn drop(&mut self) {
            self.probe.end(std::mem::replace(&mut self.answer, Ok(())));
        }
    }
    let n = Arc::clone(node);
    let query = tokio::task::spawn_blocking(move || {
        let mut end = End {
            probe: n.store_probe(),
            answer: Err("the store query failed".to_owned()),
        };
        let answered = n.store().schema_version();
        end.answer = answered
            .as_ref()
            .map(|_| ())
            .map_err(|e| e.code().as_str().to_owned());
        answered
    });
    match tokio::time::timeout(STORE_PROBE_TIMEOUT, query).await {
        Ok(Ok(Ok(_))) => Ok(()),
        Ok(Ok(Err(e))) => Err(e.code().as_str().to_owned()),
        Ok(Err(_)) => Err("the store query failed".to_owned()),
        Err(_) => Err(format!(
            "no answer from the store within {} s",
            STORE_PROBE_TIMEOUT.as_secs()
        )),
    }
}

fn query_params(
    uri: &axum::http::Uri,
    known: &[&str],
) -> Result<std::collections::BTreeMap<String, String>> {
    let mut out = std::collections::BTreeMap::new();
    for kv in uri
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|kv| !kv.is_empty())
    {
        let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
        // Names and values percent-decoded, as a client's URL library writes them
        // (`?status=%6fpen` is `open`).
        let decoded = |s: &str| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8()
                .map(std::borrow::Cow::into_owned)
                .map_err(|_| bad_param("a query name or value is not UTF-8 once percent-decoded"))
        };
        let (k, v) = (decoded(k)?, decoded(v)?);
        let k = k.as_str();
        if !known.contains(&k) {
            let takes = if known.is_empty() {
                "none".to_owned()
            } else {
                known.join(", ")
            };
            return Err(bad_param(&format!(
                "{} is unknown here (this path takes: {takes})",
                labourlink::error::shown(k)
            )));
        }
        if out.insert(k.to_owned(), v).is_some() {
            return Err(bad_param(&format!("{k} is given more than once")));
        }
    }
    Ok(out)
}

fn json_answer(status: u16, v: &serde_json::Value) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut r = (status, v.to_string()).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

/// An admin query's error. A bad parameter or an unknown id keeps its own message (it names
/// the parameter and what it takes, or the id asked for: the operator's own input, on a
/// loopback listener); anything else — the store's errors — its code's fixed summary.
fn error_answer(e: &Error) -> Response {
    let status = match e.code() {
        ErrorCode::StoreNotFound => 404,
        ErrorCode::InputInvalid => 400,
        c if c.family() == "store" => 503,
        _ => 400,
    };
    let message = match e.code() {
        ErrorCode::StoreNotFound | ErrorCode::InputInvalid => e.message(),
        c => c.summary(),
    };
    Answer::problem_with(status, e.code(), "", message).into_response()
}

/// Runs a store query off the async threads and answers with its JSON or its error.
async fn blocking_json(f: impl FnOnce() -> Result<serde_json::Value> + Send + 'static) -> Response {
    match tokio::task::spawn_blocking(f).await {
        Ok(Ok(v)) => json_answer(200, &v),
        Ok(Err(e)) => error_answer(&e),
        Err(_) => json_answer(500, &serde_json::json!({"status": "rejected"})),
    }
}

fn bad_param(what: &str) -> Error {
    Error::new(ErrorCode::InputInvalid, format!("query parameter {what}"))
}

/// The cases `/admin/v1/cases` lists without `limit`: the answer is built in memory (about
/// 18 KB of the node's memory per case; 100 000 open cases had taken it to 1.8 GB).
const ADMIN_CASES_LIMIT: u64 = 1_000;

/// The largest `limit` of `/admin/v1/cases` (the CLI's `labourlink cases` lists any number,
/// from its own process).
const ADMIN_CASES_MAX_LIMIT: u64 = 10_000;

async fn admin_cases(State(node): State<Arc<Node>>, uri: axum::http::Uri) -> Response {
    let params = query_params(&uri, &["status", "due_within", "as_of", "limit"]);
    blocking_json(move || {
        let mut params = params?;
        let status = params.remove("status");
        let due = params.remove("due_within");
        let as_of = params.remove("as_of");
        let limit = match params.remove("limit") {
            None => ADMIN_CASES_LIMIT,
            Some(n) => n
                .parse::<u64>()
                .ok()
                .filter(|n| (1..=ADMIN_CASES_MAX_LIMIT).contains(n))
                .ok_or_else(|| {
                    bad_param(&format!(
                        "limit must be a number from 1 to {ADMIN_CASES_MAX_LIMIT}"
                    ))
                })?,
        };
        let today = match as_of {
            Some(d) => labourlink::rules::Date::parse(&d)
                .map(|d| d.to_string())
                .ok_or_else(|| bad_param("as_of must be a date YYYY-MM-DD"))?,
            None => labourlink::rules::Date::from_instant_china(SystemClock.now())
                .map(|d| d.to_string())
                .unwrap_or_default(),
        };
        let store = node.store();
        let mut query = match (status.as_deref(), due) {
            (Some(s), _) if s != "open" && s != "overdue" => {
                return Err(bad_param("status must be open or overdue"));
            }
            // Overdue cases are past their due date, due_within lists those due from today:
            // the two filters contradict each other (the CLI refuses them together too).
            (Some("overdue"), Some(_)) => {
                return Err(bad_param(
                    "status=overdue and due_within contradict each other: give one of them",
                ));
            }
            (_, Some(n)) => {
                let n: u32 = n
                    .parse()
                    .map_err(|_| bad_param("due_within must be a number of working days"))?;
                store.due_within_query(&today, n)?
            }
            (Some("overdue"), None) => labourlink_store::Store::overdue_query(&today)?,
            _ => labourlink_store::CaseQuery {
                open_only: true,
                ..labourlink_store::CaseQuery::default()
            },
        };
        // One more than asked for tells whether there are more.
        query.limit = limit + 1;
        let mut records = store.cases(&query)?;
        let truncated = records.len() as u64 > limit;
        records.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
        Ok(serde_json::json!({
            "as_of": today,
            "limit": limit,
            "truncated": truncated,
            "cases": records.iter().map(|r| {
                let mut v = r.to_json();
                v["overdue"] = r.is_overdue(&today).into();
                v
            }).collect::<Vec<_>>(),
        }))
    })
    .await
}

/// The id in the path; `None` when it is not text once percent-decoded (answered with
/// [`not_text`]: axum's own rejection would be a `text/plain` answer).
fn path_id(
    path: std::result::Result<axum::extract::Path<String>, axum::extract::rejection::PathRejection>,
) -> Option<String> {
    path.ok().map(|axum::extract::Path(id)| id)
}

/// The problem JSON for an id that is not UTF-8 text.
fn not_text() -> Response {
    error_answer(&bad_param(
        "the id in the path is not UTF-8 text once percent-decoded",
    ))
}

async fn admin_case(
    State(node): State<Arc<Node>>,
    path: std::result::Result<axum::extract::Path<String>, axum::extract::rejection::PathRejection>,
    uri: axum::http::Uri,
) -> Response {
    let Some(case_id) = path_id(path) else {
        return not_text();
    };
    let params = query_params(&uri, &[]);
    blocking_json(move || {
        params?;
        let store = node.store();
        let records = store.case(&case_id)?;
        let mut messages = Vec::new();
        for r in &records {
            for m in store.case_history(&r.case_type, &r.case_id)? {
                messages.push(m.to_json(false));
            }
        }
        Ok(serde_json::json!({
            "cases": records.iter().map(labourlink_store::CaseRecord::to_json).collect::<Vec<_>>(),
            "messages": messages,
        }))
    })
    .await
}

async fn admin_messages(
    State(node): State<Arc<Node>>,
    path: std::result::Result<axum::extract::Path<String>, axum::extract::rejection::PathRejection>,
    uri: axum::http::Uri,
) -> Response {
    let Some(id) = path_id(path) else {
        return not_text();
    };
    let params = query_params(&uri, &["body"]);
    let answered = tokio::task::spawn_blocking(move || {
        let body = match params?.get("body").map(String::as_str) {
            None | Some("false") => false,
            Some("true") => true,
            Some(_) => return Err(bad_param("body must be true or false")),
        };
        let found = node.store().archived_by_id(&id)?;
        Ok((
            serde_json::json!({
                "messages": found.iter().map(|m| m.to_json(body)).collect::<Vec<_>>(),
            }),
            body,
        ))
    })
    .await;
    match answered {
        Ok(Ok((v, bodies))) => {
            let mut r = json_answer(200, &v);
            if bodies {
                r.extensions_mut().insert(BodiesReturned);
            }
            r
        }
        Ok(Err(e)) => error_answer(&e),
        Err(_) => json_answer(500, &serde_json::json!({"status": "rejected"})),
    }
}

async fn admin_outbox(State(node): State<Arc<Node>>, uri: axum::http::Uri) -> Response {
    let params = query_params(&uri, &["state", "limit"]);
    blocking_json(move || {
        let mut params = params?;
        let state = params.remove("state");
        let limit = params.remove("limit");
        let mut q = labourlink_store::OutboxQuery::all()
            .limit(match limit {
                Some(l) => l.parse().map_err(|_| bad_param("limit must be a number"))?,
                None => 100,
            });
        if let Some(s) = state {
            q = q.state(
                labourlink_store::OutboxState::parse(&s)
                    .map_err(|_| bad_param("state is not an outbox state"))?,
            );
        }
        let store = node.store();
        let counts: serde_json::Map<String, serde_json::Value> = store
            .outbox_counts()?
            .into_iter()
            .map(|(s, n)| (s.as_str().to_owned(), n.into()))
            .collect();
        Ok(serde_json::json!({
            "counts": counts,
            "messages": store.outbox(&q)?.iter().map(labourlink_store::OutboxItem::to_json).collect::<Vec<_>>(),
        }))
    })
    .await
}

impl Answer {
    fn into_response_with_retry(self, seconds: u64) -> Response {
        let mut r = self.into_response();
        r.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        r
    }
}

fn is_jose_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|t| t.trim().eq_ignore_ascii_case(JOSE_JSON))
}

fn refuse(node: &Node, status: u16, code: ErrorCode) -> Response {
    if let Some(suppressed) = node.refusal_logged(crate::node::LogKind::Unsigned) {
        tracing::warn!(target: "labourlink::inbox", status, code = code.as_str(), suppressed, "refused");
    }
    node.metrics().refuse(status);
    Answer::problem(status, code, "").into_response()
}

/// How much of a body above the limit is read and thrown away before the `413`, as a
/// multiple of the limit: a client that writes its whole request before it reads (Python's
/// `http.client`, most blocking clients) then gets the answer instead of a reset connection
/// (nginx's "lingering close"). A larger body is cut off (the connection closes unread).
const DRAIN_FACTOR: usize = 16;

/// While a body over the limit is thrown away: the longest wait for more of it before the
/// `413` goes out anyway (a client that sent only the headers and waits).
const DRAIN_IDLE: Duration = Duration::from_secs(1);

/// Why a request body was not read.
enum BodyError {
    /// More than the limit.
    TooLarge,
    /// Ended early, or a broken chunked encoding.
    Incomplete,
    /// Not complete within the body read timeout.
    Timeout,
}

/// Reads a body of at most `max` bytes. Above it — or from the start when the declared
/// length is above it — reads on and discards up to [`DRAIN_FACTOR`] times `max` (nothing is
/// kept, each wait at most [`DRAIN_IDLE`]) and then says `TooLarge`.
async fn read_body(
    mut body: axum::body::Body,
    max: usize,
    declared: Option<u64>,
    within: Duration,
) -> std::result::Result<Vec<u8>, BodyError> {
    let deadline = tokio::time::Instant::now() + within;
    let mut draining = declared.is_some_and(|n| n > max as u64);
    let hint = if draining {
        0
    } else {
        declared.map_or(0, |n| usize::try_from(n).unwrap_or(max).min(max))
    };
    let mut bytes: Vec<u8> = Vec::with_capacity(hint);
    let mut seen = 0usize;
    let drain_until = max.saturating_mul(DRAIN_FACTOR);
    loop {
        // The whole body within `within` (408); once it is known to be too large, 413
        // whenever the wait ends (each wait at most DRAIN_IDLE).
        let until = if draining {
            deadline.min(tokio::time::Instant::now() + DRAIN_IDLE)
        } else {
            deadline
        };
        let next = match tokio::time::timeout_at(until, body.frame()).await {
            Ok(next) => next,
            Err(_) if draining => return Err(BodyError::TooLarge),
            Err(_) => return Err(BodyError::Timeout),
        };
        let Some(frame) = next else {
            break;
        };
        let Ok(frame) = frame else {
            return if draining {
                Err(BodyError::TooLarge)
            } else {
                Err(BodyError::Incomplete)
            };
        };
        let Some(data) = frame.data_ref() else {
            continue;
        };
        seen = seen.saturating_add(data.len());
        if draining || seen > max {
            if !draining {
                draining = true;
                bytes = Vec::new();
            }
            if seen > drain_until {
                return Err(BodyError::TooLarge);
            }
        } else {
            bytes.extend_from_slice(data);
        }
    }
    if draining {
        Err(BodyError::TooLarge)
    } else {
        Ok(bytes)
    }
}

/// `413`, and the connection closes after it (the rest of the body, if any, is not read).
fn too_large(node: &Node) -> Response {
    let mut r = refuse(node, 413, ErrorCode::ExchangePayloadTooLarge);
    r.headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    r
}

/// The address a connection came from (set per connection by the accept loop).
#[derive(Debug, Clone, Copy)]
struct Peer(std::net::IpAddr);

/// How many posted bodies one client may have in reading at once, at most: a quarter of the
/// body slots (one per work slot) when that is fewer.
const BODIES_PER_CLIENT: usize = 16;

/// What a posted message holds while the inbox works on it. Reading the body (which a slow
/// client may stretch to `body_read_timeout_seconds`) takes a body slot — four times
/// `max_concurrent_requests` in all, which bounds the memory bodies take, and at most a
/// quarter of them (and at most [`BODIES_PER_CLIENT`]) per client — and only verifying,
/// committing and answering take one of the `max_concurrent_requests` work slots, after the
/// body is in: one client with unfinished bodies can no longer keep every partner's message
/// out, however small `max_concurrent_requests` is. A client is an address, an IPv6 one by
/// its /64 ([`crate::rate::client_group`]).
struct Gate {
    work: Arc<tokio::sync::Semaphore>,
    bodies: tokio::sync::Semaphore,
    per_client: usize,
    readers: std::sync::Mutex<std::collections::HashMap<std::net::IpAddr, usize>>,
}

impl Gate {
    fn new(max_concurrent: usize) -> Self {
        Self {
            work: Arc::new(tokio::sync::Semaphore::new(max_concurrent)),
            bodies: tokio::sync::Semaphore::new(max_concurrent.saturating_mul(4)),
            per_client: max_concurrent.clamp(1, BODIES_PER_CLIENT),
            readers: std::sync::Mutex::new(std::collections::HashMap::new()),
        }
    }

    /// A body slot for `client`, or `None` when the client has its share of bodies in
    /// reading or all body slots are taken.
    fn reader(&self, client: Option<std::net::IpAddr>) -> Option<Reader<'_>> {
        let permit = self.bodies.try_acquire().ok()?;
        let client = client.map(crate::rate::client_group);
        if let Some(c) = client {
            let mut readers = self.readers.lock().unwrap_or_else(|p| p.into_inner());
            let n = readers.entry(c).or_insert(0);
            if *n >= self.per_client {
                return None;
            }
            *n += 1;
        }
        Some(Reader {
            gate: self,
            client,
            _permit: permit,
        })
    }
}

/// A body slot; given back when dropped.
struct Reader<'a> {
    gate: &'a Gate,
    client: Option<std::net::IpAddr>,
    _permit: tokio::sync::SemaphorePermit<'a>,
}

impl Drop for Reader<'_> {
    fn drop(&mut self) {
        if let Some(c) = self.client {
            let mut readers = self.gate.readers.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(n) = readers.get_mut(&c) {
                *n -= 1;
                if *n == 0 {
                    readers.remove(&c);
                }
            }
        }
    }
}

/// `503 exchange.overloaded` with `Retry-After`, counted and logged.
fn overloaded(node: &Node, why: &'static str) -> Response {
    if let Some(suppressed) = node.refusal_logged(crate::node::LogKind::Unsigned) {
        tracing::warn!(
            target: "labourlink::inbox",
            status = 503,
            code = ErrorCode::ExchangeOverloaded.as_str(),
            suppressed,
            "refused: {why}"
        );
    }
    node.metrics().refuse(503);
    Answer::problem(503, ErrorCode::ExchangeOverloaded, "")
        .into_response_with_retry(node.limits().retry_after_seconds)
}

async fn post_message(State(node): State<Arc<Node>>, req: Request, gate: Arc<Gate>) -> Response {
    use tracing::Instrument as _;
    // Every event of this request carries the client's address (a span field).
    let client = req.extensions().get::<Peer>().map(|Peer(peer)| {
        // Every X-Forwarded-For line, in order, as one list (RFC 9110 §5.3): a proxy that
        // appends its own line must not leave the client's first line to decide.
        let lines: Vec<&str> = req
            .headers()
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        let forwarded = (!lines.is_empty()).then(|| lines.join(","));
        node.client_of(*peer, forwarded.as_deref())
    });
    let span = match client {
        Some(c) => tracing::info_span!("request", client = %c),
        None => tracing::info_span!("request"),
    };
    post_message_in(node, req, client, &gate)
        .instrument(span)
        .await
}

async fn post_message_in(
    node: Arc<Node>,
    req: Request,
    client: Option<std::net::IpAddr>,
    gate: &Gate,
) -> Response {
    let (parts, body) = req.into_parts();
    if let Some(client) = client {
        if let Err(wait) = node.admit(client) {
            if let Some(suppressed) = node.refusal_logged(crate::node::LogKind::Unsigned) {
                tracing::warn!(
                    target: "labourlink::inbox",
                    status = 429,
                    code = ErrorCode::ExchangeRateLimited.as_str(),
                    retry_after = wait,
                    suppressed,
                    "refused: over the per-client rate"
                );
            }
            node.metrics().refuse(429);
            return Answer::problem(429, ErrorCode::ExchangeRateLimited, "")
                .into_response_with_retry(wait);
        }
    }
    if !is_jose_json(&parts.headers) {
        return refuse(&node, 415, ErrorCode::ExchangeUnsupportedMediaType);
    }
    let max = node.limits().max_body_bytes;
    let declared = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    // A client waiting for `100 Continue` has not sent the body: answered at once.
    let waits = parts
        .headers
        .get(header::EXPECT)
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"100-continue"));
    if declared.is_some_and(|n| n > max as u64) && waits {
        return too_large(&node);
    }
    let Some(reader) = gate.reader(client) else {
        return overloaded(&node, "too many bodies in reading (this client's, or all)");
    };
    let read = read_body(body, max, declared, node.limits().body_read_timeout()).await;
    drop(reader);
    let bytes = match read {
        Err(BodyError::Timeout) => return refuse(&node, 408, ErrorCode::ExchangeTimeout),
        Err(BodyError::TooLarge) => return too_large(&node),
        // The body ended early or its chunked encoding was broken: answered (if the client
        // still listens) with the code, and counted.
        Err(BodyError::Incomplete) => {
            return refuse(&node, 400, ErrorCode::ExchangeBodyIncomplete);
        }
        Ok(b) => b,
    };
    let Ok(slot) = Arc::clone(&gate.work).try_acquire_owned() else {
        return overloaded(&node, "max_concurrent_requests messages in work");
    };
    // Verification and the receipt's signature run on a task of their own; the commit is
    // awaited; what queries the store goes to the blocking pool (`Node::receive_async`). The
    // number of messages in work at once is bounded by the work slots (`Gate`): the slot
    // goes with the work, so a message whose client hung up still holds it until done.
    node.receive_async_holding(bytes, SystemClock.now(), slot)
        .await
        .into_response()
}

async fn get_trust_list(State(node): State<Arc<Node>>, headers: HeaderMap) -> Response {
    let (jws, digest) = node.trust_list();
    anchor_signed_response(&jws, &digest, &headers)
}

async fn get_reference_data(State(node): State<Arc<Node>>, headers: HeaderMap) -> Response {
    match node.reference_data() {
        Some((jws, digest)) => anchor_signed_response(&jws, &digest, &headers),
        None => Answer::problem_with(
            404,
            ErrorCode::StoreNotFound,
            "",
            "this node publishes no signed reference data: it uses the tables built into \
             labourlink ([reference_data] is not set in its node.toml)",
        )
        .into_response(),
    }
}

/// A signed trust list or reference-data document: `ETag` = its payload digest, `304` on a
/// matching `If-None-Match`, cacheable for 5 minutes.
fn anchor_signed_response(jws: &Arc<Vec<u8>>, digest: &str, headers: &HeaderMap) -> Response {
    let etag = format!("\"{digest}\"");
    let matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .map(str::trim)
                .any(|t| t == "*" || t == etag || t.strip_prefix("W/") == Some(etag.as_str()))
        });
    let mut r = if matches {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut r = (StatusCode::OK, jws.as_ref().clone()).into_response();
        r.headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(JOSE_JSON));
        r
    };
    if let Ok(v) = HeaderValue::from_str(&etag) {
        r.headers_mut().insert(header::ETAG, v);
    }
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    r
}

async fn get_metrics(State(node): State<Arc<Node>>) -> Response {
    // The outbox depth is a store query: asked only of a store the health probe finds
    // answering (one probe at a time, its answer reused for a second: a store that hangs is
    // not asked again by every scrape), off the async threads, and waited for no longer than
    // the probe — a scrape of a node whose store hangs answers with every other family and
    // `labourlink_store_up 0` instead of timing out (audit s43 on-call F6).
    // One deadline for the whole store part (review s43 L7: the probe's 5 s and then the
    // query's had made 10 s, a scrape's default timeout), and no query started while one from
    // an earlier scrape still waits.
    let started = std::time::Instant::now();
    let counts = if store_answers(&node).await.is_ok()
        && !node
            .store_probe()
            .figures_in_flight
            .swap(true, std::sync::atomic::Ordering::AcqRel)
    {
        /// Clears the in-flight mark however the query ends.
        struct Done(Arc<Node>);
        impl Drop for Done {
            fn drop(&mut self) {
                self.0
                    .store_probe()
                    .figures_in_flight
                    .store(false, std::sync::atomic::Ordering::Release);
            }
        }
        let done = Done(Arc::clone(&node));
        let query = tokio::task::spawn_blocking(move || done.0.store_figures());
        let left = STORE_PROBE_TIMEOUT.saturating_sub(started.elapsed());
        match tokio::time::timeout(left, query).await {
            Ok(Ok(counts)) => Some(counts),
            Ok(Err(_)) | Err(_) => None,
        }
    } else {
        None
    };
    let render = Arc::clone(&node);
    let Ok(text) = tokio::task::spawn_blocking(move || render.metrics_text_with(counts)).await
    else {
        // An empty 200 would read as "no series" to Prometheus.
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            "metrics could not be rendered\n",
        )
            .into_response();
    };
    let mut r = text.into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
    );
    r
}

/// Serves `node` on `listener` until `shutdown` completes, then stops accepting and lets
/// the requests in progress finish (at most 10 s). Requests sent before the stop are
/// answered, with `connection: close`: those on open connections, and those whose
/// connections still wait in the kernel's accept queue (taken, not reset). Connections
/// still busy after 10 s are closed unanswered, with a `WARN` event (a sender retries; a
/// message that was committed meanwhile gets its receipt again).
///
/// # Errors
/// None today; accept errors (e.g. out of file descriptors) are waited out, not returned.
pub async fn serve(
    node: Arc<Node>,
    listener: tokio::net::TcpListener,
    tls: Option<TlsAcceptor>,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let limits: Limits = *node.limits();
    let refused = Arc::clone(&node);
    serve_app(router(node), limits, listener, tls, Some(refused), shutdown).await
}

/// Serves the admin routes ([`admin_router`]) of `node` on `listener` (plain HTTP; bind it to
/// loopback), asking for `token` when given, until `shutdown` completes.
///
/// # Errors
/// None today, as [`serve`].
pub async fn serve_admin(
    node: Arc<Node>,
    listener: tokio::net::TcpListener,
    token: Option<AdminToken>,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let limits: Limits = *node.limits();
    serve_app(
        admin_router(node, token),
        limits,
        listener,
        None,
        None,
        shutdown,
    )
    .await
}

async fn serve_app(
    app: Router,
    limits: Limits,
    listener: tokio::net::TcpListener,
    tls: Option<TlsAcceptor>,
    metrics: Option<Arc<Node>>,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    // Once stopping, every answer carries `connection: close`: a client that sent a request
    // just before the stop gets its answer and does not send another on that connection.
    // The stop signal the connections watch says so.
    let (stop_tx, stop_rx) = watch::channel(false);
    let stopping = stop_rx.clone();
    let app = app.layer(axum::middleware::map_response(move |mut r: Response| {
        let stopping = *stopping.borrow();
        async move {
            if stopping {
                r.headers_mut()
                    .insert(header::CONNECTION, HeaderValue::from_static("close"));
            }
            r
        }
    }));
    let accept = Accept {
        app,
        limits,
        tls,
        metrics,
        slots: Arc::new(Semaphore::new(limits.max_connections)),
        // Connections refused at `max_connections` are answered by small tasks of their own,
        // at most this many at once; past that they are closed at once.
        refusals: Arc::new(Semaphore::new(REFUSALS_AT_ONCE)),
        overloaded: Arc::new(overloaded_response(limits.retry_after_seconds)),
        stop: stop_rx,
        per_peer: Arc::new(std::sync::Mutex::new(std::collections::HashMap::new())),
        per_peer_max: (limits.max_connections / 16).max(16),
        logged: std::sync::atomic::AtomicU64::new(0),
    };
    let mut tasks = tokio::task::JoinSet::new();
    let mut shutdown = pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            () = &mut shutdown => break,
            r = listener.accept() => match r {
                Ok(pair) => pair,
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        accept.connection(stream, peer, &mut tasks);
        // Reap finished connections so the set stays as small as the open connections.
        while tasks.try_join_next().is_some() {}
    }
    let _ = stop_tx.send(true);
    // Connections already in the kernel's accept queue reached the node before the stop:
    // closing the listener would reset them, request and all. They are taken and served
    // like the others (a sender retries a reset, but it cannot tell that nothing was done).
    for _ in 0..limits.max_connections.saturating_add(REFUSALS_AT_ONCE) {
        match tokio::time::timeout(Duration::ZERO, listener.accept()).await {
            Ok(Ok((stream, peer))) => accept.connection(stream, peer, &mut tasks),
            _ => break,
        }
    }
    drop(listener);
    while tasks.try_join_next().is_some() {}
    if !tasks.is_empty() {
        tracing::info!(
            target: "labourlink::inbox",
            open_connections = tasks.len(),
            "stopping: no new connections; requests already sent are answered (at most {} s)",
            DRAIN.as_secs()
        );
    }
    let drained =
        tokio::time::timeout(DRAIN, async { while tasks.join_next().await.is_some() {} }).await;
    if drained.is_err() {
        tracing::warn!(
            target: "labourlink::inbox",
            open_connections = tasks.len(),
            "stopping: connections still busy after {} s are closed without an answer \
             (their senders retry; a message already committed gets its receipt again)",
            DRAIN.as_secs()
        );
    }
    tasks.abort_all();
    Ok(())
}

/// What the accept loop needs to serve or refuse one connection.
struct Accept {
    app: Router,
    limits: Limits,
    tls: Option<TlsAcceptor>,
    metrics: Option<Arc<Node>>,
    slots: Arc<Semaphore>,
    refusals: Arc<Semaphore>,
    overloaded: Arc<Vec<u8>>,
    stop: watch::Receiver<bool>,
    /// Open connections per peer address (trusted proxies not counted).
    per_peer: Arc<std::sync::Mutex<std::collections::HashMap<std::net::IpAddr, usize>>>,
    /// The most connections one address may hold: a sixteenth of `max_connections`, at least
    /// 16, so that one client cannot take every slot.
    per_peer_max: usize,
    /// The second a refused connection was last logged.
    logged: std::sync::atomic::AtomicU64,
}

/// A connection counted against its peer's cap; uncounted when dropped.
struct PeerSlot {
    map: Arc<std::sync::Mutex<std::collections::HashMap<std::net::IpAddr, usize>>>,
    ip: std::net::IpAddr,
}

impl Drop for PeerSlot {
    fn drop(&mut self) {
        let mut map = self.map.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(n) = map.get_mut(&self.ip) {
            *n -= 1;
            if *n == 0 {
                map.remove(&self.ip);
            }
        }
    }
}

impl Accept {
    /// Counts a connection from `ip` against its cap: `None` when the address already holds
    /// `per_peer_max` connections; a trusted proxy (or the admin listener, which has no node)
    /// is counted under no cap.
    fn peer_slot(&self, ip: std::net::IpAddr) -> Option<Option<PeerSlot>> {
        let capped = self
            .metrics
            .as_ref()
            .is_some_and(|n| !n.is_trusted_proxy(ip));
        if !capped {
            return Some(None);
        }
        let ip = crate::rate::client_group(ip);
        let mut map = self.per_peer.lock().unwrap_or_else(|p| p.into_inner());
        let n = map.entry(ip).or_insert(0);
        if *n >= self.per_peer_max {
            return None;
        }
        *n += 1;
        Some(Some(PeerSlot {
            map: Arc::clone(&self.per_peer),
            ip,
        }))
    }

    /// Serves `stream` on a task in `tasks`, or answers it `503` when every slot is taken.
    fn connection(
        &self,
        stream: tokio::net::TcpStream,
        peer: SocketAddr,
        tasks: &mut tokio::task::JoinSet<()>,
    ) {
        // At `max_connections` a new connection is answered 503 with Retry-After and closed
        // rather than left waiting in the kernel's listen queue: idle connections holding
        // every slot (until their header read timeout) must not make the node silent.
        // An IPv4 client of a dual-stack listener (`[::]:…`) arrives as `::ffff:a.b.c.d`:
        // as its IPv4 address it matches `trusted_proxies` and shares its limits.
        let ip = peer.ip().to_canonical();
        let peer_slot = self.peer_slot(ip);
        let permit = match (&peer_slot, Arc::clone(&self.slots).try_acquire_owned()) {
            (Some(_), Ok(p)) => Some(p),
            _ => None,
        };
        let Some(permit) = permit else {
            if let Some(n) = &self.metrics {
                n.metrics().refuse(503);
            }
            // At most one line a second: a flood of connections must not become a flood of
            // log lines (`/metrics` counts every refusal).
            let second = u64::try_from(SystemClock.now().unix_seconds()).unwrap_or(0);
            if self
                .logged
                .swap(second, std::sync::atomic::Ordering::Relaxed)
                != second
            {
                tracing::warn!(
                    target: "labourlink::inbox",
                    status = 503,
                    code = ErrorCode::ExchangeOverloaded.as_str(),
                    client = %ip,
                    "refused a connection: {} (at most one such line a second)",
                    if peer_slot.is_none() {
                        "this address holds its share of max_connections"
                    } else {
                        "max_connections"
                    }
                );
            }
            match Arc::clone(&self.refusals).try_acquire_owned() {
                Ok(p) => {
                    tokio::spawn(refuse_connection(stream, Arc::clone(&self.overloaded), p));
                }
                // Too many refusals at once: the answer as far as the socket takes it now.
                Err(_) => {
                    let _ = stream.try_write(&self.overloaded);
                }
            }
            return;
        };
        let svc = TowerToHyperService::new(self.app.clone().layer(Extension(Peer(ip))));
        let stop = self.stop.clone();
        let hdr = self.limits.header_read_timeout();
        let tls = self.tls.clone();
        let node = self.metrics.clone();
        let write = self.limits.body_read_timeout();
        tasks.spawn(async move {
            let _permit = permit;
            let _peer_slot = peer_slot;
            // A write that makes no progress for the body read timeout ends the connection: a
            // client that sends requests and never reads the answers cannot hold its slot.
            let mut stream = tokio_io_timeout::TimeoutStream::new(stream);
            stream.set_write_timeout(Some(write));
            let stream = Box::pin(stream);
            let mut builder = hyper::server::conn::http1::Builder::new();
            // A request head larger than 64 KiB is 431: hyper's default buffer of about
            // 400 KiB per connection let 1 024 slow clients hold some 450 MB.
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(hdr)
                .max_buf_size(HEAD_BUFFER_BYTES);
            match tls {
                None => {
                    let stream = CodedParseErrors::new(stream, node, ip);
                    let conn = builder.serve_connection(TokioIo::new(stream), svc);
                    drive(conn, stop).await;
                }
                Some(acceptor) => {
                    // The handshake is bounded like the request head (slow clients).
                    let Ok(Ok(tls_stream)) =
                        tokio::time::timeout(hdr, acceptor.0.accept(stream)).await
                    else {
                        return;
                    };
                    let tls_stream = CodedParseErrors::new(tls_stream, node, ip);
                    let conn = builder.serve_connection(TokioIo::new(tls_stream), svc);
                    drive(conn, stop).await;
                }
            }
        });
    }
}

/// The read buffer of a connection, and so the largest request head (64 KiB; a body is read
/// through it in pieces).
const HEAD_BUFFER_BYTES: usize = 64 << 10;

/// A connection's stream that gives hyper's own answers a code. hyper answers a request head
/// it cannot parse by itself — `400`, `414` or `431` with an empty body, before any handler
/// runs — and then closes the connection; this stream sends, in that answer's place, the same
/// status with the problem JSON of `exchange.malformed_request` saying what was wrong, and
/// counts (`/metrics`) and logs it. Every other byte passes through unchanged.
struct CodedParseErrors<S> {
    inner: S,
    node: Option<Arc<Node>>,
    /// The client's address, for the log line.
    peer: std::net::IpAddr,
    /// The answer sent in place of hyper's, and how much of it is written.
    pending: Option<(Vec<u8>, usize)>,
}

impl<S> CodedParseErrors<S> {
    fn new(inner: S, node: Option<Arc<Node>>, peer: std::net::IpAddr) -> Self {
        Self {
            inner,
            node,
            peer,
            pending: None,
        }
    }
}

/// The answer to send in place of `head` when it is hyper's own answer to a request head it
/// could not parse (a whole head, status 400, 414 or 431, `content-length: 0`; the node's own
/// answers with these statuses always have a body), with its status.
fn parse_error_answer(head: &[u8]) -> Option<(u16, Vec<u8>)> {
    let rest = head.strip_prefix(b"HTTP/1.1 ")?;
    let (status, why) = match rest.get(..4)? {
        b"400 " => (
            400,
            "the request's head is not valid HTTP/1.1: its request line, a header (control \
             bytes, two Content-Length headers, an unknown Transfer-Encoding) or its version",
        ),
        b"414 " => (414, "the request target (path and query) is too long"),
        b"431 " => (
            431,
            "the request's head is over 64 KiB or over 100 header lines",
        ),
        _ => return None,
    };
    let empty = head.ends_with(b"\r\n\r\n")
        && head
            .windows(b"\r\ncontent-length: 0\r\n".len())
            .any(|w| w.eq_ignore_ascii_case(b"\r\ncontent-length: 0\r\n"));
    if !empty {
        return None;
    }
    let answer = Answer::problem_with(status, ErrorCode::ExchangeMalformedRequest, "", why);
    Some((status, raw_closing_answer(&answer, "")))
}

/// The whole HTTP/1.1 answer `answer` as bytes, with `extra` header lines (each ending in
/// `\r\n`) and `connection: close`: for answers written to a socket outside hyper's service.
fn raw_closing_answer(answer: &Answer, extra: &str) -> Vec<u8> {
    let reason = StatusCode::from_u16(answer.status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("");
    let mut out = format!(
        "HTTP/1.1 {} {reason}\r\ncontent-type: {}\r\n{extra}content-length: {}\r\nconnection: close\r\n\r\n",
        answer.status,
        answer.content_type,
        answer.body.len()
    )
    .into_bytes();
    out.extend_from_slice(&answer.body);
    out
}

impl<S: tokio::io::AsyncWrite + Unpin> CodedParseErrors<S> {
    /// Writes what is left of the answer sent in hyper's place.
    fn poll_pending(
        &mut self,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        while let Some((bytes, done)) = &mut self.pending {
            let rest = bytes.get(*done..).unwrap_or_default();
            if rest.is_empty() {
                self.pending = None;
                break;
            }
            let n = std::task::ready!(std::pin::Pin::new(&mut self.inner).poll_write(cx, rest))?;
            if n == 0 {
                return std::task::Poll::Ready(Err(std::io::ErrorKind::WriteZero.into()));
            }
            *done += n;
        }
        std::task::Poll::Ready(Ok(()))
    }
}

impl<S: tokio::io::AsyncRead + Unpin> tokio::io::AsyncRead for CodedParseErrors<S> {
    fn poll_read(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.get_mut().inner).poll_read(cx, buf)
    }
}

impl<S: tokio::io::AsyncWrite + Unpin> tokio::io::AsyncWrite for CodedParseErrors<S> {
    fn poll_write(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        if this.pending.is_some() {
            // hyper writes nothing after its own answer but a close; should it, those bytes
            // are dropped once ours is out.
            std::task::ready!(this.poll_pending(cx))?;
            return std::task::Poll::Ready(Ok(buf.len()));
        }
        if let Some((status, answer)) = parse_error_answer(buf) {
            if let Some(node) = &this.node {
                node.metrics().refuse(status);
                if let Some(suppressed) = node.refusal_logged(crate::node::LogKind::Unsigned) {
                    tracing::warn!(
                        target: "labourlink::inbox",
                        status,
                        code = ErrorCode::ExchangeMalformedRequest.as_str(),
                        client = %this.peer,
                        suppressed,
                        "refused: a request head that is not HTTP/1.1 the node can read"
                    );
                }
            }
            // hyper's head counts as written; ours goes out in its place (now, or on the
            // flush and close that follow).
            this.pending = Some((answer, 0));
            let _ = this.poll_pending(cx)?;
            return std::task::Poll::Ready(Ok(buf.len()));
        }
        std::pin::Pin::new(&mut this.inner).poll_write(cx, buf)
    }

    fn poll_flush(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        let this = self.get_mut();
        std::task::ready!(this.poll_pending(cx))?;
        std::pin::Pin::new(&mut this.inner).poll_flush(cx)
    }

    fn poll_shutdown(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        let this = self.get_mut();
        std::task::ready!(this.poll_pending(cx))?;
        std::pin::Pin::new(&mut this.inner).poll_shutdown(cx)
    }

    // Not vectored: hyper then writes each answer's head whole in one call, where it can be
    // recognised (it copies a body into the same buffer: one write for most answers).
}

/// How many connections refused at `max_connections` are answered at once.
const REFUSALS_AT_ONCE: usize = 64;

/// The whole answer to a connection over `max_connections`: `503`, `Retry-After`, the
/// problem JSON of `exchange.overloaded`, and `connection: close`.
fn overloaded_response(retry_after: u64) -> Vec<u8> {
    let answer = Answer::problem(503, ErrorCode::ExchangeOverloaded, "");
    raw_closing_answer(&answer, &format!("retry-after: {retry_after}\r\n"))
}

/// Answers a connection over `max_connections` with `answer` at once, then closes it
/// gracefully: what the client sends meanwhile is read and dropped for at most 200 ms, so
/// that the close does not reset the connection before the client has read the answer.
async fn refuse_connection(
    mut stream: tokio::net::TcpStream,
    answer: Arc<Vec<u8>>,
    _slot: tokio::sync::OwnedSemaphorePermit,
) {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let _ = tokio::time::timeout(Duration::from_millis(200), async {
        stream.write_all(&answer).await?;
        stream.shutdown().await?;
        let mut buf = [0u8; 4096];
        while stream.read(&mut buf).await? > 0 {}
        std::io::Result::Ok(())
    })
    .await;
}

/// Serves one connection until it ends or the server stops (then gracefully).
async fn drive<I, S>(
    conn: hyper::server::conn::http1::Connection<I, S>,
    mut stop: watch::Receiver<bool>,
) where
    I: hyper::rt::Read + hyper::rt::Write + Unpin + 'static,
    S: hyper::service::HttpService<hyper::body::Incoming>,
    S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    S::ResBody: 'static,
    <S::ResBody as hyper::body::Body>::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let mut conn = pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => {}
        _ = async { stop.wait_for(|stopping| *stopping).await.map(|_| ()) } => {
            // A request the client sent just before the stop may still be unread (it waits
            // in the socket, or the connection was accepted but not yet polled): hyper's
            // graceful shutdown would close such an idle-looking connection unanswered. So
            // for `LAST_REQUESTS` the connection keeps serving (answers carry `connection:
            // close`); then idle connections are closed and busy ones finish.
            if tokio::time::timeout(LAST_REQUESTS, conn.as_mut()).await.is_err() {
                conn.as_mut().graceful_shutdown();
                let _ = conn.await;
            }
        }
    }
}

/// TLS for the inbox: rustls (ring) with the node's certificate chain and key, TLS 1.2 and
/// 1.3, HTTP/1.1 by ALPN.
#[derive(Clone)]
pub struct TlsAcceptor(tokio_rustls::TlsAcceptor, Option<Timestamp>);

impl std::fmt::Debug for TlsAcceptor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TlsAcceptor")
    }
}

impl TlsAcceptor {
    /// Reads the PEM certificate chain (leaf first) and private key.
    ///
    /// # Errors
    /// `input.invalid` when a file cannot be read, holds no certificate or key, or the key
    /// does not fit the certificate. The messages name the files, never key material.
    pub fn from_pem_files(cert: &std::path::Path, key: &std::path::Path) -> Result<Self> {
        let read = |p: &std::path::Path| {
            read_file_limited(p, MAX_FILE_BYTES).map_err(|e| {
                Error::new(
                    ErrorCode::InputInvalid,
                    format!("cannot read {}: {e}", p.display()),
                )
            })
        };
        let cert_pem = read(cert)?;
        let key_pem = zeroize::Zeroizing::new(read(key)?);
        Self::from_pem(&cert_pem, &key_pem).map_err(|e| {
            Error::new(
                ErrorCode::InputInvalid,
                format!(
                    "TLS with {} and {}: {}",
                    cert.display(),
                    key.display(),
                    e.message()
                ),
            )
        })
    }

    /// From PEM bytes: the certificate chain (leaf first) and the private key.
    ///
    /// # Errors
    /// `input.invalid` for no certificate, no key, or a key that does not fit.
    pub fn from_pem(cert_pem: &[u8], key_pem: &[u8]) -> Result<Self> {
        use rustls_pki_types::pem::PemObject as _;
        use rustls_pki_types::{CertificateDer, PrivateKeyDer};
        let bad = |m: String| Error::new(ErrorCode::InputInvalid, m);
        let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(cert_pem)
            .collect::<std::result::Result<_, _>>()
            .map_err(|e| bad(format!("the certificate file is not PEM: {e}")))?;
        if certs.is_empty() {
            return Err(bad("the certificate file holds no CERTIFICATE".into()));
        }
        let key = PrivateKeyDer::from_pem_slice(key_pem)
            .map_err(|_| bad("the key file holds no usable PRIVATE KEY".into()))?;
        let leaf_not_after = certs.first().and_then(|c| certificate_not_after(c));
        // ring, as everywhere in labourlink (pure Rust build, no aws-lc C toolchain). rustls
        // marks it deprecated because it lacks the post-quantum hybrid key exchange
        // (X25519MLKEM768), which only its aws-lc-rs provider has; classical X25519/P-256
        // key exchange with TLS 1.2/1.3 is what this provider gives.
        #[allow(deprecated)]
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| bad(format!("TLS configuration: {e}")))?
            .with_no_client_auth()
            .with_single_cert(certs, key)
            .map_err(|e| bad(format!("the key does not fit the certificate: {e}")))?;
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(Self(
            tokio_rustls::TlsAcceptor::from(Arc::new(config)),
            leaf_not_after,
        ))
    }

    /// When the served certificate (the chain's first) expires, if it can be read: every
    /// client refuses the connection from then on (`labourlink serve` warns ahead of it, and
    /// `/metrics` shows it).
    #[must_use]
    pub fn not_after(&self) -> Option<Timestamp> {
        self.1
    }
}

/// The `notAfter` of a DER certificate (`None` when it does not parse).
fn certificate_not_after(der: &[u8]) -> Option<Timestamp> {
    use x509_cert::der::Decode as _;
    let cert = x509_cert::Certificate::from_der(der).ok()?;
    let secs = cert
        .tbs_certificate()
        .validity()
        .not_after
        .to_unix_duration()
        .as_secs();
    Some(Timestamp::from_unix_seconds(i64::try_from(secs).ok()?))
}

fn runtime(limits: &Limits) -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(limits.max_concurrent_requests.saturating_add(4))
        .thread_name("labourlink-inbox")
        .build()
        .map_err(|e| {
            Error::new(
                ErrorCode::InputInvalid,
                format!("cannot start the runtime: {e}"),
            )
        })
}

fn bind(addr: SocketAddr) -> Result<std::net::TcpListener> {
    bind_at(addr).map(|(l, _)| l)
}

/// Binds `addr` and returns the listener with the address it got (the port the system chose
/// for port 0).
fn bind_at(addr: SocketAddr) -> Result<(std::net::TcpListener, SocketAddr)> {
    let cannot = |e: std::io::Error| {
        Error::new(
            ErrorCode::InputInvalid,
            format!("cannot listen on {addr}: {e}"),
        )
        .zh(format!(
            "无法在 {addr} 上监听（端口已被占用或无权限？）：{e}"
        ))
    };
    let l = std::net::TcpListener::bind(addr).map_err(cannot)?;
    l.set_nonblocking(true).map_err(cannot)?;
    let at = l.local_addr().map_err(cannot)?;
    Ok((l, at))
}

/// The public and (optionally) admin listeners of a node, bound before anything else starts:
/// a node that cannot listen then fails before it records anything in its store (a trust
/// list accepted on start, for one).
#[derive(Debug)]
pub struct Listeners {
    public: std::net::TcpListener,
    local: SocketAddr,
    admin: Option<(std::net::TcpListener, SocketAddr, Option<AdminToken>)>,
}

impl Listeners {
    /// Reads the admin listener's token file when one is set, then binds `addr` and, when
    /// given, the admin address.
    ///
    /// # Errors
    /// `input.invalid` when the token file cannot be read or holds no usable token
    /// ([`AdminToken::from_file`]), or an address cannot be bound (in use, not permitted).
    pub fn bind(addr: SocketAddr, admin: Option<&AdminConfig>) -> Result<Self> {
        let token = admin.map(AdminConfig::token).transpose()?.flatten();
        if let Some(a) = admin.filter(|_| token.is_none()) {
            tracing::warn!(
                target: "labourlink::admin",
                listen = %a.listen,
                "the admin listener has no access token ([admin] token_file): every local \
                 account can read cases and archived messages"
            );
        }
        let (public, local) = bind_at(addr)?;
        let admin = admin
            .map(|a| bind_at(a.listen).map(|(l, at)| (l, at, token)))
            .transpose()?;
        Ok(Self {
            public,
            local,
            admin,
        })
    }

    /// The bound public address (the port the system chose for port 0).
    #[must_use]
    pub fn local_addr(&self) -> SocketAddr {
        self.local
    }
}

/// An inbox running on its own threads; stopped by [`RunningServer::stop`] or when dropped.
#[derive(Debug)]
pub struct RunningServer {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl RunningServer {
    /// Binds `addr` (port 0 picks a free one) and serves `node` on a runtime of its own.
    ///
    /// # Errors
    /// `input.invalid` when the address cannot be bound or the runtime not started.
    pub fn start(node: Arc<Node>, addr: SocketAddr) -> Result<Self> {
        Self::start_on(node, bind(addr)?, None)
    }

    /// Serves `node` on a listener bound by the caller (e.g. to learn the port first and
    /// publish it in a trust list), over TLS when `tls` is given.
    ///
    /// # Errors
    /// `input.invalid` when the listener cannot be used or the runtime not started.
    pub fn start_on(
        node: Arc<Node>,
        listener: std::net::TcpListener,
        tls: Option<TlsAcceptor>,
    ) -> Result<Self> {
        listener
            .set_nonblocking(true)
            .map_err(|e| Error::new(ErrorCode::InputInvalid, format!("cannot listen: {e}")))?;
        let addr = listener
            .local_addr()
            .map_err(|e| Error::new(ErrorCode::InputInvalid, format!("cannot listen: {e}")))?;
        let rt = runtime(node.limits())?;
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("labourlink-inbox-accept".into())
            .spawn(move || {
                rt.block_on(async move {
                    if let Ok(l) = tokio::net::TcpListener::from_std(listener) {
                        let _ = serve(node, l, tls, async {
                            let _ = rx.await;
                        })
                        .await;
                    }
                });
            })
            .map_err(|e| Error::new(ErrorCode::InputInvalid, format!("cannot start: {e}")))?;
        Ok(Self {
            addr,
            stop: Some(tx),
            thread: Some(thread),
        })
    }

    /// Binds `admin.listen` and serves the admin routes of `node` ([`admin_router`], with the
    /// token of `admin.token_file` when set) on a runtime of its own (plain HTTP: bind a
    /// loopback address).
    ///
    /// # Errors
    /// `input.invalid` when the token file cannot be read or holds no usable token, the
    /// address cannot be bound or the runtime not started.
    pub fn start_admin(node: Arc<Node>, admin: &AdminConfig) -> Result<Self> {
        let token = admin.token()?;
        let listener = bind(admin.listen)?;
        let addr = listener
            .local_addr()
            .map_err(|e| Error::new(ErrorCode::InputInvalid, format!("cannot listen: {e}")))?;
        let rt = runtime(node.limits())?;
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("labourlink-admin-accept".into())
            .spawn(move || {
                rt.block_on(async move {
                    if let Ok(l) = tokio::net::TcpListener::from_std(listener) {
                        let _ = serve_admin(node, l, token, async {
                            let _ = rx.await;
                        })
                        .await;
                    }
                });
            })
            .map_err(|e| Error::new(ErrorCode::InputInvalid, format!("cannot start: {e}")))?;
        Ok(Self {
            addr,
            stop: Some(tx),
            thread: Some(thread),
        })
    }

    /// The address the server listens on.
    #[must_use]
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops accepting, lets requests in progress finish (at most 10 s) and joins.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// Serves `node` on `addr` until SIGINT or SIGTERM (Ctrl-C on other platforms); `ready` is
/// called with the bound address once the server accepts connections.
///
/// # Errors
/// `input.invalid` when the address cannot be bound or the runtime not started.
pub fn serve_until_signal(
    node: Arc<Node>,
    addr: SocketAddr,
    tls: Option<TlsAcceptor>,
    admin: Option<&AdminConfig>,
    ready: impl FnOnce(SocketAddr, Option<SocketAddr>),
) -> Result<()> {
    serve_listeners_until_signal(node, Listeners::bind(addr, admin)?, tls, ready)
}

/// [`serve_until_signal`] on listeners bound before the node was made ([`Listeners::bind`]).
///
/// # Errors
/// `input.invalid` when the runtime cannot be started.
pub fn serve_listeners_until_signal(
    node: Arc<Node>,
    listeners: Listeners,
    tls: Option<TlsAcceptor>,
    ready: impl FnOnce(SocketAddr, Option<SocketAddr>),
) -> Result<()> {
    let Listeners {
        public: listener,
        local,
        admin,
    } = listeners;
    let (admin_listener, admin_local, admin_token) = match admin {
        Some((l, at, token)) => (Some(l), Some(at), token),
        None => (None, None, None),
    };
    let rt = runtime(node.limits())?;
    rt.block_on(async move {
        let to_tokio = |l: std::net::TcpListener| {
            tokio::net::TcpListener::from_std(l).map_err(|e| {
                Error::new(
                    ErrorCode::InputInvalid,
                    format!("cannot listen on {local}: {e}"),
                )
            })
        };
        let l = to_tokio(listener)?;
        let admin_l = admin_listener.map(to_tokio).transpose()?;
        ready(local, admin_local);
        let (stop_tx, stop_rx) = watch::channel(false);
        let stopped = |mut rx: watch::Receiver<bool>| async move {
            let _ = rx.changed().await;
        };
        let public = serve(Arc::clone(&node), l, tls, stopped(stop_rx.clone()));
        let admin_task = async {
            if let Some(al) = admin_l {
                let _ =
                    serve_admin(Arc::clone(&node), al, admin_token, stopped(stop_rx.clone())).await;
            }
        };
        let signal_task = async {
            signal().await;
            let _ = stop_tx.send(true);
        };
        let _ = tokio::join!(public, admin_task, signal_task);
        Ok(())
    })
}

/// Calls `f` once on SIGINT or SIGTERM (Ctrl-C elsewhere), from a small watcher thread
/// with a runtime of its own; for processes that do not serve (e.g. `labourlink outbox run`).
pub fn on_signal(f: impl FnOnce() + Send + 'static) {
    std::thread::spawn(move || {
        if let Ok(rt) = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        {
            rt.block_on(signal());
            f();
        }
    });
}

async fn signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::parse_error_answer;

    /// Only hyper's own empty answers to unreadable heads are replaced: never an answer with a
    /// body, another status, or a part of a head.
    #[test]
    fn only_hypers_empty_parse_error_answers_are_replaced() {
        for (head, status) in [
            (
                &b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\ndate: x\r\n\r\n"[..],
                400,
            ),
            (
                b"HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Length: 0\r\n\r\n",
                431,
            ),
            (
                b"HTTP/1.1 414 URI Too Long\r\ncontent-length: 0\r\n\r\n",
                414,
            ),
        ] {
            let (s, answer) = parse_error_answer(head).unwrap();
            assert_eq!(s, status);
            let text = String::from_utf8(answer).unwrap();
            assert!(text.starts_with(&format!("HTTP/1.1 {status} ")), "{text}");
            assert!(text.contains("\"exchange.malformed_request\""), "{text}");
        }
        for head in [
            &b"HTTP/1.1 400 Bad Request\r\ncontent-length: 120\r\n\r\n"[..],
            b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n",
            b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n",
            b"HTTP/1.1 413 Payload Too Large\r\ncontent-length: 0\r\n\r\n",
            b"{\"errors\":[]}",
            b"HTTP/1.1 40",
            b"",
        ] {
            assert!(
                parse_error_answer(head).is_none(),
                "{:?}",
                String::from_utf8_lossy(head)
            );
        }
    }
}
