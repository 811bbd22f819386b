// The error classes: real Errors, named by family, with code / messageZh / path / violations.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as ll from "labourlink";
import { letter, liangshanKey, throwsLl } from "./support.mjs";

const FAMILIES = {
  JsonError: "json.syntax",
  JwsError: "jws.malformed",
  KeyRejectedError: "key.rejected",
  KeyResolutionError: "key.unknown",
  SignatureError: "signature.invalid",
  EnvelopeError: "envelope.invalid",
  TrustListError: "trust_list.stale",
  SchemaError: "schema.invalid",
  RuleError: "rule.violation",
  ReplayError: "replay.duplicate",
};

test("every class is exported, extends LabourlinkError and Error, and has its name", () => {
  for (const name of Object.keys(FAMILIES)) {
    const cls = ll[name];
    assert.equal(typeof cls, "function", name);
    const e = new cls("m", { code: FAMILIES[name], messageZh: "中", path: "/x" });
    assert.ok(e instanceof ll.LabourlinkError);
    assert.ok(e instanceof Error);
    assert.equal(e.name, name);
    assert.equal(e.code, FAMILIES[name]);
    assert.equal(e.path, "/x");
    assert.deepEqual(e.violations, []);
    assert.match(String(e), new RegExp(`^${name}: m$`));
  }
  const base = new ll.LabourlinkError("m");
  assert.equal(base.name, "LabourlinkError");
  assert.equal(base.path, null);
});

test("errors from the core carry the English and Chinese message and serialise with toJSON", () => {
  const e = throwsLl(() => ll.sign({ ...letter(), body: { x: 0.5 } }, liangshanKey()), { cls: ll.JsonError, code: "json.not_integer", path: "/body/x" });
  assert.match(e.messageZh, /（位置：\/body\/x）$/);
  const json = JSON.parse(JSON.stringify(e));
  assert.deepEqual(Object.keys(json).sort(), ["code", "message", "messageZh", "name", "path", "violations"]);
  assert.equal(json.name, "JsonError");
  assert.ok(typeof e.stack === "string" && e.stack.length > 0);
});

test("input.* and internal.* map to LabourlinkError itself", () => {
  const e = throwsLl(() => ll.sign(letter(), []), { code: "input.invalid" });
  assert.equal(e.constructor, ll.LabourlinkError);
  assert.equal(e.name, "LabourlinkError");
});

test("schema violations are listed with pointers", () => {
  const e = throwsLl(() => ll.validateBody("receipt", { status: "maybe" }), { cls: ll.SchemaError, code: "schema.invalid" });
  assert.ok(e.violations.length >= 1);
  for (const v of e.violations) {
    assert.deepEqual(Object.keys(v), ["code", "path", "message", "messageZh"]);
    assert.match(v.path, /^\/body/);
  }
});
