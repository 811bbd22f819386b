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

/** A contact letter body that passes the schema and the business rules (at AT). */
export function letterBody(extra = {}) {
  return {
    letter_number: "330200-LXH-2026-004512",
    kind: "consent_to_receive",
    scheme: "110",
    person: { name: "马测试", citizen_id: "513401199004180574", sex: "male", birth_date: "1990-04-18" },
    personal_number: "5134010004871",
    receiving_agency: {
      region: "330200",
      code: "12330200MB0K617093",
      name: "宁波市社会保险管理局",
      address: { region: "330203", detail: "海曙区样例路1号", postcode: "315000" },
      phone: "0574-87000002",
    },
    bank_account: {
      bank_name: "中国工商银行宁波分行营业部",
      account_name: "宁波市社会保险管理局养老保险基金收入户",
      account_number: "3901110009000123456",
    },
    application_date: "2026-11-20",
    issued_on: "2026-11-27",
    ...extra,
  };
}

export function letter(extra = {}) {
  return document({
    type: "social_insurance.contact_letter",
    from: { region: "513400", agency: "513400-SI", name: "凉山州社会保险事业管理局" },
    to: { region: "330200", agency: "330200-SI", name: "宁波市社会保险管理局" },
    case: { id: "330200-SI-2026-000123", type: "social_insurance.pension_transfer" },
    body: letterBody(),
    at: AT,
    ...extra,
  });
}

/** A verifier with the package's defaults: every stage, its own replay guard. */
export function verifier(options = {}, list = trustList()) {
  return new Verifier(list, { region: "330200", clock: AT, ...options });
}

/** A verifier without the schema and rules stages: for tests of the JSON boundary with arbitrary bodies. */
export function envelopeVerifier(options = {}, list = trustList()) {
  return verifier({ dangerous: { skipSchema: true, skipRules: true }, ...options }, list);
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
