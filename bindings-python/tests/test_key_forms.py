"""Keys in the forms partners have, made at test time by the OpenSSL command line and by
``cryptography``: PEM as str or bytes, SPKI, X.509 certificates, SEC1, encrypted PKCS#8, private
JWKs, ``cryptography`` key objects — and the stable codes of the ways they go wrong."""

from __future__ import annotations

import base64
import datetime
import pathlib
import shutil
import subprocess
from typing import Any, Callable, Dict, List

import pytest

import labourlink
from labourlink import JsonError, KeyRejectedError, SigningKey, VerifyingKey

cryptography = pytest.importorskip("cryptography")
from cryptography import x509  # noqa: E402
from cryptography.hazmat.primitives import hashes, serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa  # noqa: E402
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature  # noqa: E402
from cryptography.x509.oid import NameOID  # noqa: E402

needs_openssl = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command line")

GENKEY = {
    "Ed25519": ["genpkey", "-algorithm", "ed25519", "-out", "key.pem"],
    "ES256": ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "key.pem"],
    "SM2SM3": ["genpkey", "-algorithm", "SM2", "-out", "key.pem"],
}


def openssl(tmp: pathlib.Path, *args: str) -> None:
    subprocess.run(["openssl", *args], cwd=tmp, check=True, capture_output=True)


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@needs_openssl
@pytest.mark.parametrize("alg", ["Ed25519", "ES256", "SM2SM3"])
def test_openssl_forms(tmp_path: pathlib.Path, alg: str) -> None:
    openssl(tmp_path, *GENKEY[alg])
    pem_bytes = (tmp_path / "key.pem").read_bytes()
    key = SigningKey.from_pem(pem_bytes.decode(), kid="k")
    public = key.verifying_key()
    assert key.algorithm == alg
    # PEM as bytes and as bytearray
    assert SigningKey.from_pem(pem_bytes, kid="k").verifying_key() == public
    assert SigningKey.from_pem(bytearray(pem_bytes), kid="k").verifying_key() == public

    # SPKI PEM and DER
    openssl(tmp_path, "pkey", "-in", "key.pem", "-pubout", "-out", "pub.pem")
    openssl(tmp_path, "pkey", "-in", "key.pem", "-pubout", "-outform", "DER", "-out", "pub.der")
    spki_pem = (tmp_path / "pub.pem").read_text()
    assert VerifyingKey.from_spki_pem(spki_pem, kid="k") == public
    assert VerifyingKey.from_spki_pem(spki_pem.encode(), kid="k") == public
    assert VerifyingKey.from_spki((tmp_path / "pub.der").read_bytes()).with_kid("k") == public
    assert public.to_spki() == (tmp_path / "pub.der").read_bytes()
    assert public.to_spki_pem() == spki_pem

    # X.509 certificate, PEM and DER: the key only
    openssl(tmp_path, "req", "-x509", "-key", "key.pem", "-subj", "/CN=330200-hr", "-days", "1", "-out", "cert.pem")
    openssl(tmp_path, "x509", "-in", "cert.pem", "-outform", "DER", "-out", "cert.der")
    assert VerifyingKey.from_certificate((tmp_path / "cert.pem").read_text()).with_kid("k") == public
    from_cert = VerifyingKey.from_certificate((tmp_path / "cert.der").read_bytes(), kid="partner")
    assert from_cert.kid == "partner"
    from_cert.verify(b"input", key.sign(b"input"))

    # Encrypted PKCS#8: PBKDF2 and scrypt
    for name, extra in [("enc.pem", []), ("enc-scrypt.pem", ["-scrypt"])]:
        openssl(tmp_path, "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", "key.pem",
                "-passout", "pass:s3cret", "-out", name, *extra)
        enc = (tmp_path / name).read_bytes()
        assert SigningKey.from_encrypted_pem(enc, "s3cret", kid="k").verifying_key() == public
        assert SigningKey.from_encrypted_pem(enc.decode(), b"s3cret", kid="k").verifying_key() == public
        with pytest.raises(KeyRejectedError) as info:
            SigningKey.from_encrypted_pem(enc, "hunter2", kid="k")
        assert info.value.code == "key.decryption_failed"
        assert "hunter2" not in str(info.value)
        with pytest.raises(KeyRejectedError) as info:
            SigningKey.from_pem(enc, kid="k")
        assert info.value.code == "key.invalid_format"
        assert "from_encrypted_pem" in info.value.message
    openssl(tmp_path, "pkcs8", "-topk8", "-v2", "aes-128-cbc", "-in", "key.pem",
            "-passout", "pass:pw", "-outform", "DER", "-out", "enc.der")
    assert SigningKey.from_encrypted_pkcs8((tmp_path / "enc.der").read_bytes(), "pw", kid="k").verifying_key() == public

    # SEC1 (EC keys)
    if alg != "Ed25519":
        openssl(tmp_path, "ec", "-in", "key.pem", "-out", "sec1.pem")
        openssl(tmp_path, "ec", "-in", "key.pem", "-outform", "DER", "-out", "sec1.der")
        assert b"PRIVATE KEY-----" in (tmp_path / "sec1.pem").read_bytes()
        assert SigningKey.from_pem((tmp_path / "sec1.pem").read_bytes(), kid="k").verifying_key() == public
        assert SigningKey.from_sec1((tmp_path / "sec1.der").read_bytes(), kid="k").verifying_key() == public


@needs_openssl
def test_openssl_ecparam_output_with_parameters_block(tmp_path: pathlib.Path) -> None:
    openssl(tmp_path, "ecparam", "-name", "prime256v1", "-genkey", "-out", "ec.pem")
    text = (tmp_path / "ec.pem").read_text()
    assert text.startswith("-----BEGIN EC PARAMETERS-----")
    assert SigningKey.from_pem(text, kid="k").algorithm == "ES256"


def private_jwk(key: Any) -> Dict[str, Any]:
    if isinstance(key, ed25519.Ed25519PrivateKey):
        raw = serialization.Encoding.Raw
        return {
            "kty": "OKP", "crv": "Ed25519",
            "d": b64url(key.private_bytes(raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())),
            "x": b64url(key.public_key().public_bytes(raw, serialization.PublicFormat.Raw)),
        }
    numbers = key.private_numbers()
    return {
        "kty": "EC", "crv": "P-256",
        "d": b64url(numbers.private_value.to_bytes(32, "big")),
        "x": b64url(numbers.public_numbers.x.to_bytes(32, "big")),
        "y": b64url(numbers.public_numbers.y.to_bytes(32, "big")),
    }


def self_signed(key: Any) -> x509.Certificate:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "330200-hr")])
    now = datetime.datetime.now(datetime.timezone.utc)
    builder = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
               .serial_number(1).not_valid_before(now).not_valid_after(now + datetime.timedelta(days=1)))
    return builder.sign(key, None if isinstance(key, ed25519.Ed25519PrivateKey) else hashes.SHA256())


def cryptography_key(alg: str) -> Any:
    if alg == "Ed25519":
        return ed25519.Ed25519PrivateKey.generate()
    return ec.generate_private_key(ec.SECP256R1())


@pytest.mark.parametrize("alg", ["Ed25519", "ES256"])
def test_cryptography_forms(alg: str) -> None:
    made = cryptography_key(alg)
    key = SigningKey.from_cryptography(made, kid="k")
    assert key.algorithm == alg
    public = key.verifying_key()
    assert VerifyingKey.from_cryptography(made.public_key(), kid="k") == public
    assert VerifyingKey.from_cryptography(made, kid="k") == public  # a private key's public half

    enc, pkcs8 = serialization.Encoding, serialization.PrivateFormat.PKCS8
    none = serialization.NoEncryption()
    assert SigningKey.from_pem(made.private_bytes(enc.PEM, pkcs8, none), kid="k").verifying_key() == public
    assert SigningKey.from_pkcs8(made.private_bytes(enc.DER, pkcs8, none), kid="k").verifying_key() == public
    protected = made.private_bytes(enc.PEM, pkcs8, serialization.BestAvailableEncryption(b"s3cret"))
    assert SigningKey.from_encrypted_pem(protected, "s3cret", kid="k").verifying_key() == public
    with pytest.raises(KeyRejectedError) as info:
        SigningKey.from_encrypted_pem(protected, "wrong", kid="k")
    assert info.value.code == "key.decryption_failed"
    if alg == "ES256":
        sec1 = made.private_bytes(enc.DER, serialization.PrivateFormat.TraditionalOpenSSL, none)
        assert SigningKey.from_sec1(sec1, kid="k").verifying_key() == public
        sec1_pem = made.private_bytes(enc.PEM, serialization.PrivateFormat.TraditionalOpenSSL, none)
        assert SigningKey.from_pem(sec1_pem, kid="k").verifying_key() == public

    spki = serialization.PublicFormat.SubjectPublicKeyInfo
    assert VerifyingKey.from_spki(made.public_key().public_bytes(enc.DER, spki)).with_kid("k") == public
    assert VerifyingKey.from_spki_pem(made.public_key().public_bytes(enc.PEM, spki)).with_kid("k") == public
    cert = self_signed(made)
    assert VerifyingKey.from_certificate(cert.public_bytes(enc.PEM)).with_kid("k") == public
    assert VerifyingKey.from_certificate(cert.public_bytes(enc.DER)).with_kid("k") == public

    jwk = private_jwk(made)
    assert SigningKey.from_jwk(jwk, kid="k").verifying_key() == public
    assert SigningKey.from_jwk({**jwk, "kid": "from-jwk"}).kid == "from-jwk"

    # Back to cryptography: a labourlink signature verifies there.
    signature = key.sign(b"input")
    theirs = public.to_cryptography()
    if alg == "Ed25519":
        theirs.verify(signature, b"input")
    else:
        r, s = int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
        theirs.verify(encode_dss_signature(r, s), b"input", ec.ECDSA(hashes.SHA256()))
    assert SigningKey.from_cryptography(key.to_cryptography(), kid="k").verifying_key() == public


def test_refusals_have_stable_codes() -> None:
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    with pytest.raises(KeyRejectedError) as info:
        VerifyingKey.from_certificate(self_signed(rsa_key).public_bytes(serialization.Encoding.PEM))
    assert info.value.code == "key.invalid_format"
    assert "RSA" in info.value.message
    with pytest.raises(KeyRejectedError) as info:
        SigningKey.from_cryptography(rsa_key, kid="k")
    assert info.value.code == "key.invalid_format"
    p384 = ec.generate_private_key(ec.SECP384R1())
    with pytest.raises(KeyRejectedError) as info:
        VerifyingKey.from_cryptography(p384)
    assert info.value.code == "key.invalid_format"

    # A P-256 key labelled SM2: as a private JWK (d, x, y of P-256) and as a public JWK.
    jwk = private_jwk(ec.generate_private_key(ec.SECP256R1()))
    with pytest.raises(KeyRejectedError) as info:
        SigningKey.from_jwk({**jwk, "crv": "SM2"}, kid="k")
    assert info.value.code == "key.rejected"
    public = {k: v for k, v in jwk.items() if k != "d"}
    with pytest.raises(KeyRejectedError) as info:
        VerifyingKey.from_jwk({**public, "crv": "SM2"})
    assert info.value.code == "key.rejected"
    # d of another key
    other = private_jwk(ec.generate_private_key(ec.SECP256R1()))
    with pytest.raises(KeyRejectedError) as info:
        SigningKey.from_jwk({**jwk, "d": other["d"]}, kid="k")
    assert info.value.code == "key.rejected"
    # a public JWK given as private, no kid at all
    with pytest.raises(KeyRejectedError) as info:
        SigningKey.from_jwk(public, kid="k")
    assert info.value.code == "key.invalid_format"
    with pytest.raises(KeyRejectedError) as info:
        SigningKey.from_jwk(jwk)
    assert info.value.code == "key.invalid_format"

    # Not keys at all.
    with pytest.raises(TypeError):
        SigningKey.from_cryptography("not a key", kid="k")
    with pytest.raises(TypeError):
        VerifyingKey.from_cryptography(42)
    with pytest.raises(TypeError):
        SigningKey.from_pem(42, kid="k")  # type: ignore[arg-type]
    calls: List[Callable[[], object]] = [
        lambda: VerifyingKey.from_certificate(b"garbage"),
        lambda: VerifyingKey.from_spki(b"\x30\x00"),
        lambda: SigningKey.from_sec1(b"\x30\x00", kid="k"),
        lambda: SigningKey.from_pem("", kid="k"),
    ]
    for call in calls:
        with pytest.raises(KeyRejectedError) as info:
            call()
        assert info.value.code == "key.invalid_format"


@pytest.mark.parametrize("alg", ["Ed25519", "ES256", "SM2SM3"])
def test_spki_round_trip(alg: str) -> None:
    public = SigningKey.generate(alg, kid="k").verifying_key()
    assert VerifyingKey.from_spki(public.to_spki(), kid="k") == public
    assert VerifyingKey.from_spki_pem(public.to_spki_pem(), kid="k") == public


def test_compact_jws_names_the_json_serialization() -> None:
    key = SigningKey.from_seed(bytes(32), kid="k")
    tl = labourlink.TrustList(1, "2027-01-01T00:00:00Z")
    verifier = labourlink.Verifier(tl, region="330200", clock="2026-11-27T08:00:00Z")
    compact = "eyJhbGciOiJFZDI1NTE5IiwidHlwIjoibGFib3VybGluaytqd3MifQ.eyJhIjoxfQ." + b64url(key.sign(b"x"))
    with pytest.raises(JsonError) as info:
        verifier.verify(compact)
    assert info.value.code == "json.syntax"
    assert "compact JWS" in info.value.message
    assert "JSON serialization" in info.value.message



@pytest.mark.parametrize("alg", ["Ed25519", "ES256"])
def test_to_encrypted_pem_is_read_by_cryptography_and_back(alg: str) -> None:
    key = SigningKey.generate(alg, kid="k")
    pem = key.to_encrypted_pem("s3cret pass")
    assert pem.startswith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n")
    assert pem != key.to_encrypted_pem(b"s3cret pass")  # a fresh salt and IV each time
    assert SigningKey.from_encrypted_pem(pem, "s3cret pass", kid="k").verifying_key() == key.verifying_key()
    theirs = serialization.load_pem_private_key(pem.encode(), password=b"s3cret pass")
    assert VerifyingKey.from_cryptography(theirs.public_key(), kid="k") == key.verifying_key()
    with pytest.raises(labourlink.LabourlinkError) as info:
        key.to_encrypted_pem("")
    assert info.value.code == "input.invalid"
