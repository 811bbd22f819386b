#!/usr/bin/env python3
"""Generate ``python/labourlink/messages.py``: a ``TypedDict`` for every message body in ``schemas/``.

Usage: ``python bindings-python/tools/gen_typeddicts.py [--check]`` (from anywhere; paths are
relative to this file). ``--check`` exits 1 when the file on disk differs from what would be
generated; CI regenerates and runs ``git diff --exit-code`` instead.

Mapping (JSON Schema draft 2020-12 → typing, Python 3.9 compatible):

* object with ``properties`` → ``TypedDict``; required members in a base class, optional ones in
  a ``total=False`` subclass (Python 3.9 has no ``NotRequired``); member names that are not
  identifiers use the functional syntax;
* object without ``properties`` → ``Dict[str, T]`` (``T`` from ``additionalProperties``, else ``Any``);
* ``$ref`` to ``defs.schema.json#/$defs/<name>`` → the named definition (objects become TypedDicts,
  scalars type aliases);
* ``const``, ``enum`` and a ``oneOf`` of ``const``s → ``Literal[...]``; ``type`` lists → ``Union``;
* ``array`` → ``List[T]``; string/integer/number/boolean/null → str/int/float/bool/None;
* conditional keywords (``if``/``then``/``else``, ``allOf`` of conditionals, ``not``) and value
  constraints (patterns, lengths, ranges) are not expressible in ``TypedDict``: the core checks them.

Only the standard library is used; the output is deterministic (sorted by file name, then in
schema order).
"""

from __future__ import annotations

import json
import keyword
import re
import sys
import textwrap
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

HERE = Path(__file__).resolve().parent
SCHEMAS = HERE.parent.parent / "schemas"
OUTPUT = HERE.parent / "python" / "labourlink" / "messages.py"
DEFS_PREFIX = "urn:labourlink:schema:defs:1#/$defs/"
NOT_BODIES = {"defs", "envelope", "flows"}

Schema = Dict[str, Any]


def camel(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^0-9A-Za-z]+", name) if part)


def singular(name: str) -> str:
    """The class name for the items of an array member: ``Workers`` → ``Worker``."""
    if name.endswith("ies"):
        return name[:-3] + "y"
    if name.endswith("s") and not name.endswith("ss"):
        return name[:-1]
    return name + "Item"


def py_literal(value: Any) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return repr(value)


def doc_lines(schema: Schema, indent: str) -> List[str]:
    """A docstring from ``title`` and ``description``."""
    parts = [p for p in (schema.get("title"), schema.get("description")) if p]
    if not parts:
        return []
    text = " — ".join(str(p).replace('"""', "'''").replace("\\", "\\\\") for p in parts)
    wrapped = textwrap.wrap(text, width=96 - len(indent), break_long_words=False, break_on_hyphens=False)
    if len(wrapped) == 1:
        return [f'{indent}"""{wrapped[0]}"""']
    return [f'{indent}"""{wrapped[0]}'] + [f"{indent}{w}" for w in wrapped[1:]] + [f'{indent}"""']


class Generator:
    def __init__(self, defs: Dict[str, Schema]) -> None:
        self.defs = defs
        self.out: List[str] = []
        self.names: Dict[str, str] = {}  # generated name -> JSON of its schema
        self.defined_defs: Dict[str, str] = {}  # def name -> Python name
        self.typing: set[str] = set()

    # -- names -------------------------------------------------------------------------------
    def fresh(self, name: str, schema: Schema) -> Tuple[str, bool]:
        """A unique class name for `schema`; True when it still has to be emitted."""
        key = json.dumps(schema, sort_keys=True)
        candidate, n = name, 1
        while candidate in self.names:
            if self.names[candidate] == key:
                return candidate, False
            n += 1
            candidate = f"{name}{n}"
        self.names[candidate] = key
        return candidate, True

    # -- types -------------------------------------------------------------------------------
    def ref(self, ref: str) -> str:
        if not ref.startswith(DEFS_PREFIX):
            raise SystemExit(f"unsupported $ref {ref!r}")
        name = ref[len(DEFS_PREFIX):]
        if name not in self.defined_defs:
            schema = self.defs[name]
            if self.is_object(schema):
                self.defined_defs[name] = self.typed_dict(camel(name), schema)
            else:
                ann = self.annotation(schema, camel(name))
                py, _ = self.fresh(camel(name), schema)
                self.defined_defs[name] = py
                self.out.extend(["", ""])
                self.out.append(f"{py} = {ann}")
                self.out.extend(doc_lines(schema, ""))
        return self.defined_defs[name]

    @staticmethod
    def is_object(schema: Schema) -> bool:
        return schema.get("type") == "object" and "properties" in schema

    def literal(self, values: List[Any]) -> str:
        self.typing.add("Literal")
        return "Literal[" + ", ".join(py_literal(v) for v in values) + "]"

    def annotation(self, schema: Schema, name: str) -> str:
        """The annotation for `schema`; `name` is used for nested TypedDicts."""
        if "$ref" in schema:
            return self.ref(schema["$ref"])
        if "const" in schema:
            return self.literal([schema["const"]])
        if "enum" in schema:
            return self.literal(list(schema["enum"]))
        one_of = schema.get("oneOf") or schema.get("anyOf")
        if one_of:
            if all("const" in s for s in one_of):
                return self.literal([s["const"] for s in one_of])
            self.typing.add("Union")
            return "Union[" + ", ".join(self.annotation(s, f"{name}{i + 1}") for i, s in enumerate(one_of)) + "]"
        t = schema.get("type")
        if isinstance(t, list):
            anns = [self.annotation({**schema, "type": x}, name) for x in t]
            self.typing.add("Union")
            return "Union[" + ", ".join(anns) + "]"
        if t == "object" or (t is None and "properties" in schema):
            if "properties" in schema:
                return self.typed_dict(name, schema)
            extra = schema.get("additionalProperties")
            self.typing.add("Dict")
            if isinstance(extra, dict):
                return f"Dict[str, {self.annotation(extra, name + 'Value')}]"
            self.typing.add("Any")
            return "Dict[str, Any]"
        if t == "array":
            self.typing.add("List")
            items = schema.get("items")
            if isinstance(items, dict):
                return f"List[{self.annotation(items, singular(name))}]"
            self.typing.add("Any")
            return "List[Any]"
        simple = {"string": "str", "integer": "int", "number": "float", "boolean": "bool", "null": "None"}
        if t in simple:
            return simple[t]
        self.typing.add("Any")
        return "Any"

    def typed_dict(self, name: str, schema: Schema) -> str:
        name, new = self.fresh(name, schema)
        if not new:
            return name
        props: Dict[str, Schema] = schema["properties"]
        required = [k for k in props if k in set(schema.get("required", []))]
        optional = [k for k in props if k not in set(schema.get("required", []))]
        # Nested types first, so that every name is defined before it is used.
        prefix = name[: -len("Body")] if name.endswith("Body") else name
        anns = {k: self.annotation(v, prefix + camel(k)) for k, v in props.items()}
        self.typing.add("TypedDict")
        functional = any(not k.isidentifier() or keyword.iskeyword(k) for k in props)
        self.out.append("")
        self.out.append("")
        if not optional or not required:
            total = "" if optional == [] else ", total=False"
            self.emit_class(name, "TypedDict", total, schema, props, list(props), anns, functional)
        else:
            base = f"_{name}Required"
            self.emit_class(base, "TypedDict", "", {}, props, required, anns, functional)
            self.out.append("")
            self.out.append("")
            self.emit_class(name, base, ", total=False", schema, props, optional, anns, functional)
        return name

    def emit_class(
        self,
        name: str,
        base: str,
        total: str,
        schema: Schema,
        props: Dict[str, Schema],
        keys: List[str],
        anns: Dict[str, str],
        functional: bool,
    ) -> None:
        if functional:
            if base != "TypedDict":
                # The functional syntax cannot inherit: repeat the required members.
                raise SystemExit(f"{name}: optional members with non-identifier names are not supported")
            fields = ", ".join(f"{k!r}: {anns[k]}" for k in keys)
            self.out.append(f"{name} = TypedDict({name!r}, {{{fields}}}{total})")
            self.out.extend(doc_lines(schema, ""))
            return
        self.out.append(f"class {name}({base}{total}):")
        body = doc_lines(schema, "    ")
        for k in keys:
            title = props[k].get("title")
            if title:
                body.append(f"    #: {title}")
            body.append(f"    {k}: {anns[k]}")
        self.out.extend(body or ["    pass"])


def generate() -> str:
    defs_schema = json.loads((SCHEMAS / "defs.schema.json").read_text(encoding="utf-8"))
    gen = Generator(defs_schema.get("$defs", {}))
    bodies: List[Tuple[str, str]] = []
    for path in sorted(SCHEMAS.glob("*.schema.json")):
        message_type = path.name[: -len(".schema.json")]
        if message_type in NOT_BODIES:
            continue
        schema = json.loads(path.read_text(encoding="utf-8"))
        gen.out.extend(["", ""])
        gen.out.append(f"# --- {message_type} " + "-" * max(0, 84 - len(message_type)))
        name = gen.typed_dict(camel(message_type) + "Body", schema)
        bodies.append((message_type, name))
    typing_names = ", ".join(sorted(gen.typing | {"Dict"}))
    head = [
        '"""TypedDicts of every message body, generated from ``schemas/`` — do not edit by hand.',
        "",
        "Regenerate with ``python bindings-python/tools/gen_typeddicts.py`` (CI checks that this file is",
        "current). Value constraints (patterns, lengths, ranges, check digits) and conditional",
        "requirements are checked by the core, not by the type checker.",
        "",
        ">>> from labourlink.messages import WorkerTransferRosterBody",
        '>>> body: WorkerTransferRosterBody = {"roster_number": "LS-2026-001", "workers": []}',
        '"""',
        "",
        "# generated by bindings-python/tools/gen_typeddicts.py",
        "from __future__ import annotations",
        "",
        f"from typing import {typing_names}",
    ]
    tail = [
        "",
        "",
        "BODY_TYPES: Dict[str, type] = {",
        *[f"    {t!r}: {n}," for t, n in bodies],
        "}",
        '"""The body ``TypedDict`` of each message type."""',
        "",
        "__all__ = [",
        '    "BODY_TYPES",',
        *[f"    {n!r}," for n in sorted(gen.names) if not n.startswith("_")],
        "]",
    ]
    text = "\n".join(head + gen.out + tail) + "\n"
    return re.sub(r"\n{3,}", "\n\n\n", text)


def main(argv: Optional[List[str]] = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    text = generate()
    if "--check" in argv:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT} is not current; run {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
