"""(b) A message built without labourlink verifies with the labourlink CLI.

Keys come from `cryptography`, the payload from `rfc8785`, the JWS from `joserfc`'s general
JSON serialization (and, as a second variant, is assembled by hand). The CLI must accept it,
and reject it with ``signature.invalid`` once one payload byte is changed.
"""

from __future__ import annotations

import json

import pytest
import rfc8785
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
)
from joserfc import jws
from joserfc.jwk import JWKRegistry

from interop_support import (
    TYP,
    Partner,
    b64url,
    generate_key,
    make_document,
    public_jwk,
    tamper_payload,
    verify_json,
)

ALGS = ["Ed25519", "ES256"]


def sign_with_joserfc(private_key, alg: str, kid: str, payload: bytes) -> dict:
    pem = private_key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
    key = JWKRegistry.import_key(pem, "OKP" if alg == "Ed25519" else "EC")
    # Members in sorted order: joserfc serialises the header compactly in insertion order,
    # which for these ASCII members is exactly the RFC 8785 form labourlink uses.
    protected = {"alg": alg, "kid": kid, "typ": TYP}
    message = jws.serialize_json([{"protected": protected}], payload, key, algorithms=[alg])
    assert message["signatures"][0].keys() == {"protected", "signature"}
    return dict(message)


def sign_by_hand(private_key, alg: str, kid: str, payload: bytes) -> dict:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

    protected = b64url(rfc8785.dumps({"alg": alg, "kid": kid, "typ": TYP}))
    encoded_payload = b64url(payload)
    signing_input = f"{protected}.{encoded_payload}".encode("ascii")
    if alg == "Ed25519":
        sig = private_key.sign(signing_input)
    else:
        r, s = decode_dss_signature(private_key.sign(signing_input, ec.ECDSA(hashes.SHA256())))
        sig = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    return {"payload": encoded_payload, "signatures": [{"protected": protected, "signature": b64url(sig)}]}


@pytest.mark.parametrize("signer", [sign_with_joserfc, sign_by_hand], ids=["joserfc", "by-hand"])
@pytest.mark.parametrize("alg", ALGS)
def test_independent_message_verifies_and_tampering_is_caught(cli, build_trust_list, alg, signer):
    private_key = generate_key(alg)
    kid = f"513400-py-{alg.lower()}"
    trust = build_trust_list([Partner(kid, public_jwk(private_key))])
    document = make_document()
    message = signer(private_key, alg, kid, rfc8785.dumps(document))

    proc = cli.verify(trust, message)
    out = verify_json(proc)
    assert proc.returncode == 0, out
    assert out["status"] == "accepted"
    assert out["document"] == document

    forged = tamper_payload(message, document["id"])
    proc = cli.verify(trust, forged)
    out = verify_json(proc)
    assert proc.returncode == 1, out
    assert out["code"] == "signature.invalid"
    assert set(out) >= {"code", "message", "message_zh", "path"}


def test_cli_verify_prints_a_rejection_without_json_flag(cli, build_trust_list):
    """Without --json, a rejection still exits 1 and names the code."""
    private_key = generate_key("Ed25519")
    kid = "513400-py-plain"
    trust = build_trust_list([Partner(kid, public_jwk(private_key))])
    document = make_document()
    forged = tamper_payload(sign_by_hand(private_key, "Ed25519", kid, rfc8785.dumps(document)), document["id"])
    path = cli.cwd / "forged.jws"
    path.write_text(json.dumps(forged))
    proc = cli.run(
        "verify", "--trust-list", trust.jws, "--anchor", trust.anchor_jwk,
        "--region", "330200", path, check=False,
    )  # fmt: skip
    assert proc.returncode == 1
    assert b"signature.invalid" in proc.stdout + proc.stderr
