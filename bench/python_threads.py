#!/usr/bin/env python3
"""Does ``Verifier.verify_many`` (and ``verify``) from Python scale across threads?

The binding releases the GIL for the whole Rust work (``py.detach``): converting the inputs to
bytes and the results to Python objects are the only parts that hold it. This runner times, on
the inputs of ``bench_inputs compare DIR`` (distinct messages), with the **default** pipeline
(stages 1–8, replay guard included: a fresh ``Verifier`` per pass, built outside the timing):

* ``many-1``: ``verify_many(messages, threads=1)``;
* ``many-2``: ``verify_many(messages, threads=2)`` (the core's worker threads);
* ``py-threads-1`` / ``py-threads-2``: one / two Python threads, each calling
  ``verify_many(its share, threads=1)`` on the **same** verifier (shared replay guard);
* ``verify-1`` / ``verify-2``: one / two Python threads calling ``verify(message)`` in a loop on
  the same verifier.

The modes are interleaved: each round runs every mode once (one pass over all messages), so
a neighbour's load lands on every mode alike. Prints one JSON line per mode: best and median
rate (messages per second) over the rounds. Every result must be a success.

Usage: ``python_threads.py DIR SIZE SECONDS`` (see ``bench/python.sh``).
"""

from __future__ import annotations

import json
import pathlib
import statistics
import sys
import threading
import time
from typing import Callable, Dict, List

import labourlink


def main() -> None:
    if len(sys.argv) != 4:
        sys.exit(f"usage: {sys.argv[0]} DIR SIZE SECONDS")
    d, size, seconds = pathlib.Path(sys.argv[1]), sys.argv[2], float(sys.argv[3])
    msgs = [l for l in (d / f"messages-{size}.ndjson").read_bytes().split(b"\n") if l]
    meta = json.loads((d / "meta.json").read_text())
    trust = labourlink.TrustList.from_body(json.loads((d / "trust_list.json").read_text()))

    def fresh() -> labourlink.Verifier:
        return labourlink.Verifier(trust, region=meta["region"], clock=meta["now"],
                                   max_age_seconds=366 * 86_400)  # the 30 KB roster is from March

    def check(results: List[object]) -> None:
        bad = [r for r in results if not isinstance(r, labourlink.Verified)]
        if bad:
            raise SystemExit(f"{len(bad)} messages did not verify: {bad[0]!r}")

    def in_threads(n: int, work: Callable[[List[bytes]], None]) -> None:
        shares = [msgs[i::n] for i in range(n)]
        threads = [threading.Thread(target=work, args=(s,)) for s in shares]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    def many(threads: int) -> Callable[[labourlink.Verifier], None]:
        return lambda v: check(v.verify_many(msgs, threads=threads))

    def py_threads(n: int) -> Callable[[labourlink.Verifier], None]:
        return lambda v: in_threads(n, lambda share: check(v.verify_many(share, threads=1)))

    def loop(n: int) -> Callable[[labourlink.Verifier], None]:
        def work(v: labourlink.Verifier) -> None:
            def one(share: List[bytes]) -> None:
                for m in share:
                    v.verify(m)

            in_threads(n, one)

        return work

    modes: Dict[str, Callable[[labourlink.Verifier], None]] = {
        "many-1": many(1),
        "many-2": many(2),
        "py-threads-1": py_threads(1),
        "py-threads-2": py_threads(2),
        "verify-1": loop(1),
        "verify-2": loop(2),
    }
    for work in modes.values():  # warm-up, and proof that every message verifies
        work(fresh())
    rates: Dict[str, List[float]] = {name: [] for name in modes}
    deadline = time.perf_counter() + seconds
    while len(rates["many-1"]) < 3 or time.perf_counter() < deadline:
        for name, work in modes.items():
            v = fresh()
            t0 = time.perf_counter()
            work(v)
            rates[name].append(len(msgs) / (time.perf_counter() - t0))
    for name, r in rates.items():
        print(json.dumps({"impl": f"labourlink Python {name}", "size": size,
                          "messages": len(msgs), "passes": len(r), "best_rate": max(r),
                          "median_rate": statistics.median(r)}))


if __name__ == "__main__":
    main()
