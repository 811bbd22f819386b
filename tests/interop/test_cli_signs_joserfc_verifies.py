"""(a) Messages signed by the labourlink CLI verify with an independent JOSE library.

`joserfc` (>= 1.4) implements the fully-specified ``Ed25519`` algorithm of RFC 9864, so no
"EdDSA" alias is needed; `cryptography` is used as a second, library-free check of the
signing input ``protected + "." + payload`` (RFC 7515 §5.2).
"""

from __future__ import annotations

import hashlib
import json
import re

import pytest
import rfc8785
from joserfc import jws
from joserfc.errors import BadSignatureError
from joserfc.jwk import JWKRegistry

from interop_support import (
    TYP,
    Partner,
    b64url,
    b64url_decode,
    make_document,
    tamper_payload,
    verify_json,
    verify_with_cryptography,
)

B64URL = re.compile(r"[A-Za-z0-9_-]+")
ALGS = ["Ed25519", "ES256"]


@pytest.mark.parametrize("alg", ALGS)
def test_keygen_writes_a_public_jwk(cli, alg):
    _, jwk = cli.keygen(alg, "partner")
    assert "d" not in jwk, "the public JWK must not contain the private key"
    if alg == "Ed25519":
        assert (jwk["kty"], jwk["crv"]) == ("OKP", "Ed25519")
        assert len(b64url_decode(jwk["x"])) == 32
    else:
        assert (jwk["kty"], jwk["crv"]) == ("EC", "P-256")
        assert len(b64url_decode(jwk["x"])) == len(b64url_decode(jwk["y"])) == 32


@pytest.mark.parametrize("alg", ALGS)
def test_cli_signature_verifies_with_joserfc(cli, alg):
    pem, jwk = cli.keygen(alg, "partner")
    kid = f"513400-si-2026-{alg.lower()}"
    document = make_document()

    message = cli.sign(pem, kid, document)

    # Wire format (DESIGN §2): general JSON serialization, one protected header, no padding.
    assert set(message) == {"payload", "signatures"}
    assert len(message["signatures"]) == 1
    signature = message["signatures"][0]
    assert set(signature) == {"protected", "signature"}, "no unprotected header"
    for part in (message["payload"], signature["protected"], signature["signature"]):
        assert B64URL.fullmatch(part), f"not unpadded base64url: {part[:40]}"
    header = json.loads(b64url_decode(signature["protected"]))
    assert header == {"alg": alg, "kid": kid, "typ": TYP}
    assert b64url_decode(signature["protected"]) == rfc8785.dumps(header)

    # The payload is exactly the RFC 8785 form of the document (per the `rfc8785` package).
    payload = b64url_decode(message["payload"])
    assert payload == rfc8785.dumps(document)

    # joserfc verifies it.
    key = JWKRegistry.import_key(jwk)
    result = jws.deserialize_json(message, key, algorithms=[alg])
    assert result.payload == payload
    assert result.members[0].protected == header

    # So does cryptography, over the RFC 7515 signing input.
    signing_input = f"{signature['protected']}.{message['payload']}".encode("ascii")
    verify_with_cryptography(alg, jwk, signing_input, b64url_decode(signature["signature"]))

    # And one changed payload byte is caught.
    with pytest.raises(BadSignatureError):
        jws.deserialize_json(tamper_payload(message, document["id"]), key, algorithms=[alg])


@pytest.mark.parametrize("alg", ALGS)
def test_cli_accepts_its_own_message(cli, build_trust_list, alg):
    pem, jwk = cli.keygen(alg, "partner")
    kid = f"513400-si-2026-{alg.lower()}"
    trust = build_trust_list([Partner(kid, jwk)])
    document = make_document()
    message = cli.sign(pem, kid, document)

    proc = cli.verify(trust, message)
    out = verify_json(proc)
    assert proc.returncode == 0, out
    assert out["status"] == "accepted"
    payload = b64url_decode(message["payload"])
    assert out["digest"] == b64url(hashlib.sha256(payload).digest())
    assert out["document"] == document
