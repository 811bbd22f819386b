#!/usr/bin/env python3
"""Markdown tables from the criterion results of `cargo bench -p labourlink-bench --bench verify`.

    python3 bench/criterion_table.py [CRITERION_DIR]   (default $CARGO_TARGET_DIR/criterion,
                                                        else target/criterion)

Reads `<group>/<bench>/new/estimates.json` (criterion's median, in ns) and prints, per size,
every benchmark with its time and its ratio to `ring_verify_only` of the same size: ratios of
benchmarks run minutes apart in the same process are the figures to compare across machines.
"""

from __future__ import annotations

import json
import os
import pathlib
import sys

SIZES = ["1kb", "3kb", "30kb"]
VERIFY = [
    ("ring_verify_only", "bare ring Ed25519 verify of the signing input (the floor)"),
    ("verify_pipeline", "`Verifier::verify`, stages 1–5"),
    ("verify_schema", "stages 1–6 (+ schema)"),
    ("verify_full", "stages 1–8 (+ rules, replay guard; distinct messages)"),
    ("sign", "`labourlink::sign` (canonicalise, re-parse, envelope, sign)"),
    ("ring_sign_only", "bare ring Ed25519 sign of the signing input"),
    ("canonicalize_payload", "`canonical::canonicalize` of the payload"),
]
STAGES = [
    ("json_parse", "1: strict JSON parse of the JWS text"),
    ("jws_parse", "1–2: `jws::parse` (includes the JSON parse, base64url)"),
    ("key_lookup", "3: `TrustList::key`"),
    ("signature", "4: `VerifyingKey::verify`"),
    ("canonical_payload", "5: `parse_canonical_payload` (payload JSON, canonical check, SHA-256)"),
    ("envelope", "5: `Document::from_json`"),
    ("schema", "6: `schema::validate_body`"),
    ("rules", "7: `RulesStage`"),
    ("replay", "8: `InMemoryReplayGuard::check_and_record`"),
]


def median_ns(root: pathlib.Path, group: str, bench: str) -> float | None:
    p = root / group / bench / "new" / "estimates.json"
    if not p.exists():
        return None
    return json.loads(p.read_text())["median"]["point_estimate"]


def fmt(ns: float | None) -> str:
    if ns is None:
        return "—"
    if ns >= 1e6:
        return f"{ns / 1e6:.2f} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:.1f} µs"
    return f"{ns:.0f} ns"


def table(root: pathlib.Path, prefix: str, rows: list[tuple[str, str]]) -> list[str]:
    out = ["| benchmark | " + " | ".join(f"{s} | ÷ floor" for s in SIZES) + " |"]
    out.append("|---|" + "---:|---:|" * len(SIZES))
    for bench, what in rows:
        cells = []
        for s in SIZES:
            t = median_ns(root, f"{prefix}_{s}", bench)
            floor = median_ns(root, f"verify_{s}", "ring_verify_only")
            ratio = f"{t / floor:.2f}×" if t is not None and floor else "—"
            cells += [fmt(t), ratio]
        out.append(f"| `{bench}` — {what} | " + " | ".join(cells) + " |")
    return out


def main() -> None:
    if len(sys.argv) > 1:
        root = pathlib.Path(sys.argv[1])
    else:
        target = os.environ.get("CARGO_TARGET_DIR", "target")
        root = pathlib.Path(target) / "criterion"
    lines = ["Whole pipeline (`verify_<size>` groups), median per operation:", ""]
    lines += table(root, "verify", VERIFY)
    lines += ["", "Stages (`stages_<size>` groups), median per operation:", ""]
    lines += table(root, "stages", STAGES)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
