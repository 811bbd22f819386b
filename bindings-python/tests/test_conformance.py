"""The shared conformance vectors (conformance/vectors/), run through the Python binding.

Each vector is resolved here as the runner resolves it (trust-list files inline, anchor JWKs,
signer keys from conformance/keys/), answered by ``labourlink.harness.run_case`` and compared
with its expectation as the runner compares: the error code exactly (the path is only a note),
or the canonical text / JWS / digest, type, id and signers. A second test drives
``python -m labourlink.harness`` over the NDJSON protocol; .ci/run also runs the conformance
runner against it (``labourlink conformance run --harness 'python -m labourlink.harness'``).
"""

from __future__ import annotations

import functools
import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List, Set

import pytest

from labourlink import harness

ROOT = Path(__file__).resolve().parent.parent.parent
CONFORMANCE = ROOT / "conformance"
VECTORS = CONFORMANCE / "vectors"
KEYS = CONFORMANCE / "keys"


def load_vectors() -> List[Dict[str, Any]]:
    if not VECTORS.is_dir():
        return []
    out = []
    for path in sorted(VECTORS.rglob("*.json")):
        v = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(v, dict) and "kind" in v and "expected" in v:
            out.append(v)
    return out


@functools.lru_cache(maxsize=None)
def key_registry() -> Dict[str, Dict[str, Any]]:
    reg: Dict[str, Dict[str, Any]] = {}
    for path in sorted(KEYS.glob("*.json")):
        k = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(k, dict) or "kid" not in k:
            continue
        if "private_pem_file" in k:
            k["private_pem"] = (KEYS / k["private_pem_file"]).read_text(encoding="utf-8")
        reg[k["kid"]] = k
    return reg


def resolve(vector: Dict[str, Any], reg: Dict[str, Dict[str, Any]]) -> Dict[str, Any]:
    """The case a harness receives for `vector` (conformance/src/vectors.rs `resolve`)."""
    members = ("id", "area", "kind", "description", "requirements", "input")
    case: Dict[str, Any] = {m: json.loads(json.dumps(vector[m])) for m in members if m in vector}
    inp = case.get("input", {})
    for tl in inp.get("trust_lists", []) + inp.get("reference_data", []):
        if "jws" not in tl and "file" in tl:
            tl["jws"] = (KEYS / tl["file"]).read_text(encoding="utf-8").rstrip()
    ctx = inp.get("context")
    if isinstance(ctx, dict) and isinstance(ctx.get("anchors"), list):
        ctx["anchor_jwks"] = [reg[kid]["public_jwk"] for kid in ctx["anchors"]]
    if isinstance(inp.get("signers"), list):
        keys = []
        for kid in inp["signers"]:
            k = reg[kid]
            entry = {"kid": k["kid"], "alg": k["alg"], "public_jwk": k["public_jwk"]}
            for member in ("seed_hex", "private_pem"):
                if member in k:
                    entry[member] = k[member]
            keys.append(entry)
        inp["signer_keys"] = keys
    return case


VECTOR_LIST = load_vectors()


def finding_set(x: Dict[str, Any], member: str, severity: bool) -> Set[str]:
    out = set()
    for f in x.get(member) or []:
        path = f.get("path") or '""'
        out.add(f"{f.get('code')} {path} {f.get('severity', 'error')}" if severity else f"{f.get('code')} {path}")
    return out


def check(vector: Dict[str, Any], result: Dict[str, Any]) -> None:
    """The runner's comparison (conformance/src/compare.rs)."""
    expected = vector["expected"]
    if "error" in expected:
        assert result.get("error") == expected["error"], (expected, result)
        return
    kind = vector["kind"]
    if kind == "canonicalize":
        assert result.get("canonical") == expected["canonical"], result
    elif kind == "sign":
        assert result.get("jws") == expected["jws"], result
    elif kind == "verify":
        assert result.get("accepted") is True, result
        for member in ("digest", "type", "id", "signers"):
            if member in expected:
                assert result.get(member) == expected[member], (member, result)
        assert finding_set(expected, "warnings", False) == finding_set(result, "warnings", False), result
    elif kind == "validate":
        assert result.get("valid") == expected.get("valid"), result
        assert finding_set(expected, "findings", True) == finding_set(result, "findings", True), result


@pytest.mark.skipif(not VECTOR_LIST, reason="conformance/vectors/ is not there")
@pytest.mark.parametrize("vector", VECTOR_LIST, ids=[v["id"] for v in VECTOR_LIST])
def test_vector(vector: Dict[str, Any]) -> None:
    answer = harness.run_case(resolve(vector, key_registry()))
    if answer.get("skipped"):
        pytest.skip(str(answer.get("reason")))
    assert "result" in answer, answer
    check(vector, answer["result"])


def test_every_area_is_covered() -> None:
    if not VECTOR_LIST:
        pytest.skip("conformance/vectors/ is not there")
    areas = {v["area"] for v in VECTOR_LIST}
    assert {"canonical", "json", "jws", "key", "envelope", "replay", "sign", "trust"} <= areas
    kinds = {v["kind"] for v in VECTOR_LIST}
    assert kinds <= set(harness.IMPLEMENTATION["kinds"])


def test_protocol_over_stdin_stdout() -> None:
    vectors = [v for v in VECTOR_LIST if v["kind"] == "verify"][:3] if VECTOR_LIST else []
    reg = key_registry() if vectors else {}
    lines = [json.dumps({"cmd": "start", "version": 1}), "", "not json"]
    lines += [json.dumps({"cmd": "run", "seq": i, "case": resolve(v, reg)}) for i, v in enumerate(vectors, 1)]
    lines += [json.dumps({"cmd": "run", "seq": 99, "case": {"kind": "validate", "input": {}}})]
    lines += [json.dumps({"cmd": "run", "seq": 100, "case": {"kind": "verify", "input": {"message": "{}"}}})]
    lines += [json.dumps({"cmd": "stop"}), json.dumps({"cmd": "start"})]
    proc = subprocess.run(
        [sys.executable, "-m", "labourlink.harness"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    answers = [json.loads(line) for line in proc.stdout.splitlines()]
    assert answers[0]["implementation"]["language"] == "python"
    assert answers[1]["errored"] is True  # "not json"
    for v, a in zip(vectors, answers[2:]):
        assert a["seq"] == vectors.index(v) + 1
        check(v, a["result"])
    assert answers[-2]["seq"] == 99 and answers[-2]["errored"] is True  # validate without document
    assert answers[-1]["seq"] == 100 and answers[-1]["errored"] is True
    assert len(answers) == 2 + len(vectors) + 2  # nothing after stop
