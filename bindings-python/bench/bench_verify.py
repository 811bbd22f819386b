#!/usr/bin/env python3
"""Time per verify through Python, and verify_many throughput.

Uses the fixture of the native benchmark (``core/benches/common``): the same keys (Ed25519 seeds
[7; 32], [8; 32]), trust list and messages — the schema examples, message ``i`` differing in its
``id`` only. Compare with ``cargo bench -p labourlink --bench verify -- verify_3kb/``:

* ``verify`` here                ↔ ``verify_3kb/verify_pipeline`` (stages 1–5)
* ``verify (schema)``            ↔ ``verify_3kb/verify_schema``
* ``verify (schema+rules+replay)`` ↔ ``verify_3kb/verify_full`` (distinct messages)

Usage: ``python bindings-python/bench/bench_verify.py [--size 3kb] [--iterations N] [--batch N]``
against the installed release wheel (``maturin build --release``).
"""

from __future__ import annotations

import argparse
import copy
import itertools
import os
import statistics
import time
from typing import Any, Callable, Dict, Iterator, List

import labourlink
from labourlink import SigningKey, TrustList, Verifier

NOW = "2026-11-27T08:00:00Z"
SI_AGENCY = "12513400MB1F30256L"
HR_AGENCY = "11513400MB1H7703X8"
TYPES = {"1kb": "receipt", "3kb": "social_insurance.transfer_information"}


def fixture() -> Dict[str, Any]:
    si = SigningKey.from_seed(bytes([7]) * 32, kid="513400-si-2026a")
    hr = SigningKey.from_seed(bytes([8]) * 32, kid="513400-hr-2026a")
    tl = TrustList(1, "2027-01-01T00:00:00Z")
    for key, agency, types in ((si, SI_AGENCY, ["social_insurance.*", "receipt"]),
                               (hr, HR_AGENCY, ["worker_transfer.*", "receipt"])):
        tl.add_key(kid=key.kid, region="513400", agency=agency, key=key.public_key,
                   valid_from="2026-01-01T00:00:00Z", message_types=types)
    return {"si": si, "list": tl}


def document(size: str, index: int) -> Dict[str, Any]:
    doc = labourlink.example(TYPES[size])
    assert doc is not None
    out: Dict[str, Any] = copy.deepcopy(dict(doc))
    if size == "1kb":  # the example receipt goes from Ningbo: turn it round
        out["from"], out["to"] = out["to"], out["from"]
    out["id"] = f"{out['id'][:24]}{index:012x}"
    return out


def best_per_call(fn: Callable[[], object], n: int, repeats: int = 5) -> float:
    """Best mean seconds per call over `repeats` runs of `n` calls."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(n):
            fn()
        times.append((time.perf_counter() - start) / n)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", choices=sorted(TYPES), default="3kb")
    ap.add_argument("--iterations", type=int, default=20_000)
    ap.add_argument("--batch", type=int, default=10_000)
    args = ap.parse_args()

    fx = fixture()
    key: SigningKey = fx["si"]
    tl: TrustList = fx["list"]
    jws = labourlink.sign(document(args.size, 0), key)
    # The same message over and over: the envelope-only and schema-only verifiers run without the
    # stages they do not measure (a replay guard would refuse the second call).
    plain = Verifier(tl, region="330200", clock=NOW, dangerous_skip_schema=True, dangerous_skip_rules=True,
                     dangerous_no_replay_guard=True)
    schema = Verifier(tl, region="330200", clock=NOW, dangerous_skip_rules=True, dangerous_no_replay_guard=True)
    plain.verify(jws)
    schema.verify(jws)
    print(f"labourlink {labourlink.__version__}; {args.size} message ({TYPES[args.size]}): {len(jws)} bytes of JWS; "
          f"{os.cpu_count()} CPUs")

    data = jws.encode()
    rows = [
        ("verify (str)", lambda: plain.verify(jws)),
        ("verify (bytes)", lambda: plain.verify(data)),
        ("verify (schema)", lambda: schema.verify(jws)),
    ]
    for label, fn in rows:
        print(f"{label:<32} {best_per_call(fn, args.iterations) * 1e6:8.2f} µs/message")
    distinct = [labourlink.sign(document(args.size, i), key) for i in range(max(args.iterations * 5, args.batch))]
    pool: Iterator[str] = iter(distinct)
    full = Verifier(tl, region="330200", clock=NOW)  # the default: every stage
    per_full = best_per_call(lambda: full.verify(next(pool)), args.iterations)
    print(f"{'verify (schema+rules+replay)':<32} {per_full * 1e6:8.2f} µs/message  (distinct messages)")
    v = plain.verify(jws)
    per_body = best_per_call(lambda: plain.verify(jws).body, args.iterations // 4)
    print(f"{'verify + .body as dict':<32} {per_body * 1e6:8.2f} µs/message  (body: {len(v.body)} members)")

    # Cores busy = process CPU time / wall time: on a shared machine, a second thread only helps
    # when a second core is free.
    batch: List[str] = list(itertools.islice(distinct, args.batch))
    for threads in (1, 2, 0):
        runs = []
        for _ in range(3):
            start, cpu0 = time.perf_counter(), time.process_time()
            out = plain.verify_many(batch, threads=threads)
            wall, cpu = time.perf_counter() - start, time.process_time() - cpu0
            runs.append((wall, cpu / wall))
            assert all(isinstance(r, labourlink.Verified) for r in out)
        best, cores = min(runs)
        label = f"threads={threads}" + (" (all cores)" if threads == 0 else "")
        print(f"verify_many {len(batch)} {label:<18} {best:6.3f} s  {len(batch) / best:8.0f} msg/s"
              f"  ({cores:.2f} cores busy; median {statistics.median(r[0] for r in runs):.3f} s)")


if __name__ == "__main__":
    main()
