#!/usr/bin/env python3
"""API parity between the Python package and the npm package.

Reads the public names of `bindings-python/python/labourlink/_native.pyi` (functions, classes
and their methods and properties) and of `bindings-wasm/index.d.ts` (exported functions,
classes and their members), maps Python's snake_case to JavaScript's camelCase, and fails on
any name present in one language and not the other unless `ALLOWED` explains why. Same
concept, same name (idiomatic casing only): a new binding function without its twin fails CI.

    python3 tests/api/parity.py
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
PYI = ROOT / "bindings-python/python/labourlink/_native.pyi"
DTS = ROOT / "bindings-wasm/index.d.ts"

# (language that has it, qualified name) → why the other language does not.
ALLOWED = {
    ("py", "Verifier.verify_many"): "Python releases the GIL over a thread pool; in JS a loop is the idiom (no threads in wasm32)",
    ("py", "SigningKey.public_key"): "alias of verifying_key kept for 0.1 users",
    ("py", "init_store"): "durable stores are SQLite files or PostgreSQL servers: not in WebAssembly; a JS service uses the CLI or a Rust/Python verifier",
    ("py", "Outbox"): "a durable outbox lives in a store (SQLite/PostgreSQL): not in WebAssembly; the JS README shows a portal posting with fetch and verifying the receipt",
    ("py", "Outbox.send"): "see Outbox",
    ("py", "Outbox.run_once"): "see Outbox",
    ("py", "Outbox.status"): "see Outbox",
    ("py", "Outbox.counts"): "see Outbox",
    ("py", "Outbox.retry"): "see Outbox",
    ("py", "Outbox.drop"): "see Outbox",
    ("py", "fetch_trust_list"): "HTTP from the binding with a store; in JS use fetch() and TrustList.load / Verifier.updateTrustList",
    ("py", "fetch_reference_data"): "HTTP from the binding with a store; in JS use fetch() and ReferenceData.load",
    ("py", "SigningKey.to_encrypted_pem"): "the npm package stays under its 1.5 MB gate; in Node, toKeyObject() then keyObject.export({type: 'pkcs8', format: 'pem', cipher, passphrase}) writes the same form",
    ("py", "parse_json"): "the strict parser for Python values; JS passes text or bytes to every API",
    ("js", "TrustList.toJSON"): "JSON.stringify hook (JS idiom); Python has to_body",
    ("js", "SigningKey.toJSON"): "JSON.stringify hook (JS idiom): {kid, algorithm}, never the secret",
    ("js", "VerifyingKey.toJSON"): "JSON.stringify hook (JS idiom)",
    ("js", "TrustList.free"): "wasm-bindgen frees WebAssembly memory explicitly",
    ("js", "ReferenceData.free"): "wasm-bindgen frees WebAssembly memory explicitly",
    ("js", "ReplayGuard.free"): "wasm-bindgen frees WebAssembly memory explicitly",
    ("js", "Verifier.free"): "wasm-bindgen frees WebAssembly memory explicitly",
    ("js", "SigningKey.free"): "wasm-bindgen frees WebAssembly memory explicitly",
    ("js", "VerifyingKey.free"): "wasm-bindgen frees WebAssembly memory explicitly",
    ("js", "ReplayGuard.size"): "Python uses len(guard)",
    ("js", "VerifyingKey.equals"): "Python uses ==",
    ("py", "SigningKey.from_cryptography"): "the Python `cryptography` package's key objects; JS has fromKeyObject/fromCryptoKey for its own key objects",
    ("py", "SigningKey.to_cryptography"): "the Python `cryptography` package's key objects; JS has toKeyObject/toCryptoKey for its own",
    ("py", "VerifyingKey.from_cryptography"): "see SigningKey.from_cryptography",
    ("py", "VerifyingKey.to_cryptography"): "see SigningKey.to_cryptography",
    ("js", "SigningKey.fromKeyObject"): "Node's crypto.KeyObject; Python has from_cryptography for its key objects",
    ("js", "SigningKey.fromCryptoKey"): "WebCrypto's CryptoKey (async, exportKey); Python has from_cryptography",
    ("js", "VerifyingKey.fromKeyObject"): "see SigningKey.fromKeyObject",
    ("js", "VerifyingKey.fromCryptoKey"): "see SigningKey.fromCryptoKey",
    ("js", "SigningKey.toKeyObject"): "Node's crypto.KeyObject; Python has to_cryptography for its key objects",
    ("js", "SigningKey.toCryptoKey"): "WebCrypto's CryptoKey (async, importKey); Python has to_cryptography",
    ("js", "VerifyingKey.toKeyObject"): "see SigningKey.toKeyObject",
    ("js", "VerifyingKey.toCryptoKey"): "see SigningKey.toCryptoKey",
}


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def python_names() -> set:
    names, cls = set(), None
    for line in PYI.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^class (\w+)", line)
        if m:
            cls = m.group(1)
            if not cls.startswith("_"):
                names.add(cls)
            continue
        m = re.match(r"^def (\w+)", line)
        if m:
            cls = None
            if not m.group(1).startswith("_"):
                names.add(m.group(1))
            continue
        m = re.match(r"^    def (\w+)", line)
        if m and cls and not cls.startswith("_") and not m.group(1).startswith("_"):
            names.add(f"{cls}.{m.group(1)}")
        elif line and not line.startswith((" ", "#", "@", ")")) and not line.startswith("class"):
            cls = None if not line.startswith("def") else cls
    return names


def js_names() -> set:
    names, cls = set(), None
    for line in DTS.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^export (?:declare )?class (\w+)", line)
        if m:
            cls = m.group(1)
            names.add(cls)
            continue
        m = re.match(r"^export (?:declare )?function (\w+)", line)
        if m:
            names.add(m.group(1))
            cls = None
            continue
        m = re.match(r"^export type Verified\b", line)
        if m:
            cls = "Verified"
            names.add(cls)
            continue
        if line.startswith("}") or line.startswith("  : never"):
            cls = None
            continue
        m = re.match(r"^ {2,6}(?:static )?(?:readonly )?(?:get )?(\w+)\s*[(:<?]", line)
        if m and cls and m.group(1) != "constructor":
            names.add(f"{cls}.{m.group(1)}")
    # The key classes are wasm-bindgen's, declared in the generated pkg/*.d.ts (present once
    # the package is built; CI runs this check after wasm-bindgen).
    generated = ROOT / "bindings-wasm/pkg/labourlink_wasm.d.ts"
    if generated.exists():
        cls = None
        for line in generated.read_text(encoding="utf-8").splitlines():
            m = re.match(r"^export class (SigningKey|VerifyingKey)\b", line)
            if m:
                cls = m.group(1)
                names.add(cls)
                continue
            if line.startswith("}"):
                cls = None
                continue
            m = re.match(r"^    (?:static )?(?:readonly )?(?:get )?(\w+)\s*[(:<]", line)
            if m and cls and m.group(1) not in ("constructor",):
                names.add(f"{cls}.{m.group(1)}")
    # Error classes: Python's labourlink.errors against the JS classes (names only; their
    # members are the core's error fields in each language's casing).
    return {n for n in names if not (n.split(".")[0].endswith("Error") and "." in n)}


def python_error_classes() -> set:
    text = (ROOT / "bindings-python/python/labourlink/errors.py").read_text(encoding="utf-8")
    return set(re.findall(r"^class (\w+Error)\(", text, re.M))


def main() -> int:
    py = {camel_q(n): n for n in python_names() | python_error_classes()}
    js = js_names()
    problems = []
    for key, original in sorted(py.items()):
        if key not in js and ("py", original) not in ALLOWED:
            problems.append(f"Python has {original} (JS: {key}) — missing in bindings-wasm/index.d.ts")
    for key in sorted(js):
        if key not in py and ("js", key) not in ALLOWED:
            problems.append(f"JS has {key} — missing in bindings-python/python/labourlink/_native.pyi")
    for side, name in sorted(ALLOWED):
        present = (name in {v for v in py.values()}) if side == "py" else (name in js)
        if not present:
            problems.append(f"ALLOWED names {side}:{name}, which no longer exists: remove it")
    for p in problems:
        print(p)
    print(f"API parity: {len(py)} Python names, {len(js)} JS names, {len(problems)} problem(s)")
    return 1 if problems else 0


def camel_q(name: str) -> str:
    return ".".join(camel(p) if p[:1].islower() else p for p in name.split("."))


if __name__ == "__main__":
    sys.exit(main())
