//! # labourlink-protocol
//!
//! The `labourlink/1` wire protocol, which a partner re-implements from the specification: strict
//! JSON, the RFC 8785 canonical form, Ed25519, ES256 and SM2 keys, the JWS profile, the document
//! envelope, trust lists of partner keys, and the verification pipeline with its seams
//! ([`verify::Profile`], [`verify::Stage`], [`verify::ReplayGuard`]). It knows nothing of
//! pensions or rosters: the message catalogue (types, schemas, business rules, flows) is the
//! `labourlink` crate, which installs itself as the verifier's profile. Applications depend on
//! `labourlink`; this crate is for alternative catalogues, tools and audits.
//!
//! ```
//! use labourlink_protocol::envelope::{Document, Party};
//! use labourlink_protocol::keys::SigningKey;
//! use labourlink_protocol::time::{FixedClock, Timestamp};
//! use labourlink_protocol::trust::{KeyRecord, TrustList};
//! use labourlink_protocol::verify::{ProtocolOnly, Verifier};
//!
//! let t = |s: &str| Timestamp::parse(s).unwrap();
//! let clock = FixedClock(t("2026-11-27T08:00:00Z"));
//! let key = SigningKey::from_seed(&[1; 32], "513400-si-2026a")?;
//! let doc = Document::builder("receipt", Party::new("513400", "LS-SI"), Party::new("330200", "NB-SI"))
//!     .body(serde_json::json!({"status": "accepted"}))
//!     .build(&clock)?;
//! let jws = labourlink_protocol::sign(&doc.to_value(), &[&key])?;
//! let mut list = TrustList::new(1, t("2027-01-01T00:00:00Z"));
//! list.add_key(KeyRecord::new(key.kid(), "513400", "LS-SI", key.verifying_key(),
//!     t("2026-01-01T00:00:00Z"), None, vec!["receipt".into()]))?;
//! // The protocol alone: signature, envelope, time rules and replay — no schema, no rules.
//! let verifier: Verifier<ProtocolOnly> =
//!     Verifier::builder().trust_list(list).region("330200").clock(clock).build()?;
//! assert_eq!(verifier.verify(jws.as_bytes())?.message_type(), "receipt");
//! # Ok::<(), labourlink_protocol::Error>(())
//! ```
#![forbid(unsafe_code)]

// The implementation modules are private. What users need is re-exported below, one public
// module per topic with a deliberate `pub use` list (docs/ARCHITECTURE.md lists the public API);
// an item not listed is internal, and `unreachable_pub` keeps it `pub(crate)`.
#[path = "b64.rs"]
mod b64_imp;
#[path = "canonical.rs"]
mod canonical_imp;
#[path = "envelope.rs"]
mod envelope_imp;
#[path = "error.rs"]
mod error_imp;
#[path = "json.rs"]
mod json_imp;
#[path = "jws.rs"]
mod jws_imp;
#[path = "keys.rs"]
mod keys_imp;
mod signing;
#[path = "time.rs"]
mod time_imp;
#[path = "trust.rs"]
mod trust_imp;
#[path = "verify.rs"]
mod verify_imp;

pub mod b64 {
    //! Strict base64url without padding (RFC 7515 §2, RFC 4648 §5).

    pub use crate::b64_imp::{decode, encode};
}

pub mod canonical {
    //! RFC 8785 JSON Canonicalization Scheme (JCS).
    //!
    //! The canonical form is what labourlink signs: the same value always gives the same bytes, in
    //! every language. [`canonicalize`] parses untrusted text strictly (I-JSON, via
    //! [`crate::json::parse`] with [`Numbers::Any`](crate::json::Numbers::Any)) and re-serialises it; [`to_vec`] and [`write()`]
    //! serialise an in-memory [`serde_json::Value`].
    //!
    //! * No whitespace. Object members sorted by their names as **UTF-16 code units** (RFC 8785
    //!   §3.2.3), which differs from UTF-8/code-point order when names mix characters above U+FFFF
    //!   with characters in U+E000–U+FFFF (U+1F602 sorts before U+FB33).
    //! * Strings (RFC 8785 §3.2.2.2): only `"`, `\` and the control characters U+0000–U+001F are
    //!   escaped, as `\b`, `\t`, `\n`, `\f`, `\r` or lowercase `\u00xx`; everything else, including
    //!   U+007F and U+2028/U+2029, is written as literal UTF-8. No Unicode normalisation is applied:
    //!   NFC and NFD spellings of a name stay distinct.
    //! * Numbers (RFC 8785 §3.2.2.3) are written as ECMAScript's `Number.prototype.toString` writes
    //!   the IEEE 754 double ([`format_number`]). Integers stored in the value with magnitude at most
    //!   2^53 are written as decimal integers, which is the same text. **Integers beyond 2^53** (an
    //!   `i64`/`u64` that only an in-memory value can hold; [`crate::json::parse`] never produces one)
    //!   are converted to the nearest double first, as JavaScript would: `9007199254740993` is written
    //!   `9007199254740992`. Callers who need such values exactly must put them in strings.
    //!
    //! Serialising recurses once per nesting level of the value; values produced by the parser are at
    //! most [`crate::json::DEFAULT_MAX_DEPTH`] deep.

    pub use crate::canonical_imp::{
        canonicalize, format_number, is_canonical_document, to_vec, write,
    };
}

pub mod envelope {
    //! The document every message carries as its payload (DESIGN §3).
    //!
    //! ```json
    //! {"spec": "labourlink/1", "type": "receipt", "schema_version": "1.0",
    //!  "id": "018f6d0e-7c1a-7b3e-9a55-2f1d3c4b5a69",
    //!  "case": {"id": "330200-SI-2026-000123", "type": "social_insurance.pension_transfer"},
    //!  "in_reply_to": "…", "from": {"region": "513400", "agency": "…", "name": "…"},
    //!  "to": {"region": "330200", "agency": "…", "name": "…"},
    //!  "issued_at": "2026-11-27T08:00:00Z", "expires_at": "2026-12-27T08:00:00Z", "body": {…}}
    //! ```
    //!
    //! [`Document::from_value`] checks the envelope fields with a JSON pointer for every problem
    //! (`envelope.*`); the body is checked by the schema and rules stages.

    pub use crate::envelope_imp::{
        CaseRef, CheckedDocument, Document, DocumentBuilder, Party, SPEC, digest, is_uuid,
        parse_canonical_payload, uuid_string, uuid_v7,
    };
}

pub mod error {
    //! Errors: one [`Error`] type with a stable dotted [`ErrorCode`].
    //!
    //! Codes are the API: programs match on [`Error::code`] (or its string form, identical in Rust,
    //! Python and JavaScript); messages are for people and may be improved between releases.
    //! Every error carries an English message ([`Error::message`]), a Chinese message
    //! ([`Error::message_zh`]) and, where the problem sits at one place of a JSON document, the
    //! RFC 6901 JSON pointer of that place ([`Error::path`]).
    //!
    //! Signature failures are deliberately opaque (`signature.invalid`, one constant message): a
    //! verifier must not tell an attacker which byte was wrong.
    //!
    //! The full table of codes, generated from [`ErrorCode::ALL`] by
    //! [`ErrorCode::markdown_table`], is `docs/error-codes.md` in the repository
    //! (`labourlink error-codes` prints it; `cargo xtask regen` writes it, CI's `cargo xtask check`
    //! fails when the file is stale).

    pub use crate::error_imp::{
        Error, ErrorCode, ErrorKind, Finding, FindingCode, MAX_MESSAGE_CHARS, MAX_QUOTED_CHARS,
        Result, Severity, Violation, escape_pointer_token, shown, shown_text,
    };
}

pub mod json {
    //! Strict JSON parsing of untrusted bytes into a [`serde_json::Value`].
    //!
    //! Every signed labourlink document, protected header and trust list goes through [`parse`]
    //! before anything else looks at it. The parser accepts exactly RFC 8259 JSON restricted to
    //! I-JSON (RFC 7493) and refuses everything on which parsers in other languages disagree, so
    //! that the sender, the verifier and every binding see the same value:
    //!
    //! * **Duplicate member names are rejected** (`json.duplicate_key`). RFC 8259 leaves their meaning
    //!   open; `serde_json`, Python and Node silently keep the last one, other parsers keep the first,
    //!   which lets a signed document mean different things to different readers. Names are compared
    //!   after unescaping, so `{"a":1,"\u0061":2}` is a duplicate.
    //! * **Invalid UTF-8 is rejected** (`json.invalid_utf8`), anywhere in the input (the whole input
    //!   is checked before parsing), and so are **escapes that are not valid UTF-16**: a lone high or
    //!   low surrogate, or a high surrogate followed by something other than a low surrogate
    //!   (`json.lone_surrogate`).
    //! * **Everything that is not JSON is a syntax error** (`json.syntax`, with the byte offset in the
    //!   message): a byte order mark, leading or trailing garbage, comments, trailing commas, single
    //!   quotes, unescaped control characters in strings, `NaN`, `Infinity`, `-Infinity`, leading
    //!   zeros, `+1`, `.5`, `1.`. Whitespace is only space, tab, line feed and carriage return.
    //! * **Limits**: input longer than [`Limits::max_bytes`] is refused before parsing
    //!   (`json.too_large`); arrays and objects nested deeper than [`Limits::max_depth`]
    //!   (`json.too_deep`; the root container is depth 1, so the default of 32 accepts 32 nested
    //!   containers and rejects 33). The parser is iterative: it keeps its own stack of open
    //!   containers and never recurses, so no input can overflow the thread's stack.
    //!
    //! ## Numbers
    //!
    //! [`Numbers::IntegersOnly`] is the mode for documents ([`parse_document`]). Signed documents
    //! carry no floating-point numbers at all (amounts are integer minor units or decimal strings):
    //! languages print floats differently, and a schema treats `1.0` as an integer, so the only way
    //! to make every party agree on the bytes is to forbid them. Any fraction or exponent, even
    //! `1.0` or `1e2`, is `json.not_integer`; an integer outside ±(2^53−1) ([`MAX_SAFE_INTEGER`],
    //! the range a JavaScript or any IEEE 754 double represents exactly) is
    //! `json.integer_out_of_range`.
    //!
    //! **`-0` is rejected in `IntegersOnly` mode** (`json.not_integer`). It is not a distinct integer
    //! but it is a distinct double (JavaScript keeps `-0`), and accepting it as `0` would give one
    //! integer two spellings; a document has exactly one spelling for each integer.
    //!
    //! [`Numbers::Any`] is I-JSON and used by the `canonicalize` command ([`crate::canonical`]):
    //! every number is read as an IEEE 754 double, correctly rounded. Results that are not finite
    //! (`1e400`) are `json.number_out_of_range`; underflow to zero is accepted as in JavaScript.
    //! Integral values of magnitude at most 2^53 are stored as integers in the value (so `1.0` and
    //! `1e2` become `1` and `100`), every other value (including `-0`, which stays `-0.0`) as an
    //! `f64`.
    //!
    //! ## Error places
    //!
    //! Every error carries an RFC 6901 JSON pointer ([`crate::Error::path`]):
    //! the value being parsed (`/body/items/3/name`) for number, surrogate and depth errors; the
    //! duplicated member (`/body/a`) for duplicate names; the innermost container being parsed for
    //! syntax errors (whose message gives the byte offset); the root (`""`) for the size limit. For
    //! invalid UTF-8 the pointer is a best effort: the place the parser had reached when the input
    //! before the offending byte ran out.

    pub use crate::json_imp::{
        DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, Limits, MAX_DEPTH_CEILING, MAX_SAFE_INTEGER, Numbers,
        check_value_depth, parse, parse_document,
    };
}

pub mod jws {
    //! JWS JSON serialization, general syntax (RFC 7515 §7.2.1), as labourlink profiles it.
    //!
    //! ```json
    //! {"payload":"<base64url(JCS(document))>",
    //!  "signatures":[{"protected":"<base64url(JCS(header))>","signature":"<base64url(sig)>"}]}
    //! ```
    //!
    //! The profile (DESIGN §2), enforced by [`parse`]:
    //!
    //! | rule | code |
    //! |---|---|
    //! | the object has exactly `payload` and `signatures` (no flattened syntax, no other members) | `jws.malformed` |
    //! | every base64url member has no padding and only URL-safe characters | `jws.base64` |
    //! | at least one signature | `jws.no_signatures` |
    //! | a signature has exactly `protected` and `signature`; an unprotected `header` is refused | `jws.unprotected_header` |
    //! | the protected header is a JSON object (strictly parsed) with string `alg`, `kid`, `typ` | `jws.header_invalid` |
    //! | `alg` is `Ed25519`, `ES256` or `SM2SM3` and in the verifier's policy (never `none`, HMAC or RSA; `EdDSA` only when allowed) | `jws.algorithm_not_allowed` |
    //! | `typ` is `labourlink+jws` | `jws.wrong_typ` |
    //! | no `jwk`, `jku`, `x5u`, `x5c`, `x5t`, `x5t#S256`: keys come only from the trust list | `jws.embedded_key` |
    //! | `crit` names nothing labourlink does not understand (today: nothing at all) | `jws.unknown_crit` |
    //! | no other header members | `jws.unknown_header` |
    //! | no two signatures with the same `kid` | `jws.duplicate_signer` |
    //!
    //! Signing ([`crate::sign`]) always produces this profile, with the JWS object itself in
    //! canonical form, so signing the same document with the same Ed25519 key gives the same bytes.

    pub use crate::jws_imp::{
        AlgorithmPolicy, COMPACT_JWS_MESSAGE, ParsedJws, ParsedSignature, Prepared,
        ProtectedHeader, TYP, parse,
    };
}

pub mod keys {
    //! Keys: [`SigningKey`] (private), [`VerifyingKey`] (public), the [`Signer`] trait and the
    //! [`Algorithm`] enum.
    //!
    //! Three algorithms: Ed25519 (signing through *ring*, verification through ed25519-dalek with
    //! *ring*'s SHA-512), ES256 through *ring*, SM2 through RustCrypto's `sm2` crate:
    //!
    //! | [`Algorithm`] | JWS `alg` | signature | public key bytes | JWK |
    //! |---|---|---|---|---|
    //! | [`Algorithm::Ed25519`] | `Ed25519` (RFC 9864 fully-specified name) | 64 bytes (RFC 8032) | 32 bytes (RFC 8032 encoding) | `{"kty":"OKP","crv":"Ed25519","x"}` |
    //! | [`Algorithm::Es256`] | `ES256` (RFC 7518 §3.4) | 64 bytes, fixed `r‖s` | 65 bytes, uncompressed `0x04‖x‖y` | `{"kty":"EC","crv":"P-256","x","y"}` |
    //! | [`Algorithm::Sm2`] | `SM2SM3` (not registered with IANA; see below) | 64 bytes, fixed `r‖s` | 65 bytes, uncompressed `0x04‖x‖y` | `{"kty":"EC","crv":"SM2","x","y"}` |
    //!
    //! # SM2 (国密 SM2 with SM3)
    //!
    //! SM2 digital signatures (GM/T 0003.2-2012, GB/T 32918.2-2016) on the recommended 256-bit curve
    //! (GM/T 0003.5, GB/T 32918.5; OID 1.2.156.10197.1.301) with the SM3 hash (GM/T 0004, GB/T
    //! 32905), the signer's identity hashed in as GM/T 0009-2012 prescribes, with the **default user
    //! id `1234567812345678`** (16 bytes, `ENTL` = 0x0080) for every key. For a signing input `M`
    //! (the JWS signing input, ASCII `protected '.' payload`) and public key `(x_A, y_A)`:
    //!
    //! ```text
    //! Z_A = SM3(0x0080 ‖ "1234567812345678" ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A)   (each field 32 bytes big-endian)
    //! e   = SM3(Z_A ‖ M)
    //! signature = r ‖ s   (32 + 32 bytes big-endian; r, s in [1, n−1], (r + s) mod n ≠ 0)
    //! ```
    //!
    //! JOSE has no registered names for SM2. `SM2SM3` is the name fibjs's `jws` module uses, the
    //! mnemonic of DNSSEC algorithm 17 (RFC 9563, which also fixes a 64-byte `r‖s` signature and
    //! the default user id), and it is fully specified in the sense of RFC 9864 (curve and hash are
    //! both named: SM2 is also used with SHA-256). The JWK form `{"kty":"EC","crv":"SM2",…}` is the
    //! one of draft-dang-webauthn-sm2, fibjs and the W3C DID documents that carry SM2 keys. The
    //! signature is the raw 64-byte `r‖s`, as for ES256 (the DER `SM2Signature` of GM/T 0009 is
    //! not accepted).
    //!
    //! SM2 signing is deterministic here (the `sm2` crate derives the nonce from the key and `e`
    //! as RFC 6979 does, with HMAC-SM3), so an SM2 signature, like an Ed25519 one, is the same
    //! every time; GM/T 0003 asks only that `k` be secret and uniformly distributed, which the
    //! derivation provides. The SM2 curve arithmetic is RustCrypto's (`sm2`, `primeorder`,
    //! fiat-crypto field arithmetic); nothing here does curve arithmetic of its own.
    //!
    //! ```
    //! use labourlink_protocol::keys::{Algorithm, SigningKey, VerifyingKey};
    //!
    //! let key = SigningKey::generate(Algorithm::Sm2, "330200-hr-sm2a")?;
    //! assert_eq!(key.algorithm().as_str(), "SM2SM3");
    //! let signature = key.sign(b"signing input")?;
    //! assert_eq!(signature, key.sign(b"signing input")?); // deterministic nonce
    //! key.verifying_key().verify(b"signing input", &signature)?;
    //! let jwk = key.verifying_key().to_jwk();
    //! assert_eq!((jwk["kty"].as_str(), jwk["crv"].as_str()), (Some("EC"), Some("SM2")));
    //! // PKCS#8 as OpenSSL, GmSSL and BouncyCastle write it (id-ecPublicKey, curve 1.2.156.10197.1.301).
    //! let again = SigningKey::from_pem(&key.to_pem(), "330200-hr-sm2a")?;
    //! assert_eq!(VerifyingKey::from_jwk(&jwk)?, again.verifying_key());
    //! # Ok::<(), labourlink_protocol::Error>(())
    //! ```
    //!
    //! The polymorphic `EdDSA` name (deprecated by RFC 9864) is not an [`Algorithm`] name; a verifier
    //! policy may map a header `EdDSA` to [`Algorithm::Ed25519`].
    //!
    //! ```
    //! use labourlink_protocol::keys::{Algorithm, SigningKey};
    //!
    //! let key = SigningKey::generate(Algorithm::Ed25519, "330200-hrss-2026a")?;
    //! let signature = key.sign(b"signing input")?;
    //! let public = key.verifying_key();
    //! public.verify(b"signing input", &signature)?;
    //! assert!(public.verify(b"other input", &signature).is_err());
    //!
    //! // The public half travels as a JWK; the private half as PKCS#8 PEM.
    //! let jwk = public.to_jwk();
    //! assert_eq!(labourlink_protocol::keys::VerifyingKey::from_jwk(&jwk)?, public);
    //! let pem = key.to_pem();
    //! let again = SigningKey::from_pem(&pem, "330200-hrss-2026a")?;
    //! assert_eq!(again.verifying_key(), public);
    //! # Ok::<(), labourlink_protocol::Error>(())
    //! ```
    //!
    //! # Key forms
    //!
    //! | form | private ([`SigningKey`]) | public ([`VerifyingKey`]) |
    //! |---|---|---|
    //! | PEM, as text or bytes | [`SigningKey::from_pem`]: `PRIVATE KEY` (PKCS#8), `EC PRIVATE KEY` / `SM2 PRIVATE KEY` (SEC1) | [`VerifyingKey::from_spki_pem`]: `PUBLIC KEY` |
    //! | DER | [`SigningKey::from_pkcs8`], [`SigningKey::from_sec1`] | [`VerifyingKey::from_spki`] |
    //! | encrypted PKCS#8 (PBES2) | [`SigningKey::from_encrypted_pem`], [`SigningKey::from_encrypted_pkcs8`]; written by [`SigningKey::to_encrypted_pem`] | — |
    //! | X.509 certificate, PEM or DER | — | [`VerifyingKey::from_certificate`] (the key only: **not trust**) |
    //! | JWK | [`SigningKey::from_jwk`] (with `d`) | [`VerifyingKey::from_jwk`] (without `d`) |
    //! | raw bytes | [`SigningKey::from_seed`], [`SigningKey::from_sm2_private_key`] | [`VerifyingKey::from_bytes`] |
    //!
    //! Export: [`SigningKey::to_pem`] / [`SigningKey::to_pkcs8`] / [`SigningKey::to_encrypted_pem`], [`VerifyingKey::to_spki_pem`]
    //! / [`VerifyingKey::to_spki`], [`VerifyingKey::to_jwk`]. A certificate's validity period,
    //! issuer and signature are not looked at: a key taken from a certificate is trusted only as far
    //! as a trust list says.
    //!
    //! # Key-load policy
    //!
    //! Public keys are validated once, when they are loaded ([`VerifyingKey::from_bytes`],
    //! [`VerifyingKey::from_jwk`]); [`VerifyingKey::verify`] then only runs the signature check.
    //!
    //! | input | outcome |
    //! |---|---|
    //! | Ed25519 key not 32 bytes | `key.rejected` |
    //! | Ed25519 `y` ≥ p, or `x = 0` with the sign bit set (non-canonical encoding: decoding and re-encoding does not give the same bytes) | `key.rejected` |
    //! | Ed25519 bytes that do not decode to a curve point | `key.rejected` |
    //! | Ed25519 small-order point (order 1, 2, 4 or 8) | `key.rejected` |
    //! | Ed25519 mixed-order point (not torsion-free: prime-order point plus a small-order component) | `key.rejected` |
    //! | P-256 key not 65 bytes or not starting with `0x04` (compressed points are not accepted) | `key.rejected` |
    //! | P-256 coordinate ≥ p, point not on the curve | `key.rejected` |
    //! | SM2 key not 65 bytes or not starting with `0x04`; coordinate ≥ p, point not on the SM2 curve (the identity cannot be encoded; `x = y = 0` is off the curve) | `key.rejected` |
    //! | JWK not an object, private member `d`, missing or wrong `kty`/`crv`/`x`/`y` (`crv` `SM2` with `kty` `EC`), member not base64url, `x`/`y` not 32 bytes, `alg` not matching, `use` not `sig`, `key_ops` without `verify` | `key.invalid_format` |
    //! | PEM without the expected label (`PRIVATE KEY`, `EC PRIVATE KEY`, `ENCRYPTED PRIVATE KEY`, `PUBLIC KEY`, `CERTIFICATE`), bad base64, a DER structure that does not parse or holds a key that is neither Ed25519, P-256 nor SM2 (RSA, P-384, …) | `key.invalid_format` |
    //! | encrypted PKCS#8 with a scheme other than PBES2 (PBKDF2-HMAC-SHA-2 or scrypt; AES-CBC or AES-GCM) | `key.invalid_format` |
    //! | encrypted PKCS#8 whose key derivation costs more than the loader allows: over 10,000,000 PBKDF2 iterations, scrypt over 256 MiB (128·r·N) or N·r·p over 2^22 (refused before deriving) | `key.invalid_format` |
    //! | encrypted PKCS#8 with a wrong password | `key.decryption_failed` |
    //! | private JWK whose `x`/`y` are not the public key of `d` (a P-256 key labelled `SM2`, say), SEC1 key whose curve parameters name the other curve | `key.rejected` |
    //! | PKCS#8 whose private scalar is invalid (SM2: 0 or ≥ n) or whose public key does not match the private key | `key.rejected` |
    //!
    //! Ed25519 keys are checked with curve25519-dalek (`decompress`, re-`compress` and compare
    //! bytes, `is_small_order`, `is_torsion_free`). P-256 keys are checked by an ECDH agreement with
    //! a fresh ephemeral key (*ring* `agree_ephemeral` with `ECDH_P256`): *ring* parses the peer point
    //! and refuses coordinates ≥ p and points off the curve; the uncompressed form cannot encode
    //! the point at infinity. SM2 keys are decoded by the `sm2` crate (`PublicKey::from_sec1_bytes`:
    //! coordinates must be field elements and the point must satisfy the curve equation).
    //!
    //! # Signature policy
    //!
    //! Verification is ed25519-dalek's equation (`hazmat::raw_verify`, with *ring*'s SHA-512) over
    //! the point decoded once when the key loads for Ed25519 — the acceptance set of *ring*'s
    //! `ED25519`, 17–26 % faster at 1–3 KB, and checked against it signature by signature in
    //! `tests/ed25519_agreement.rs` — *ring*'s for ES256 and the `sm2` crate's for SM2. Any
    //! failure, a wrong signature length included, is `signature.invalid` with one constant
    //! message.
    //!
    //! * **Ed25519**: cofactorless equation `[S]B = R + [k]A`, checked by computing `[S]B − [k]A`,
    //!   encoding it and comparing the bytes with `R`; `S ≥ L` is refused. Because `R` is never
    //!   decoded, a non-canonical `R` never verifies. Neither *ring* nor ed25519-dalek's `verify`
    //!   refuses a small-order `R`, nor
    //!   a small-order, mixed-order or non-canonically encoded `A` (dalek's `verify_strict` and
    //!   libsodium refuse some of these). That is safe here because such keys never load: with a
    //!   torsion-free `A`, `[S]B − [k]A` lies in the prime-order subgroup, so an `R` that matches lies
    //!   there too (it is the identity only if the signer chose the nonce 0, which RFC 8032 signing
    //!   never does). What labourlink accepts therefore also verifies under the cofactored
    //!   equation and under dalek's `verify_strict`; the converse does not hold (a cofactored
    //!   verifier also accepts `R` plus a small-order point), so labourlink is the stricter side.
    //! * **ES256**: ECDSA P-256 with SHA-256, signature exactly 64 bytes `r‖s` (no DER); `r` and `s`
    //!   must be in `[1, n−1]`. ECDSA signatures are malleable: if `(r, s)` verifies so does
    //!   `(r, n−s)`. Ed25519 signatures are not unique either (the signer can make many). Never use
    //!   signature bytes as a message id or a deduplication key.
    //! * **SM2SM3**: GB/T 32918.2 §7 verification with the default user id, signature exactly 64
    //!   bytes `r‖s`; `r` and `s` must be in `[1, n−1]` and `(r + s) mod n ≠ 0`. A signature made
    //!   with another user id does not verify. SM2 signatures are malleable in no simple way like
    //!   ECDSA's `(r, n−s)` (`s` is bound to `r` and the key); still, do not use them as ids.
    //!
    //! # Ed25519 edge cases (ed25519-speccheck)
    //!
    //! The 12 cases of novifinancial/ed25519-speccheck, pinned in `tests/keys.rs` against
    //! `tests/vectors/ed25519-speccheck/cases.json`:
    //!
    //! | case | `A` (public key) | `R` | `S` | equations that hold | *ring* alone | labourlink |
    //! |---|---|---|---|---|---|---|
    //! | 0 | small order | small order | 0 | both | accepts | rejected at key load |
    //! | 1 | small order | mixed order | < L | both | accepts | rejected at key load |
    //! | 2 | mixed order | small order | < L | both | accepts | rejected at key load |
    //! | 3 | mixed order | mixed order | < L | both | accepts | rejected at key load |
    //! | 4 | mixed order | mixed order | < L | cofactored only | rejects | rejected at key load |
    //! | 5 | mixed order | prime order | < L | cofactored only | rejects | rejected at key load |
    //! | 6 | prime order | prime order | ≥ L | both, with `S mod L` | rejects | rejected at signature |
    //! | 7 | prime order | prime order | ≫ L | both, with `S mod L` | rejects | rejected at signature |
    //! | 8 | mixed order | non-canonical, small order | < L | neither | rejects | rejected at key load |
    //! | 9 | mixed order | non-canonical, small order | < L | both, if `R` is decoded leniently | rejects | rejected at key load |
    //! | 10 | non-canonical, small order | mixed order | < L | cofactored only | rejects | rejected at key load |
    //! | 11 | non-canonical, small order | mixed order | < L | both | accepts | rejected at key load |
    //!
    //! "*ring* alone" is `ring::signature::UnparsedPublicKey::verify` without our key check: it
    //! accepts cases 0–3 and 11, which is why the key check exists. "Cofactored" is
    //! `[8][S]B = [8]R + [8][k]A`, "cofactorless" `[S]B = R + [k]A`.
    //!
    //! No case is accepted: every one involves a key outside the prime-order subgroup, a
    //! non-canonical key, or `S ≥ L`.
    //!
    //! # Private keys
    //!
    //! [`SigningKey`] is not `Clone`, has no `Serialize`, and its `Debug` prints only the key id and
    //! algorithm. The copies of secret material it owns (the Ed25519 seed, the ES256 PKCS#8
    //! document, the SM2 private scalar) and every PKCS#8 / PEM it returns are zeroised on drop.
    //! *ring*'s own key structures are not zeroised by *ring*, nor is the `sm2` crate's
    //! `SigningKey` by that crate.
    //!
    //! PKCS#8 import accepts Ed25519 v1 (seed only, as written by `openssl genpkey -algorithm
    //! ed25519`) and v2 (with the public key, which must match), and P-256 ECDSA keys whose
    //! `ECPrivateKey` contains the public key (as OpenSSL and *ring* write them). Export writes
    //! Ed25519 as PKCS#8 v1 (RFC 8410 §7, readable everywhere) and P-256 as imported or generated.
    //!
    //! SM2 PKCS#8 is the form OpenSSL, GmSSL and BouncyCastle write: algorithm `id-ecPublicKey`
    //! (1.2.840.10045.2.1) with the named curve 1.2.156.10197.1.301, and a SEC1 `ECPrivateKey`
    //! whose optional `parameters` (if present) name that curve and whose optional public key (if
    //! present) must match. A private key shorter than 32 bytes (a writer that drops leading
    //! zeros) is left-padded. Export writes version 0, no `ECPrivateKey` parameters, with the
    //! public key (as `openssl genpkey -algorithm SM2` does).

    pub use crate::keys_imp::{
        Algorithm, ENCRYPTED_KEY_ITERATIONS, SM2_DEFAULT_USER_ID, Signer, SigningKey, VerifyingKey,
    };
}

pub mod time {
    //! Instants and clocks.
    //!
    //! Documents carry instants as RFC 3339 strings in UTC with a `Z` suffix
    //! (`2026-11-27T08:00:00Z`, optionally with up to nine fractional digits). [`Timestamp`] parses
    //! exactly that form and nothing else (no offsets, no lowercase `t`/`z`, no leap seconds), so
    //! every implementation compares the same instants. Verification never reads the system clock
    //! directly: a [`Clock`] is injected, which makes tests and conformance vectors reproducible.
    //! Times typed by people (command-line flags) go through [`Timestamp::parse_typed`], which
    //! also takes an offset or a date ([`DateOnly`]) and normalises to UTC.

    pub use crate::time_imp::{
        Clock, DEFAULT_LEEWAY_SECONDS, DateOnly, FixedClock, MAX_LEEWAY_SECONDS,
        MAX_TIME_SETTING_SECONDS, SystemClock, Timestamp, civil_from_days, days_from_civil,
        days_in_month, parse_date,
    };
}

pub mod trust {
    //! Trust lists: the signed list of partner keys a verifier accepts (DESIGN §6).
    //!
    //! A trust list is itself a labourlink message of type `trust_list`, signed by a **trust
    //! anchor** whose public key every verifier pins out of band (e.g. a JWK distributed on paper or
    //! in the installation package). Its body:
    //!
    //! ```json
    //! {"sequence": 7, "next_update": "2026-12-27T00:00:00Z",
    //!  "keys": [{"kid": "513400-si-2026a", "region": "513400", "agency": "LS-SI", "alg": "Ed25519",
    //!            "jwk": {"kty": "OKP", "crv": "Ed25519", "x": "…"},
    //!            "valid_from": "2026-01-01T00:00:00Z", "valid_until": "2028-01-01T00:00:00Z",
    //!            "status": "active", "message_types": ["social_insurance.*", "receipt"]}]}
    //! ```
    //!
    //! Semantics, checked by [`crate::verify::Verifier`]:
    //! - a message verifies only if its key is listed, `from.region`/`from.agency` equal the key
    //!   record, its `type` matches one of `message_types` (`*`, `domain.*` or an exact type), and
    //!   `issued_at` lies in `[valid_from, valid_until]` — *at issue time*, so a contribution
    //!   certificate signed in 2026 still verifies in 2046 after the key's validity ended;
    //! - `retired` (routine rollover): messages issued before `status_since` still verify;
    //! - `revoked` (compromise): nothing the key signed verifies any more, whatever its date;
    //! - `sequence` only grows: [`TrustStore::update`] refuses a lower one (`trust_list.rollback`);
    //! - after `next_update` plus a grace period (default 7 days) the list is stale and every
    //!   verification fails with `trust_list.stale` until a newer list is loaded. Nothing is ever
    //!   fetched during verification.

    pub use crate::trust_imp::{
        Anchor, AnchorSigned, DEFAULT_GRACE_SECONDS, KeyRecord, KeyStatus, MAX_ENDPOINT_LEN,
        TrustList, TrustStore, check_fetch_url, check_grace_seconds, check_inbox_url,
        is_loopback_url, load_anchor_signed, type_matches, without_user_info,
    };
}

pub mod verify {
    //! The verification pipeline (DESIGN §7).
    //!
    //! A [`Verifier`] built with [`Verifier::builder`] runs **every** stage in order; the first
    //! failure wins. Nothing is skipped unless the caller goes through
    //! [`VerifierBuilder::dangerous`]:
    //!
    //! 1. JSON limits on the JWS (`json.*`): size (default 1 MiB), depth 32, duplicates, surrogates.
    //! 2. JWS profile (`jws.*`), see [`crate::jws`].
    //! 3. Key resolution (`key.*`, `trust_list.stale`): every `kid` in the trust list, header `alg`
    //!    equal to the key record's, key not revoked, trust list not stale; then the signer set:
    //!    at least `required_signers` **distinct parties** with distinct key material, and every
    //!    required party (`envelope.missing_signer`).
    //! 4. Signatures (`signature.invalid`): every signature must verify.
    //! 5. Payload (`json.*` inside the payload, integers only; `payload.not_canonical`), then the
    //!    envelope (`envelope.*`) and the key records at `issued_at` (`key.not_yet_valid`,
    //!    `key.expired`, `key.retired`): spec, type, major version, issuer = first signer's record,
    //!    type allowed for every signer, audience (`to.region`, and `to.agency` when the verifier
    //!    has an agency), `issued_at` not beyond `now + leeway`, not expired; then the **time
    //!    rules** (below); for a reply, the flow table; for a `receipt`, its binding to what it
    //!    acknowledges (`received_id` = `in_reply_to`; id, digest and type of the earlier message).
    //! 6. Schema (`schema.invalid`, at most 100 violations reported).
    //! 7. Business rules (`rule.*`; warnings are kept on the result).
    //! 8. Replay (`replay.duplicate`, `replay.conflict`, `replay.capacity`), keyed by issuer and
    //!    id — only messages that passed everything are recorded.
    //!
    //! **Time rules (live verification, the default).** A transactional message must arrive within
    //! its type's maximum age (default 30 days, `envelope.too_old`); long-lived documents
    //! (the profile's long-lived documents: contribution and family-planning certificates,
    //! service agreements) have none. The replay guard keeps every entry until the message could no
    //! longer verify, so a message is never accepted twice; a full guard refuses new messages
    //! (`replay.capacity`) instead of forgetting live ones. A key that was retired or reached
    //! `valid_until` still vouches for what it signed before, but a live verifier accepts such
    //! messages only within the type's maximum age (or 30 days for long-lived documents) of the
    //! retirement: a retired key cannot keep signing by backdating. **Archival verification**
    //! ([`Verifier::verify_archived`]) re-checks stored messages: no maximum age, and retirement
    //! judged at the time the message was first received.
    //!
    //! **Leeway** defaults to 300 s: partner systems' clocks drift, and a message a few seconds
    //! "from the future" is normal; more than five minutes is not.

    pub use crate::verify_imp::{
        DEFAULT_LEEWAY_SECONDS, DEFAULT_MAX_AGE_SECONDS, DEFAULT_RETIRED_KEY_WINDOW_SECONDS,
        DangerousBuilder, EarlierLookup, InMemoryReplayGuard, MAX_BATCH_THREADS,
        MAX_LEEWAY_SECONDS, MAX_TIME_SETTING_SECONDS, Profile, ProtocolOnly, ReplayGuard,
        ReplayKey, SignerInfo, Stage, Verified, Verifier, VerifierBuilder, digest,
        parse_canonical_payload, replay_error, shared_keep_until,
    };
}

pub use error::{Error, ErrorCode, ErrorKind, Finding, Result, Severity, Violation};
pub use keys::{Algorithm, Signer, SigningKey, VerifyingKey};
pub use signing::{Signed, sign, sign_checked, sign_checked_with_digest};
pub use verify::{Verified, Verifier};
