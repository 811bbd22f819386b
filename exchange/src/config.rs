//! `node.toml`: what one inbox node needs — where it listens, its store, who it is, its
//! signing key, its trust list and its limits.
//!
//! ```toml
//! listen = "127.0.0.1:8480"
//! store = "sqlite:///var/lib/labourlink/store.db"
//! region = "330200"
//! agency = "11330200MB0P21461X"
//! name = "宁波市人力资源和社会保障局"
//!
//! [signing_key]          # PEM: PKCS#8, SEC1 or encrypted PKCS#8
//! path = "keys/ningbo-si.pem"
//! kid = "330200-si-2026a"
//! # password_file = "/run/secrets/ningbo-si-key"   # an encrypted key's password (first line),
//! # password_env = "NINGBO_SI_KEY_PASSWORD"        # or the variable that holds it
//!
//! # [[agencies]]      # optional: more agencies of the region this node receives for
//! # agency = "NB-LAB"
//! # name = "宁波市就业管理服务中心"
//! # signing_key = { path = "keys/ningbo-lab.pem", kid = "330200-lab-2026a" }
//!
//! [trust_list]
//! path = "trust/tl.jws"
//! anchor = "trust/anchor.jwk"
//! # next_anchors = ["trust/anchor-2027.jwk"]   # an anchor rotation: lists signed by either
//! # url = "https://anchor.ningbo.example.invalid/v1/trust-list"   # optional refresh
//! # refresh_seconds = 300
//!
//! # [reference_data]  # optional: signed holiday calendar / GB/T 2260 changes (参考数据)
//! # path = "trust/rd.jws"   # verified with the trust-list anchor; served at GET /v1/reference-data
//!
//! [outbox]            # optional; the defaults
//! enabled = true
//! poll_seconds = 2
//! max_backoff_seconds = 300
//! # ca = "tls/partners-ca.pem"    # extra roots for partners' inboxes (private CA)
//!
//! [purge]             # optional; the node's own `store purge` (the defaults)
//! every_seconds = 86400   # 0 = never (then `labourlink store purge` from cron)
//! # retention_days = 1825 # also drop message bodies etc. older than this (unset: keep them)
//! quarantine_retention_days = 90  # rejected messages, whatever retention_days says
//!
//! # [admin]           # optional: case/archive/outbox queries, loopback only
//! # listen = "127.0.0.1:8481"
//! # token_file = "admin.token"   # then every query needs Authorization: Bearer <token>
//!
//! # [tls]             # optional: TLS in the node (else plain HTTP behind a proxy)
//! # cert = "tls/inbox.pem"
//! # key = "tls/inbox.key"
//!
//! [limits]            # all optional; these are the defaults
//! max_body_bytes = 1048576
//! header_read_timeout_seconds = 10
//! body_read_timeout_seconds = 30
//! max_concurrent_requests = 64
//! max_connections = 1024
//! retry_after_seconds = 5
//! client_messages_per_minute = 600   # per client address; 0 = off
//! client_burst = 60
//!
//! # trusted_proxies = ["127.0.0.1"]   # (top level) reverse proxies whose X-Forwarded-For names the client
//! ```
//!
//! Relative paths are taken from the directory of the configuration file.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use labourlink::keys::SigningKey;
use labourlink::{Error, ErrorCode, Result};
use serde::Deserialize;
use zeroize::Zeroizing;

/// The configuration of one inbox node (`node.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct NodeConfig {
    /// The address the inbox listens on, e.g. `127.0.0.1:8480` (behind a reverse proxy).
    pub listen: SocketAddr,
    /// The durable store's URL (`sqlite:///…` or `postgresql://…`), made by `labourlink store init`.
    pub store: String,
    /// This node's region code, e.g. `330200`.
    pub region: String,
    /// This node's agency: messages must be addressed to it, receipts are signed as it.
    pub agency: String,
    /// This node's display name, written into its receipts.
    #[serde(default)]
    pub name: Option<String>,
    /// The key the node signs its receipts with.
    pub signing_key: KeyConfig,
    /// Reverse proxies (addresses) whose `X-Forwarded-For` header names the client for the
    /// per-client rate limit; from any other peer the header is ignored.
    #[serde(default)]
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Further agencies of the same region this node receives for (`[[agencies]]`), each
    /// with its own receipt key: one node (one store, one address) for a city's bureaus.
    #[serde(default)]
    pub agencies: Vec<AgencyConfig>,
    /// The trust list the node verifies with and publishes.
    pub trust_list: TrustListConfig,
    /// Signed reference data (`[reference_data]`): the holiday calendar and GB/T 2260
    /// changes the business rules use instead of the embedded ones; without it the embedded
    /// data.
    #[serde(default)]
    pub reference_data: Option<ReferenceDataConfig>,
    /// HTTP limits.
    #[serde(default)]
    pub limits: Limits,
    /// The outbox worker that delivers what this node sends.
    #[serde(default)]
    pub outbox: OutboxConfig,
    /// TLS in the node itself (`[tls]`); without it the node serves plain HTTP, to be put
    /// behind a TLS-terminating reverse proxy.
    #[serde(default)]
    pub tls: Option<TlsConfig>,
    /// The admin listener (`[admin]`): case, archive and outbox queries, which hold personal
    /// data — never on the public listener.
    #[serde(default)]
    pub admin: Option<AdminConfig>,
    /// The node's own housekeeping of its store (`[purge]`): what `labourlink store purge`
    /// does, on a schedule.
    #[serde(default)]
    pub purge: PurgeConfig,
}

/// The node's own purge of its store (`[purge]`), run by the serving process at its start and
/// then every `every_seconds`: replay records past their keep-until always (a purged message
/// can never be accepted again), and, with `retention_days`, the bodies of archived messages,
/// quarantined messages and finished outbox rows older than that (`labourlink store purge
/// --retention-days`). It keeps replay records a day past their keep-until, so that a clock
/// set ahead by less than a day cannot drop a record that a correct clock would still keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[non_exhaustive]
pub struct PurgeConfig {
    /// Seconds between purges (default 86 400, a day; at least 60); `0`: the node never
    /// purges (then run `labourlink store purge` from cron).
    pub every_seconds: u64,
    /// Drop message bodies, quarantined messages and finished outbox rows older than this
    /// many days (at least 1); unset (the default): keep them all.
    pub retention_days: Option<u32>,
    /// Drop quarantined (rejected) messages older than this many days (at least 1; default
    /// [`DEFAULT_QUARANTINE_RETENTION_DAYS`]), whatever `retention_days` says: they are kept
    /// to find out why a partner's message failed, not as records, and may hold personal data.
    pub quarantine_retention_days: u32,
}

/// How long a node keeps quarantined messages by default: 90 days.
pub const DEFAULT_QUARANTINE_RETENTION_DAYS: u32 = 90;

impl Default for PurgeConfig {
    fn default() -> Self {
        Self {
            every_seconds: 86_400,
            retention_days: None,
            quarantine_retention_days: DEFAULT_QUARANTINE_RETENTION_DAYS,
        }
    }
}

/// How long past their keep-until the node's own purge keeps replay records ([`PurgeConfig`]):
/// a day.
pub const PURGE_MARGIN_SECONDS: u32 = 86_400;

/// The admin listener (`[admin] listen = "127.0.0.1:8481"`): loopback only unless
/// `allow_non_loopback` is set (then put it behind the network's own access control), and
/// with an access token when `token_file` is set (required with `allow_non_loopback`).
///
/// ```
/// use labourlink_exchange::AdminConfig;
/// let dir = std::env::temp_dir().join(format!("ll-admin-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// let file = dir.join("admin.token");
/// std::fs::write(&file, "5f0c3e9a1b7d42c8a6e4f0b2d9c1a7e35f0c3e9a1b7d42c8a6e4f0b2d9c1a7e3\n")?;
/// let admin = AdminConfig::new("127.0.0.1:8481".parse()?).with_token_file(&file);
/// let token = admin.token()?.expect("a token file is set");
/// assert!(token.matches(b"5f0c3e9a1b7d42c8a6e4f0b2d9c1a7e35f0c3e9a1b7d42c8a6e4f0b2d9c1a7e3"));
/// assert!(!token.matches(b"guess"));
/// assert!(AdminConfig::new("127.0.0.1:8481".parse()?).token()?.is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct AdminConfig {
    /// Where it listens; a loopback address unless `allow_non_loopback`.
    pub listen: SocketAddr,
    /// Allow a non-loopback address (default `false`); needs `token_file`.
    #[serde(default)]
    pub allow_non_loopback: bool,
    /// A file whose first line is the listener's access token ([`AdminToken`]: at least
    /// 32 characters of `A–Z a–z 0–9 - . _ ~ + /`, e.g. `openssl rand -hex 32`; keep it mode
    /// 0600). Every admin query must then carry `Authorization: Bearer <token>`; without it
    /// every local account can query the listener.
    #[serde(default)]
    pub token_file: Option<PathBuf>,
}

impl AdminConfig {
    /// An admin listener on `listen` without a token.
    #[must_use]
    pub fn new(listen: SocketAddr) -> Self {
        Self {
            listen,
            allow_non_loopback: false,
            token_file: None,
        }
    }

    /// The same with the access token read from `path` ([`AdminConfig::token_file`]).
    #[must_use]
    pub fn with_token_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.token_file = Some(path.into());
        self
    }

    /// Reads the access token (`None` without `token_file`).
    ///
    /// # Errors
    /// As [`AdminToken::from_file`].
    pub fn token(&self) -> Result<Option<AdminToken>> {
        self.token_file
            .as_deref()
            .map(AdminToken::from_file)
            .transpose()
    }
}

/// The admin listener's access token (`[admin] token_file`). Only its SHA-256 digest is
/// kept, and a presented token is compared by digest in constant time ([`AdminToken::matches`];
/// no `PartialEq`, which would not be); neither is ever shown (`Debug` prints `AdminToken(..)`).
#[derive(Clone)]
pub struct AdminToken {
    digest: [u8; 32],
}

impl AdminToken {
    /// The fewest characters a token may have (32: 128 bits or more from hex or base64).
    pub const MIN_CHARS: usize = 32;

    /// A token from its text: at least [`AdminToken::MIN_CHARS`] characters of RFC 6750's
    /// `b64token` (`A–Z a–z 0–9 - . _ ~ + /`, then optional `=` padding), so that it can be sent
    /// as `Authorization: Bearer <token>` as it is.
    ///
    /// # Errors
    /// `input.invalid` when it is shorter or holds another character (the message does not
    /// show it).
    pub fn new(token: &str) -> Result<Self> {
        Self::parse(token, "", "")
    }

    /// [`AdminToken::new`] with `en` and `zh` (the file it came from) in front of the message.
    fn parse(token: &str, en: &str, zh: &str) -> Result<Self> {
        let body = token.trim_end_matches('=');
        let ok = !body.is_empty()
            && body
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~+/".contains(&b));
        if !ok {
            return Err(invalid(format!(
                "{en}the admin token may hold only A-Z a-z 0-9 - . _ ~ + / (then = padding), \
                 e.g. from `openssl rand -hex 32`"
            ))
            .zh(format!("{zh}管理令牌只能包含 A-Z a-z 0-9 - . _ ~ + /（末尾可有 = 填充），例如由 `openssl rand -hex 32` 生成")));
        }
        // Padding adds no secret: only the characters before it count.
        if body.len() < Self::MIN_CHARS {
            return Err(invalid(format!(
                "{en}the admin token has {} characters before any = padding; it needs at least {} (e.g. `openssl rand -hex 32`)",
                body.len(),
                Self::MIN_CHARS
            ))
            .zh(format!(
                "{zh}管理令牌（不计 = 填充）只有 {} 个字符，至少需要 {} 个（例如由 `openssl rand -hex 32` 生成）",
                body.len(),
                Self::MIN_CHARS
            )));
        }
        Ok(Self {
            digest: Self::digest_of(token.as_bytes()),
        })
    }

    /// The token in the first line of the file at `path` (its line end not included); a
    /// warning is logged when other users can read the file.
    ///
    /// # Errors
    /// `input.invalid` when the file cannot be read, its first line is empty, or the token is
    /// not one [`AdminToken::new`] takes (the message names the file, never its content).
    pub fn from_file(path: &Path) -> Result<Self> {
        let shown = path.display();
        warn_if_shared(path, "admin token file");
        let bytes = Zeroizing::new(read_file_limited(path, MAX_FILE_BYTES).map_err(|e| {
            invalid(format!("cannot read the admin token file {shown}: {e}"))
                .zh(format!("无法读取管理令牌文件 {shown}：{e}"))
        })?);
        let line = std::str::from_utf8(&bytes)
            .ok()
            .and_then(|t| t.lines().next())
            .unwrap_or("");
        if line.is_empty() {
            return Err(invalid(format!(
                "the admin token file {shown} is empty or not UTF-8 text (its first line is the token)"
            ))
            .zh(format!("管理令牌文件 {shown} 为空或不是 UTF-8 文本（其第一行即令牌）")));
        }
        Self::parse(line, &format!("{shown}: "), &format!("{shown}："))
    }

    /// Whether `presented` is this token (compared by SHA-256 digest, in constant time).
    #[must_use]
    pub fn matches(&self, presented: &[u8]) -> bool {
        use subtle::ConstantTimeEq as _;
        Self::digest_of(presented).ct_eq(&self.digest).into()
    }

    fn digest_of(token: &[u8]) -> [u8; 32] {
        let d = ring::digest::digest(&ring::digest::SHA256, token);
        let mut out = [0u8; 32];
        out.copy_from_slice(d.as_ref());
        out
    }
}

impl std::fmt::Debug for AdminToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AdminToken(..)")
    }
}

/// The node's TLS certificate and key, PEM files (`[tls]`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct TlsConfig {
    /// The certificate chain, leaf first (PEM `CERTIFICATE` blocks).
    pub cert: PathBuf,
    /// The private key (PEM: PKCS#8 `PRIVATE KEY`, `RSA PRIVATE KEY` or `EC PRIVATE KEY`;
    /// keep it mode 0600).
    pub key: PathBuf,
}

/// The node's outbox worker (`[outbox]`): it delivers the messages queued in the node's
/// store (`labourlink send --store …` on the same store) and retries them across restarts.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[non_exhaustive]
pub struct OutboxConfig {
    /// Run the worker in the serving process (default `true`).
    pub enabled: bool,
    /// Seconds between looks at the queue when it is idle.
    pub poll_seconds: u64,
    /// Extra root certificates (PEM) the outbox trusts for partners' inboxes besides the
    /// public ones (a private or government CA).
    pub ca: Option<PathBuf>,
    /// The longest wait between attempts, in seconds.
    pub max_backoff_seconds: u64,
}

impl Default for OutboxConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            poll_seconds: 2,
            ca: None,
            max_backoff_seconds: 300,
        }
    }
}

/// A further agency a node receives for (`[[agencies]]`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct AgencyConfig {
    /// The agency code (messages addressed to it are received; its receipts are signed as it).
    pub agency: String,
    /// Its display name, written into its receipts.
    #[serde(default)]
    pub name: Option<String>,
    /// The key its receipts are signed with.
    pub signing_key: KeyConfig,
}

/// A signing key file and its key id in the trust list: PEM, either `PRIVATE KEY` (PKCS#8),
/// `EC PRIVATE KEY` (SEC1) or `ENCRYPTED PRIVATE KEY` (encrypted PKCS#8), whose password
/// comes from `password_file` or `password_env` — never from the configuration itself.
///
/// ```
/// use labourlink_exchange::config::KeyConfig;
/// let cfg = KeyConfig::new("keys/ningbo-si.pem", "330200-si-2026a")
///     .with_password_env("NINGBO_SI_KEY_PASSWORD");
/// assert_eq!(cfg.kid, "330200-si-2026a");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct KeyConfig {
    /// The PEM file (keep it mode 0600).
    pub path: PathBuf,
    /// The key id, as listed in the trust list.
    pub kid: String,
    /// For an encrypted key: a file whose first line is the password (keep it mode 0600).
    #[serde(default)]
    pub password_file: Option<PathBuf>,
    /// For an encrypted key: the name of the environment variable that holds the password.
    #[serde(default)]
    pub password_env: Option<String>,
}

impl KeyConfig {
    /// A key file without a password source.
    pub fn new(path: impl Into<PathBuf>, kid: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            kid: kid.into(),
            password_file: None,
            password_env: None,
        }
    }

    /// Reads the password of an encrypted key from the first line of `path`.
    #[must_use]
    pub fn with_password_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.password_file = Some(path.into());
        self
    }

    /// Reads the password of an encrypted key from the environment variable `name`.
    #[must_use]
    pub fn with_password_env(mut self, name: impl Into<String>) -> Self {
        self.password_env = Some(name.into());
        self
    }

    /// Loads the key. An encrypted key needs `password_file` or `password_env`.
    ///
    /// # Errors
    /// `input.invalid` when a file or the variable cannot be read, or both password sources
    /// are set; `key.decryption_failed` when the key is encrypted and no password is given
    /// or the password is wrong; the key codes of [`SigningKey::from_pem`] otherwise.
    pub fn load(&self) -> Result<SigningKey> {
        self.load_with(|_| None)
    }

    /// Loads the key; when it is encrypted and neither `password_file` nor `password_env` is
    /// set, `ask` is asked for the password (a terminal prompt, say; `None`: there is none).
    ///
    /// # Errors
    /// As [`KeyConfig::load`].
    pub fn load_with(
        &self,
        ask: impl FnOnce(&Path) -> Option<Zeroizing<String>>,
    ) -> Result<SigningKey> {
        let shown = self.path.display();
        warn_if_shared(&self.path, "signing key");
        if let Some(f) = &self.password_file {
            warn_if_shared(f, "key password file");
        }
        let pem = Zeroizing::new(read_file_limited(&self.path, MAX_FILE_BYTES).map_err(|e| {
            invalid(format!("cannot read the signing key {shown}: {e}"))
                .zh(format!("无法读取签名私钥 {shown}：{e}"))
        })?);
        if !is_encrypted_pem(&pem) {
            return SigningKey::from_pem(&*pem, self.kid.as_str())
                .map_err(|e| in_file(&e, &self.path));
        }
        let password = match (&self.password_file, &self.password_env) {
            (Some(_), Some(_)) => {
                return Err(invalid(format!(
                    "the signing key {shown}: set password_file or password_env, not both"
                ))
                .zh(format!(
                    "签名私钥 {shown}：password_file 与 password_env 只能设置其一"
                )))
            }
            (Some(file), None) => read_password_file(file)?,
            (None, Some(name)) => read_password_env(name)?,
            (None, None) => ask(&self.path).ok_or_else(|| {
                Error::new(
                    ErrorCode::KeyDecryptionFailed,
                    format!(
                        "the signing key {shown} is encrypted (ENCRYPTED PRIVATE KEY) and no password was given: \
                         set password_file or password_env beside its signing_key in node.toml"
                    ),
                )
                .zh(format!(
                    "签名私钥 {shown} 已加密，但未提供密码：请在 node.toml 中该 signing_key 旁设置 \
                     password_file 或 password_env"
                ))
            })?,
        };
        SigningKey::from_encrypted_pem(&*pem, password.as_bytes(), self.kid.as_str())
            .map_err(|e| in_file(&e, &self.path))
    }
}

/// `e` with the file it came from in front of its message.
fn in_file(e: &Error, path: &Path) -> Error {
    Error::new(e.code(), format!("{}: {}", path.display(), e.message()))
}

/// Whether PEM text holds an `ENCRYPTED PRIVATE KEY` block.
fn is_encrypted_pem(pem: &[u8]) -> bool {
    const LABEL: &[u8] = b"-----BEGIN ENCRYPTED PRIVATE KEY-----";
    pem.windows(LABEL.len()).any(|w| w == LABEL)
}

/// Reads pinned trust anchors (public JWKs) from `paths` — a node's `[trust_list] anchor`
/// and `next_anchors`, or the command line's `--anchor`s; a key id pinned twice is refused
/// (two keys under one name, or one file named twice).
///
/// # Errors
/// `input.invalid` for a file that cannot be read or a key id pinned twice; the JWK's errors.
pub fn read_anchors<P: AsRef<Path>>(
    paths: &[P],
) -> labourlink::Result<Vec<labourlink::trust::Anchor>> {
    let mut anchors: Vec<labourlink::trust::Anchor> = Vec::with_capacity(paths.len());
    for path in paths {
        let path = path.as_ref();
        let bytes = read_file_limited(path, MAX_FILE_BYTES).map_err(|e| {
            invalid(format!("cannot read the anchor {}: {e}", path.display()))
                .zh(format!("无法读取信任锚公钥 {}：{e}", path.display()))
        })?;
        let jwk = labourlink::json::parse_document(&bytes).map_err(|e| {
            labourlink::Error::new(e.code(), format!("{}: {}", path.display(), e.message()))
        })?;
        let anchor = labourlink::trust::Anchor::from_jwk(&jwk)?;
        if anchors.iter().any(|a| a.kid == anchor.kid) {
            let kid = labourlink::error::shown(&anchor.kid);
            return Err(invalid(format!(
                "the anchor key id '{kid}' is pinned twice ({}): pin each anchor once",
                path.display()
            ))
            .zh(format!(
                "信任锚密钥标识 '{kid}' 被固定了两次（{}）：每个信任锚只固定一次",
                path.display()
            )));
        }
        anchors.push(anchor);
    }
    Ok(anchors)
}

/// The largest file a node or the `labourlink` command reads whole (64 MiB): keys, anchors,
/// trust lists, reference data, `node.toml`, CA bundles, a message or document to sign or
/// verify. Every one of them is far smaller (a message or document is at most 1 MiB,
/// [`labourlink::json::DEFAULT_MAX_BYTES`]); the bound is there so that a wrong path — a
/// device such as `/dev/zero`, a FIFO, a disk image — is refused instead of filling memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Reads the whole file at `path`, refusing one of more than `max` bytes after reading at most
/// `max + 1` of them (the file's size is not trusted: devices and FIFOs have none).
///
/// # Errors
/// The I/O error of opening or reading the file; [`std::io::ErrorKind::FileTooLarge`] when it
/// holds more than `max` bytes.
///
/// ```
/// use labourlink_exchange::config::read_file_limited;
/// let dir = std::env::temp_dir().join(format!("ll-read-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// let path = dir.join("small.json");
/// std::fs::write(&path, b"{}")?;
/// assert_eq!(read_file_limited(&path, 2)?, b"{}");
/// let err = read_file_limited(&path, 1).unwrap_err();
/// assert_eq!(err.kind(), std::io::ErrorKind::FileTooLarge);
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn read_file_limited(path: &Path, max: u64) -> std::io::Result<Vec<u8>> {
    read_limited(std::fs::File::open(path)?, max)
}

/// Reads `reader` to its end, refusing more than `max` bytes (standard input, say) as
/// [`read_file_limited`] does.
///
/// # Errors
/// The reader's error; [`std::io::ErrorKind::FileTooLarge`] past `max` bytes.
pub fn read_limited(reader: impl std::io::Read, max: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let mut buf = Vec::new();
    reader.take(max.saturating_add(1)).read_to_end(&mut buf)?;
    if u64::try_from(buf.len()).unwrap_or(u64::MAX) > max {
        return Err(std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            format!("it holds more than {max} bytes, the most labourlink reads from one file"),
        ));
    }
    Ok(buf)
}

/// Whether a store URL carries a password (`postgresql://user:secret@host/db`).
fn url_has_password(url: &str) -> bool {
    url.split_once("://")
        .and_then(|(_, rest)| rest.split_once('@'))
        .is_some_and(|(userinfo, _)| userinfo.contains(':'))
}

/// A `WARN` log event when a secret's file can be read or written by the group or other users
/// (its mode is not 0600 or 0400): it still loads, as OpenSSH's keys do not, so that a
/// deployment is not stopped by a mode, but the operator learns of it.
fn warn_if_shared(path: &Path, what: &str) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        if let Ok(meta) = std::fs::metadata(path) {
            let mode = meta.permissions().mode() & 0o777;
            if mode & 0o077 != 0 {
                tracing::warn!(
                    target: "labourlink::node",
                    file = %path.display(),
                    mode = %format!("{mode:o}"),
                    "the {what} can be read by other users: chmod 600 it"
                );
            }
        }
    }
    #[cfg(not(unix))]
    let _ = (path, what);
}

/// The first line of a password file (without its line end), as `openssl -passin file:` reads it.
///
/// # Errors
/// `input.invalid` when the file cannot be read, is not UTF-8 or its first line is empty (the
/// message names the file, never its content).
pub fn read_password_file(path: &Path) -> Result<Zeroizing<String>> {
    let shown = path.display();
    let bytes = Zeroizing::new(read_file_limited(path, MAX_FILE_BYTES).map_err(|e| {
        invalid(format!("cannot read the password file {shown}: {e}"))
            .zh(format!("无法读取密码文件 {shown}：{e}"))
    })?);
    let text = std::str::from_utf8(&bytes).map_err(|_| {
        invalid(format!("the password file {shown} is not UTF-8 text"))
            .zh(format!("密码文件 {shown} 不是 UTF-8 文本"))
    })?;
    let line = text.lines().next().unwrap_or("");
    if line.is_empty() {
        return Err(invalid(format!(
            "the password file {shown} is empty (its first line is the password)"
        ))
        .zh(format!("密码文件 {shown} 为空（其第一行即密码）")));
    }
    Ok(Zeroizing::new(line.to_owned()))
}

/// The password in environment variable `name`.
///
/// # Errors
/// `input.invalid` when the variable is unset, empty or not UTF-8.
pub fn read_password_env(name: &str) -> Result<Zeroizing<String>> {
    match std::env::var(name) {
        Ok(v) if !v.is_empty() => Ok(Zeroizing::new(v)),
        Ok(_) => Err(invalid(format!(
            "the environment variable {name}, named for the key password, is empty"
        ))
        .zh(format!("用于私钥密码的环境变量 {name} 为空"))),
        Err(std::env::VarError::NotPresent) => Err(invalid(format!(
            "the environment variable {name}, named for the key password, is not set"
        ))
        .zh(format!("用于私钥密码的环境变量 {name} 未设置"))),
        Err(std::env::VarError::NotUnicode(_)) => Err(invalid(format!(
            "the environment variable {name}, named for the key password, is not valid UTF-8"
        ))
        .zh(format!("用于私钥密码的环境变量 {name} 不是有效的 UTF-8"))),
    }
}

/// The signed trust list and the pinned anchor that signed it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct TrustListConfig {
    /// The signed trust list (JWS). When it is unreadable at start, the list last accepted
    /// into the store is used (its signature and staleness are checked as for any list).
    pub path: PathBuf,
    /// The trust anchor's public JWK.
    pub anchor: PathBuf,
    /// More pinned anchors (public JWKs), for an anchor rotation without a switch day: pin
    /// the new anchor here before the anchor holder signs with it, and a list signed by the
    /// old anchor or the new one is accepted (the sequence still only grows, and a
    /// revocation in a list of either stays); move it to `anchor` and drop the old one when
    /// the rotation is done. Every pinned anchor can sign the lists this node trusts: pin
    /// none longer than the rotation needs.
    #[serde(default)]
    pub next_anchors: Vec<PathBuf>,
    /// Where a newer signed list is published (e.g. the anchor holder's node:
    /// `https://…/v1/trust-list`). When set, the node fetches it every `refresh_seconds` with
    /// `If-None-Match` and switches to a newer list without a restart (verified against the
    /// anchor; a rollback is refused; on a network failure the current list stays).
    #[serde(default)]
    pub url: Option<String>,
    /// Seconds between fetches of `url` (default 300).
    #[serde(default = "default_refresh")]
    pub refresh_seconds: u64,
}

/// A signed reference-data document (`[reference_data] path = "…"`), verified with the
/// trust-list anchor like a trust list.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ReferenceDataConfig {
    /// The signed document (JWS). When it is unreadable at start, the document last accepted
    /// into the store is used (its signature and staleness are checked again).
    pub path: PathBuf,
}

fn default_refresh() -> u64 {
    300
}

/// The inbox's HTTP limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[non_exhaustive]
pub struct Limits {
    /// The largest request body accepted (HTTP 413 above it). Default 1 MiB, the verifier's
    /// own input limit.
    pub max_body_bytes: usize,
    /// How long a client may take to send the request line and headers (slow clients are
    /// disconnected).
    pub header_read_timeout_seconds: u64,
    /// How long a client may take to send the body (HTTP 408 after it).
    pub body_read_timeout_seconds: u64,
    /// Messages verified and stored at once; more are refused with 503 and `Retry-After`.
    pub max_concurrent_requests: usize,
    /// Open connections at once; a connection past them is answered 503 with `Retry-After`
    /// (`exchange.overloaded`) and closed.
    pub max_connections: usize,
    /// The `Retry-After` of a 503 answer, in seconds.
    pub retry_after_seconds: u64,
    /// Messages one client (address) may post per minute on average; more get HTTP 429 with
    /// `Retry-After` (`exchange.rate_limited`). `0` turns the limit off. Default 600.
    pub client_messages_per_minute: u32,
    /// Messages one client may post at once before its rate applies. Default 60.
    pub client_burst: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_body_bytes: 1 << 20,
            header_read_timeout_seconds: 10,
            body_read_timeout_seconds: 30,
            max_concurrent_requests: 64,
            max_connections: 1024,
            retry_after_seconds: 5,
            client_messages_per_minute: 600,
            client_burst: 60,
        }
    }
}

impl Limits {
    /// Sets the per-client rate: `per_minute` messages per minute after a burst of `burst`
    /// (`per_minute == 0`: no per-client limit).
    #[must_use]
    pub fn client_rate(mut self, per_minute: u32, burst: u32) -> Self {
        self.client_messages_per_minute = per_minute;
        self.client_burst = burst;
        self
    }

    /// The header read timeout.
    #[must_use]
    pub fn header_read_timeout(&self) -> Duration {
        Duration::from_secs(self.header_read_timeout_seconds.max(1))
    }

    /// The body read timeout.
    #[must_use]
    pub fn body_read_timeout(&self) -> Duration {
        Duration::from_secs(self.body_read_timeout_seconds.max(1))
    }
}

fn invalid(msg: impl Into<String>) -> Error {
    Error::new(ErrorCode::InputInvalid, msg)
}

impl NodeConfig {
    /// Parses `node.toml` text; relative paths are resolved against `base_dir`.
    ///
    /// # Errors
    /// `input.invalid` with the TOML parser's explanation, or for an unusable value.
    pub fn from_toml(text: &str, base_dir: &Path) -> Result<Self> {
        Self::from_toml_named(text, base_dir, "node configuration")
    }

    /// [`NodeConfig::from_toml`] with `name` (the file) in its errors: the place as a line and
    /// column, and the TOML parser's message on one line.
    fn from_toml_named(text: &str, base_dir: &Path, name: &str) -> Result<Self> {
        let mut cfg: Self = toml::from_str(text).map_err(|e| {
            // The place once, written in each language.
            let place = e.span().map(|span| {
                let before = text.get(..span.start).unwrap_or_default();
                let line = before.matches('\n').count() + 1;
                let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                (line, column)
            });
            let at = place.map_or_else(String::new, |(l, c)| format!(" (line {l}, column {c})"));
            let at_zh = place.map_or_else(String::new, |(l, c)| format!("（第 {l} 行第 {c} 列）"));
            let message = e.message().split_whitespace().collect::<Vec<_>>().join(" ");
            invalid(format!("{name}{at}: {message}")).zh(format!("{name}{at_zh}有误：{message}"))
        })?;
        let mut paths = vec![
            &mut cfg.signing_key.path,
            &mut cfg.trust_list.path,
            &mut cfg.trust_list.anchor,
        ];
        paths.extend(cfg.trust_list.next_anchors.iter_mut());
        if let Some(f) = cfg.signing_key.password_file.as_mut() {
            paths.push(f);
        }
        for a in &mut cfg.agencies {
            paths.push(&mut a.signing_key.path);
            if let Some(f) = a.signing_key.password_file.as_mut() {
                paths.push(f);
            }
        }
        if let Some(r) = cfg.reference_data.as_mut() {
            paths.push(&mut r.path);
        }
        if let Some(t) = cfg.tls.as_mut() {
            paths.push(&mut t.cert);
            paths.push(&mut t.key);
        }
        if let Some(c) = cfg.outbox.ca.as_mut() {
            paths.push(c);
        }
        if let Some(f) = cfg.admin.as_mut().and_then(|a| a.token_file.as_mut()) {
            paths.push(f);
        }
        for p in paths {
            if p.is_relative() {
                *p = base_dir.join(&*p);
            }
        }
        let mut seen = vec![cfg.agency.as_str()];
        for a in &cfg.agencies {
            if seen.contains(&a.agency.as_str()) {
                return Err(invalid(format!(
                    "{name}: agency '{}' is listed twice",
                    labourlink::error::shown(&a.agency)
                ))
                .zh(format!(
                    "{name}：机构 '{}' 重复列出",
                    labourlink::error::shown(&a.agency)
                )));
            }
            seen.push(&a.agency);
        }
        if let Some(a) = &cfg.admin {
            if !a.listen.ip().is_loopback() && !a.allow_non_loopback {
                return Err(invalid(format!(
                    "{name}: [admin] listen {} is not a loopback address; the admin listener serves personal data (set allow_non_loopback = true, with token_file, only behind access control)",
                    a.listen
                ))
                .zh(format!(
                    "{name}：[admin] listen {} 不是本机回环地址；管理端口提供个人信息（仅在有访问控制时设置 allow_non_loopback = true，并设置 token_file）",
                    a.listen
                )));
            }
            if a.allow_non_loopback && a.token_file.is_none() {
                return Err(invalid(format!(
                    "{name}: [admin] allow_non_loopback needs token_file: an admin listener other machines can reach serves personal data only to requests with its access token"
                ))
                .zh(format!(
                    "{name}：[admin] allow_non_loopback 需要同时设置 token_file：其他机器可访问的管理端口只向携带访问令牌的请求提供个人信息"
                )));
            }
            // Port 0 on both: the system gives each its own port.
            if a.listen == cfg.listen && a.listen.port() != 0 {
                return Err(invalid(format!(
                    "{name}: [admin] listen must differ from the public listen address"
                ))
                .zh(format!(
                    "{name}：[admin] listen 必须与公开的 listen 地址不同"
                )));
            }
        }
        if (cfg.purge.every_seconds != 0 && cfg.purge.every_seconds < 60)
            || cfg.purge.retention_days == Some(0)
            || cfg.purge.quarantine_retention_days == 0
        {
            return Err(invalid(format!(
                "{name}: [purge] every_seconds must be 0 (never) or at least 60, and retention_days and quarantine_retention_days at least 1"
            ))
            .zh(format!(
                "{name}：[purge] every_seconds 须为 0（不清理）或至少 60，retention_days 和 quarantine_retention_days 至少为 1"
            )));
        }
        if let Some(url) = &cfg.trust_list.url {
            labourlink::trust::check_fetch_url(url).map_err(|e| {
                invalid(format!("{name}: [trust_list] url: {}", e.message()))
                    .zh(format!("{name}：[trust_list] url 不是可用的获取地址"))
            })?;
        }
        if cfg.limits.max_body_bytes == 0
            || cfg.limits.max_concurrent_requests == 0
            || cfg.limits.max_connections == 0
        {
            return Err(invalid(format!(
                "{name}: limits.max_body_bytes, max_concurrent_requests and max_connections must be at least 1"
            ))
            .zh(format!(
                "{name}：limits.max_body_bytes、max_concurrent_requests 和 max_connections 至少为 1"
            )));
        }
        Ok(cfg)
    }

    /// Reads and parses a `node.toml` file.
    ///
    /// # Errors
    /// `input.invalid` when the file cannot be read or parsed.
    pub fn load(path: &Path) -> Result<Self> {
        let bytes = read_file_limited(path, MAX_FILE_BYTES).map_err(|e| {
            invalid(format!("cannot read {}: {e}", path.display()))
                .zh(format!("无法读取 {}：{e}", path.display()))
        })?;
        let text = String::from_utf8(bytes).map_err(|_| {
            invalid(format!("{} is not UTF-8 text", path.display()))
                .zh(format!("{} 不是 UTF-8 文本", path.display()))
        })?;
        let base = path.parent().unwrap_or_else(|| Path::new("."));
        let cfg = Self::from_toml_named(&text, base, &path.display().to_string())?;
        if url_has_password(&cfg.store) {
            warn_if_shared(path, "node configuration (it holds the database password)");
        }
        // What else holds secrets or personal data (audit s43 privacy F9): the SQLite store
        // (its -wal and -shm files take its mode) and the TLS key.
        if let Some(file) = labourlink_store::sqlite_file(&cfg.store) {
            warn_if_shared(
                Path::new(&file),
                "store (it holds the messages, with personal data)",
            );
        }
        if let Some(tls) = &cfg.tls {
            warn_if_shared(&tls.key, "TLS private key");
        }
        Ok(cfg)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    #[test]
    fn a_store_url_with_a_password_is_recognised() {
        assert!(super::url_has_password(
            "postgresql://ll:s3cret@db/labourlink"
        ));
        assert!(!super::url_has_password("postgresql://ll@db/labourlink"));
        assert!(!super::url_has_password(
            "sqlite:///var/lib/labourlink/store.db"
        ));
    }

    #[test]
    fn a_toml_error_names_the_file_line_and_column_on_one_line() {
        let dir = std::env::temp_dir().join(format!("ll-toml-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("node.toml");
        std::fs::write(&path, "listen = \"127.0.0.1:8480\"\nregion = 330200\n").unwrap();
        let e = NodeConfig::load(&path).unwrap_err();
        let m = e.message();
        assert!(
            m.starts_with(&format!("{} (line 2, column 10): ", path.display())),
            "{m}"
        );
        assert!(!m.contains('\n'), "{m}");
        // The Chinese line says as much: file, line, column and the parser's explanation.
        let zh = e.message_zh();
        assert!(
            zh.starts_with(&format!(
                "参数无效：{}（第 2 行第 10 列）有误：",
                path.display()
            )),
            "{zh}"
        );
        let missing = NodeConfig::load(&dir.join("absent.toml")).unwrap_err();
        assert!(missing.message_zh().contains("无法读取"), "{missing}");
        let unset = read_password_env("LABOURLINK_TEST_SURELY_UNSET_VARIABLE").unwrap_err();
        assert!(
            unset
                .message_zh()
                .ends_with("环境变量 LABOURLINK_TEST_SURELY_UNSET_VARIABLE 未设置"),
            "{}",
            unset.message_zh()
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
    use super::*;

    /// An encrypted key named in node.toml with a relative `password_file` loads; without a
    /// password it is `key.decryption_failed`, naming the options; both sources is an error.
    #[test]
    fn encrypted_signing_key_with_a_password_file() {
        let dir = std::env::temp_dir().join(format!("labourlink-cfg-enc-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let key = SigningKey::generate(labourlink::keys::Algorithm::Ed25519, "k").unwrap();
        std::fs::write(dir.join("plain.pem"), key.to_pem().as_bytes()).unwrap();
        let made = std::process::Command::new("openssl")
            .args(["pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", "plain.pem"])
            .args(["-passout", "pass:pw 1", "-out", "enc.pem"])
            .current_dir(&dir)
            .status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("skipped: no openssl command line");
            return;
        }
        std::fs::write(dir.join("pw.txt"), "pw 1\r\nignored second line\n").unwrap();
        let text = r#"
listen = "127.0.0.1:0"
store = "sqlite::memory:"
region = "330200"
agency = "NB-SI"
[signing_key]
path = "enc.pem"
kid = "k"
password_file = "pw.txt"
[trust_list]
path = "tl.jws"
anchor = "anchor.jwk"
"#;
        let cfg = NodeConfig::from_toml(text, &dir).unwrap();
        assert_eq!(cfg.signing_key.password_file, Some(dir.join("pw.txt")));
        let loaded = cfg.signing_key.load().unwrap();
        assert_eq!(loaded.verifying_key(), key.verifying_key());

        let bare = KeyConfig::new(dir.join("enc.pem"), "k");
        let e = bare.load().unwrap_err();
        assert_eq!(e.code(), ErrorCode::KeyDecryptionFailed);
        assert!(e.message().contains("password_file"), "{}", e.message());
        let asked = bare.load_with(|_| Some(Zeroizing::new("pw 1".to_owned())));
        assert_eq!(asked.unwrap().verifying_key(), key.verifying_key());
        let wrong = bare.load_with(|_| Some(Zeroizing::new("pw 2".to_owned())));
        let e = wrong.unwrap_err();
        assert_eq!(e.code(), ErrorCode::KeyDecryptionFailed);
        assert!(!e.message().contains("pw 2"), "{}", e.message());
        let both = bare
            .clone()
            .with_password_file(dir.join("pw.txt"))
            .with_password_env("X");
        assert_eq!(both.load().unwrap_err().code(), ErrorCode::InputInvalid);
        // A password for a key that is not encrypted is not needed and not an error.
        let plain = KeyConfig::new(dir.join("plain.pem"), "k").with_password_file("/nonexistent");
        assert_eq!(plain.load().unwrap().verifying_key(), key.verifying_key());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn parses_with_defaults_and_relative_paths() {
        let text = r#"
listen = "127.0.0.1:0"
store = "sqlite::memory:"
region = "330200"
agency = "NB-SI"
[signing_key]
path = "k.pem"
kid = "330200-si-1"
[trust_list]
path = "/etc/ll/tl.jws"
anchor = "a.jwk"
[limits]
max_body_bytes = 1000
"#;
        let c = NodeConfig::from_toml(text, Path::new("/srv/node")).unwrap();
        assert_eq!(c.signing_key.path, Path::new("/srv/node/k.pem"));
        assert_eq!(c.trust_list.path, Path::new("/etc/ll/tl.jws"));
        assert_eq!(c.limits.max_body_bytes, 1000);
        assert_eq!(c.limits.max_concurrent_requests, 64);
        let e = NodeConfig::from_toml(&format!("{text}\nnope = 1\n"), Path::new("/")).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InputInvalid);
    }
}
