// JS values ↔ JSON at the boundary: plain objects both ways, integers only, the core decides.
import { test } from "node:test";
import assert from "node:assert/strict";
import { JsonError, sign } from "labourlink";
import { envelopeVerifier, letter, liangshanKey, signed, throwsLl, verifier } from "./support.mjs";

// Arbitrary bodies: these tests are about the JSON boundary, verified without the schema and
// rules stages (envelopeVerifier).
const withBody = (body) => ({ ...letter(), body });
const signBody = (body) => sign(withBody(body), liangshanKey());

test("results are plain objects and arrays with number integers, never Maps or BigInts", () => {
  const body = { scheme: "110", n: 9007199254740991, neg: -42, nested: [{ a: [1, 2, { b: null }] }], t: true, zh: "宁波 😀" };
  const v = envelopeVerifier().verify(signBody(body));
  assert.deepEqual(v.body, body);
  const walk = (x) => {
    if (Array.isArray(x)) return x.forEach(walk);
    if (x !== null && typeof x === "object") {
      assert.equal(Object.getPrototypeOf(x), Object.prototype);
      Object.values(x).forEach(walk);
    } else assert.ok(["string", "number", "boolean"].includes(typeof x) || x === null, typeof x);
  };
  walk(v);
});

test("fractions and unsafe integers are refused by the core with the pointer", () => {
  throwsLl(() => signBody({ rate: 0.5 }), { cls: JsonError, code: "json.not_integer", path: "/body/rate" });
  throwsLl(() => signBody({ big: 2 ** 60 }), { code: "json.integer_out_of_range", path: "/body/big" });
  throwsLl(() => signBody({ big: 9007199254740992 }), { code: "json.integer_out_of_range", path: "/body/big" });
  throwsLl(() => signBody({ huge: 1e300 }), { cls: JsonError, path: "/body/huge" });
  throwsLl(() => signBody({ list: [1, 2.5] }), { code: "json.not_integer", path: "/body/list/1" });
});

test("BigInt integers are taken at their value; the core judges the range", () => {
  const v = envelopeVerifier().verify(signBody({ n: 12n }));
  assert.equal(v.body.n, 12);
  throwsLl(() => signBody({ n: 2n ** 60n }), { code: "json.integer_out_of_range", path: "/body/n" });
  throwsLl(() => signBody({ n: 2n ** 70n }), { cls: JsonError, path: "/body/n" });
});

test("NaN and Infinity have no JSON form", () => {
  throwsLl(() => signBody({ x: NaN }), { cls: JsonError, code: "json.number_out_of_range", path: "/body/x" });
  throwsLl(() => signBody({ x: -Infinity }), { code: "json.number_out_of_range", path: "/body/x" });
});

test("lone surrogates are json.lone_surrogate, in values and names", () => {
  throwsLl(() => signBody({ x: "a\ud800b" }), { code: "json.lone_surrogate", path: "/body/x" });
  throwsLl(() => signBody({ "k\udc00": 1 }), { code: "json.lone_surrogate", path: "/body" });
});

test("undefined members are skipped (as JSON.stringify does); undefined in arrays is a TypeError", () => {
  const v = envelopeVerifier().verify(signBody({ a: 1, b: undefined }));
  assert.deepEqual(v.body, { a: 1 });
  throwsLl(() => signBody({ list: [1, undefined] }), { cls: TypeError, code: "input.invalid", path: "/body/list/1" });
});

test("functions, symbols, Dates, Maps and class instances are TypeErrors with the pointer", () => {
  throwsLl(() => signBody({ f() {} }), { cls: TypeError, path: "/body/f" });
  throwsLl(() => signBody({ s: Symbol("x") }), { cls: TypeError, path: "/body/s" });
  const e = throwsLl(() => signBody({ when: new Date() }), { cls: TypeError, path: "/body/when" });
  assert.match(e.message, /RFC 3339/);
  throwsLl(() => signBody({ m: new Map() }), { cls: TypeError, path: "/body/m" });
  throwsLl(() => signBody({ u: new Uint8Array(2) }), { cls: TypeError, path: "/body/u" });
  class Thing {}
  throwsLl(() => signBody({ t: new Thing() }), { cls: TypeError, path: "/body/t" });
});

test("objects without a prototype are plain; pointer tokens are escaped", () => {
  const bare = Object.create(null);
  bare.k = 1;
  assert.deepEqual(envelopeVerifier().verify(signBody({ bare })).body, { bare: { k: 1 } });
  throwsLl(() => signBody({ "a/b": { "c~d": 0.5 } }), { path: "/body/a~1b/c~0d" });
});

test("a cyclic value ends in json.too_deep instead of a crash", () => {
  const cyclic = { a: 1 };
  cyclic.self = cyclic;
  throwsLl(() => signBody(cyclic), { cls: JsonError, code: "json.too_deep" });
});

test("deep nesting is judged by the core's depth limit", () => {
  let deep = 1;
  for (let i = 0; i < 40; i++) deep = [deep];
  throwsLl(() => signBody({ deep }), { code: "json.too_deep" });
});

test("a member named __proto__ is an own property both ways", () => {
  const body = JSON.parse('{"__proto__": {"x": 1}, "y": 2}');
  const v = envelopeVerifier().verify(signBody(body));
  assert.ok(Object.hasOwn(v.body, "__proto__"));
  assert.deepEqual(Object.getOwnPropertyDescriptor(v.body, "__proto__").value, { x: 1 });
  assert.equal(Object.getPrototypeOf(v.body), Object.prototype);
  assert.equal(v.body.x, undefined);
});

test("a document that is not an object is refused by the core", () => {
  throwsLl(() => sign([1, 2], liangshanKey()), { code: "envelope.invalid" });
  throwsLl(() => sign("text", liangshanKey()), { code: "envelope.invalid" });
});

test("verify input: string, Uint8Array, or TypeError", () => {
  const jws = signed();
  assert.ok(verifier().verify(Buffer.from(jws)).digest);
  throwsLl(() => verifier().verify({}), { cls: TypeError });
  throwsLl(() => verifier().verify("{"), { cls: JsonError, code: "json.syntax" });
});
