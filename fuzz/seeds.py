#!/usr/bin/env python3
"""Writes the seed inputs of every fuzz target into fuzz/corpus/<target>/seed-*.

Seeds come from the repository's own test data: the conformance vectors (JSON texts, signed
messages, documents), the catalogue examples (schemas/examples), the conformance keys and
trust lists, and keys in every form written by OpenSSL (if `openssl` is on PATH). A target's
first byte chooses its mode (see fuzz/checks/src/lib.rs), so seeds carry that byte.

Run from the repository root: python3 fuzz/seeds.py. Campaigns then grow the corpora and
`cargo +nightly fuzz cmin <target>` minimises them (docs/FUZZING.md).
"""
import base64
import glob
import hashlib
import json
import os
import shutil
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "fuzz", "corpus")


def write(target, data):
    if isinstance(data, str):
        data = data.encode()
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    name = "seed-" + hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def vectors():
    for path in sorted(glob.glob(os.path.join(ROOT, "conformance/vectors/*/*.json"))):
        with open(path, encoding="utf-8") as f:
            yield json.load(f)


def compact(v):
    return json.dumps(v, ensure_ascii=False, separators=(",", ":"))


def schema_seeds():
    """schema_differential: the type's place in name order (first byte), then a body: the
    type's example body and the body of every schema-area vector document of that type."""
    names = sorted(
        os.path.basename(p)[: -len(".schema.json")]
        for p in glob.glob(os.path.join(ROOT, "schemas/*.schema.json"))
    )
    types = [t for t in names if t not in ("defs", "envelope", "flows")]
    for i, t in enumerate(types):
        path = os.path.join(ROOT, "schemas/examples", t + ".json")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                write("schema_differential", bytes([i]) + compact(json.load(f)["body"]).encode())
    for v in vectors():
        doc = v.get("input", {}).get("document")
        if isinstance(doc, dict) and doc.get("type") in types and "body" in doc:
            write("schema_differential", bytes([types.index(doc["type"])]) + compact(doc["body"]).encode())


def main():
    schema_seeds()
    texts, messages, documents = [], [], []
    for v in vectors():
        inp = v.get("input", {})
        if "text" in inp:
            texts.append(inp["text"].encode())
        if "text_b64" in inp:
            texts.append(base64.urlsafe_b64decode(inp["text_b64"] + "=="))
        if "message" in inp:
            messages.append(inp["message"].encode())
        if "message_b64" in inp:
            messages.append(base64.urlsafe_b64decode(inp["message_b64"] + "=="))
        if isinstance(inp.get("document"), dict):
            documents.append(compact(inp["document"]).encode())
    for path in sorted(glob.glob(os.path.join(ROOT, "schemas/examples/*.json"))):
        with open(path, "rb") as f:
            documents.append(f.read())
    for path in sorted(glob.glob(os.path.join(ROOT, "core/tests/vectors/rfc8785/*"))):
        if os.path.isfile(path):
            with open(path, "rb") as f:
                texts.append(f.read())
    texts += [b"", b"0", b"-0", b"1e400", b"[1.0,2e-7,-0.0]", b'{"a":1,"a":2}',
              b'"\\ud800"', b'"\\ud83d\\ude02"', b"[[[[[[[[[[]]]]]]]]]]", b'{"\\u0061":1}']

    for t in texts + documents[:40]:
        for target in ("json_strict", "json_differential", "canonical", "canonical_differential"):
            write(target, t)
    for t in [b"", b"-_8", b"AA", b"AAA", b"AAAA", b"-_9", b"a b", b"QQ==", b"+/8"]:
        write("b64", t)
    for m in messages[:150]:
        write("jws_parse", m)
        write("verify", b"\x00" + m)
        write("verify", b"\x04" + m)
    for m in messages[:60]:
        write("inbox_receive", b"\x00" + m)
    jose = b"\ncontent-type: application/jose+json\n\n"
    for m in messages[:40]:
        write("inbox_http", b"\x00" + jose + m)
    for seed in [
        b"\x00\ncontent-type: application/json\n\n{}",
        b"\x00\ncontent-type: application/jose+json; charset=utf-8\ncontent-length: 2\n\n{}",
        b"\x00\ncontent-type: application/jose+json\ncontent-length: 99999999\n\n{}",
        b"\x00\ncontent-type: application/jose+json\ntransfer-encoding: chunked\n\n{}",
        b"\x00\ncontent-type: application/jose+json\nx-forwarded-for: 192.0.2.1, 10.0.0.2\n\n{}",
        b"\x01\n\n", b"\x01\nif-none-match: \"x\", *\n\n", b"\x02\n\n", b"\x02\nif-none-match: W/\"a\"\n\n",
        b"\x03\n\n", b"\x04\n\n",
        b"\x05/admin/v1/cases?status=overdue&due_within=3\n\n",
        b"\x05/admin/v1/cases?status=open&as_of=2026-13-01\n\n",
        b"\x05/admin/v1/cases/513400-WT-2026-0001\n\n",
        b"\x05/admin/v1/messages/01938a6e-7f00-7c3a-9d2e-5b1f0c7a4e21?body=true\n\n",
        b"\x05/admin/v1/outbox?state=pending&limit=5\n\n",
        b"\x05/admin/v1/outbox?limit=x\n\n", b"\x05/healthz\n\n",
        # mode 11: the admin listener with an access token (fuzz-checks ADMIN_TOKEN)
        b"\x0b/admin/v1/outbox?limit=5\nauthorization: Bearer fuzz-admin-token-0123456789abcdef0123456789\n\n",
        b"\x0b/admin/v1/cases\nauthorization: bearer wrong-token\n\n",
        b"\x0b/admin/v1/cases\nauthorization: Basic YWRtaW46YWRtaW4=\n\n",
        b"\x0b/admin/v1/outbox\n\n", b"\x0b/healthz\n\n",
        b"\x05/admin/v1/outbox\nhost: attacker.example\n\n",
    ]:
        write("inbox_http", seed)
    for h in [b"192.0.2.1", b"192.0.2.1, 10.0.0.2", b"2001:db8::1,10.0.0.2 , 10.0.0.1", b"x, 10.0.0.2"]:
        write("inbox_receive", b"\x02" + h)
    ed25519_seeds(messages)
    for d in documents:
        write("validate", d)
        write("verify", b"\x01" + d)
        write("verify", b"\x03" + d)
        write("verify", b"\x11" + d)
        write("inbox_receive", b"\x01" + d)

    keys = os.path.join(ROOT, "conformance/keys")
    for path in sorted(glob.glob(os.path.join(keys, "*.json"))):
        with open(path, encoding="utf-8") as f:
            k = json.load(f)
        if "public_jwk" in k:
            write("keys", b"\x00" + compact(k["public_jwk"]).encode())
    for path in sorted(glob.glob(os.path.join(keys, "*.pem"))):
        with open(path, "rb") as f:
            write("keys", b"\x02" + f.read())
    for path in sorted(glob.glob(os.path.join(keys, "trust-lists/*.jws"))):
        with open(path, "rb") as f:
            write("trust_list", b"\x00" + f.read().strip())
    for path in sorted(glob.glob(os.path.join(keys, "trust-lists/*.document.json"))):
        with open(path, encoding="utf-8") as f:
            body = compact(json.load(f)["document"]["body"]).encode()
        write("trust_list", b"\x01" + body)
        write("trust_list", b"\x02" + body)
    with open(os.path.join(ROOT, "schemas/examples/reference_data.json"), encoding="utf-8") as f:
        body = compact(json.load(f)["body"]).encode()
    for m in range(0, 48, 3):
        write("reference_data", bytes([m + 1]) + body)
    write("reference_data", b"\x02" + body)
    for path in sorted(glob.glob(os.path.join(ROOT, "conformance/vectors/trust/*.json"))):
        with open(path, encoding="utf-8") as f:
            v = json.load(f)
        for rd in v.get("input", {}).get("reference_data", []) or []:
            if isinstance(rd, dict) and isinstance(rd.get("jws"), str):
                write("reference_data", b"\x00" + rd["jws"].encode())
    for name in ("EdDSA", "Ed25519", "ES256", "SM2SM3", "none"):
        write("keys", b"\x0b" + name.encode())
    openssl_keys()


def ed25519_seeds(messages):
    """ed25519_differential: signed mode (first byte even) for each way of altering the
    signature (the selector after the 32-byte seed), and raw mode (odd) from the Ed25519
    signatures of the conformance messages: the key of their kid, the signature, the signing
    input — valid triples the fuzzer then alters."""
    for sel in range(6):
        for i, msg in enumerate([b"", b"fuzz", bytes(range(256))]):
            write("ed25519_differential",
                  b"\x00" + bytes([i + 1] * 32) + bytes([sel]) + bytes([sel * 7 % 8] * 64) + msg)
    keys = {}
    for path in sorted(glob.glob(os.path.join(ROOT, "conformance/keys/*.json"))):
        with open(path, encoding="utf-8") as f:
            k = json.load(f)
        jwk = k.get("public_jwk") or {}
        if jwk.get("crv") == "Ed25519" and "x" in jwk:
            keys[k["kid"]] = base64.urlsafe_b64decode(jwk["x"] + "==")
    n = 0
    for m in messages:
        try:
            jws = json.loads(m)
        except ValueError:
            continue
        if not isinstance(jws, dict) or not isinstance(jws.get("signatures"), list):
            continue
        for sig in jws["signatures"]:
            try:
                header = json.loads(base64.urlsafe_b64decode(sig["protected"] + "=="))
                key = keys[header["kid"]]
                signature = base64.urlsafe_b64decode(sig["signature"] + "==")
            except (KeyError, TypeError, ValueError):
                continue
            if header.get("alg") not in ("EdDSA", "Ed25519") or len(signature) != 64:
                continue
            signing_input = (sig["protected"] + "." + jws["payload"]).encode()
            write("ed25519_differential", b"\x01" + key + signature + signing_input)
            n += 1
            if n >= 40:
                return


def openssl_keys():
    if not shutil.which("openssl"):
        return
    tmp = tempfile.mkdtemp()

    def run(*args):
        return subprocess.run(["openssl", *args], check=True, capture_output=True, cwd=tmp).stdout

    gens = {
        "ed": ["genpkey", "-algorithm", "ed25519"],
        "p256": ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
        "sm2": ["genpkey", "-algorithm", "SM2"],
        "p384": ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"],
    }
    for name, gen in gens.items():
        pem = run(*gen)
        with open(os.path.join(tmp, name + ".pem"), "wb") as f:
            f.write(pem)
        write("keys", b"\x02" + pem)
        write("keys", b"\x03" + run("pkey", "-in", name + ".pem", "-outform", "DER"))
        pub_pem = run("pkey", "-in", name + ".pem", "-pubout")
        write("keys", b"\x06" + pub_pem)
        pub_der = run("pkey", "-in", name + ".pem", "-pubout", "-outform", "DER")
        write("keys", b"\x05" + pub_der)
        enc = run("pkcs8", "-topk8", "-in", name + ".pem", "-v2", "aes-128-cbc", "-iter", "1",
                  "-passout", "pass:fuzz")
        write("keys", b"\x08" + enc)
        write("keys", b"\x09" + run("pkcs8", "-topk8", "-in", name + ".pem", "-v2", "aes-128-cbc",
                                    "-iter", "1", "-passout", "pass:fuzz", "-outform", "DER"))
        if name == "ed":
            # scrypt at its smallest cost, so that mutations of N, r and p stay cheap
            write("keys", b"\x09" + run("pkcs8", "-topk8", "-in", name + ".pem", "-scrypt",
                                        "-scrypt_N", "2", "-scrypt_r", "1", "-scrypt_p", "1",
                                        "-passout", "pass:fuzz", "-outform", "DER"))
        if name in ("p256", "sm2"):
            sec1 = run("ec", "-in", name + ".pem", "-outform", "DER")
            write("keys", b"\x04" + sec1)
            write("keys", b"\x02" + run("ec", "-in", name + ".pem"))
        if name != "sm2":
            cert = run("req", "-new", "-x509", "-key", name + ".pem", "-subj", "/CN=fuzz",
                       "-days", "1")
            write("keys", b"\x07" + cert)
        if name == "ed":
            write("keys", b"\x0a" + pub_der[-32:])
    shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
