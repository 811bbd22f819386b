// The error classes: real Errors, named by family, with code / messageZh / path / violations.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as ll from "labourlink";
import { letter, liangshanKey, signed, throwsLl, verifier } from "./support.mjs";

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

test("a freed key, guard or verifier says it was freed, as a method's object and as an argument", () => {
  const freed = /was freed .*make a new one/;
  const key = ll.SigningKey.fromSeed(new Uint8Array(32).fill(1), "330200-si-2026a");
  const pub = key.verifyingKey();
  key.free();
  assert.match(throwsLl(() => key.kid, { cls: TypeError, code: "input.invalid" }).message, /this SigningKey was freed/);
  assert.match(throwsLl(() => ll.sign(letter(), key), { cls: TypeError }).message, /sign: keys was freed/);
  assert.match(throwsLl(() => ll.sign(letter(), [liangshanKey(), key]), { cls: TypeError }).message, /sign: keys\[1\] was freed/);
  const other = liangshanKey().verifyingKey();
  other.free();
  assert.match(throwsLl(() => pub.equals(other), { cls: TypeError }).message, /an argument \(a VerifyingKey\) was freed/);
  assert.match(throwsLl(() => other.toJwk(), { cls: TypeError }).message, /this VerifyingKey was freed/);
  const guard = new ll.ReplayGuard({ capacity: 10 });
  guard.free();
  assert.match(throwsLl(() => guard.capacity, { cls: TypeError }).message, freed);
  const v = verifier();
  v.free();
  assert.match(throwsLl(() => v.verify("x"), { cls: TypeError }).message, /this Verifier was freed/);
  assert.match(throwsLl(() => v.region, { cls: TypeError }).message, /this Verifier was freed/);
  pub.free();
  // Freeing again (free() twice, or free() and then the end of a `using` block) does nothing.
  for (const obj of [key, pub, other, guard, v]) {
    obj.free();
    obj[Symbol.dispose]?.();
  }
});

test("a throwing Proxy in a value is an error that leaves the module healthy", () => {
  const revoked = () => {
    const r = Proxy.revocable({}, {});
    r.revoke();
    return r.proxy;
  };
  const throwingKeys = new Proxy({}, { ownKeys() { throw new Error("mine"); } });
  const throwingArray = new Proxy([1, 2], { get(t, k) { if (k === "0") throw new Error("mine"); return t[k]; } });
  for (let i = 0; i < 5000; i++) {
    for (const bad of [revoked(), throwingKeys, { body: throwingArray }]) {
      assert.throws(() => ll.validate(bad));
    }
  }
  // A Proxy of a Uint8Array (instanceof is true of it, but its byteLength getter throws):
  // refused as not a Uint8Array, as a TypeError, in every place that takes bytes.
  const bytes = new Proxy(new TextEncoder().encode(signed()), {});
  // A Uint8Array subclass whose length getters throw or lie: its bytes are copied through
  // the array's own slots, so the getters are never read.
  class Lying extends Uint8Array {
    get length() { throw new Error("mine"); }
    get byteLength() { return 1; }
  }
  const lying = new Lying(new TextEncoder().encode(signed()));
  assert.equal(verifier().verify(lying).type, "social_insurance.contact_letter");
  class Growing extends Uint8Array {
    #n = 0;
    get length() { return this.#n++ ? 1 << 20 : 10; }
  }
  assert.equal(verifier().verify(new Growing(new TextEncoder().encode(signed()))).type, "social_insurance.contact_letter");
  assert.equal(ll.canonicalize(Buffer.from('{"b":1,"a":2}')).length, 13);
  const v = verifier();
  for (let i = 0; i < 2000; i++) {
    assert.throws(() => v.verify(bytes), TypeError);
    assert.throws(() => ll.canonicalize(bytes), TypeError);
    assert.throws(() => ll.VerifyingKey.fromSpki(bytes), TypeError);
  }
  const list = new ll.TrustList(1, "2027-01-01T00:00:00Z");
  assert.throws(() => list.addKey(new Proxy({ kid: "k" }, { ownKeys() { throw new Error("x"); } })));
  assert.deepEqual(list.keys, []);
  // The module still verifies.
  assert.equal(verifier().verify(signed()).type, "social_insurance.contact_letter");
});

test("a BigInt beyond 64 bits is json.integer_out_of_range at its place", () => {
  const doc = letter();
  doc.body.big = 2n ** 70n;
  throwsLl(() => ll.sign(doc, liangshanKey()), { code: "json.integer_out_of_range", path: "/body/big" });
});

test("options are own properties: a polluted Object.prototype weakens nothing", () => {
  try {
    Object.prototype.skipSchema = true;
    Object.prototype.dangerous = { acceptAnyAudience: true, skipRules: true };
    const v = verifier();
    assert.deepEqual(v.stages, { schema: true, rules: true, replay: true });
  } finally {
    delete Object.prototype.skipSchema;
    delete Object.prototype.dangerous;
  }
  const inherited = verifier({ dangerous: Object.create({ skipSchema: true }) });
  assert.equal(inherited.stages.schema, true);
});

test("a setting out of range is named as the JS option is spelled (audit s40)", () => {
  const list = new ll.TrustList(1, "2027-01-01T00:00:00Z");
  for (const [options, name] of [
    [{ leewaySeconds: 4000 }, "leewaySeconds 4000"],
    [{ maxAgeSeconds: -1 }, "maxAgeSeconds is -1"],
    [{ staleGraceSeconds: -1 }, "staleGraceSeconds is -1"],
    [{ retiredKeyWindowSeconds: -1 }, "retiredKeyWindowSeconds is -1"],
  ]) {
    assert.throws(
      () => new ll.Verifier(list, { region: "330200", ...options }),
      (e) => e.code === "input.invalid" && e.message.startsWith(name),
    );
  }
  assert.throws(
    () => list.checkFresh({ graceSeconds: -1 }),
    (e) =>
      e.code === "input.invalid" &&
      e.message.startsWith("graceSeconds is -1") &&
      e.messageZh.includes("graceSeconds") &&
      !e.messageZh.includes("grace_seconds"),
  );
  assert.throws(
    () => new ll.Verifier(list, { region: "330200", maxAgeForTypes: { receipt: null } }),
    (e) => e.code === "input.invalid" && e.message.startsWith("maxAgeForTypes 'receipt' is null:"),
  );
});
