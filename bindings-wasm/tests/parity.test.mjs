// The functions that exist in Python too (tests/api/parity.py keeps the two APIs in step).
import { test } from "node:test";
import assert from "node:assert/strict";
import { SignatureError, SigningKey, TrustList, VerifyingKey, errorCodes, example } from "labourlink";

test("example(type) is the catalogue's example document, or null", () => {
  const doc = example("social_insurance.contact_letter");
  assert.equal(doc.type, "social_insurance.contact_letter");
  assert.equal(doc.body.scheme, "110");
  assert.equal(example("worker_transfer.nope"), null);
});

test("errorCodes() lists every code with its stage and both summaries", () => {
  const codes = errorCodes();
  const names = codes.map((c) => c[0]);
  assert.ok(names.includes("signature.invalid") && names.includes("replay.capacity"));
  assert.equal(new Set(names).size, names.length);
  for (const [code, stage, en, zh] of codes) assert.ok(code && stage && en && zh);
});

test("TrustList.fromBody reads a draft body with the loading checks, and key(kid) finds a record", () => {
  const key = SigningKey.fromSeed(new Uint8Array(32).fill(3), "513400-si-2026a");
  const list = new TrustList(3, "2027-01-01T00:00:00Z");
  list.addKey({
    kid: key.kid, region: "513400", agency: "LS-SI", key: key.verifyingKey(),
    validFrom: "2026-01-01T00:00:00Z", messageTypes: ["receipt"],
  });
  const again = TrustList.fromBody(list.toBody());
  assert.equal(again.sequence, 3);
  assert.equal(again.key("513400-si-2026a").region, "513400");
  assert.equal(again.key("nobody"), null);
  const body = list.toBody();
  const { kid: _kid, ...jwk } = body.keys[0].jwk;
  body.keys.push({ ...body.keys[0], kid: "513400-si-2026b", jwk });
  assert.throws(() => TrustList.fromBody(body), (e) => e.code === "trust_list.invalid" && e.path === "/body/keys/1/jwk");
});

test("raw signatures: SigningKey.sign and VerifyingKey.verify; kid and withKid", () => {
  const key = SigningKey.fromSeed(new Uint8Array(32).fill(4), "k1");
  const msg = new TextEncoder().encode("联系函");
  const sig = key.sign(msg);
  const pub = key.verifyingKey();
  assert.equal(pub.kid, "k1");
  pub.verify(msg, sig);
  assert.throws(() => pub.verify(new TextEncoder().encode("other"), sig), SignatureError);
  // The JWK carries the kid and brings it back (as in Python); raw bytes have none.
  assert.equal(pub.toJwk().kid, "k1");
  assert.equal(VerifyingKey.fromJwk(pub.toJwk()).kid, "k1");
  const bare = VerifyingKey.fromBytes("Ed25519", pub.toBytes());
  assert.equal(bare.kid, undefined);
  assert.equal(bare.toJwk().kid, undefined);
  assert.equal(bare.withKid("k2").kid, "k2");
});
