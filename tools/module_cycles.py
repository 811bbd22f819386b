#!/usr/bin/env python3
"""Fails when the top-level modules of a crate import each other in a cycle.

Reads every `crate::<module>` reference outside comments in `<crate>/src/<module>.rs` (and
`<module>/**.rs`), builds the graph module → modules it uses, and reports each cycle.
Usage: python3 tools/module_cycles.py protocol/src core/src
"""
import pathlib
import re
import sys

REF = re.compile(r"\bcrate::([a-z_][a-z0-9_]*)")
GROUP = re.compile(r"\bcrate::\{([^}]*)\}")


def modules(src: pathlib.Path) -> dict:
    graph = {}
    for path in sorted(src.rglob("*.rs")):
        rel = path.relative_to(src)
        name = rel.parts[0].removesuffix(".rs")
        if name in ("lib", "main", "build"):
            continue
        deps = graph.setdefault(name, set())
        code = "\n".join(
            line.split("//", 1)[0]
            for line in path.read_text(encoding="utf-8").splitlines()
        )
        found = REF.findall(code)
        for group in GROUP.findall(code):
            found += [g.strip().split("::")[0] for g in group.split(",")]
        for m in found:
            # `crate::json_imp` is the private implementation module behind the public facade
            # `json` (protocol/src/lib.rs): the same module for this graph.
            m = m.split()[0].removesuffix("_imp") if m.strip() else ""
            if m and m != name:
                deps.add(m)
    for deps in graph.values():
        deps &= set(graph)
    return graph


def cycles(graph: dict) -> list:
    found, state, stack = [], {}, []

    def visit(n):
        state[n] = 1
        stack.append(n)
        for d in sorted(graph.get(n, ())):
            if state.get(d) == 1:
                found.append(stack[stack.index(d):] + [d])
            elif d not in state:
                visit(d)
        stack.pop()
        state[n] = 2

    for n in sorted(graph):
        if n not in state:
            visit(n)
    return found


def main() -> int:
    bad = 0
    for src in sys.argv[1:]:
        graph = modules(pathlib.Path(src))
        for c in cycles(graph):
            print(f"{src}: module cycle: {' → '.join(c)}")
            bad += 1
        if not bad:
            order = ", ".join(f"{m} → {sorted(d) or '-'}" for m, d in sorted(graph.items()))
            print(f"{src}: no module cycle ({order})")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
