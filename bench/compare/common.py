"""Timing loop shared by the Python runners of bench/compare.

A runner is called as ``RUNNER DIR SIZE SECONDS [--no-schema]`` and prints one JSON line:
``{"impl", "size", "messages", "passes", "best_rate", "median_rate", "note"}``.
It verifies every message of ``DIR/messages-SIZE.ndjson`` once (warm-up, and every result
must be a success), then makes passes over all of them until SECONDS have gone by (at least
3 passes). ``best_rate`` is messages per second of the fastest pass: the machine is shared,
and the fastest pass is the one least disturbed by other work.
"""

from __future__ import annotations

import json
import pathlib
import statistics
import sys
import time
from typing import Callable


def args() -> tuple[pathlib.Path, str, float]:
    if len(sys.argv) not in (4, 5) or sys.argv[4:] not in ([], ["--no-schema"]):
        sys.exit(f"usage: {sys.argv[0]} DIR SIZE SECONDS [--no-schema]")
    return pathlib.Path(sys.argv[1]), sys.argv[2], float(sys.argv[3])


def no_schema() -> bool:
    """Whether ``--no-schema`` was given: signature and canonical form only."""
    return sys.argv[4:] == ["--no-schema"]


def messages(d: pathlib.Path, size: str) -> list[bytes]:
    return [l for l in (d / f"messages-{size}.ndjson").read_bytes().split(b"\n") if l]


def run(name: str, verify: Callable[[bytes], object], note: str = "") -> None:
    d, size, seconds = args()
    msgs = messages(d, size)
    for m in msgs:  # warm-up, and proof that the work is done
        verify(m)
    rates = []
    deadline = time.perf_counter() + seconds
    while len(rates) < 3 or time.perf_counter() < deadline:
        t0 = time.perf_counter()
        for m in msgs:
            verify(m)
        rates.append(len(msgs) / (time.perf_counter() - t0))
    print(
        json.dumps(
            {
                "impl": name,
                "size": size,
                "messages": len(msgs),
                "passes": len(rates),
                "best_rate": max(rates),
                "median_rate": statistics.median(rates),
                "note": note,
            }
        ),
        flush=True,
    )


def skip(name: str, size: str, why: str) -> None:
    print(json.dumps({"impl": name, "size": size, "skipped": why}), flush=True)
