"""SigningKey and VerifyingKey."""

from __future__ import annotations

import pickle

import pytest

import labourlink
from labourlink import KeyRejectedError, SignatureError, SigningKey, VerifyingKey
from support import seed


@pytest.mark.parametrize("alg", ["Ed25519", "ES256", "SM2SM3"])
def test_generate_sign_verify_raw(alg: str) -> None:
    key = SigningKey.generate(alg, kid="k1")
    assert key.algorithm == alg
    assert key.kid == "k1"
    sig = key.sign(b"hello")
    assert len(sig) == 64
    key.public_key.verify(b"hello", sig)
    with pytest.raises(SignatureError) as info:
        key.public_key.verify(b"hullo", sig)
    assert info.value.code == "signature.invalid"


def test_generate_default_is_ed25519() -> None:
    assert SigningKey.generate(kid="k").algorithm == "Ed25519"


def test_generate_unknown_algorithm() -> None:
    with pytest.raises(labourlink.JwsError) as info:
        SigningKey.generate("EdDSA", kid="k")
    assert info.value.code == "jws.algorithm_not_allowed"


@pytest.mark.parametrize("alg", ["Ed25519", "ES256", "SM2SM3"])
def test_pem_and_pkcs8_round_trip(alg: str) -> None:
    key = SigningKey.generate(alg, kid="a")
    pem = key.to_pem()
    assert pem.startswith("-----BEGIN PRIVATE KEY-----\n")
    again = SigningKey.from_pem(pem, kid="b")
    assert again.kid == "b"
    assert again.public_key.to_bytes() == key.public_key.to_bytes()
    der = key.to_pkcs8()
    assert SigningKey.from_pkcs8(der, kid="c").public_key.thumbprint == key.public_key.thumbprint
    assert SigningKey.from_pkcs8(bytearray(der), kid="c").algorithm == alg


def test_seed_is_deterministic_and_checked() -> None:
    a = SigningKey.from_seed(seed(1), kid="x")
    b = SigningKey.from_seed(bytearray(seed(1)), kid="y")
    assert a.public_key.to_bytes() == b.public_key.to_bytes()
    assert a.sign(b"m") == b.sign(b"m")
    with pytest.raises(KeyRejectedError) as info:
        SigningKey.from_seed(b"short", kid="x")
    assert info.value.code == "key.invalid_format"
    assert isinstance(info.value, ValueError)


def test_bad_pem_and_der() -> None:
    with pytest.raises(KeyRejectedError) as info:
        SigningKey.from_pem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", kid="k")
    assert info.value.code in ("key.invalid_format", "key.rejected")
    with pytest.raises(KeyRejectedError):
        SigningKey.from_pkcs8(b"\x30\x00", kid="k")
    with pytest.raises(TypeError):
        SigningKey.from_pkcs8(42, kid="k")  # type: ignore[arg-type]


def test_repr_hides_the_secret() -> None:
    key = SigningKey.from_seed(seed(3), kid="513400-si-2026a")
    assert repr(key) == "SigningKey(kid='513400-si-2026a', algorithm='Ed25519')"
    assert key.to_pem() not in repr(key)
    with pytest.raises(TypeError):
        pickle.dumps(key)


def test_verifying_key_jwk_round_trip() -> None:
    key = SigningKey.from_seed(seed(1), kid="513400-hr-2026a")
    pub = key.verifying_key()
    assert pub.kid == "513400-hr-2026a"
    jwk = pub.to_jwk()
    assert jwk == {
        "kty": "OKP",
        "crv": "Ed25519",
        "kid": "513400-hr-2026a",
        "x": "iojj3XQJ8ZX9UtstPLpdcspnCb8dlBIb83SIAbQPb1w",
    }
    back = VerifyingKey.from_jwk(jwk)
    assert back == pub
    assert hash(back) == hash(pub)
    assert back.kid == "513400-hr-2026a"
    anonymous = VerifyingKey.from_jwk({k: v for k, v in jwk.items() if k != "kid"})
    assert anonymous.kid is None
    assert anonymous != pub
    assert anonymous.with_kid("513400-hr-2026a") == pub
    assert "kid" not in anonymous.to_jwk()
    assert pub.thumbprint == anonymous.thumbprint
    assert "513400-hr-2026a" in repr(pub)


def test_es256_jwk() -> None:
    pub = SigningKey.generate("ES256", kid="e").public_key
    jwk = pub.to_jwk()
    assert (jwk["kty"], jwk["crv"]) == ("EC", "P-256")
    assert VerifyingKey.from_jwk(jwk).to_bytes() == pub.to_bytes()
    assert len(pub.to_bytes()) == 65
    assert VerifyingKey.from_bytes("ES256", pub.to_bytes()).algorithm == "ES256"


def test_from_bytes_takes_rust_and_js_order_and_the_old_one_with_a_warning() -> None:
    pub = SigningKey.generate("Ed25519", kid="k").public_key
    assert VerifyingKey.from_bytes("Ed25519", pub.to_bytes(), kid="k").to_bytes() == pub.to_bytes()
    with pytest.warns(DeprecationWarning, match=r"from_bytes\(alg, data\)"):
        old = VerifyingKey.from_bytes(pub.to_bytes(), "Ed25519")  # type: ignore[arg-type]
    assert old.to_bytes() == pub.to_bytes()
    with pytest.warns(DeprecationWarning, match="from_bytes\\('Ed25519', data\\)"):
        assert VerifyingKey.from_bytes(pub.to_bytes()).algorithm == "Ed25519"  # type: ignore[arg-type, call-arg]
    with pytest.raises(TypeError, match="key bytes are missing"):
        VerifyingKey.from_bytes("Ed25519")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="alg must be a str"):
        VerifyingKey.from_bytes(pub.to_bytes(), pub.to_bytes())  # type: ignore[arg-type]


def test_refused_public_keys() -> None:
    # The identity point (all-zero encoding is y = 0: small order) is refused when loaded.
    with pytest.raises(KeyRejectedError) as info:
        VerifyingKey.from_bytes("Ed25519", bytes([1]) + bytes(31))
    assert info.value.code == "key.rejected"
    with pytest.raises(KeyRejectedError) as info:
        VerifyingKey.from_jwk({"kty": "OKP", "crv": "Ed25519", "x": "AAAA", "d": "AAAA"})
    assert (info.value.code, info.value.path) == ("key.invalid_format", "/d")
    with pytest.raises(KeyRejectedError) as info:
        VerifyingKey.from_jwk({"kty": "RSA", "n": "AQAB", "e": "AQAB"})
    assert info.value.path == "/kty"
    with pytest.raises(KeyRejectedError) as info:
        VerifyingKey.from_jwk({"kty": "OKP", "crv": "Ed25519", "kid": "", "x": "AAAA"})
    assert info.value.path == "/kid"


# Written by OpenSSL 3.0 (`openssl genpkey -algorithm SM2`): id-ecPublicKey with the SM2 curve.
OPENSSL_SM2_PEM = """-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqBHM9VAYItBG0wawIBAQQg2j7YmY9vnRGkv8Ta
pbSlEp4/o7ZxTvXM3H+Lh0n+g7WhRANCAASfcNMnMv4oEoxeLPgzfEfcsPeJLv3i
OmuyB+YcYt6+W6qiaHBMU10SJx4sc+qd06jMQXc/r9jdG7NXUKSdSWaD
-----END PRIVATE KEY-----
"""
# OpenSSL's signature (`pkeyutl -sign -rawin -digest sm3 -pkeyopt distid:1234567812345678`), r||s.
OPENSSL_SM2_SIG = bytes.fromhex(
    "1860227FB86FFD51BC9D6B6E7F48A81C5ADC178D1FE82AEBE7A156C6115BFAA2"
    "DACC2238C382597338249192EB5A245AA4A316EC8718668412F950529D65A461"
)


def test_sm2_openssl_key_and_signature() -> None:
    key = SigningKey.from_pem(OPENSSL_SM2_PEM, kid="sm2")
    assert key.algorithm == "SM2SM3"
    assert key.to_pem() == OPENSSL_SM2_PEM
    key.public_key.verify(b"labourlink SM2 interop", OPENSSL_SM2_SIG)
    jwk = key.public_key.to_jwk()
    assert (jwk["kty"], jwk["crv"]) == ("EC", "SM2")
    assert VerifyingKey.from_jwk(jwk).to_bytes() == key.public_key.to_bytes()
    # SM2 signing is deterministic (RFC 6979-style nonces).
    assert key.sign(b"m") == key.sign(b"m")
    # The same coordinates read as P-256 are no P-256 point.
    with pytest.raises(KeyRejectedError) as info:
        VerifyingKey.from_jwk(dict(jwk, crv="P-256"))
    assert info.value.code == "key.rejected"
