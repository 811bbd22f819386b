"""Turns the runners' JSON lines into the Markdown table of bench/compare/results.md.

Usage: report.py RESULTS.ndjson META.json HEADER.md  (prints the Markdown)

For each implementation and size the rate is the best over the rounds (each round's own rate
is already its fastest pass). The ratio is labourlink native's rate divided by the
implementation's: how many times more messages per second and core labourlink verifies.
A second table sets the Node/WASM package against the Node stack round by round (the two run
one after the other in each round) with the median of those ratios, which one fast pass moves
less than the best-of-all-rounds figure.
"""

from __future__ import annotations

import json
import statistics
import sys

NATIVE = "labourlink native (Rust)"
PACKAGE = "labourlink Node/WASM package"
NODE_STACK = "node: jose + canonicalize + ajv"
PACKAGE_TARGETS = {"1kb": "≥ 1.5×", "3kb": "≥ 1.5×", "30kb": "> 1×"}
SIZES = ["1kb", "3kb", "30kb"]
TARGETS = {
    "python: joserfc + rfc8785 + jsonschema": "≥ 2.5×",
    "node: jose + canonicalize + ajv": "≥ 2×",
}


def main() -> None:
    results_path, meta_path, header_path = sys.argv[1:4]
    meta = json.load(open(meta_path))
    best: dict[tuple[str, str], float] = {}
    rounds: dict[tuple[str, str], list[float]] = {}
    notes: dict[str, str] = {}
    skipped: dict[str, str] = {}
    order: list[str] = []
    for line in open(results_path):
        line = line.strip()
        if not line.startswith("{"):
            continue
        r = json.loads(line)
        name = r["impl"]
        if name not in order:
            order.append(name)
        if "skipped" in r:
            skipped[name] = r["skipped"]
            continue
        key = (name, r["size"])
        best[key] = max(best.get(key, 0.0), r["best_rate"])
        rounds.setdefault(key, []).append(r["best_rate"])
        if r.get("note"):
            notes[name] = r["note"]
    out = [open(header_path).read().rstrip(), ""]
    sizes = meta["sizes"]
    out.append(
        "Sizes: "
        + "; ".join(f"{s} = `{sizes[s]['type']}`, {sizes[s]['jws_bytes']} bytes of JWS" for s in SIZES)
        + ". `native ÷ it` = labourlink native's rate divided by the row's (higher: labourlink faster)."
    )
    out.append("")
    out.append("| implementation | " + " | ".join(f"{s} msg/s | native ÷ it" for s in SIZES) + " | target |")
    out.append("|---|" + "---:|---:|" * len(SIZES) + "---|")
    for name in order:
        if name in skipped and not any((name, s) in best for s in SIZES):
            continue
        cells = []
        for s in SIZES:
            rate = best.get((name, s))
            native = best.get((NATIVE, s))
            if rate is None:
                cells += ["—", "—"]
            else:
                ratio = f"{native / rate:.2f}×" if native else "—"
                cells += [f"{rate:,.0f}".replace(",", " "), ratio]
        label = name + (" †" if name in notes else "")
        out.append(f"| {label} | " + " | ".join(cells) + f" | {TARGETS.get(name, '')} |")
    pairs = {
        s: list(zip(rounds.get((PACKAGE, s), []), rounds.get((NODE_STACK, s), [])))
        for s in SIZES
    }
    if any(pairs.values()):
        out.append("")
        out.append(
            f"The package against the Node stack (`{NODE_STACK}`), each round's two runs side by side:"
        )
        out.append("")
        out.append("| size | package ÷ Node stack, per round | median | target |")
        out.append("|---|---|---:|---|")
        for s in SIZES:
            ratios = [p / n for p, n in pairs[s] if n > 0]
            if not ratios:
                continue
            median = statistics.median(ratios)
            per_round = ", ".join(f"{x:.2f}×" for x in ratios)
            out.append(f"| {s} | {per_round} | {median:.2f}× | {PACKAGE_TARGETS[s]} |")
    out.append("")
    for name, note in notes.items():
        out.append(f"- † {name}: {note}")
    for name, why in skipped.items():
        if not any((name, s) in best for s in SIZES):
            out.append(f"- skipped: {name} — {why}")
    print("\n".join(out).rstrip() + "\n")


if __name__ == "__main__":
    main()
