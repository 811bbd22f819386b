#!/usr/bin/env python3
"""Checks the labourlink schemas, flow table and examples.

    python schemas/tools/check.py            # from the repository root (CI)

Needs the `jsonschema` package (and its own dependency `referencing`) and the labourlink command
line (`$LABOURLINK_BIN`, else `labourlink` on the PATH): the core decides everything it already
knows — check digits, canonical form, the pension arithmetic — and this script does not repeat it.
Checks:

1. every schemas/*.schema.json is a valid JSON Schema draft 2020-12 document;
2. lint: `$schema` is draft 2020-12, `$id` is `urn:labourlink:schema:<name>:1` matching the file name, every
   property of every object schema has a Chinese `title` and an English `description`, every object schema is
   closed (`additionalProperties: false`; typed maps with `propertyNames` in flows.schema.json) except the
   `extensions` definition and the envelope's `body` (closed by the per-type dispatch), no `"number"` type,
   every `$ref` resolves, the body schemas are exactly the catalogue (message_types! in core/src/messages/mod.rs);
3. every examples/<type>.json validates as a whole document against envelope.schema.json and its body against
   <type>.schema.json, with format assertions on; ids are lowercase UUID v7 and unique; a reply's in_reply_to
   names another example, and the pair is allowed by flows.json (type, sender, case); a receipt's digest is the
   SHA-256 of the canonical (RFC 8785) bytes of the example it acknowledges;
4. every example passes the core's `labourlink validate` without a finding (envelope, schema and business
   rules: citizen-ID and USCC check digits, ID against the person record, the pension information table's
   12 % pooled fund, rows against totals, ...); region codes in examples are among the few this project's
   examples use (KNOWN_REGIONS); a receipt's digest is checked over `labourlink canonicalize`'s bytes;
5. flows.json validates against flows.schema.json and names only existing types, case types, roles, parameters
   and reason codes.

Exits 1 and lists every problem if anything fails.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

try:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012
except ImportError:  # pragma: no cover
    sys.exit("check.py needs the 'jsonschema' package: pip install jsonschema")

HERE = Path(__file__).resolve().parent
SCHEMAS = HERE.parent  # core/schemas (the repository's schemas/ links here)
CRATE = SCHEMAS.parent  # core/
ROOT = CRATE.parent
# The catalogue's one list of message types: the `message_types!` invocation (wire names).
CATALOGUE_RS = CRATE / "src" / "messages" / "mod.rs"
DRAFT_URI = "https://json-schema.org/draft/2020-12/schema"
ID_RE = re.compile(r"^urn:labourlink:schema:([a-z0-9_.]+):([0-9]+)$")
CJK_RE = re.compile(r"[\u4e00-\u9fff]")
UUID7_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")

# GB/T 2260 codes that examples may use (domain.md §1.1, §1.2; historic Ningbo codes allowed).
KNOWN_REGIONS = {
    "330000", "330200", "330203", "330205", "330206", "330211", "330212", "330213", "330225", "330226",
    "330281", "330282", "330204", "330283",
    "510000", "513400", "513401", *(f"5134{n}" for n in range(26, 38)),
    "520000", "522300", "522301", "522600", "522700",
    "810000", "820000", "830000", "110105", "440524",
    "320000", "320500",  # 苏州市: an earlier place of the benefit-place examples (temporary account)
}

problems: list[str] = []


def problem(where: str, msg: str) -> None:
    problems.append(f"{where}: {msg}")


def load(path: Path):
    where = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)

    def no_duplicates(pairs):
        keys = [k for k, _ in pairs]
        for k in {k for k in keys if keys.count(k) > 1}:
            problem(where, f"duplicate key {k!r}")
        return dict(pairs)

    def no_float(text):
        problem(where, f"number {text} is not an integer (integers only)")
        return None

    try:
        with path.open(encoding="utf-8") as f:
            return json.load(f, parse_float=no_float, object_pairs_hook=no_duplicates)
    except (OSError, ValueError) as e:
        problem(where, f"cannot load: {e}")
        return None


# ---------------------------------------------------------------------------------------------
# the core, through its command line

USCC_RE = re.compile(r"^[0-9ABCDEFGHJKLMNPQRTUWXY]{2}[0-9]{6}[0-9ABCDEFGHJKLMNPQRTUWXY]{10}$")


def labourlink_bin() -> str | None:
    found = os.environ.get("LABOURLINK_BIN") or shutil.which("labourlink")
    if not found or not Path(found).exists():
        problem("check.py", "the labourlink CLI is needed: build it and set LABOURLINK_BIN")
        return None
    return found


def core_findings(where: str, path: Path, cli: str) -> None:
    """Every finding of `labourlink validate` (envelope, schema, rules) is a problem here."""
    run = subprocess.run([cli, "validate", "--json", str(path)], capture_output=True, text=True)
    try:
        report = json.loads(run.stdout)
    except ValueError:
        problem(where, f"labourlink validate failed (exit {run.returncode}): {run.stderr.strip()[:300]}")
        return
    for f in report.get("findings", []):
        problem(where, f"{f['path'] or '/'}: {f['code']} ({f['severity']}): {f['message']}")


def digest(path: Path, cli: str) -> str:
    """SHA-256 of the canonical (RFC 8785) bytes the core gives the document, base64url."""
    canonical = subprocess.run([cli, "canonicalize", str(path)], capture_output=True, check=True).stdout
    raw = hashlib.sha256(canonical.rstrip(b"\n")).digest()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


# ---------------------------------------------------------------------------------------------
# schemas

def catalogue() -> list[str]:
    try:
        text = CATALOGUE_RS.read_text(encoding="utf-8")
    except OSError as e:
        problem("core/src/messages/mod.rs", f"cannot read the catalogue: {e}")
        return []
    m = re.search(r"^message_types! \{(.*?)^\}", text, re.S | re.M)
    if not m:
        problem("core/src/messages/mod.rs", "the message_types! list was not found")
        return []
    return re.findall(r'^\s*[A-Za-z]+ = "([a-z0-9_.]+)",', m.group(1), re.M)


def walk(node, path=""):
    """Yields (json_pointer, subschema) for every dict inside a schema."""
    if isinstance(node, dict):
        yield path, node
        for k, v in node.items():
            if k in ("const", "enum", "default", "examples"):
                continue
            yield from walk(v, f"{path}/{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from walk(v, f"{path}/{i}")


def lint(name: str, schema: dict, registry: Registry) -> None:
    where = f"schemas/{name}.schema.json"
    if schema.get("$schema") != DRAFT_URI:
        problem(where, f"$schema must be {DRAFT_URI}")
    sid = schema.get("$id", "")
    m = ID_RE.match(sid)
    if not m:
        problem(where, f"$id {sid!r} is not urn:labourlink:schema:<name>:<major>")
    elif m.group(1) != name or m.group(2) != "1":
        problem(where, f"$id {sid!r} does not match the file name (expected urn:labourlink:schema:{name}:1)")
    if not (isinstance(schema.get("title"), str) and isinstance(schema.get("description"), str)):
        problem(where, "top level needs title and description")
    resolver = registry.resolver(base_uri=sid)
    for ptr, sub in walk(schema):
        t = sub.get("type")
        types = t if isinstance(t, list) else [t]
        if "number" in types:
            problem(where, f"{ptr}: type 'number' is not allowed (integers only)")
        if "$ref" in sub and isinstance(sub["$ref"], str):
            try:
                resolver.lookup(sub["$ref"])
            except Exception as e:  # noqa: BLE001 - report any resolution failure
                problem(where, f"{ptr}: $ref {sub['$ref']} does not resolve ({type(e).__name__})")
        if ptr.endswith("/properties/extensions") and name not in ("defs",):
            if sub.get("$ref") != "urn:labourlink:schema:defs:1#/$defs/extensions":
                problem(where, f"{ptr}: extensions must $ref the defs extensions object")
        if "object" not in types:
            continue
        open_ok = (name == "defs" and ptr == "/$defs/extensions") or (name == "envelope" and ptr == "/properties/body")
        ap = sub.get("additionalProperties")
        if ap is False:
            pass
        elif isinstance(ap, dict) and "propertyNames" in sub:
            pass  # a typed map (flows.schema.json)
        elif not open_ok:
            problem(where, f"{ptr}: object schema without additionalProperties: false")
        for pname, psub in (sub.get("properties") or {}).items():
            if not isinstance(psub, dict):
                continue
            title, desc = psub.get("title"), psub.get("description")
            if not (isinstance(title, str) and CJK_RE.search(title)):
                problem(where, f"{ptr}/properties/{pname}: needs a Chinese title")
            if not (isinstance(desc, str) and re.search(r"[A-Za-z]{3}", desc)):
                problem(where, f"{ptr}/properties/{pname}: needs an English description")
    for dname, dsub in (schema.get("$defs") or {}).items():
        if not (isinstance(dsub.get("title"), str) and isinstance(dsub.get("description"), str)):
            problem(where, f"/$defs/{dname}: needs title and description")


# ---------------------------------------------------------------------------------------------
# flows

def pattern_matches(pattern: str, t: str) -> bool:
    if pattern == "*":
        return True
    if pattern.endswith(".*"):
        return t.startswith(pattern[:-1])
    return pattern == t


def check_flows(flows, flows_schema, types: list[str], reason_codes: set[str]) -> None:
    where = "schemas/flows.json"
    for e in Draft202012Validator(flows_schema).iter_errors(flows):
        problem(where, f"{e.json_path}: {e.message}")
    if not isinstance(flows, dict):
        return
    msgs, cts = flows.get("messages", {}), flows.get("case_types", {})
    roles, params = flows.get("roles", {}), flows.get("parameters", {})
    if set(msgs) != set(types):
        problem(where, f"messages differ from the catalogue: missing {sorted(set(types) - set(msgs))}, "
                       f"unknown {sorted(set(msgs) - set(types))}")
    for t, m in msgs.items():
        w = f"{where} messages/{t}"
        if m.get("sender_role") not in roles:
            problem(w, f"sender_role {m.get('sender_role')!r} is not a role")
        for c in m.get("case_types", []) + m.get("initial_in", []):
            if c != "*" and c not in cts:
                problem(w, f"case type {c!r} is not in case_types")
        if "*" not in m.get("case_types", []):
            for c in m.get("initial_in", []):
                if c not in m.get("case_types", []):
                    problem(w, f"initial_in {c!r} is not among the message's case_types")
        for a in m.get("answers", []):
            if not any(pattern_matches(a["type"], x) for x in types):
                problem(w, f"answers pattern {a['type']!r} matches no message type")
            for c in a.get("case_types", []):
                if c not in cts:
                    problem(w, f"answers case type {c!r} is not in case_types")
        for r in m.get("refusal_reasons", []):
            if r not in reason_codes:
                problem(w, f"refusal reason {r!r} is not a defs reason_code")
        for d in m.get("deadlines", []):
            if d["parameter"] not in params:
                problem(w, f"deadline parameter {d['parameter']!r} is not in parameters")
            if "answering" in d and d["answering"] not in types:
                problem(w, f"deadline answering {d['answering']!r} is not a message type")
            for c in d.get("case_types", []):
                if c not in cts:
                    problem(w, f"deadline case type {c!r} is not in case_types")


def reply_problems(flows, reply: dict, earlier: dict) -> list[str]:
    m = flows["messages"].get(reply["type"])
    if m is None:
        return [f"type {reply['type']} not in flows.json"]
    party = lambda p: (p["region"], p["agency"])  # noqa: E731
    rf, rt, ef, et = party(reply["from"]), party(reply["to"]), party(earlier["from"]), party(earlier["to"])
    rcase, ecase = reply.get("case"), earlier.get("case")
    out = []
    entries = [a for a in m["answers"] if pattern_matches(a["type"], earlier["type"])
               and ("case_types" not in a or (rcase and rcase["type"] in a["case_types"]))]
    if not entries:
        return [f"{reply['type']} may not answer {earlier['type']} (flows.json)"]
    ok_sender = False
    for a in entries:
        if a["sender"] == "counterparty" and rf == et and rt == ef:
            ok_sender = True
        elif a["sender"] == "same" and rf == ef and rt == et:
            ok_sender = True
        elif a["sender"] == "either" and {rf, rt} == {ef, et}:
            ok_sender = True
    if not ok_sender:
        out.append(f"sender {rf} to {rt} is not allowed relative to the earlier {ef} to {et} "
                   f"({[a['sender'] for a in entries]})")
    if ecase and rcase != ecase:
        out.append(f"case {rcase} differs from the earlier message's case {ecase}")
    return out


# ---------------------------------------------------------------------------------------------
# examples

def walk_values(node, path=""):
    if isinstance(node, dict):
        for k, v in node.items():
            yield path, k, v, node
            yield from walk_values(v, f"{path}/{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from walk_values(v, f"{path}/{i}")


def check_regions(where: str, doc: dict) -> None:
    """Region codes in examples are among KNOWN_REGIONS (whether a code exists is the core's check)."""
    for path, key, val, _parent in walk_values(doc):
        if not isinstance(val, str):
            continue
        ptr = f"{path}/{key}"
        if key == "citizen_id" and len(val) == 18:
            code = val[:6]
        elif key == "uscc" or (key in ("agency", "code") and USCC_RE.fullmatch(val)):
            code = val[2:8]
        elif (key.endswith("region") or key in ("county", "registered_at")) and re.fullmatch(r"[0-9]{6}", val):
            code = val
        else:
            continue
        if code not in KNOWN_REGIONS:
            problem(where, f"{ptr} {val}: region {code} is not among the examples' GB/T 2260 codes")


def validate(where: str, what: str, schema: dict, instance, base: str, registry: Registry) -> None:
    v = Draft202012Validator(schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)
    try:
        for e in v.iter_errors(instance):
            ptr = base + "".join(f"/{x}" for x in e.absolute_path)
            problem(where, f"{what}: {ptr or '/'}: {e.message}")
    except Exception as e:  # noqa: BLE001 - an unresolvable $ref aborts validation; report, don't crash
        problem(where, f"{what}: validation aborted: {type(e).__name__}: {str(e)[:200]}")


def main() -> int:
    cli = labourlink_bin()
    types = catalogue()
    schema_files = sorted(SCHEMAS.glob("*.schema.json"))
    schemas: dict[str, dict] = {}
    for f in schema_files:
        s = load(f)
        if s is None:
            continue
        name = f.name[: -len(".schema.json")]
        try:
            Draft202012Validator.check_schema(s)
        except SchemaError as e:
            problem(f"schemas/{f.name}", f"not a valid draft 2020-12 schema: {e.message} at {e.json_path}")
            continue
        schemas[name] = s
    registry = Registry().with_resources(
        (s["$id"], Resource.from_contents(s, default_specification=DRAFT202012))
        for s in schemas.values() if "$id" in s)
    for name, s in schemas.items():
        lint(name, s, registry)

    body_names = set(schemas) - {"defs", "envelope", "flows"}
    if types and body_names != set(types):
        problem("schemas/", f"body schemas differ from the message_types! list of core/src/messages/mod.rs: missing "
                            f"{sorted(set(types) - body_names)}, unknown {sorted(body_names - set(types))}")
    defs = schemas.get("defs", {}).get("$defs", {})
    if types and defs.get("message_type", {}).get("enum") != types:
        problem("schemas/defs.schema.json", "$defs/message_type enum differs from the catalogue")
    reason_codes = {b["const"] for b in defs.get("reason_code", {}).get("oneOf", [])}

    flows = load(SCHEMAS / "flows.json")
    if flows is not None and "flows" in schemas:
        check_flows(flows, schemas["flows"], types, reason_codes)

    # examples
    examples: dict[str, dict] = {}
    by_id: dict[str, tuple[str, dict]] = {}
    for t in types:
        f = SCHEMAS / "examples" / f"{t}.json"
        if not f.exists():
            problem("schemas/examples", f"no example for {t}")
            continue
        doc = load(f)
        if doc is None:
            continue
        examples[t] = doc
    extra = {p.stem for p in (SCHEMAS / "examples").glob("*.json")} - set(types)
    if extra:
        problem("schemas/examples", f"examples of unknown types: {sorted(extra)}")
    for t, doc in examples.items():
        where = f"schemas/examples/{t}.json"
        if "envelope" in schemas:
            validate(where, "envelope", schemas["envelope"], doc, "", registry)
        if t in schemas:
            validate(where, "body", schemas[t], doc.get("body"), "/body", registry)
        if doc.get("type") != t:
            problem(where, f"type is {doc.get('type')!r}, expected {t!r}")
        if doc.get("schema_version") != "1.0" or doc.get("spec") != "labourlink/1":
            problem(where, "spec must be labourlink/1 and schema_version 1.0")
        mid = doc.get("id", "")
        if not UUID7_RE.match(mid):
            problem(where, f"id {mid!r} is not a lowercase UUID v7")
        if mid in by_id:
            problem(where, f"id {mid} also used by {by_id[mid][0]}")
        by_id[mid] = (t, doc)
        check_regions(where, doc)
        if cli:
            core_findings(where, SCHEMAS / "examples" / f"{t}.json", cli)
    if flows is not None:
        for t, doc in examples.items():
            where = f"schemas/examples/{t}.json"
            m = flows.get("messages", {}).get(t, {})
            case = doc.get("case")
            if case:
                ct = flows.get("case_types", {}).get(case.get("type"))
                if ct is None:
                    problem(where, f"case type {case.get('type')!r} is not in flows.json")
                elif "schemes" in ct and "scheme" in doc.get("body", {}) and doc["body"]["scheme"] not in ct["schemes"]:
                    problem(where, f"scheme {doc['body']['scheme']} is not allowed in {case['type']}")
                if "*" not in m.get("case_types", []) and case.get("type") not in m.get("case_types", []):
                    problem(where, f"{t} is not allowed in case type {case.get('type')}")
            elif not m.get("caseless"):
                problem(where, "a message of this type needs a case")
            irt = doc.get("in_reply_to")
            if irt is None:
                init = m.get("initial_in", [])
                if not m.get("caseless") and "*" not in init and (not case or case.get("type") not in init):
                    problem(where, f"{t} without in_reply_to is not allowed in case type "
                                   f"{case and case.get('type')}")
                continue
            if irt not in by_id:
                problem(where, f"in_reply_to {irt} names no example")
                continue
            for msg in reply_problems(flows, doc, by_id[irt][1]):
                problem(where, msg)
            if t == "receipt":
                b = doc.get("body", {})
                if b.get("received_id") != irt:
                    problem(where, "received_id must equal in_reply_to")
                want = digest(SCHEMAS / "examples" / f"{by_id[irt][0]}.json", cli) if cli else None
                if want and b.get("received_digest") != want:
                    problem(where, f"received_digest {b.get('received_digest')} ≠ digest of the acknowledged "
                                   f"example {want}")
    n = len(schemas)
    if problems:
        for p in problems:
            print(f"FAIL {p}")
        print(f"check.py: {len(problems)} problem(s) in {n} schemas, {len(examples)} examples")
        return 1
    print(f"check.py: OK — {n} schemas valid and linted, flows.json consistent, {len(examples)} examples valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
