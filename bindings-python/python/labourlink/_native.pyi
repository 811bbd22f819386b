"""Type stubs for the compiled module ``labourlink._native`` (re-exported by ``labourlink``).

Instants (``Instant``) are RFC 3339 strings such as ``"2026-11-27T08:00:00Z"`` (an offset such as
``"2026-11-27T16:00:00+08:00"`` is normalised to UTC) or timezone-aware ``datetime`` objects;
naive datetimes are refused (``input.invalid``). Dict arguments typed ``Mapping`` take any
``collections.abc.Mapping``.
Every failure of the core raises a :class:`labourlink.errors.LabourlinkError` subclass chosen by
the error code's family.
"""

from datetime import date, datetime
from typing import (
    Any,
    Callable,
    Dict,
    Iterable,
    List,
    Literal,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    Union,
    final,
    overload,
)

from .errors import LabourlinkError
from .messages import ReferenceDataBody
from .types import (
    CaseRef,
    Document,
    Finding,
    Jwk,
    KeyRecord,
    ParsedCitizenId,
    ParsedUscc,
    Party,
    ReplayKey,
    Signer,
    TrustListBody,
    VerifierStages,
    Violation,
)

__all__ = [
    "__version__",
    "DEFAULT_GRACE_SECONDS",
    "DEFAULT_LEEWAY_SECONDS",
    "MESSAGE_TYPES",
    "SigningKey",
    "VerifyingKey",
    "TrustList",
    "ReferenceData",
    "Verifier",
    "Verified",
    "ReplayGuard",
    "document",
    "sign",
    "canonicalize",
    "parse_json",
    "error_codes",
    "init_store",
    "Outbox",
    "fetch_trust_list",
    "fetch_reference_data",
    "validate",
    "validate_body",
    "example",
    "check_citizen_id",
    "check_uscc",
    "check_region_code",
    "parse_citizen_id",
    "parse_uscc",
    "region_name",
    "code_name",
    "convert_15_to_18",
]

_Instant = Union[str, datetime]
_Data = Union[str, bytes, bytearray]
_Date = Union[str, date]
_Anchor = Union["VerifyingKey", Tuple[str, "VerifyingKey"], Mapping[str, object]]

__version__: str
DEFAULT_GRACE_SECONDS: int
"""Grace period after a trust list's ``next_update`` before it is stale: 7 days (604800 s)."""
DEFAULT_LEEWAY_SECONDS: int
"""Default clock leeway of a verifier: 300 s."""
MESSAGE_TYPES: Tuple[str, ...]
"""The message types of the catalogue, e.g. ``"worker_transfer.roster"``."""

@final
class SigningKey:
    """A private signing key with its key id (kid).

    >>> key = SigningKey.generate("Ed25519", kid="513400-hr-2026a")
    >>> key
    SigningKey(kid='513400-hr-2026a', algorithm='Ed25519')
    >>> key.public_key.to_jwk()["kty"]
    'OKP'

    The secret never appears in ``repr``; a key is not picklable.
    """

    @staticmethod
    def generate(alg: str = "Ed25519", *, kid: str) -> SigningKey:
        """A fresh key (``"Ed25519"``, ``"ES256"`` or ``"SM2SM3"``) from the system's random generator.
        Another name raises ``JwsError`` (``jws.algorithm_not_allowed``)."""
    @staticmethod
    def from_pkcs8(der: Union[bytes, bytearray], *, kid: str) -> SigningKey:
        """A key from unencrypted PKCS#8 DER. Raises ``KeyRejectedError`` for bad material."""
    @staticmethod
    def from_pem(pem: _Data, *, kid: str) -> SigningKey:
        """A key from PEM text or bytes: ``PRIVATE KEY`` (PKCS#8: Ed25519, P-256, SM2) or
        ``EC PRIVATE KEY`` / ``SM2 PRIVATE KEY`` (SEC1: P-256, SM2).

        Other blocks (``EC PARAMETERS``) and text around the block are skipped. An
        ``ENCRYPTED PRIVATE KEY`` raises ``KeyRejectedError`` (``key.invalid_format``) naming
        :meth:`from_encrypted_pem`.
        """
    @staticmethod
    def from_encrypted_pem(pem: _Data, password: _Data, *, kid: str) -> SigningKey:
        """A key from an ``ENCRYPTED PRIVATE KEY`` PEM (encrypted PKCS#8) and its password.

        PBES2 with PBKDF2-HMAC-SHA-2 or scrypt and AES-CBC/GCM, as ``openssl pkcs8 -topk8 -v2
        aes-256-cbc`` (or ``-scrypt``), ``cryptography``'s ``BestAvailableEncryption`` and Node
        write it. A wrong password raises ``KeyRejectedError`` with the code
        ``key.decryption_failed``; the password never appears in a message.
        """
    @staticmethod
    def from_encrypted_pkcs8(der: Union[bytes, bytearray], password: _Data, *, kid: str) -> SigningKey:
        """A key from encrypted PKCS#8 DER and its password (see :meth:`from_encrypted_pem`)."""
    @staticmethod
    def from_sec1(der: Union[bytes, bytearray], *, kid: str) -> SigningKey:
        """A key from SEC1 ``ECPrivateKey`` DER (P-256 or SM2, named by its curve parameters),
        as ``openssl ec -outform DER`` writes it."""
    @staticmethod
    def from_jwk(jwk: Mapping[str, object], *, kid: Optional[str] = None) -> SigningKey:
        """A key from a private JWK dict (``d`` with ``x``, and ``y`` for EC): Ed25519 (OKP),
        P-256 or SM2 (EC, ``crv`` ``"SM2"``). The kid is ``kid`` or else the JWK's ``kid``.

        ``x``/``y`` must be the public key of ``d`` (``key.rejected`` otherwise: a P-256 key
        labelled SM2 is refused).
        """
    @staticmethod
    def from_cryptography(key: Any, *, kid: str) -> SigningKey:
        """A key from a ``cryptography`` private key object (Ed25519 or P-256), which is
        asked for its unencrypted PKCS#8 DER (``private_bytes``). ``cryptography`` is not a
        dependency of labourlink; a non-key object raises ``TypeError``."""
    def to_cryptography(self) -> Any:
        """The key as a ``cryptography`` private key object (needs ``cryptography``, which
        has no SM2)."""
    @staticmethod
    def from_seed(seed: Union[bytes, bytearray], *, kid: str) -> SigningKey:
        """An Ed25519 key from a 32-byte seed: deterministic test keys only.

        >>> SigningKey.from_seed(bytes(32), kid="test").algorithm
        'Ed25519'
        """
    def to_pem(self) -> str:
        """The private key as a PEM ``PRIVATE KEY`` document (PKCS#8)."""
    def to_encrypted_pem(self, password: Union[str, bytes, bytearray]) -> str:
        """The private key as an encrypted PEM ``ENCRYPTED PRIVATE KEY`` document (PBES2,
        PBKDF2-HMAC-SHA-256 with 600,000 iterations, AES-256-CBC); :meth:`from_encrypted_pem`
        reads it back. Raises ``LabourlinkError`` (``input.invalid``) for an empty password."""
    def to_pkcs8(self) -> bytes:
        """The private key as unencrypted PKCS#8 DER."""
    @property
    def kid(self) -> str:
        """The key id written into signatures."""
    @property
    def algorithm(self) -> str:
        """``"Ed25519"``, ``"ES256"`` or ``"SM2SM3"``."""
    @property
    def public_key(self) -> VerifyingKey:
        """The public key, carrying this key's kid."""
    def verifying_key(self) -> VerifyingKey:
        """The public key, carrying this key's kid."""
    def sign(self, message: _Data) -> bytes:
        """A raw signature over raw bytes (64 bytes). Use :func:`sign` for documents."""

@final
class VerifyingKey:
    """A public key, optionally with a key id (kid).

    >>> key = VerifyingKey.from_jwk({"kty": "OKP", "crv": "Ed25519", "kid": "330200-anchor-1",
    ...     "x": "iojj3XQJ8ZX9UtstPLpdcspnCb8dlBIb83SIAbQPb1w"})
    >>> key.kid, key.algorithm
    ('330200-anchor-1', 'Ed25519')
    """

    @staticmethod
    def from_jwk(jwk: Mapping[str, object]) -> VerifyingKey:
        """A key from a public JWK dict; its ``kid`` member, if any, is kept.

        Raises ``KeyRejectedError`` (``key.invalid_format``, ``key.rejected``).
        """
    @staticmethod
    def from_bytes(
        alg: str, data: Union[bytes, bytearray], *, kid: Optional[str] = None
    ) -> VerifyingKey:
        """A key from raw public bytes (Ed25519: 32; P-256: 65, uncompressed), in the order of
        Rust's ``VerifyingKey::from_bytes`` and JS's ``fromBytes``. The old order
        ``from_bytes(data, alg)`` still works, with a ``DeprecationWarning``. An unknown ``alg``
        raises ``JwsError`` (``jws.algorithm_not_allowed``)."""
    @staticmethod
    def from_spki(der: Union[bytes, bytearray], *, kid: Optional[str] = None) -> VerifyingKey:
        """A key from ``SubjectPublicKeyInfo`` DER (Ed25519, P-256 or SM2)."""
    @staticmethod
    def from_spki_pem(pem: _Data, *, kid: Optional[str] = None) -> VerifyingKey:
        """A key from a PEM ``PUBLIC KEY`` document (SPKI), text or bytes."""
    @staticmethod
    def from_certificate(data: _Data, *, kid: Optional[str] = None) -> VerifyingKey:
        """The public key of an X.509 certificate, PEM (the first of a chain) or DER.

        Only the key is taken. The certificate's signature, issuer, validity period and
        extensions are **not** checked: a certificate is not trust. Which key may sign for
        which agency, and when, is decided by the trust list alone.
        """
    @staticmethod
    def from_cryptography(key: Any, *, kid: Optional[str] = None) -> VerifyingKey:
        """A key from a ``cryptography`` public key object (asked for its SPKI DER through
        ``public_bytes``) or a private key object (its ``public_key()``)."""
    def to_cryptography(self) -> Any:
        """The key as a ``cryptography`` public key object (needs ``cryptography``, which has
        no SM2)."""
    def to_spki(self) -> bytes:
        """The public key as ``SubjectPublicKeyInfo`` DER."""
    def to_spki_pem(self) -> str:
        """The public key as a PEM ``PUBLIC KEY`` document."""
    def to_jwk(self) -> Jwk:
        """The public JWK, with ``kid`` when the key has one."""
    def to_bytes(self) -> bytes:
        """The raw public key bytes."""
    def with_kid(self, kid: str) -> VerifyingKey:
        """The same key with another kid."""
    def verify(self, message: _Data, signature: _Data) -> None:
        """Checks a raw signature; raises ``SignatureError`` when it does not verify."""
    @property
    def kid(self) -> Optional[str]:
        """The key id, or ``None``."""
    @property
    def algorithm(self) -> str:
        """``"Ed25519"``, ``"ES256"`` or ``"SM2SM3"``."""
    @property
    def thumbprint(self) -> str:
        """The RFC 7638 JWK thumbprint (SHA-256, base64url)."""
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class TrustList:
    """A trust list (信任列表): the partner keys a verifier accepts.

    >>> partner = SigningKey.from_seed(bytes(32), kid="513400-hr-2026a")
    >>> tl = TrustList(1, "2027-01-01T00:00:00Z")
    >>> tl.add_key(kid="513400-hr-2026a", region="513400", agency="LS-HR",
    ...            key=partner.public_key, valid_from="2026-01-01T00:00:00Z",
    ...            message_types=["worker_transfer.*", "receipt"])
    >>> len(tl), "513400-hr-2026a" in tl
    (1, True)
    """

    def __new__(cls, sequence: int, next_update: _Instant) -> TrustList: ...
    def add_key(
        self,
        *,
        kid: str,
        region: str,
        agency: str,
        key: VerifyingKey,
        valid_from: _Instant,
        valid_until: Optional[_Instant] = None,
        message_types: Sequence[str],
        endpoint: Optional[str] = None,
    ) -> None:
        """Adds an active key record; ``endpoint`` is the party's inbox URL (trust-list schema
        1.1). Raises ``TrustListError`` for a duplicate kid or an unusable URL."""
    def retire(self, kid: str, since: _Instant) -> None:
        """Retires a key: messages issued before ``since`` stay valid."""
    def revoke(self, kid: str, since: _Instant) -> None:
        """Revokes a key: nothing it signed verifies any more."""
    def sign(
        self,
        anchor_key: SigningKey,
        *,
        region: str,
        agency: str,
        name: Optional[str] = None,
        at: Optional[_Instant] = None,
    ) -> str:
        """Signs the list with a trust anchor's key (issued ``at``, default now); returns the JWS."""
    @staticmethod
    def load(
        data: _Data,
        *,
        anchors: Iterable[_Anchor],
        at: Optional[_Instant] = None,
        grace_seconds: int = 604800,
    ) -> TrustList:
        """Loads and verifies a signed trust list against pinned anchors (``VerifyingKey`` with a
        kid, ``(kid, VerifyingKey)``, or a JWK dict with ``kid``); checks staleness at ``at``."""
    @staticmethod
    def from_body(body: Mapping[str, object]) -> TrustList:
        """Reads an unsigned body ``{"sequence", "next_update", "keys"}``."""
    def to_body(self) -> TrustListBody:
        """The body as a dict."""
    def check_fresh(self, at: Optional[_Instant] = None, grace_seconds: int = 604800) -> None:
        """Raises ``TrustListError`` (``trust_list.stale``) past ``next_update`` plus the grace."""
    def check_min_sequence(self, min_sequence: int) -> None:
        """Raises ``TrustListError`` (``trust_list.rollback``) when ``sequence`` is below
        ``min_sequence`` — the highest sequence accepted before, persisted by the caller, so that
        an older list (in which a since-revoked key is still active) cannot be replayed."""
    def check_successor(self, newer: TrustList) -> None:
        """Raises ``TrustListError`` when ``newer`` may not follow this list, as a node checks a
        newer list before taking it: a key id bound to another key or party
        (``trust_list.key_rebound``), or a key this list revoked that ``newer`` lists otherwise
        or leaves out (``trust_list.revocation_undone``). A publisher calls it before signing the
        next list; the sequence is :meth:`check_min_sequence`'s check."""
    def lint(self, anchors: Optional[Iterable[_Anchor]] = None) -> List[Finding]:
        """Hygiene findings (code ``trust_list.invalid``) that loading would not refuse: an
        anchor's key listed as a partner key (error); identifiers that are not plain ASCII, one
        agency code in two regions, keys valid for more than five years, ``*`` for a partner key
        (warnings)."""
    def key(self, kid: str) -> Optional[KeyRecord]:
        """The record with this kid, or ``None``."""
    @property
    def sequence(self) -> int:
        """The strictly increasing sequence number."""
    @property
    def next_update(self) -> str:
        """When the issuer promises the next list (RFC 3339)."""
    @property
    def digest(self) -> Optional[str]:
        """The digest of the signed list this was loaded from (``None`` when built in memory)."""
    @property
    def keys(self) -> List[KeyRecord]:
        """The key records, in list order."""
    def __len__(self) -> int: ...
    def __contains__(self, key: object, /) -> bool: ...
    def __copy__(self) -> TrustList: ...

@final
class ReferenceData:
    """Signed reference data (参考数据): holiday calendar years and GB/T 2260 changes issued by a
    trust anchor, verified like a trust list. ``Verifier(..., reference_data=rd)`` runs the
    business rules with them; without it the embedded tables are used.

    >>> rd = ReferenceData.from_body({"sequence": 1, "next_update": "2027-12-01T00:00:00Z",
    ...     "regions": {"as_of": "2026-06-30", "source": "test",
    ...                 "added": [{"code": "330299", "name": "test"}]}})
    >>> rd.is_current_region("330299"), rd.sequence
    (True, 1)
    """

    @staticmethod
    def load(
        data: _Data,
        *,
        anchors: Iterable[_Anchor],
        at: Optional[_Instant] = None,
        grace_seconds: int = 604800,
    ) -> ReferenceData:
        """Loads and verifies a signed ``reference_data`` document against the pinned trust
        anchors; raises ``TrustListError`` with a ``reference_data.*`` code (or the message
        codes: ``signature.invalid``, ``envelope.*``)."""
    @staticmethod
    def from_body(body: Mapping[str, object]) -> ReferenceData:
        """Reads an unsigned body ``{"sequence", "next_update", "calendar"?, "regions"?}``."""
    def to_body(self) -> ReferenceDataBody:
        """The body as a dict."""
    def sign(
        self,
        anchor_key: SigningKey,
        *,
        region: str,
        agency: str,
        name: Optional[str] = None,
        at: Optional[_Instant] = None,
    ) -> str:
        """Signs the document with a trust anchor's key; returns the JWS."""
    def check_fresh(self, at: Optional[_Instant] = None, grace_seconds: int = 604800) -> None:
        """Raises ``TrustListError`` (``reference_data.stale``) past ``next_update`` plus the grace."""
    def check_not_rollback(self, sequence: int, digest: Optional[str] = None) -> None:
        """Raises ``TrustListError`` (``reference_data.rollback``) when this document's sequence is
        below ``sequence`` (the highest accepted before), or equal with another ``digest``."""
    def is_confirmed(self, year: int) -> bool:
        """Whether ``year`` follows an official holiday schedule in this data's calendar."""
    def add_working_days(self, date: _Date, n: int) -> Optional[str]:
        """The ``n``-th working day after ``date`` on this data's calendar."""
    def is_current_region(self, code: str) -> bool:
        """Whether ``code`` is in this data's current GB/T 2260 list."""
    @property
    def sequence(self) -> int:
        """The strictly increasing sequence number."""
    @property
    def next_update(self) -> str:
        """When the issuer promises the next document (RFC 3339)."""
    @property
    def digest(self) -> Optional[str]:
        """The payload digest of the signed document (``None`` when read from a body)."""

@final
class Verified:
    """A message that passed every verification stage.

    ``document`` and ``body`` build a new dict on each access.
    """

    @property
    def document(self) -> Document:
        """The whole document (envelope and body)."""
    @property
    def body(self) -> Dict[str, Any]:
        """The body."""
    @property
    def type(self) -> str:
        """The message type, e.g. ``"worker_transfer.roster"``."""
    @property
    def id(self) -> str:
        """The message id (a UUID)."""
    @property
    def issued_at(self) -> str:
        """``issued_at`` as written in the document (RFC 3339)."""
    @property
    def digest(self) -> str:
        """SHA-256 of the payload, base64url: what receipts and duplicate detection use."""
    @property
    def signers(self) -> List[Signer]:
        """The signers in signature order; the first is the issuer."""
    @property
    def warnings(self) -> List[Violation]:
        """Warnings of the schema and rules stages."""

@final
class ReplayGuard:
    """An in-memory replay guard: the issuers, ids and digests of accepted messages, each kept
    until the message could no longer verify. A full guard refuses new messages with
    ``replay.capacity`` instead of forgetting live entries (fail closed). Every verifier has its
    own unless you give one; pass one to several verifiers to share it, or to size it
    (``capacity`` at least 1: 0 is taken as 1).

    >>> guard = ReplayGuard(capacity=1)
    >>> key = {"region": "513400", "agency": "513400-HR", "id": "01a21c04-b400-7000-8000-000000000001"}
    >>> guard.check_and_record(key, "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU",
    ...                        now="2026-11-27T08:00:00Z", keep_until="2026-12-27T08:00:00Z")
    >>> len(guard), guard.capacity
    (1, 1)
    """

    def __new__(cls, capacity: int = 1000000) -> ReplayGuard: ...
    def check_and_record(self, key: ReplayKey, digest: str, *, now: _Instant, keep_until: _Instant) -> None:
        """Records an accepted message (``key``: its issuer and id), kept until ``keep_until``;
        raises ``ReplayError``: ``replay.duplicate`` (same key and digest), ``replay.conflict``
        (same key, other digest), ``replay.capacity`` (full of entries that must still be kept)."""
    def purge_expired(self, now: _Instant) -> int:
        """Drops the entries whose ``keep_until`` is before ``now``; returns how many."""
    @property
    def capacity(self) -> int:
        """The most entries the guard holds."""
    def __len__(self) -> int: ...

@final
class Verifier:
    """Verifies signed messages against a trust list (a copy is taken).

    **Secure by default**, as the core: every stage runs — JSON limits, JWS profile, keys,
    signatures, canonical payload, envelope (audience, clock, a maximum age per message type),
    the catalogue's schema (``SchemaError``), the business rules (``RuleError``; warnings end up
    in ``Verified.warnings``) and a replay guard (``ReplayError``; an in-memory
    :class:`ReplayGuard` of its own unless ``replay_guard`` gives one, or ``store`` names a
    durable store — ``"sqlite:///path/to/file.db"`` or a ``"postgresql://…"`` URL made with
    :func:`init_store` — whose replay records survive restarts and are shared by every process
    using the same database).

    ``clock`` is ``None`` (the system clock), a fixed instant, or a callable returning one
    (called once per verification call). ``leeway_seconds``, ``max_age_seconds``,
    ``retired_key_window_seconds`` and ``stale_grace_seconds`` are seconds, named as in Rust's
    builder and the JS package (the old names ``leeway``, ``max_age``, ``retired_key_window`` and
    ``grace_seconds`` still work, with a ``DeprecationWarning``). ``max_age_seconds`` replaces the default maximum age of transactional
    messages (30 days; long-lived documents such as contribution certificates have none);
    ``max_age_for_types`` sets it per type pattern (``"*"``, ``"domain.*"`` or a type), in
    seconds. ``agency``: messages must be addressed to this agency too. ``required_signers``
    counts distinct parties with distinct keys; ``required_parties`` names parties (dicts with
    ``region`` and ``agency``) that must each have signed. ``anchors`` (pinned trust anchors) are
    needed only for :meth:`update_trust_list`. ``max_bytes`` and ``max_depth`` are the JSON
    limits of the message and its payload (``max_depth`` at most 128: a larger value is taken as
    128, the deepest nesting the core handles without risking the stack).

    Weakening is only possible through the ``dangerous_*`` switches, named for what they give
    up: ``dangerous_skip_schema``, ``dangerous_skip_rules``, ``dangerous_no_replay_guard`` (a
    message is accepted every time it is delivered), ``dangerous_no_max_age`` (an archive or a
    relay), ``dangerous_no_max_age_for_types`` (patterns whose messages are accepted however old)
    and ``dangerous_accept_any_audience`` (an archive or a relay, or your own outgoing
    message before ``verify_reply``; never a receiver).

    The verification methods release the GIL, so one verifier can serve many threads.
    """

    def __new__(
        cls,
        trust_list: TrustList,
        *,
        region: str,
        agency: Optional[str] = None,
        anchors: Optional[Iterable[_Anchor]] = None,
        clock: Union[None, _Instant, Callable[[], _Instant]] = None,
        leeway_seconds: int = 300,
        max_age_seconds: Optional[int] = None,
        max_age_for_types: Optional[Mapping[str, int]] = None,
        retired_key_window_seconds: Optional[int] = None,
        algorithms: Optional[Sequence[str]] = None,
        allow_eddsa_alias: bool = False,
        replay_guard: Optional[ReplayGuard] = None,
        store: Optional[str] = None,
        required_signers: int = 1,
        required_parties: Optional[Iterable[Party]] = None,
        stale_grace_seconds: int = 604800,
        max_bytes: int = 1048576,
        max_depth: int = 32,
        dangerous_skip_schema: bool = False,
        dangerous_skip_rules: bool = False,
        dangerous_no_replay_guard: bool = False,
        dangerous_no_max_age: bool = False,
        dangerous_accept_any_audience: bool = False,
        reference_data: Optional[ReferenceData] = None,
        dangerous_no_max_age_for_types: Optional[Sequence[str]] = None,
    ) -> Verifier: ...
    def verify(self, data: _Data) -> Verified:
        """Runs the whole pipeline on one message (live: at the clock's instant, recorded by the
        replay guard); raises the first failing stage's error."""
    def verify_reply(self, data: _Data, earlier: Verified) -> Verified:
        """Verifies a message answering ``earlier``: the pipeline plus the flow table's reply
        rules (right type, from the right party, same case) and, for a receipt, its binding to
        ``earlier`` (id, digest, type); else ``envelope.unexpected_reply``."""
    def verify_reply_to(self, data: _Data, earlier: Mapping[str, object], earlier_digest: str) -> Verified:
        """As :meth:`verify_reply`, with the earlier message as a stored document dict (your own
        message, or one you verified and stored) and its payload digest (``Verified.digest``).
        It is not verified again: the caller vouches for it."""
    def verify_archived(self, data: _Data, first_seen: _Instant) -> Verified:
        """Archival verification of a stored message first received at ``first_seen``: no
        maximum age and no replay record; key retirement and expiry judged at ``first_seen``."""
    def verify_archived_reply(self, data: _Data, earlier: Verified, first_seen: _Instant) -> Verified:
        """Archival verification of a stored reply to ``earlier`` (e.g. from
        ``verify_archived``), first received at ``first_seen``: the reply rules apply too."""
    def verify_many(
        self, messages: Iterable[_Data], threads: int = 0
    ) -> List[Union[Verified, LabourlinkError]]:
        """Verifies many messages in parallel (``threads=0``: all cores) without the GIL.

        At most 256 worker threads are started whatever ``threads`` asks for, and a thread
        the system cannot create is done without. Returns, in input order, a ``Verified`` or the error (not raised) for each message.
        Replay is decided in input order: of two copies, the earlier one is accepted.
        """
    def update_trust_list(self, data: _Data, *, at: Optional[_Instant] = None) -> TrustList:
        """Verifies a newer signed trust list against ``anchors`` and makes it current; staleness
        is judged at ``at``, by default the verifier's ``clock``."""
    def max_age_for(self, message_type: str) -> Optional[int]:
        """The maximum age in seconds for ``message_type`` (``None``: no limit); a type the
        catalogue does not know gets the verifier's default (its messages are refused at
        verification anyway)."""
    @property
    def stages(self) -> VerifierStages:
        """Which optional stages run: ``{"schema": …, "rules": …, "replay": …}``."""
    @property
    def trust_list(self) -> TrustList:
        """A copy of the trust list in use now."""
    @property
    def region(self) -> str:
        """The verifier's own region: messages must be addressed to it."""
    @property
    def agency(self) -> Optional[str]:
        """The verifier's own agency, when set: messages must be addressed to it too."""


def document(
    type: str,
    *,
    from_: Party,
    to: Party,
    body: Optional[Mapping[str, object]] = None,
    case: Optional[CaseRef] = None,
    in_reply_to: Optional[str] = None,
    expires_at: Optional[_Instant] = None,
    id: Optional[str] = None,
    schema_version: Optional[str] = None,
    at: Optional[_Instant] = None,
) -> Document:
    """Builds a document around a body, filling ``id`` (UUID v7) and ``issued_at`` (``at``,
    default now), and checks the envelope (``EnvelopeError``).

    >>> doc = document("receipt", from_={"region": "513400", "agency": "LS-HR"},
    ...                to={"region": "330200", "agency": "NB-HR"},
    ...                body={"status": "accepted"}, at="2026-11-27T08:00:00Z")
    >>> doc["issued_at"], doc["spec"]
    ('2026-11-27T08:00:00Z', 'labourlink/1')
    """

def sign(document: Mapping[str, object], keys: Union[SigningKey, Sequence[SigningKey]]) -> str:
    """Signs a document with one key or several; returns the JWS (JSON serialization).

    Floats with a fraction raise ``JsonError`` (``json.not_integer``) with the JSON pointer.
    """

def canonicalize(data: object) -> bytes:
    """The RFC 8785 canonical form of a JSON text (``str``/``bytes``/``bytearray``, parsed
    strictly) or of a Python value (dict, list, tuple, int, float, bool, None).

    >>> canonicalize('{"b": 1, "a": [true, 1.0]}')
    b'{"a":[true,1],"b":1}'
    >>> canonicalize({"b": 1, "a": 2.5})
    b'{"a":2.5,"b":1}'

    Numbers are IEEE 754 doubles in RFC 8785: an integer beyond ±(2^53−1) becomes the nearest
    double here, as in every JavaScript implementation. Documents refuse such integers
    (``sign``, ``validate``: ``json.integer_out_of_range``) — write identifiers as strings.
    """

def parse_json(data: _Data, *, integers_only: bool = True) -> Any:
    """Parses JSON text with the core's strict parser (duplicate names, lone surrogates, NaN…
    are ``JsonError``). ``integers_only`` is the mode for documents."""

def error_codes() -> List[Tuple[str, str, str, str]]:
    """Every error code as ``(code, stage, summary, summary_zh)``."""

def init_store(url: str) -> None:
    """Creates (or migrates) a durable store, ``"sqlite:///path/to/file.db"`` or a
    ``"postgresql://…"`` URL, for ``Verifier(..., store=url)``. Raises ``LabourlinkError``
    (``store.*``) when the database cannot be opened."""

@final
class Outbox:
    """The durable outbox of a store (发件箱): messages are stored first, then delivered with
    retries (exponential backoff, ``Retry-After`` honoured) until the addressee's inbox answers
    with a signed receipt, verified against ``trust_list`` as the reply to the message. What is
    not delivered now stays queued across restarts (``run_once`` later, or a ``labourlink
    serve`` node on the same store). ``trust_list`` is required; only
    ``dangerous_unchecked_receipts=True`` (with ``trust_list=None``) delivers on receipts whose
    signature is NOT checked, only their binding to the message (``TypeError`` otherwise).
    ``ca`` (PEM) makes only those roots trusted for the inboxes' TLS. ``give_up_after_hours``
    (1 to 87 600, ten years): a message without a receipt by then is undeliverable.

    >>> outbox = Outbox("sqlite:///var/lib/labourlink/store.db", trust_list)  # doctest: +SKIP
    >>> outbox.send(message, wait=60)["state"]                                # doctest: +SKIP
    'delivered'
    """

    # Two forms, so that a type checker refuses Outbox(store) alone: with a trust list, or
    # without one only with dangerous_unchecked_receipts=True.
    @overload
    def __new__(
        cls,
        store: str,
        trust_list: TrustList,
        *,
        give_up_after_hours: int = 72,
        ca: Optional[_Data] = None,
        dangerous_unchecked_receipts: bool = False,
    ) -> Outbox: ...
    @overload
    def __new__(
        cls,
        store: str,
        trust_list: None = None,
        *,
        give_up_after_hours: int = 72,
        ca: Optional[_Data] = None,
        dangerous_unchecked_receipts: Literal[True],
    ) -> Outbox: ...
    def send(self, message: _Data, *, to: Optional[str] = None, wait: Optional[float] = None) -> Dict[str, Any]:
        """Queues a signed message (archived as sent), then delivers it: one attempt now, or
        with ``wait`` seconds (0 to 86 400; ``input.invalid`` otherwise) until a receipt; Ctrl-C
        ends the wait (the message stays queued). ``to`` defaults to the addressee's
        ``endpoint`` in the trust list (followed while the message waits: a later trust list
        with a new endpoint moves it there). Returns the entry: ``state`` (``pending``,
        ``delivered``, ``rejected``, ``undeliverable``), ``seq``, ``endpoint``,
        ``endpoint_source`` (``trust_list`` or ``given``), ``attempts``, ``last_error``,
        ``receipt``…"""
    def run_once(self) -> Dict[str, int]:
        """One pass over the due messages: ``{"attempted", "delivered", "rejected", "retrying",
        "undeliverable", "deferred"}`` (deferred: not attempted, their endpoint was found down
        earlier in the pass)."""
    def status(self, state: Optional[str] = None, limit: int = 50) -> List[Dict[str, Any]]:
        """The entries, newest first (no message bytes; the receipt is included); ``limit=0``
        lists them all."""
    def counts(self) -> Dict[str, int]:
        """The number of entries per state, every state listed."""
    def retry(self, seq: int, *, to: Optional[str] = None, give_up_after_hours: int = 72) -> None:
        """Makes an undeliverable (or waiting) entry due now again, given up after
        ``give_up_after_hours`` (1 to 87 600) from now; with ``to``, posted from now on to that
        inbox URL (it then no longer follows the trust list's endpoint)."""
    def drop(self, seq: int) -> None:
        """Never sends a pending or undeliverable entry (it stays listed as dropped)."""

def fetch_trust_list(
    url: str,
    *,
    anchors: Sequence[Union[VerifyingKey, Tuple[str, VerifyingKey], Mapping[str, Any]]],
    store: Optional[str] = None,
    timeout: float = 30.0,
) -> Optional[bytes]:
    """Fetches the signed trust list at ``url`` (a node's ``/v1/trust-list``) and verifies it
    against ``anchors``; with ``store``, sends the last accepted list's digest as
    ``If-None-Match``, refuses a rollback and records the new list. Returns its JWS bytes, or
    ``None`` when not modified. ``timeout``: seconds, 0.1 to 600. Any ``LabourlinkError``
    means: keep the list you have — ``exchange.unreachable`` (the network, a 5xx, a timeout),
    ``exchange.bad_response`` (a 404, a redirect), ``JsonError`` (an answer that is not JSON,
    e.g. a portal page), ``SignatureError`` / ``TrustListError`` (a list that does not verify,
    is stale or rolls back); ``input.invalid`` for a URL that can never be fetched (not
    ``http(s)://host…``)."""

def fetch_reference_data(
    url: str,
    *,
    anchors: Sequence[Union[VerifyingKey, Tuple[str, VerifyingKey], Mapping[str, Any]]],
    store: Optional[str] = None,
    timeout: float = 30.0,
) -> Optional[bytes]:
    """Fetches signed reference data at ``url`` (a node's ``/v1/reference-data``) and
    verifies it against ``anchors``, as ``fetch_trust_list`` does: with ``store``, sends the
    last accepted document's digest as ``If-None-Match``, refuses a rollback
    (``reference_data.rollback``) and records the new one. Returns its JWS bytes (load them
    with ``ReferenceData.load``), or ``None`` when not modified. ``timeout``: seconds, 0.1 to
    600. Raises ``LabourlinkError`` (``exchange.unreachable``) when the network fails: keep
    the data you have; ``input.invalid`` for a URL that can never be fetched."""

def validate(document: Union[Mapping[str, object], _Data], *, on: Optional[_Date] = None) -> List[Finding]:
    """Validates an unsigned document as the verifier's stages 5–7 would (envelope, schema,
    business rules; stopping after the first stage with an error) and returns every finding.

    A str/bytes document is read with the strict parser first (``json.*`` findings). ``on``
    fixes the rules' reference date (default: ``issued_at`` in China Standard Time).

    >>> doc = example("social_insurance.application_refusal")
    >>> assert doc is not None and validate(doc) == []
    """

def example(message_type: str) -> Optional[Document]:
    """The example document of a message type (``schemas/examples/``), or ``None``."""

def validate_body(message_type: str, body: Mapping[str, object]) -> None:
    """Validates a body against its type's JSON Schema; raises ``SchemaError`` (``errors``: every
    violation, pointers under ``/body``) or ``EnvelopeError`` for a type without a schema."""

def check_citizen_id(value: str, *, on: _Date, path: str = "") -> List[Finding]:
    """Findings for a citizen ID number: format, check character, birth date (not after
    ``on``), address code. ``path`` is the JSON pointer the messages name.

    >>> [f["code"] for f in check_citizen_id("330203199001011234", on="2026-11-27")]
    ['rule.citizen_id_checksum']
    """

def check_uscc(value: str, *, path: str = "") -> List[Finding]:
    """Findings for a unified social credit code (errors; warnings for an unknown registration
    pair or region)."""

def check_region_code(value: str, *, path: str = "") -> List[Finding]:
    """Findings for a region code that must be a current GB/T 2260 code."""

def parse_citizen_id(value: str, *, on: _Date) -> ParsedCitizenId:
    """Parses a citizen ID number; raises ``RuleError`` (see ``findings``).

    >>> parse_citizen_id("330203199001011236", on="2026-11-27")["sex"]
    'male'
    """

def parse_uscc(value: str) -> ParsedUscc:
    """Parses a unified social credit code; raises ``RuleError``."""

def region_name(code: str) -> str:
    """The name of a current GB/T 2260 division (``"330200"`` → ``"宁波市"``); raises ``RuleError``."""

def code_name(table: str, code: str) -> str:
    """The Chinese name of a code of a national code table: ``"gb_t_2261_1"`` (sex),
    ``"gb_t_2261_2"`` (marital status), ``"gb_t_3304"`` (ethnicity), ``"gb_t_4658"``
    (education), ``"gb_t_4754_sections"``, ``"gb_t_4754_divisions"`` (industry),
    ``"occupation_2022"`` (occupation major groups); ``code_name("gb_t_3304", "07")`` → ``"彝族"``.
    Raises ``RuleError`` for a code not in the table, ``LabourlinkError`` for an unknown table."""

def convert_15_to_18(id15: str) -> str:
    """The 18-character form of a 15-digit pre-1999 ID number; raises ``RuleError``."""
