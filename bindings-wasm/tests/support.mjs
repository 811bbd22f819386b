// Shared fixtures of the node tests: fixed test keys, a trust list, a verifier.
import assert from "node:assert/strict";
import { document, sign, SigningKey, TrustList, Verifier } from "labourlink";

export const AT = "2026-11-27T08:00:00Z";
export const seed = (b) => new Uint8Array(32).fill(b);

export const anchorKey = () => SigningKey.fromSeed(seed(9), "330200-anchor-1");
export const liangshanKey = () => SigningKey.fromSeed(seed(1), "513400-si-2026a");
export const qianxinanKey = () => SigningKey.fromSeed(seed(2), "522300-si-2026a");

export function trustList(keys = [liangshanKey()]) {
  const list = new TrustList(1, "2027-01-01T00:00:00Z");
  const regions = { "513400-si-2026a": ["513400", "513400-SI"], "522300-si-2026a": ["522300", "522300-SI"] };
  for (const k of keys) {
    const [region, agency] = regions[k.kid] ?? ["513400", "513400-SI"];
    list.addKey({
      kid: k.kid,
      region,
      agency,
      key: k.verifyingKey(),
      validFrom: "2026-01-01T00:00:00Z",
      messageTypes: ["social_insurance.*", "receipt", "family_planning.*"],
    });
  }
  return list;
}

export function letter(extra = {}) {
  return document({
    type: "social_insurance.contact_letter",
    from: { region: "513400", agency: "513400-SI", name: "凉山州社会保险事业管理局" },
    to: { region: "330200", agency: "330200-SI", name: "宁波市社会保险管理局" },
    case: { id: "330200-SI-2026-000123", type: "social_insurance.pension_transfer" },
    body: { scheme: "110" },
    at: AT,
    ...extra,
  });
}

export function verifier(options = {}, list = trustList()) {
  return new Verifier(list, { region: "330200", clock: AT, ...options });
}

export function signed(doc = letter(), key = liangshanKey()) {
  return sign(doc, key);
}

/** Runs fn, which must throw a labourlink error with these properties; returns the error. */
export function throwsLl(fn, { name, code, path, cls }) {
  let err;
  assert.throws(fn, (e) => {
    err = e;
    return true;
  });
  assert.ok(err instanceof Error, `a real Error, got ${typeof err}: ${err}`);
  if (cls) assert.ok(err instanceof cls, `instance of ${cls.name}, got ${err.name}`);
  if (name) assert.equal(err.name, name, err.message);
  if (code) assert.equal(err.code, code, err.message);
  if (path !== undefined) assert.equal(err.path, path, err.message);
  assert.equal(typeof err.message, "string");
  assert.ok(err.message.length > 0);
  assert.equal(typeof err.messageZh, "string");
  assert.ok(err.messageZh.length > 0);
  assert.ok(Array.isArray(err.violations));
  assert.ok(err.path === null || typeof err.path === "string");
  return err;
}
