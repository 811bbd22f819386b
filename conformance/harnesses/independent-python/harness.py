#!/usr/bin/env python3
"""An independent labourlink conformance harness.

Written from conformance/REQUIREMENTS.md and conformance/vector.schema.json only: it uses no
labourlink code, just the Python standard library and the PyPI packages `cryptography`,
`rfc8785`, `jsonschema` and, for SM2SM3 (LL-JWS-017), `gmssl` (a pure-Python SM2/SM3). Without
`gmssl` installed, the cases that need SM2 are answered as skipped. It proves that a partner can implement the format from the
specification and the suite alone.

Verification follows the live/archival time rules (LL-TIME: a maximum age per type, 30 days by
default, long-lived documents exempt; retired and expired keys bounded by that window; archival
mode judged at `first_seen`), counts co-signers as distinct parties with distinct keys
(LL-ENV-015, `required_parties`), checks the verifier's `agency`, binds receipts to what they
acknowledge (LL-REPLY-007), keys the replay guard by issuer and id and fails closed when it is
full (LL-REPLAY-005/006), refuses duplicate key material, look-alike kids and agencies,
future or expired lists, re-bound kids and lists below `min_sequence` (LL-TRUST-007…010), caps
schema violations at 100 (`schema.truncated`) and tolerates plainly named unknown members of a
newer minor version as warnings (LL-SCHEMA-002/006).

Protocol: newline-delimited JSON on stdin/stdout (conformance/protocol/). The body schemas and
the flow table arrive in the runner's `start` request (`schemas`, `flows`); nothing is read from
files. The domain business rules (LL-RULE) are not implemented: cases that name an LL-RULE
requirement are answered as skipped.

    python3 harness.py [--skip-canonical-check]

--skip-canonical-check deliberately disables the payload canonical-form check (LL-ENV-003), to
show that the runner catches a wrong implementation.
"""

import base64
import hashlib
import json
import re
import sys

import datetime

import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

SKIP_CANONICAL_CHECK = "--skip-canonical-check" in sys.argv[1:]

MAX_SAFE = 2**53 - 1
DEFAULT_MAX_BYTES = 1024 * 1024
DEFAULT_MAX_DEPTH = 32
DEFAULT_LEEWAY = 300
DEFAULT_GRACE = 7 * 24 * 3600
DAY = 24 * 3600
DEFAULT_MAX_AGE = 30 * DAY  # LL-TIME-001
LONG_LIVED = {"social_insurance.contribution_certificate", "family_planning.certificate", "family_planning.service_agreement"}
TRUST_LIST_SKEW = 300  # LL-TRUST-009
DEFAULT_REPLAY_CAPACITY = 1_000_000  # LL-REPLAY-006
MAX_VIOLATIONS = 100  # LL-SCHEMA-002
TYP = "labourlink+jws"
SPEC = "labourlink/1"

CATALOGUE = {"receipt", "trust_list", "reference_data"}
for _domain, _names in {
    "control": "reminder reminder_reply clarification_request clarification_reply invalidate reject case_close case_reopen",
    "worker_transfer": "job_demand roster roster_reply arrival insurance_enrolment retention separation certificate_attestation reconciliation"
    " cooperation_agreement",
    "family_planning": "service_agreement certificate arrival_notice verification_request verification_reply birth_registration_notice service_notice benefit_notice",
    "social_insurance": "contribution_certificate transfer_application contact_letter application_refusal transfer_information fund_transfer transfer_completion"
    " benefit_place_request benefit_place_decision",
    "worker_rights": "wage_arrears_referral wage_arrears_outcome work_injury_notice work_injury_decision dispute_referral dispute_outcome",
}.items():
    CATALOGUE.update(f"{_domain}.{n}" for n in _names.split())


class Rejected(Exception):
    """A rejection with a labourlink error code, an optional JSON pointer and, for
    schema.invalid, every violation as [(code, path)]."""

    def __init__(self, code, path=None, violations=None):
        super().__init__(code)
        self.code = code
        self.path = path
        self.violations = violations or []


class BrokenCase(Exception):
    """The case cannot be run (reported as errored)."""


def esc(token):
    return token.replace("~", "~0").replace("/", "~1")


# ----------------------------------------------------------------------------- strict JSON (LL-JSON)


class _Pairs(list):
    """An object as the list of its (name, value) pairs, so duplicates stay visible."""


class _Num:
    def __init__(self, literal, integral):
        self.literal = literal
        self.integral = integral


def _no_constants(name):
    raise Rejected("json.syntax", None)


_DECODER = json.JSONDecoder(
    object_pairs_hook=_Pairs,
    parse_float=lambda s: _Num(s, False),
    parse_int=lambda s: _Num(s, True),
    parse_constant=_no_constants,
    strict=True,
)


def _depth_exceeds(text, max_depth):
    depth = 0
    in_string = False
    escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > max_depth:
                return True
        elif ch in "]}":
            depth -= 1
    return False


def _has_surrogate(s):
    return any(0xD800 <= ord(c) <= 0xDFFF for c in s)


def parse_json(data, integers_only=True, max_bytes=DEFAULT_MAX_BYTES, max_depth=DEFAULT_MAX_DEPTH):
    """Parses bytes strictly: size, UTF-8, depth, syntax, then duplicates, surrogates, numbers."""
    if len(data) > max_bytes:
        raise Rejected("json.too_large", "")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise Rejected("json.invalid_utf8") from None
    if _depth_exceeds(text, max_depth):
        raise Rejected("json.too_deep")
    try:
        raw = _DECODER.decode(text)
    except json.JSONDecodeError:
        raise Rejected("json.syntax") from None
    except RecursionError:
        raise Rejected("json.too_deep") from None
    return _check(raw, "", integers_only)


def _check(v, ptr, integers_only):
    if isinstance(v, _Pairs):
        out = {}
        for name, value in v:
            if _has_surrogate(name):
                raise Rejected("json.lone_surrogate", ptr)
            if name in out:
                raise Rejected("json.duplicate_key", f"{ptr}/{esc(name)}")
            out[name] = _check(value, f"{ptr}/{esc(name)}", integers_only)
        return out
    if isinstance(v, list):
        return [_check(x, f"{ptr}/{i}", integers_only) for i, x in enumerate(v)]
    if isinstance(v, str):
        if _has_surrogate(v):
            raise Rejected("json.lone_surrogate", ptr)
        return v
    if isinstance(v, _Num):
        if integers_only:
            if not v.integral or v.literal == "-0":
                raise Rejected("json.not_integer", ptr)
            digits = v.literal.lstrip("-")
            if len(digits) > 16 or int(digits) > MAX_SAFE:
                raise Rejected("json.integer_out_of_range", ptr)
            return int(v.literal)
        f = float(v.literal)
        if f in (float("inf"), float("-inf")):
            raise Rejected("json.number_out_of_range", ptr)
        return f
    return v  # True, False, None


def jcs(value):
    """RFC 8785 canonical bytes. Integers beyond ±(2^53−1) become doubles first, as in JavaScript."""

    def prep(v):
        if isinstance(v, bool) or v is None:
            return v
        if isinstance(v, int) and abs(v) > MAX_SAFE:
            return float(v)
        if isinstance(v, dict):
            return {k: prep(x) for k, x in v.items()}
        if isinstance(v, list):
            return [prep(x) for x in v]
        return v

    return rfc8785.dumps(prep(value))


# ----------------------------------------------------------------------------- base64url, time


_B64URL = re.compile(r"^[A-Za-z0-9_-]*$")


def b64u_decode(text, path):
    if not isinstance(text, str) or not _B64URL.fullmatch(text) or len(text) % 4 == 1:
        raise Rejected("jws.base64", path)
    raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    if b64u(raw) != text:  # non-zero trailing bits
        raise Rejected("jws.base64", path)
    return raw


def b64u(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


_INSTANT = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]{1,9})?Z$")


def _days_from_civil(y, m, d):
    y -= m <= 2
    era = y // 400
    yoe = y - era * 400
    doy = (153 * ((m + 9) % 12) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def parse_instant(text):
    """An RFC 3339 UTC instant as (seconds, nanoseconds), or None."""
    if not isinstance(text, str):
        return None
    m = _INSTANT.fullmatch(text)
    if not m:
        return None
    y, mo, d, hh, mm, ss = (int(g) for g in m.groups()[:6])
    leap = (y % 4 == 0 and y % 100 != 0) or y % 400 == 0
    days_in = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    if not 1 <= mo <= 12 or not 1 <= d <= days_in[mo - 1] or hh > 23 or mm > 59 or ss > 59:
        return None
    nanos = int((m.group(7) or ".")[1:].ljust(9, "0") or 0)
    return (_days_from_civil(y, mo, d) * 86400 + hh * 3600 + mm * 60 + ss, nanos)


def add(t, secs):
    return (t[0] + secs, t[1])


# ----------------------------------------------------------------------------- keys (LL-KEY-007…009)

_P = 2**255 - 19
_D = (-121665 * pow(121666, _P - 2, _P)) % _P
_L = 2**252 + 27742317777372353535851937790883648493
_SQRT_M1 = pow(2, (_P - 1) // 4, _P)
_N256 = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
# The SM2 recommended curve (GB/T 32918.5): y^2 = x^3 + ax + b over F_p, group order n.
_SM2_P = 0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF
_SM2_A = 0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC
_SM2_B = 0x28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93
_SM2_N = 0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123
ALGORITHMS = ("Ed25519", "ES256", "SM2SM3")


class Unsupported(Exception):
    """A case this harness cannot run (answered as skipped)."""


def _gmssl_sm2():
    try:
        from gmssl import sm2  # pip install gmssl (pure Python SM2/SM3)
    except ImportError:
        raise Unsupported("SM2SM3 needs the PyPI package gmssl, which is not installed") from None
    return sm2


def _sm2_crypt(public_raw, private_hex=""):
    """gmssl's CryptSM2 for a 65-byte 0x04||x||y key. (Its constructor strips a leading "04"
    with str.lstrip, which also eats leading '0'/'4' digits of x: set the key afterwards.)"""
    crypt = _gmssl_sm2().CryptSM2(private_key=private_hex, public_key="00")
    crypt.public_key = public_raw[1:].hex()
    return crypt


def _ed_add(a, b):
    x1, y1, z1, t1 = a
    x2, y2, z2, t2 = b
    A = (y1 - x1) * (y2 - x2) % _P
    B = (y1 + x1) * (y2 + x2) % _P
    C = 2 * t1 * t2 * _D % _P
    Dd = 2 * z1 * z2 % _P
    E, F, G, H = B - A, Dd - C, Dd + C, B + A
    return (E * F % _P, G * H % _P, F * G % _P, E * H % _P)


def _ed_mul(k, pt):
    acc = (0, 1, 1, 0)
    while k:
        if k & 1:
            acc = _ed_add(acc, pt)
        pt = _ed_add(pt, pt)
        k >>= 1
    return acc


def _is_identity(pt):
    x, y, z, _ = pt
    return x % _P == 0 and (y - z) % _P == 0


def check_ed25519_public(raw):
    """LL-KEY-007: canonical encoding, on the curve, not small order, torsion-free."""
    if len(raw) != 32:
        raise Rejected("key.rejected")
    y = int.from_bytes(raw, "little") & (2**255 - 1)
    sign = raw[31] >> 7
    if y >= _P:
        raise Rejected("key.rejected")
    u = (y * y - 1) % _P
    v = (_D * y * y + 1) % _P
    x2 = u * pow(v, _P - 2, _P) % _P
    x = pow(x2, (_P + 3) // 8, _P)
    if (x * x - x2) % _P != 0:
        x = x * _SQRT_M1 % _P
    if (x * x - x2) % _P != 0:
        raise Rejected("key.rejected")  # not on the curve
    if x == 0 and sign:
        raise Rejected("key.rejected")  # non-canonical
    if x & 1 != sign:
        x = _P - x
    pt = (x, y, 1, x * y % _P)
    if _is_identity(_ed_mul(8, pt)):
        raise Rejected("key.rejected")  # small order
    if not _is_identity(_ed_mul(_L, pt)):
        raise Rejected("key.rejected")  # mixed order


class PublicKey:
    def __init__(self, alg, raw):
        self.alg = alg
        self.raw = raw
        if alg == "Ed25519":
            check_ed25519_public(raw)
            self.key = ed25519.Ed25519PublicKey.from_public_bytes(raw)
        elif alg == "SM2SM3":  # LL-KEY-011
            x, y = int.from_bytes(raw[1:33], "big"), int.from_bytes(raw[33:], "big")
            if raw[0] != 4 or x >= _SM2_P or y >= _SM2_P or \
                    (y * y - (x * x * x + _SM2_A * x + _SM2_B)) % _SM2_P != 0:
                raise Rejected("key.rejected")
            self.key = None
        else:
            try:
                self.key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw)
            except ValueError:
                raise Rejected("key.rejected") from None

    def verify(self, message, sig):
        """LL-JWS-014. Any failure is signature.invalid."""
        try:
            if self.alg == "Ed25519":
                if len(sig) != 64 or int.from_bytes(sig[32:], "little") >= _L:
                    raise InvalidSignature()
                self.key.verify(sig, message)
            elif self.alg == "SM2SM3":  # LL-JWS-017
                if len(sig) != 64:
                    raise InvalidSignature()
                r, s = int.from_bytes(sig[:32], "big"), int.from_bytes(sig[32:], "big")
                if not (1 <= r < _SM2_N and 1 <= s < _SM2_N) or (r + s) % _SM2_N == 0:
                    raise InvalidSignature()
                # gmssl hashes Z_A of the default user id 1234567812345678, then e = SM3(Z_A || M)
                if not _sm2_crypt(self.raw).verify_with_sm3(sig.hex(), message):
                    raise InvalidSignature()
            else:
                if len(sig) != 64:
                    raise InvalidSignature()
                r, s = int.from_bytes(sig[:32], "big"), int.from_bytes(sig[32:], "big")
                if not (1 <= r < _N256 and 1 <= s < _N256):
                    raise InvalidSignature()
                self.key.verify(encode_dss_signature(r, s), message, ec.ECDSA(hashes.SHA256()))
        except InvalidSignature:
            raise Rejected("signature.invalid") from None


def _jwk_str(jwk, name):
    v = jwk.get(name)
    if not isinstance(v, str):
        raise Rejected("key.invalid_format", f"/{name}")
    return v


def _jwk_coord(jwk, name):
    text = _jwk_str(jwk, name)
    try:
        raw = b64u_decode(text, "")
    except Rejected:
        raise Rejected("key.invalid_format", f"/{name}") from None
    if len(raw) != 32:
        raise Rejected("key.invalid_format", f"/{name}")
    return raw


def key_from_jwk(jwk):
    """LL-KEY-009 then LL-KEY-007/008. Paths are relative to the JWK."""
    if not isinstance(jwk, dict):
        raise Rejected("key.invalid_format", "")
    if "d" in jwk:
        raise Rejected("key.invalid_format", "/d")
    kty = _jwk_str(jwk, "kty")
    if kty not in ("OKP", "EC"):
        raise Rejected("key.invalid_format", "/kty")
    crv = _jwk_str(jwk, "crv")
    if (kty, crv) == ("OKP", "Ed25519"):
        alg, raw = "Ed25519", _jwk_coord(jwk, "x")
    elif (kty, crv) == ("EC", "P-256"):
        alg, raw = "ES256", b"\x04" + _jwk_coord(jwk, "x") + _jwk_coord(jwk, "y")
    elif (kty, crv) == ("EC", "SM2"):
        alg, raw = "SM2SM3", b"\x04" + _jwk_coord(jwk, "x") + _jwk_coord(jwk, "y")
    else:
        raise Rejected("key.invalid_format", "/crv")
    if "alg" in jwk:
        name = _jwk_str(jwk, "alg")
        if not (name == alg or (alg == "Ed25519" and name == "EdDSA")):
            raise Rejected("key.invalid_format", "/alg")
    if "use" in jwk and _jwk_str(jwk, "use") != "sig":
        raise Rejected("key.invalid_format", "/use")
    if "key_ops" in jwk:
        ops = jwk["key_ops"]
        if not isinstance(ops, list) or not all(isinstance(o, str) for o in ops):
            raise Rejected("key.invalid_format", "/key_ops")
        if "verify" not in ops:
            raise Rejected("key.invalid_format", "/key_ops")
    return PublicKey(alg, raw)


# ----------------------------------------------------------------------------- JWS (LL-JWS)

EMBEDDED = ["jwk", "jku", "x5u", "x5c", "x5t", "x5t#S256"]


def parse_header(raw, path, max_bytes, max_depth, allowed, eddsa_alias):
    try:
        h = parse_json(raw, True, max_bytes, max_depth)
    except Rejected as e:
        raise Rejected(e.code, path) from None
    if not isinstance(h, dict):
        raise Rejected("jws.header_invalid", path)
    for m in EMBEDDED:
        if m in h:
            raise Rejected("jws.embedded_key", path)
    if "crit" in h:
        raise Rejected("jws.unknown_crit", path)
    for k in sorted(h):
        if k not in ("alg", "kid", "typ"):
            raise Rejected("jws.unknown_header", path)
    alg = h.get("alg")
    if not isinstance(alg, str):
        raise Rejected("jws.header_invalid", path)
    if alg == "EdDSA" and eddsa_alias:
        alg = "Ed25519"
    if alg not in ALGORITHMS or alg not in allowed:
        raise Rejected("jws.algorithm_not_allowed", path)
    kid = h.get("kid")
    if not isinstance(kid, str) or kid == "":
        raise Rejected("jws.header_invalid", path)
    if h.get("typ") != TYP:
        raise Rejected("jws.wrong_typ", path)
    return alg, kid


def _take_string(obj, member, path):
    if member not in obj:
        raise Rejected("jws.malformed", path)
    if not isinstance(obj[member], str):
        raise Rejected("jws.malformed", f"{path}/{member}")
    return obj[member]


def parse_jws(data, max_bytes=DEFAULT_MAX_BYTES, max_depth=DEFAULT_MAX_DEPTH, allowed=ALGORITHMS, eddsa_alias=False):
    obj = parse_json(data, True, max_bytes, max_depth)
    if not isinstance(obj, dict):
        raise Rejected("jws.malformed", "")
    for k in sorted(obj):
        if k not in ("payload", "signatures"):
            raise Rejected("jws.malformed", f"/{esc(k)}")
    payload_b64 = _take_string(obj, "payload", "")
    payload = b64u_decode(payload_b64, "/payload")
    if "signatures" not in obj:
        raise Rejected("jws.malformed", "")
    sigs = obj["signatures"]
    if not isinstance(sigs, list):
        raise Rejected("jws.malformed", "/signatures")
    if not sigs:
        raise Rejected("jws.no_signatures", "/signatures")
    out = []
    for i, s in enumerate(sigs):
        ptr = f"/signatures/{i}"
        if not isinstance(s, dict):
            raise Rejected("jws.malformed", ptr)
        for k in sorted(s):
            if k == "header":
                raise Rejected("jws.unprotected_header", f"{ptr}/header")
            if k not in ("protected", "signature"):
                raise Rejected("jws.malformed", f"{ptr}/{esc(k)}")
        protected = _take_string(s, "protected", ptr)
        signature = _take_string(s, "signature", ptr)
        header = b64u_decode(protected, f"{ptr}/protected")
        sig = b64u_decode(signature, f"{ptr}/signature")
        alg, kid = parse_header(header, f"{ptr}/protected", max_bytes, max_depth, allowed, eddsa_alias)
        if any(o["kid"] == kid for o in out):
            raise Rejected("jws.duplicate_signer", ptr)
        out.append({"alg": alg, "kid": kid, "protected": protected, "sig": sig, "ptr": ptr})
    return payload_b64, payload, out


def canonical_payload(payload, max_bytes=DEFAULT_MAX_BYTES, max_depth=DEFAULT_MAX_DEPTH):
    """LL-ENV-002/003: the document and the digest."""
    doc = parse_json(payload, True, max_bytes, max_depth)
    if not SKIP_CANONICAL_CHECK and jcs(doc) != payload:
        raise Rejected("payload.not_canonical")
    return doc, b64u(hashlib.sha256(payload).digest())


# ----------------------------------------------------------------------------- envelope (LL-ENV-005…008)

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_REGION = re.compile(r"^[1-8][0-9]{5}$")
_VERSION_PART = re.compile(r"^(0|[1-9][0-9]{0,5})$")


def _get_str(obj, key, base, required):
    if key not in obj:
        if required:
            raise Rejected("envelope.invalid", base)
        return None
    v = obj[key]
    if not isinstance(v, str) or v == "":
        raise Rejected("envelope.invalid", f"{base}/{key}")
    return v


def _members(obj, allowed, base):
    for k in sorted(obj):
        if k not in allowed:
            raise Rejected("envelope.invalid", f"{base}/{esc(k)}")


def _party(doc, key):
    base = f"/{key}"
    if key not in doc:
        raise Rejected("envelope.invalid", "")
    p = doc[key]
    if not isinstance(p, dict):
        raise Rejected("envelope.invalid", base)
    _members(p, ("region", "agency", "name"), base)
    region = _get_str(p, "region", base, True)
    if not _REGION.fullmatch(region):
        raise Rejected("envelope.invalid", f"{base}/region")
    agency = _get_str(p, "agency", base, True)
    if len(agency) > 64:
        raise Rejected("envelope.invalid", f"{base}/agency")
    name = _get_str(p, "name", base, False)
    if name is not None and len(name) > 100:
        raise Rejected("envelope.invalid", f"{base}/name")
    return region, agency


def _instant(doc, key, required):
    s = _get_str(doc, key, "", required)
    if s is None:
        return None
    t = parse_instant(s)
    if t is None:
        raise Rejected("envelope.invalid", f"/{key}")
    return t


_TYPE_NAME = re.compile(r"[a-z0-9_]+(?:\.[a-z0-9_]+)*")
# LL-ENV-005: a case type is domain.name, at most 64 characters.
_CASE_TYPE = re.compile(r"(?=.{3,64}\Z)[a-z0-9_]+\.[a-z0-9_]+")


def is_type_name(t):
    """The form of a message type: dot-separated segments of a-z 0-9 _ (LL-TRUST-002)."""
    return _TYPE_NAME.fullmatch(t) is not None


def check_envelope(doc, known=CATALOGUE.__contains__):
    """LL-ENV-005...008. `known` says which types exist: the catalogue (LL-ENV-008), or for a
    trust list only the type-name form (LL-TRUST-002: the list's own type check follows)."""
    if not isinstance(doc, dict):
        raise Rejected("envelope.invalid", "")
    _members(doc, ("spec", "type", "schema_version", "id", "case", "in_reply_to", "from", "to",
                   "issued_at", "expires_at", "body"), "")
    if _get_str(doc, "spec", "", True) != SPEC:
        raise Rejected("envelope.unsupported_spec", "/spec")
    mtype = _get_str(doc, "type", "", True)
    version = _get_str(doc, "schema_version", "", True)
    parts = version.split(".", 1)
    if len(parts) != 2 or not all(_VERSION_PART.fullmatch(x) for x in parts):
        raise Rejected("envelope.invalid", "/schema_version")
    if int(parts[0]) != 1:
        raise Rejected("envelope.unsupported_version", "/schema_version")
    if not is_type_name(mtype) or not known(mtype):
        raise Rejected("envelope.unknown_type", "/type")
    if not _UUID.fullmatch(_get_str(doc, "id", "", True)):
        raise Rejected("envelope.invalid", "/id")
    if "case" in doc:
        c = doc["case"]
        if not isinstance(c, dict):
            raise Rejected("envelope.invalid", "/case")
        _members(c, ("id", "type"), "/case")
        if len(_get_str(c, "id", "/case", True)) > 64:
            raise Rejected("envelope.invalid", "/case/id")
        if not _CASE_TYPE.fullmatch(_get_str(c, "type", "/case", True)):
            raise Rejected("envelope.invalid", "/case/type")
    reply = _get_str(doc, "in_reply_to", "", False)
    if reply is not None and not _UUID.fullmatch(reply):
        raise Rejected("envelope.invalid", "/in_reply_to")
    sender = _party(doc, "from")
    receiver = _party(doc, "to")
    issued = _instant(doc, "issued_at", True)
    expires = _instant(doc, "expires_at", False)
    if expires is not None and expires < issued:
        raise Rejected("envelope.invalid", "/expires_at")
    if "body" not in doc:
        raise Rejected("envelope.invalid", "")
    if not isinstance(doc["body"], dict):
        raise Rejected("envelope.invalid", "/body")
    return {"type": mtype, "version": version, "id": doc["id"], "case": doc.get("case"), "in_reply_to": reply, "from": sender, "to": receiver,
            "issued": issued, "expires": expires, "body": doc["body"]}


# ----------------------------------------------------------------------------- trust lists (LL-TRUST)


def _valid_pattern(p):
    if p == "*":
        return True
    name = p[:-2] if p.endswith(".*") else p
    return name != "" and all(seg != "" and re.fullmatch(r"[a-z0-9_]+", seg) for seg in name.split("."))


def type_matches(pattern, mtype):
    if pattern == "*":
        return True
    if pattern.endswith(".*"):
        return mtype.startswith(pattern[:-1])
    return pattern == mtype


def _tl_str(obj, key, base):
    v = obj.get(key)
    if not isinstance(v, str) or v == "":
        raise Rejected("trust_list.invalid", f"{base}/{key}")
    return v


# LL-TRUST-008: characters that make identifiers look alike (besides the control characters, Cc)
_LOOKALIKE = ((0x00AD, 0x00AD), (0x061C, 0x061C), (0x180E, 0x180E), (0x200B, 0x200F), (0x2028, 0x202E),
              (0x2060, 0x206F), (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0xFF00, 0xFFEF))


def _forbidden_char(c):
    cp = ord(c)
    if cp < 0x20 or 0x7F <= cp <= 0x9F:  # Unicode category Cc
        return True
    return any(lo <= cp <= hi for lo, hi in _LOOKALIKE)


def _tl_name(obj, key, base):
    """A kid or agency: a non-empty string without look-alike characters (LL-TRUST-008)."""
    v = _tl_str(obj, key, base)
    if any(_forbidden_char(c) for c in v):
        raise Rejected("trust_list.invalid", f"{base}/{key}")
    return v


def _tl_time(obj, key, base):
    t = parse_instant(_tl_str(obj, key, base))
    if t is None:
        raise Rejected("trust_list.invalid", f"{base}/{key}")
    return t


RECORD_FIELDS = ("kid", "region", "agency", "alg", "jwk", "valid_from", "valid_until", "status", "status_since", "message_types", "endpoint")


def read_record(r, base):
    if not isinstance(r, dict):
        raise Rejected("trust_list.invalid", base)
    for k in sorted(r):
        if k not in RECORD_FIELDS:
            raise Rejected("trust_list.invalid", f"{base}/{esc(k)}")
    kid = _tl_name(r, "kid", base)
    region = _tl_str(r, "region", base)
    if not _REGION.fullmatch(region):
        raise Rejected("trust_list.invalid", f"{base}/region")
    agency = _tl_name(r, "agency", base)
    alg = _tl_str(r, "alg", base)
    if alg not in ALGORITHMS:
        raise Rejected("trust_list.invalid", f"{base}/alg")
    if "jwk" not in r:
        raise Rejected("trust_list.invalid", base)
    jwk = r["jwk"]
    if isinstance(jwk, dict) and isinstance(jwk.get("kid"), str) and jwk["kid"] != kid:
        raise Rejected("trust_list.invalid", f"{base}/jwk/kid")
    try:
        key = key_from_jwk(jwk)
    except Rejected as e:
        raise Rejected(e.code, f"{base}/jwk{e.path or ''}") from None
    if key.alg != alg:
        raise Rejected("trust_list.invalid", f"{base}/alg")
    valid_from = _tl_time(r, "valid_from", base)
    valid_until = _tl_time(r, "valid_until", base) if "valid_until" in r else None
    if valid_until is not None and valid_until < valid_from:
        raise Rejected("trust_list.invalid", f"{base}/valid_until")
    status = _tl_str(r, "status", base)
    if status not in ("active", "retired", "revoked"):
        raise Rejected("trust_list.invalid", f"{base}/status")
    since = _tl_time(r, "status_since", base) if "status_since" in r else None
    if status != "active" and since is None:
        raise Rejected("trust_list.invalid", base)
    types = r.get("message_types")
    if not isinstance(types, list) or not types:
        raise Rejected("trust_list.invalid", f"{base}/message_types")
    for j, t in enumerate(types):
        if not isinstance(t, str) or not _valid_pattern(t):
            raise Rejected("trust_list.invalid", f"{base}/message_types/{j}")
    if "endpoint" in r:
        _check_endpoint(r["endpoint"], f"{base}/endpoint")
    return {"kid": kid, "region": region, "agency": agency, "alg": alg, "key": key, "valid_from": valid_from,
            "valid_until": valid_until, "status": status, "since": since, "types": types}


def _check_endpoint(url, ptr):
    """LL-TRUST-012: an inbox URL, https:// or http://, a host, no user information or fragment."""
    if not isinstance(url, str) or len(url) > 2048 or not all(0x21 <= ord(c) <= 0x7E for c in url):
        raise Rejected("trust_list.invalid", ptr)
    for scheme in ("https://", "http://"):
        if url.startswith(scheme):
            rest = url[len(scheme):]
            break
    else:
        raise Rejected("trust_list.invalid", ptr)
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0]
    if not authority or "@" in authority or "#" in url:
        raise Rejected("trust_list.invalid", ptr)


def read_body(body):
    if not isinstance(body, dict):
        raise Rejected("trust_list.invalid", "/body")
    for k in sorted(body):
        if k not in ("sequence", "next_update", "keys"):
            raise Rejected("trust_list.invalid", f"/body/{esc(k)}")
    seq = body.get("sequence")
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0:
        raise Rejected("trust_list.invalid", "/body/sequence")
    next_update = _tl_time(body, "next_update", "/body")
    keys = body.get("keys")
    if not isinstance(keys, list):
        raise Rejected("trust_list.invalid", "/body/keys")
    records = {}
    material = set()
    for i, r in enumerate(keys):
        rec = read_record(r, f"/body/keys/{i}")
        if rec["kid"] in records:
            raise Rejected("trust_list.invalid", f"/body/keys/{i}/kid")
        if key_material(rec) in material:  # LL-TRUST-007
            raise Rejected("trust_list.invalid", f"/body/keys/{i}/jwk")
        records[rec["kid"]] = rec
        material.add(key_material(rec))
    return {"sequence": seq, "next_update": next_update, "records": records, "order": list(records.values())}


def key_material(rec):
    return (rec["key"].alg, rec["key"].raw)


def check_list_times(env, now):
    """LL-TRUST-009: a list from the future or long expired is refused (fixed 300 s skew)."""
    if env["issued"] > add(now, TRUST_LIST_SKEW):
        raise Rejected("envelope.issued_in_future", "/issued_at")
    if env["expires"] is not None and add(env["expires"], TRUST_LIST_SKEW) < now:
        raise Rejected("envelope.expired", "/expires_at")


def check_rebound(current, tl):
    """LL-TRUST-010: a later list may not bind a kid of the current list to other key material or party."""
    for i, rec in enumerate(tl["order"]):
        old = current["records"].get(rec["kid"])
        if old is None:
            continue
        if key_material(old) != key_material(rec) or (old["region"], old["agency"]) != (rec["region"], rec["agency"]):
            raise Rejected("trust_list.key_rebound", f"/body/keys/{i}")


def check_revocations(current, tl):
    """LL-TRUST-013: a later list may not list a key the current list revoked (by kid or key material) as not revoked, nor leave it out."""
    revoked = [r for r in current["order"] if r["status"] == "revoked"]
    for i, rec in enumerate(tl["order"]):
        if rec["status"] != "revoked" and any(
            r["kid"] == rec["kid"] or key_material(r) == key_material(rec) for r in revoked
        ):
            raise Rejected("trust_list.revocation_undone", f"/body/keys/{i}")
    # ... and must keep each of them listed as revoked (by kid or key material).
    for r in revoked:
        if not any(
            rec["status"] == "revoked" and (rec["kid"] == r["kid"] or key_material(rec) == key_material(r))
            for rec in tl["order"]
        ):
            raise Rejected("trust_list.revocation_undone", "/body/keys")


def check_fresh(tl, now, grace):
    if now > add(tl["next_update"], grace):
        raise Rejected("trust_list.stale")


def load_trust_list(data, anchors, now, grace):
    payload_b64, payload, sigs = parse_jws(data)
    for s in sigs:
        anchor = anchors.get(s["kid"])
        if anchor is None:
            raise Rejected("trust_list.untrusted_anchor", f"{s['ptr']}/protected")
        if anchor.alg != s["alg"]:
            raise Rejected("key.algorithm_mismatch", f"{s['ptr']}/protected")
        anchor.verify(f"{s['protected']}.{payload_b64}".encode(), s["sig"])
    doc, digest = canonical_payload(payload)
    # LL-TRUST-002: the envelope with the type-name form only (a trust-list loader need not know
    # the catalogue); any other type than trust_list, known or not, is then trust_list.invalid.
    env = check_envelope(doc, known=is_type_name)
    if env["type"] != "trust_list":
        raise Rejected("trust_list.invalid", "/type")
    check_list_times(env, now)
    tl = read_body(env["body"])
    tl["digest"] = digest
    check_fresh(tl, now, grace)
    return tl


# ----------------------------------------------------------------------------- reference data (LL-REF)


def _rd_bad(path):
    return Rejected("reference_data.invalid", path)


def _rd_fields(obj, allowed, base):
    for k in sorted(obj):
        if k not in allowed:
            raise _rd_bad(f"{base}/{esc(k)}")


def _rd_obj(v, base):
    if not isinstance(v, dict):
        raise _rd_bad(base)
    return v


def _rd_text(obj, key, base):
    v = obj.get(key)
    if not isinstance(v, str) or not v.strip():
        raise _rd_bad(f"{base}/{key}")
    return v


def _rd_date(obj, key, base):
    text = _rd_text(obj, key, base)
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        raise _rd_bad(f"{base}/{key}")
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise _rd_bad(f"{base}/{key}") from None


def _rd_year(v, base):
    y = _rd_obj(v, base)
    _rd_fields(y, ("year", "status", "source", "days"), base)
    year = y.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not 1900 <= year <= 9999:
        raise _rd_bad(f"{base}/year")
    if _rd_text(y, "status", base) not in ("official", "provisional"):
        raise _rd_bad(f"{base}/status")
    _rd_text(y, "source", base)
    days = y.get("days")
    if not isinstance(days, list):
        raise _rd_bad(f"{base}/days")
    seen = set()
    for i, d in enumerate(days):
        p = f"{base}/days/{i}"
        d = _rd_obj(d, p)
        _rd_fields(d, ("date", "kind", "name"), p)
        date = _rd_date(d, "date", p)
        if date.year != year or date in seen:
            raise _rd_bad(f"{p}/date")
        seen.add(date)
        if _rd_text(d, "kind", p) not in ("holiday", "workday"):
            raise _rd_bad(f"{p}/kind")
        _rd_text(d, "name", p)
    return year


def _rd_pairs(obj, key, second, base):
    out = []
    if key not in obj:
        return out
    items = obj[key]
    if not isinstance(items, list):
        raise _rd_bad(f"{base}/{key}")
    for i, e in enumerate(items):
        p = f"{base}/{key}/{i}"
        e = _rd_obj(e, p)
        _rd_fields(e, ("code", second), p)
        code = _rd_text(e, "code", p)
        if not re.fullmatch(r"[0-9]{6}", code) or code in out:
            raise _rd_bad(f"{p}/code")
        _rd_text(e, second, p)
        out.append(code)
    return out


def read_reference_body(body):
    """LL-REF-002, in the reference's order. (A retired code that is not current needs the
    GB/T 2260 list, which this harness does not carry: no vector depends on it.)"""
    body = _rd_obj(body, "/body")
    _rd_fields(body, ("sequence", "next_update", "calendar", "regions"), "/body")
    seq = body.get("sequence")
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0:
        raise _rd_bad("/body/sequence")
    next_update = parse_instant(_rd_text(body, "next_update", "/body"))
    if next_update is None:
        raise _rd_bad("/body/next_update")
    if "calendar" not in body and "regions" not in body:
        raise _rd_bad("/body")
    if "calendar" in body:
        c = _rd_obj(body["calendar"], "/body/calendar")
        _rd_fields(c, ("version", "years"), "/body/calendar")
        _rd_text(c, "version", "/body/calendar")
        years = c.get("years")
        if not isinstance(years, list):
            raise _rd_bad("/body/calendar/years")
        if not years:
            raise _rd_bad("/body/calendar/years")
        listed = set()
        for i, y in enumerate(years):
            base = f"/body/calendar/years/{i}"
            year = _rd_year(y, base)
            if year in listed:
                raise _rd_bad(f"{base}/year")
            listed.add(year)
    if "regions" in body:
        base = "/body/regions"
        r = _rd_obj(body["regions"], base)
        _rd_fields(r, ("as_of", "source", "added", "retired"), base)
        _rd_date(r, "as_of", base)
        _rd_text(r, "source", base)
        added = _rd_pairs(r, "added", "name", base)
        retired = _rd_pairs(r, "retired", "note", base)
        if set(added) & set(retired):
            raise _rd_bad(base)
    return {"sequence": seq, "next_update": next_update}


def load_reference_data(data, anchors, now, grace):
    """LL-REF-001…003: as a trust list (LL-TRUST-001, -002, -009), type reference_data."""
    payload_b64, payload, sigs = parse_jws(data)
    for s in sigs:
        anchor = anchors.get(s["kid"])
        if anchor is None:
            raise Rejected("reference_data.untrusted_anchor", f"{s['ptr']}/protected")
        if anchor.alg != s["alg"]:
            raise Rejected("key.algorithm_mismatch", f"{s['ptr']}/protected")
        anchor.verify(f"{s['protected']}.{payload_b64}".encode(), s["sig"])
    doc, digest = canonical_payload(payload)
    env = check_envelope(doc, known=is_type_name)
    if env["type"] != "reference_data":
        raise Rejected("reference_data.invalid", "/type")
    check_list_times(env, now)
    rd = read_reference_body(env["body"])
    rd["digest"] = digest
    if now > add(rd["next_update"], grace):
        raise Rejected("reference_data.stale")
    return rd


# ----------------------------------------------------------------------------- schemas (LL-SCHEMA)

CATALOGUE_SCHEMAS = {}  # file name -> schema, from the start request
FLOWS = {}  # schemas/flows.json, from the start request
_VALIDATORS = {}


def _is_date(text):
    if not isinstance(text, str):
        return True
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


_DATE_TIME = re.compile(r"^([0-9]{4}-[0-9]{2}-[0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$")


def _is_date_time(text):
    """RFC 3339 date-time with a real date (LL-SCHEMA-003)."""
    if not isinstance(text, str):
        return True
    m = _DATE_TIME.fullmatch(text)
    return bool(m) and _is_date(m.group(1)) and int(m.group(2)) <= 23 and int(m.group(3)) <= 59 and int(m.group(4)) <= 60


def _is_uuid(text):
    return not isinstance(text, str) or bool(re.fullmatch(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", text))


def body_validator(mtype):
    """The draft 2020-12 validator of a type's body schema, $refs resolved inside the set."""
    if mtype not in _VALIDATORS:
        from jsonschema import Draft202012Validator, FormatChecker
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT202012

        schema = CATALOGUE_SCHEMAS.get(f"{mtype}.schema.json")
        if schema is None:
            raise BrokenCase(f"the start request carried no schema for {mtype}")
        registry = Registry().with_resources(
            (s["$id"], Resource(s, DRAFT202012)) for s in CATALOGUE_SCHEMAS.values() if isinstance(s, dict) and "$id" in s)
        formats = FormatChecker(formats=())
        formats.checks("date")(_is_date)
        formats.checks("date-time")(_is_date_time)
        formats.checks("uuid")(_is_uuid)
        _VALIDATORS[mtype] = Draft202012Validator(schema, registry=registry, format_checker=formats)
    return _VALIDATORS[mtype]


_TOLERATED_MEMBER = re.compile(r"[a-z0-9_]+")


def newer_minor(version):
    """A schema_version 1.N with N > 0 is newer than the 1.0 schemas this harness knows."""
    return int(version.split(".")[1]) > 0


def _unknown_members(error):
    """The members an `additionalProperties: false` error is about."""
    schema = error.schema if isinstance(error.schema, dict) else {}
    known = schema.get("properties", {})
    patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
    return [k for k in error.instance if k not in known and not any(p.search(k) for p in patterns)]


def schema_violations(mtype, body, tolerant=False):
    """LL-SCHEMA-002/006: (the distinct pointers of the violations, the pointers of the objects with
    tolerated unknown members), in the validator's order. `tolerant`: the document has a newer minor
    version; an object whose unknown members all have plain names (a-z 0-9 _) is then a warning."""
    out = []
    warnings = []
    for e in body_validator(mtype).iter_errors(body):
        ptr = "/body" + "".join("/" + esc(str(p)) for p in e.absolute_path)
        if tolerant and e.validator == "additionalProperties" and e.validator_value is False and isinstance(e.instance, dict):
            if all(_TOLERATED_MEMBER.fullmatch(k) for k in _unknown_members(e)):
                if ptr not in warnings:
                    warnings.append(ptr)  # at the object, like the additionalProperties violation it replaces
                continue
        if ptr not in out:
            out.append(ptr)
    return out, warnings


def _document_position(body, ptr):
    """Where a /body/… pointer lies in the canonical payload, as a sortable tuple (a container
    before its members, members by their UTF-16 order, items by index)."""
    node, pos = body, []
    for token in ptr.split("/")[2:]:
        name = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and name in node:
            pos.append(sorted(node, key=lambda k: k.encode("utf-16-be")).index(name))
            node = node[name]
        elif isinstance(node, list) and name.isdigit() and int(name) < len(node):
            pos.append(int(name))
            node = node[int(name)]
        else:
            pos.append(float("inf"))
    return pos


def schema_findings(env):
    """The schema stage's findings as [(code, path)]: errors (beyond 100, the first 100 in document
    order then schema.truncated), warnings."""
    violations, warnings = schema_violations(env["type"], env["body"], newer_minor(env["version"]))
    if len(violations) > MAX_VIOLATIONS:
        kept = sorted(violations, key=lambda p: _document_position(env["body"], p))[:MAX_VIOLATIONS]
        errors = [("schema.invalid", p) for p in kept] + [("schema.truncated", "/body")]
    else:
        errors = [("schema.invalid", p) for p in violations]
    return errors, [("schema.unknown_member", p) for p in warnings]


def check_schema(env):
    """Rejects a body with violations; returns the warnings of an accepted one."""
    errors, warnings = schema_findings(env)
    if errors:
        raise Rejected("schema.invalid", errors[0][1], errors + warnings)
    return warnings


# ----------------------------------------------------------------------------- replies (LL-REPLY)

UNEXPECTED = "envelope.unexpected_reply"


def _case_type_allowed(allowed, case_type):
    return any(c == "*" or c == case_type for c in allowed)


def check_reply(reply, earlier):
    """LL-REPLY-001…005, in that order."""
    if reply["in_reply_to"] != earlier["id"]:
        raise Rejected(UNEXPECTED, "/in_reply_to")
    flow = FLOWS.get("messages", {}).get(reply["type"])
    if flow is None:
        raise Rejected(UNEXPECTED, "/type")
    case_type = reply["case"]["type"] if reply["case"] else None
    if earlier["case"] is not None:
        if reply["case"] is None:
            raise Rejected(UNEXPECTED, "")
        if reply["case"] != earlier["case"]:
            raise Rejected(UNEXPECTED, "/case")
    if not flow.get("caseless") and not _case_type_allowed(flow.get("case_types", []), case_type):
        raise Rejected(UNEXPECTED, "/case/type")
    matching = [a for a in flow.get("answers", []) if type_matches(a["type"], earlier["type"])
                and ("case_types" not in a or _case_type_allowed(a["case_types"], case_type))]
    if not matching:
        raise Rejected(UNEXPECTED, "/type")
    counterparty = reply["from"] == earlier["to"] and reply["to"] == earlier["from"]
    same = reply["from"] == earlier["from"] and reply["to"] == earlier["to"]
    holds = {"counterparty": counterparty, "same": same, "either": counterparty or same}
    if not any(holds.get(a["sender"], False) for a in matching):
        raise Rejected(UNEXPECTED, "/from")


# ----------------------------------------------------------------------------- the pipeline (LL-ENV-001)


def load_context(case_input):
    """The trust lists of a verify case, loaded and updated in order (LL-TRUST)."""
    ctx = case_input["context"]
    now = parse_instant(ctx["now"])
    grace = ctx.get("grace_seconds", DEFAULT_GRACE)
    anchors = {}
    for jwk in ctx.get("anchor_jwks", []):
        anchors[jwk["kid"]] = key_from_jwk(jwk)
    current = None
    for entry in case_input["trust_lists"]:
        tl = load_trust_list(entry["jws"].encode(), anchors, now, grace)
        if current is None:
            if tl["sequence"] < ctx.get("min_sequence", 0):
                raise Rejected("trust_list.rollback", "/body/sequence")
        else:
            check_rebound(current, tl)
            if tl["sequence"] < current["sequence"] or (tl["sequence"] == current["sequence"] and tl["digest"] != current["digest"]):
                raise Rejected("trust_list.rollback", "/body/sequence")
            check_revocations(current, tl)
        current = tl
    # LL-REF: reference data after the trust lists, in order, none rolling back. (Its tables
    # matter to the rules stage only, which this harness does not run.)
    accepted = None
    if ctx.get("reference_data_min_sequence") is not None:
        accepted = (ctx["reference_data_min_sequence"], None)
    for entry in case_input.get("reference_data", []):
        rd = load_reference_data(entry["jws"].encode(), anchors, now, grace)
        if accepted is not None and (rd["sequence"] < accepted[0] or (
                rd["sequence"] == accepted[0] and accepted[1] is not None and rd["digest"] != accepted[1])):
            raise Rejected("reference_data.rollback", "/body/sequence")
        accepted = (rd["sequence"], rd["digest"])
    return current


def resolve_keys(current, sigs):
    """LL-KEY-010: signature by signature, unknown kid → algorithm mismatch → revoked."""
    records = []
    for s in sigs:
        rec = current["records"].get(s["kid"])
        at = f"{s['ptr']}/protected"
        if rec is None:
            raise Rejected("key.unknown", at)
        if rec["alg"] != s["alg"]:
            raise Rejected("key.algorithm_mismatch", at)
        if rec["status"] == "revoked":
            raise Rejected("key.revoked", at)
        records.append(rec)
    return records


def check_signers(ctx, records):
    """LL-ENV-015: distinct parties with distinct keys, in signature order; then required_parties."""
    parties, keys = set(), set()
    for rec in records:
        party, key = (rec["region"], rec["agency"]), key_material(rec)
        if party not in parties and key not in keys:
            parties.add(party)
            keys.add(key)
    if len(parties) < ctx.get("required_signers", 1):
        raise Rejected("envelope.missing_signer", "/signatures")
    signed = {(rec["region"], rec["agency"]) for rec in records}
    for p in ctx.get("required_parties", []):
        if (p["region"], p["agency"]) not in signed:
            raise Rejected("envelope.missing_signer", "/signatures")


def check_key_validity(records, issued):
    """LL-KEY-004…006: every signer's key at issued_at."""
    for rec in records:
        if issued < rec["valid_from"]:
            raise Rejected("key.not_yet_valid", "/issued_at")
        if rec["valid_until"] is not None and issued > rec["valid_until"]:
            raise Rejected("key.expired", "/issued_at")
        if rec["status"] == "retired" and issued >= (rec["since"] or rec["valid_from"]):
            raise Rejected("key.retired", "/issued_at")


def check_parties(ctx, env, records, any_audience):
    """LL-ENV-009…011: issuer, type allowed, audience (region, then the verifier's agency)."""
    first = records[0]
    if (first["region"], first["agency"]) != env["from"]:
        raise Rejected("envelope.issuer_mismatch", "/from")
    for rec in records:
        if not any(type_matches(p, env["type"]) for p in rec["types"]):
            raise Rejected("envelope.type_not_allowed", "/type")
    if any_audience:
        return
    if env["to"][0] != ctx["region"]:
        raise Rejected("envelope.wrong_audience", "/to/region")
    if "agency" in ctx and env["to"][1] != ctx["agency"]:
        raise Rejected("envelope.wrong_audience", "/to/agency")


def check_clock(env, now, leeway):
    """LL-ENV-012/013: future, expiry."""
    if env["issued"] > add(now, leeway):
        raise Rejected("envelope.issued_in_future", "/issued_at")
    if env["expires"] is not None and add(env["expires"], leeway) < now:
        raise Rejected("envelope.expired", "/expires_at")


def max_age(ctx, mtype):
    """LL-TIME-001: the type's maximum age in seconds, None for the long-lived documents."""
    if mtype in LONG_LIVED:
        return None
    return ctx.get("max_age_seconds", DEFAULT_MAX_AGE)


def check_live_age(ctx, env, records, now, leeway):
    """LL-TIME-001 maximum age, then LL-TIME-002 retired and expired keys bounded by the same window."""
    limit = max_age(ctx, env["type"])
    if limit is not None and add(env["issued"], limit) < now:
        raise Rejected("envelope.too_old", "/issued_at")
    window = DEFAULT_MAX_AGE if limit is None else limit
    for rec in records:
        if rec["status"] == "retired" and rec["since"] is not None and add(rec["since"], window + leeway) < now:
            raise Rejected("key.retired", "/issued_at")
        if rec["valid_until"] is not None and add(rec["valid_until"], window + leeway) < now:
            raise Rejected("key.expired", "/issued_at")


def check_archival(env, records, first_seen, leeway):
    """LL-TIME-003: the message judged at the instant it was first seen."""
    if env["issued"] > add(first_seen, leeway):
        raise Rejected("envelope.issued_in_future", "/issued_at")
    for rec in records:
        if rec["status"] == "retired" and rec["since"] is not None and first_seen >= rec["since"]:
            raise Rejected("key.retired", "/issued_at")
        if rec["valid_until"] is not None and first_seen > add(rec["valid_until"], leeway):
            raise Rejected("key.expired", "/issued_at")


def archival_first_seen(ctx):
    """The context's `first_seen` in archival mode, None in live mode."""
    mode = ctx.get("mode", "live")
    if mode == "live":
        return None
    if mode != "archival":
        raise BrokenCase(f"unknown verification mode {mode!r}")
    first_seen = parse_instant(ctx.get("first_seen"))
    if first_seen is None:
        raise BrokenCase("mode archival needs an instant first_seen")
    return first_seen


def check_receipt(env, earlier):
    """LL-REPLY-007: a receipt names what it acknowledges (and, as a reply, exactly the earlier message)."""
    if env["type"] != "receipt":
        return
    body = env["body"]
    received_id = body.get("received_id")
    if isinstance(received_id, str) and received_id != env["in_reply_to"]:
        raise Rejected(UNEXPECTED, "/body/received_id")
    if earlier is None:
        return
    if received_id != earlier["id"]:
        raise Rejected(UNEXPECTED, "/body/received_id")
    if body.get("received_digest") != earlier["digest"]:
        raise Rejected(UNEXPECTED, "/body/received_digest")
    if "received_type" in body and body["received_type"] != earlier["type"]:
        raise Rejected(UNEXPECTED, "/body/received_type")


def check_replay(ctx, env, digest):
    """LL-REPLAY: keyed by (issuer, id); duplicate or conflict, then a full guard refuses (LL-REPLAY-006).
    Preloaded entries are kept 366 days from now, so all of them are live."""
    entries = {}
    for entry in ctx.get("replay_preload", []):
        issuer = entry.get("issuer")
        party = (issuer["region"], issuer["agency"]) if issuer else env["from"]
        entries.setdefault((party, entry["id"]), entry["digest"])
    seen = entries.get((env["from"], env["id"]))
    if seen is not None:
        raise Rejected("replay.duplicate" if seen == digest else "replay.conflict", "/id")
    if len(entries) >= ctx.get("replay_capacity", DEFAULT_REPLAY_CAPACITY):
        raise Rejected("replay.capacity")


def verify_message(ctx, current, message, earlier=None, as_earlier=False):
    """Stages 1-8 on one message; returns the accepted result and the envelope (with its digest).
    as_earlier (LL-REPLY-006): any audience, no maximum age (LL-TIME-001/002), no replay."""
    now = parse_instant(ctx["now"])
    grace = ctx.get("grace_seconds", DEFAULT_GRACE)
    leeway = ctx.get("leeway_seconds", DEFAULT_LEEWAY)
    max_bytes = ctx.get("max_bytes", DEFAULT_MAX_BYTES)
    max_depth = ctx.get("max_depth", DEFAULT_MAX_DEPTH)
    stages = ctx.get("stages", {})
    first_seen = archival_first_seen(ctx)
    payload_b64, payload, sigs = parse_jws(message, max_bytes, max_depth, tuple(ctx.get("algorithms", ALGORITHMS)),
                                           bool(ctx.get("allow_eddsa_alias", False)))
    check_fresh(current, now, grace)
    records = resolve_keys(current, sigs)
    check_signers(ctx, records)
    for s, rec in zip(sigs, records):
        rec["key"].verify(f"{s['protected']}.{payload_b64}".encode(), s["sig"])
    doc, digest = canonical_payload(payload, max_bytes, max_depth)
    env = check_envelope(doc)
    env["digest"] = digest
    check_key_validity(records, env["issued"])
    check_parties(ctx, env, records, as_earlier)
    check_clock(env, now, leeway)
    if first_seen is not None:
        check_archival(env, records, first_seen, leeway)
    elif not as_earlier:
        check_live_age(ctx, env, records, now, leeway)
    if earlier is not None:
        check_reply(env, earlier)
        # LL-REPLY-008: a reply is not issued before what it answers (less the leeway).
        if add(env["issued"], leeway) < earlier["issued"]:
            raise Rejected(UNEXPECTED, "/issued_at")
    check_receipt(env, earlier)
    warnings = check_schema(env) if stages.get("schema") else []
    if stages.get("rules"):
        raise NotImplementedError("the business rules (LL-RULE) are not implemented by this harness")
    if first_seen is None and not as_earlier:
        check_replay(ctx, env, digest)
    result = {"accepted": True, "digest": digest, "type": env["type"], "id": env["id"], "signers": [s["kid"] for s in sigs]}
    if warnings:
        result["warnings"] = [{"code": c, "path": p} for c, p in warnings]
    return result, env


def verify(case_input):
    ctx = case_input["context"]
    current = load_context(case_input)
    earlier = None
    if "earlier" in case_input or "earlier_b64" in case_input:
        # LL-REPLY-006: the earlier message first, same context, any audience, no maximum age, no replay.
        try:
            _, earlier = verify_message(ctx, current, message_bytes(case_input, "earlier"), as_earlier=True)
        except Rejected as e:
            raise BrokenCase(f"the earlier message is not accepted: {e.code} at {e.path!r}") from None
    result, _ = verify_message(ctx, current, message_bytes(case_input), earlier)
    return result


def validate(case_input):
    """LL-SCHEMA-005: envelope, then schema; stops after the first stage with errors."""
    doc = case_input["document"]
    try:
        env = check_envelope(doc)
    except Rejected as e:
        return {"valid": False, "findings": [{"code": e.code, "path": e.path or "", "severity": "error"}]}
    errors, warnings = schema_findings(env)
    findings = [{"code": c, "path": p, "severity": "error"} for c, p in errors]
    findings += [{"code": c, "path": p, "severity": "warning"} for c, p in warnings]
    return {"valid": not errors, "findings": findings}


def message_bytes(case_input, name="message"):
    if name in case_input:
        return case_input[name].encode("utf-8")
    return base64.b64decode(case_input[name + "_b64"])


def verify_intermediates(message):
    """What we computed on the way, so the runner can locate a divergence."""
    out = {}
    try:
        obj = parse_json(message, False)
        payload_b64 = obj["payload"]
        payload = b64u_decode(payload_b64, "")
    except Exception:  # noqa: BLE001 - intermediates are best effort
        return out
    out["payload_hex"] = payload.hex()
    out["digest"] = b64u(hashlib.sha256(payload).digest())
    try:
        out["canonical_payload_hex"] = jcs(parse_json(payload, True)).hex()
    except Exception:  # noqa: BLE001
        pass
    sigs = []
    for s in obj.get("signatures", []) if isinstance(obj.get("signatures"), list) else []:
        entry = {}
        if isinstance(s, dict) and isinstance(s.get("protected"), str):
            entry["signing_input"] = f"{s['protected']}.{payload_b64}"
        if isinstance(s, dict) and isinstance(s.get("signature"), str):
            try:
                entry["signature_hex"] = b64u_decode(s["signature"], "").hex()
            except Rejected:
                pass
        sigs.append(entry)
    out["signatures"] = sigs
    return out


# ----------------------------------------------------------------------------- sign and canonicalize


def reject_floats(v, ptr=""):
    """LL-JSON-007 on the document to sign as given: any number with a fraction or exponent, even
    an integral one (`1.0`, `-0.0`), is json.not_integer; canonicalising would hide it as `1`."""
    if isinstance(v, float):
        raise Rejected("json.not_integer", ptr)
    if isinstance(v, list):
        for i, x in enumerate(v):
            reject_floats(x, f"{ptr}/{i}")
    elif isinstance(v, dict):
        for k in sorted(v, key=lambda k: k.encode("utf-16-be")):
            reject_floats(v[k], f"{ptr}/{esc(k)}")


def sign(case_input):
    document = case_input["document"]
    reject_floats(document)
    canonical = jcs(document)
    doc = parse_json(canonical, True)  # LL-ENV-016: re-read as a verifier would
    check_envelope(doc)
    payload_b64 = b64u(canonical)
    signatures = []
    inter = {"canonical_payload_hex": canonical.hex(), "payload_b64": payload_b64,
             "digest": b64u(hashlib.sha256(canonical).digest()), "signatures": []}
    for key in case_input["signer_keys"]:
        if key["alg"] == "SM2SM3" and "private_pem" in key:
            header = jcs({"alg": "SM2SM3", "kid": key["kid"], "typ": TYP})
            protected = b64u(header)
            signing_input = f"{protected}.{payload_b64}"
            sig = sm2_sign(key, signing_input.encode())
        elif key["alg"] == "Ed25519" and "seed_hex" in key:
            header = jcs({"alg": "Ed25519", "kid": key["kid"], "typ": TYP})
            protected = b64u(header)
            signing_input = f"{protected}.{payload_b64}"
            sig = ed25519.Ed25519PrivateKey.from_private_bytes(bytes.fromhex(key["seed_hex"])).sign(signing_input.encode())
        else:
            raise NotImplementedError("only Ed25519 and SM2SM3 test keys sign here")
        signatures.append({"protected": protected, "signature": b64u(sig)})
        inter["signatures"].append({"protected_b64": protected, "signing_input": signing_input, "signature_hex": sig.hex()})
    jws = jcs({"payload": payload_b64, "signatures": signatures}).decode()
    return {"jws": jws, "intermediate": inter}


def _der(data):
    """One DER TLV: (tag, value, rest)."""
    tag, n = data[0], data[1]
    if n & 0x80:
        k = n & 0x7F
        n, data = int.from_bytes(data[2:2 + k], "big"), data[k:]
    return tag, data[2:2 + n], data[2 + n:]


def sm2_private_key(pem):
    """The 32-byte d of an SM2 PKCS#8 PEM (id-ecPublicKey, curve 1.2.156.10197.1.301)."""
    body = "".join(line for line in pem.strip().splitlines() if not line.startswith("-----"))
    _, info, _ = _der(base64.b64decode(body))
    _, _, rest = _der(info)             # version
    _, alg, rest = _der(rest)           # AlgorithmIdentifier
    if bytes.fromhex("06082a811ccf5501822d") not in alg:
        raise NotImplementedError("not an SM2 PKCS#8 key")
    _, ec_key, _ = _der(rest)           # privateKey OCTET STRING
    _, fields, _ = _der(ec_key)         # ECPrivateKey
    _, _, rest = _der(fields)           # version 1
    _, d, _ = _der(rest)
    return d.rjust(32, b"\0")


def sm2_sign(key, message):
    """SM2 with SM3 and the default user id (LL-JWS-017), a random k, r||s."""
    import secrets
    jwk = key["public_jwk"]
    public = b"\x04" + b64u_decode(jwk["x"], "") + b64u_decode(jwk["y"], "")
    crypt = _sm2_crypt(public, sm2_private_key(key["private_pem"]).hex())
    while True:
        k = secrets.randbelow(_SM2_N - 1) + 1
        sig = crypt.sign_with_sm3(message, "%064x" % k)
        if sig:
            return bytes.fromhex(sig)


def canonicalize(case_input):
    data = case_input["text"].encode("utf-8") if "text" in case_input else base64.b64decode(case_input["text_b64"])
    return {"canonical": jcs(parse_json(data, False)).decode("utf-8")}


# ----------------------------------------------------------------------------- protocol


def run(case):
    kind = case.get("kind")
    inp = case["input"]
    rules = [r for r in case.get("requirements", []) if r.startswith("LL-RULE-")]
    if rules:
        return {"skipped": True, "reason": f"the domain business rules ({', '.join(rules)}) are not implemented by this independent harness"}
    try:
        if kind == "validate":
            return {"result": validate(inp)}
        if kind == "canonicalize":
            return {"result": canonicalize(inp)}
        if kind == "sign":
            return {"result": sign(inp)}
        if kind == "verify":
            try:
                result = verify(inp)
            except Rejected as e:
                result = {"accepted": False, "error": e.code}
                if e.path is not None:
                    result["path"] = e.path
                if e.violations:
                    result["violations"] = [{"code": c, "path": p} for c, p in e.violations]
            result["intermediate"] = verify_intermediates(message_bytes(inp))
            return {"result": result}
    except Rejected as e:
        result = {"error": e.code}
        if e.path is not None:
            result["path"] = e.path
        return {"result": result}
    except (NotImplementedError, Unsupported) as e:
        return {"skipped": True, "reason": str(e)}
    except BrokenCase as e:
        return {"errored": True, "message": str(e)}
    return {"skipped": True, "reason": f"kind {kind!r} is not implemented by this harness"}


def main():
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        req = json.loads(line)
        cmd = req.get("cmd")
        if cmd == "stop":
            return
        if cmd == "start":
            CATALOGUE_SCHEMAS.clear()
            CATALOGUE_SCHEMAS.update(req.get("schemas") or {})
            FLOWS.clear()
            FLOWS.update(req.get("flows") or {})
            _VALIDATORS.clear()
            resp = {"implementation": {"name": "labourlink-independent-python" + ("-skip-canonical-check" if SKIP_CANONICAL_CHECK else ""),
                                       "language": "python", "version": "1.2",
                                       "kinds": ["canonicalize", "sign", "verify", "validate"],
                                       "features": ["verify.stages", "verify.earlier"]}}
        elif cmd == "run":
            try:
                resp = run(req["case"])
            except Exception as e:  # noqa: BLE001 - report, do not die
                resp = {"errored": True, "message": f"{type(e).__name__}: {e}"}
            resp["seq"] = req.get("seq")
        else:
            resp = {"errored": True, "message": f"unknown command {cmd!r}"}
        sys.stdout.write(json.dumps(resp, ensure_ascii=False) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
