"""(a) The Python peer stack: joserfc + rfc8785 + jsonschema doing labourlink's core work.

For each message: parse the JWS (general JSON serialization), find the key by ``kid`` in the
partner key set, verify the Ed25519 signature (joserfc), decode the payload, re-canonicalise it
(rfc8785) and compare with the received bytes, and validate the body against its type's schema
(jsonschema, draft 2020-12, format assertions on, every ``$ref`` resolved from schemas/).
It does not check the envelope, key validity dates or the trust list's freshness, which
labourlink does: the comparison flatters the peer stack slightly.

With ``--no-schema`` the schema validation is left out (signature and canonical form only).

Usage: py_stack.py DIR SIZE SECONDS [--no-schema] (see common.py).
"""

from __future__ import annotations

import json
import pathlib

import rfc8785
from joserfc import jws
from joserfc.jwk import KeySet
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

import common

ROOT = pathlib.Path(__file__).resolve().parents[2]


def validators() -> dict:
    schemas = {}
    resources = []
    for p in sorted((ROOT / "schemas").glob("*.schema.json")):
        s = json.loads(p.read_text(encoding="utf-8"))
        schemas[p.name[: -len(".schema.json")]] = s
        resources.append((s["$id"], Resource.from_contents(s, default_specification=DRAFT202012)))
    registry = Registry().with_resources(resources)
    checker = Draft202012Validator.FORMAT_CHECKER
    return {
        t: Draft202012Validator(s, registry=registry, format_checker=checker)
        for t, s in schemas.items()
        if t not in ("defs", "envelope", "flows")
    }


def main() -> None:
    d, _, _ = common.args()
    keys = KeySet.import_key_set(json.loads((d / "keys.json").read_text()))
    by_type = {} if common.no_schema() else validators()

    def verify(message: bytes) -> None:
        obj = jws.deserialize_json(json.loads(message), keys, algorithms=["Ed25519"])
        payload = obj.payload
        doc = json.loads(payload)
        if rfc8785.dumps(doc) != payload:
            raise ValueError("payload is not canonical")
        if by_type:
            by_type[doc["type"]].validate(doc["body"])

    if common.no_schema():
        common.run("python: joserfc + rfc8785, no schema", verify, "signature and canonical form only")
    else:
        common.run("python: joserfc + rfc8785 + jsonschema", verify)


if __name__ == "__main__":
    main()
