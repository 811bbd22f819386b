"""Helpers for the interoperability tests (fixtures are in conftest.py).

These tests drive the ``labourlink`` command-line binary and check its messages against
independent JOSE implementations (Python ``joserfc`` / ``cryptography`` / ``rfc8785`` here,
Node ``jose`` / ``canonicalize`` in ``node/``). The binary's path comes from ``LABOURLINK_BIN``,
default ``$CARGO_TARGET_DIR/debug/labourlink`` (``.ci/run`` builds it and exports the variable).
conftest.py skips every test when the binary does not exist.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, Tuple

SENDER_REGION = "513400"  # Liangshan prefecture
SENDER_AGENCY = "12513400MB1234567X"
RECEIVER_REGION = "330200"  # Ningbo
RECEIVER_AGENCY = "11330200MB7654321Y"
TYP = "labourlink+jws"


def default_binary() -> Path:
    target = os.environ.get("CARGO_TARGET_DIR") or str(
        Path.home() / ".cache" / "labourlink" / "target"
    )
    return Path(os.environ.get("LABOURLINK_BIN") or Path(target) / "debug" / "labourlink")


# --- encoding helpers --------------------------------------------------------------------


def b64url(data: bytes) -> str:
    """base64url without padding (RFC 7515 §2)."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    assert "=" not in text, "labourlink base64url has no padding"
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def rfc3339(t: dt.datetime) -> str:
    return t.astimezone(dt.timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def make_document(**overrides: Any) -> Dict[str, Any]:
    """A receipt from Liangshan (513400) to Ningbo (330200), issued a few minutes ago.

    Non-ASCII names make the canonical form exercise UTF-8 output.
    """
    acknowledged = str(uuid.uuid4())
    doc: Dict[str, Any] = {
        "spec": "labourlink/1",
        "type": "receipt",
        "schema_version": "1.0",
        "id": str(uuid.uuid4()),
        "from": {
            "region": SENDER_REGION,
            "agency": SENDER_AGENCY,
            "name": "凉山州社会保险事业管理局",
        },
        "to": {
            "region": RECEIVER_REGION,
            "agency": RECEIVER_AGENCY,
            "name": "宁波市社会保险管理局",
        },
        "issued_at": rfc3339(now() - dt.timedelta(minutes=5)),
        # A receipt answers the message it acknowledges (LL-REPLY-007).
        "in_reply_to": acknowledged,
        "body": {
            "received_id": acknowledged,
            "received_digest": b64url(bytes(range(32))),
            "status": "accepted",
            "errors": [],
        },
    }
    doc.update(overrides)
    return doc


# --- keys made with `cryptography`, independently of labourlink -------------------------


def generate_key(alg: str) -> Any:
    """A private key for ``alg`` ("Ed25519" or "ES256")."""
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519

    if alg == "Ed25519":
        return ed25519.Ed25519PrivateKey.generate()
    if alg == "ES256":
        return ec.generate_private_key(ec.SECP256R1())
    raise ValueError(alg)


def public_jwk(private_key: Any) -> Dict[str, Any]:
    """The public JWK (RFC 7517/8037) of a `cryptography` private key, built by hand."""
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    pub = private_key.public_key()
    if isinstance(pub, ed25519.Ed25519PublicKey):
        raw = pub.public_bytes(Encoding.Raw, PublicFormat.Raw)
        return {"kty": "OKP", "crv": "Ed25519", "x": b64url(raw)}
    if isinstance(pub, ec.EllipticCurvePublicKey):
        nums = pub.public_numbers()
        return {
            "kty": "EC",
            "crv": "P-256",
            "x": b64url(nums.x.to_bytes(32, "big")),
            "y": b64url(nums.y.to_bytes(32, "big")),
        }
    raise TypeError(type(pub))


def verify_with_cryptography(alg: str, jwk: Dict[str, Any], signing_input: bytes, sig: bytes) -> None:
    """Checks a JWS signature with `cryptography` alone (raises InvalidSignature)."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519
    from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

    if alg == "Ed25519":
        key = ed25519.Ed25519PublicKey.from_public_bytes(b64url_decode(jwk["x"]))
        key.verify(sig, signing_input)
    elif alg == "ES256":
        assert len(sig) == 64, "ES256 signatures are fixed 64-byte r||s (RFC 7518 §3.4)"
        nums = ec.EllipticCurvePublicNumbers(
            int.from_bytes(b64url_decode(jwk["x"]), "big"),
            int.from_bytes(b64url_decode(jwk["y"]), "big"),
            ec.SECP256R1(),
        )
        der = encode_dss_signature(int.from_bytes(sig[:32], "big"), int.from_bytes(sig[32:], "big"))
        nums.public_key().verify(der, signing_input, ec.ECDSA(hashes.SHA256()))
    else:
        raise ValueError(alg)


# --- running the CLI ---------------------------------------------------------------------


@dataclass
class Cli:
    """Runs the labourlink binary."""

    binary: Path
    cwd: Path

    def run(
        self, *args: Any, check: bool = True, timeout: float = 60
    ) -> subprocess.CompletedProcess:
        argv = [str(self.binary), *(str(a) for a in args)]
        proc = subprocess.run(
            argv, cwd=self.cwd, capture_output=True, timeout=timeout, check=False
        )
        if check and proc.returncode != 0:
            raise AssertionError(
                f"{' '.join(argv)} exited {proc.returncode}\n"
                f"stdout: {proc.stdout.decode(errors='replace')}\n"
                f"stderr: {proc.stderr.decode(errors='replace')}"
            )
        return proc

    def keygen(self, alg: str, name: str) -> Tuple[Path, Dict[str, Any]]:
        """``keygen``: returns the private PEM path and the public JWK."""
        pem, jwk = self.cwd / f"{name}.pem", self.cwd / f"{name}.jwk"
        self.run("keygen", "--alg", alg, "--out", pem, "--public-out", jwk)
        return pem, json.loads(jwk.read_bytes())

    def sign(self, pem: Path, kid: str, document: Dict[str, Any]) -> Dict[str, Any]:
        """``sign``: the document file is pretty-printed and unsorted on purpose."""
        path = self.cwd / f"doc-{uuid.uuid4().hex[:8]}.json"
        path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
        out = self.run("sign", "--key", pem, "--kid", kid, path).stdout
        return json.loads(out)

    def verify(
        self, trust: "TrustList", message: Any, *extra: str, region: str = RECEIVER_REGION
    ) -> subprocess.CompletedProcess:
        """``verify --json``; ``message`` is a dict (dumped compactly) or raw bytes."""
        path = self.cwd / f"msg-{uuid.uuid4().hex[:8]}.jws"
        data = message if isinstance(message, bytes) else json.dumps(message).encode()
        path.write_bytes(data)
        return self.run(
            "verify",
            "--trust-list",
            trust.jws,
            "--anchor",
            trust.anchor_jwk,
            "--region",
            region,
            "--json",
            *extra,
            path,
            check=False,
        )


# --- trust lists -------------------------------------------------------------------------


@dataclass
class TrustList:
    jws: Path  # the signed trust list
    anchor_jwk: Path  # the anchor's public JWK, with "kid"
    anchor_kid: str


@dataclass
class Partner:
    kid: str
    jwk: Dict[str, Any]  # public JWK
    types: str = "receipt"
    region: str = SENDER_REGION
    agency: str = SENDER_AGENCY


BuildTrustList = Callable[[Iterable[Partner]], TrustList]


def verify_json(proc: subprocess.CompletedProcess) -> Dict[str, Any]:
    """The one JSON object ``verify --json`` prints."""
    try:
        return json.loads(proc.stdout)
    except ValueError as e:
        raise AssertionError(
            f"verify --json printed no JSON object (exit {proc.returncode}): "
            f"stdout={proc.stdout!r} stderr={proc.stderr!r}"
        ) from e


def tamper_payload(jws: Dict[str, Any], document_id: str) -> Dict[str, Any]:
    """Changes one payload byte (the last hex digit of the document id).

    The payload stays canonical JSON, so only the signature can catch it.
    """
    payload = b64url_decode(jws["payload"])
    needle = document_id.encode()
    i = payload.index(needle) + len(needle) - 1
    changed = b"1" if payload[i : i + 1] == b"0" else b"0"
    forged = payload[:i] + changed + payload[i + 1 :]
    assert forged != payload and len(forged) == len(payload)
    return {**jws, "payload": b64url(forged)}
