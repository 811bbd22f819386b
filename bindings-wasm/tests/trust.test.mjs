// TrustList: building, editing, signing, loading.
import { test } from "node:test";
import assert from "node:assert/strict";
import { KeyRejectedError, SigningKey, TrustList, TrustListError, Verifier } from "labourlink";
import { AT, liangshanKey, signed, throwsLl, trustList, verifier } from "./support.mjs";

const anchor = () => SigningKey.fromSeed(new Uint8Array(32).fill(9), "330200-anchor-1");
const issuer = { region: "330200", agency: "330200-HRSS", name: "宁波市人力资源和社会保障局", at: AT };

test("a new list: sequence, nextUpdate, keys in wire form, no digest", () => {
  const list = trustList();
  assert.equal(list.sequence, 1);
  assert.equal(list.nextUpdate, "2027-01-01T00:00:00Z");
  assert.equal(list.digest, null);
  const [rec] = list.keys;
  assert.equal(rec.kid, "513400-si-2026a");
  assert.equal(rec.alg, "Ed25519");
  assert.equal(rec.status, "active");
  assert.equal(rec.valid_from, "2026-01-01T00:00:00Z");
  assert.deepEqual(rec.jwk, { ...liangshanKey().verifyingKey().toJwk(), kid: "513400-si-2026a" });
  assert.deepEqual(list.toBody().keys, list.keys);
  assert.deepEqual(JSON.parse(JSON.stringify(list)), list.toBody());
});

test("addKey takes a VerifyingKey or a JWK, and refuses duplicates and bad records", () => {
  const list = new TrustList(3, new Date("2027-01-01T00:00:00Z"));
  const k = liangshanKey();
  const rec = { kid: "a", region: "513400", agency: "X", key: k.verifyingKey().toJwk(), validFrom: AT, validUntil: "2028-01-01T00:00:00Z", messageTypes: ["receipt"] };
  list.addKey(rec);
  assert.equal(list.keys[0].valid_until, "2028-01-01T00:00:00Z");
  throwsLl(() => list.addKey(rec), { cls: TrustListError, code: "trust_list.invalid" });
  throwsLl(() => list.addKey({ ...rec, kid: "b", messageTypes: [] }), { code: "trust_list.invalid" });
  throwsLl(() => list.addKey({ ...rec, kid: "c", key: { kty: "OKP", crv: "Ed25519", x: "AAAA" } }), { cls: KeyRejectedError, path: "/key/x" });
  throwsLl(() => list.addKey({ ...rec, kid: "d", messageTypes: "receipt" }), { cls: TypeError });
  throwsLl(() => list.addKey({ ...rec, kid: "e", typo: 1 }), { cls: TypeError });
  throwsLl(() => new TrustList(-1, AT), { cls: TypeError });
});

test("retire and revoke change what verifies", () => {
  const list = trustList();
  list.retire("513400-si-2026a", "2026-11-27T09:00:00Z");
  assert.equal(list.keys[0].status, "retired");
  verifier({}, list).verify(signed()); // issued before the retirement
  const revoked = trustList();
  revoked.revoke("513400-si-2026a", "2026-12-01T00:00:00Z");
  throwsLl(() => verifier({}, revoked).verify(signed()), { code: "key.revoked" });
  throwsLl(() => list.revoke("nope", AT), { cls: TrustListError, code: "trust_list.key_not_found" });
  throwsLl(() => revoked.retire("513400-si-2026a", AT), { code: "trust_list.invalid" });
});

test("a verifier copies the list: later edits do not change it", () => {
  const list = trustList();
  const v = verifier({}, list);
  list.revoke("513400-si-2026a", AT);
  v.verify(signed());
});

test("sign and load: anchors pinned, digest recorded, staleness checked", () => {
  const a = anchor();
  const jws = trustList().sign(a, issuer);
  const loaded = TrustList.load(jws, [{ kid: a.kid, key: a.verifyingKey() }], { at: AT });
  assert.equal(loaded.sequence, 1);
  assert.match(loaded.digest, /^[A-Za-z0-9_-]{43}$/);
  assert.deepEqual(loaded.keys, trustList().keys);
  assert.ok(loaded instanceof TrustList);
  throwsLl(() => TrustList.load(jws, [], { at: AT }), { cls: TrustListError, code: "trust_list.untrusted_anchor" });
  throwsLl(() => TrustList.load(jws, [{ kid: a.kid, key: a.verifyingKey() }], { at: "2027-03-01T00:00:00Z" }), { code: "trust_list.stale" });
  TrustList.load(jws, [{ kid: a.kid, key: a.verifyingKey() }], { at: "2027-03-01T00:00:00Z", graceSeconds: 90 * 86400 });
  throwsLl(() => TrustList.load(jws.replace("eyJ", "eyK"), [{ kid: a.kid, key: a.verifyingKey() }], { at: AT }), { code: "signature.invalid" });
  // a message is not a trust list
  throwsLl(() => TrustList.load(signed(), [{ kid: "513400-si-2026a", key: liangshanKey().verifyingKey() }], { at: AT }), { code: "trust_list.invalid" });
  throwsLl(() => trustList().sign(a.verifyingKey(), issuer), { cls: TypeError });
});

test("checkFresh", () => {
  const list = trustList();
  list.checkFresh({ at: AT });
  throwsLl(() => list.checkFresh({ at: "2027-02-01T00:00:00Z" }), { code: "trust_list.stale" });
  list.checkFresh({ at: "2027-02-01T00:00:00Z", graceSeconds: 40 * 86400 });
});

test("free() releases a list", () => {
  const list = trustList();
  list.free();
  throwsLl(() => list.sequence, { cls: TypeError });
  throwsLl(() => new Verifier(list, { region: "330200" }), { cls: TypeError });
});

test("addKey takes the party's inbox URL (endpoint, schema 1.1) and refuses an unusable one", () => {
  const list = new TrustList(3, new Date("2027-01-01T00:00:00Z"));
  const k = liangshanKey();
  list.addKey({ kid: "a", region: "513400", agency: "X", key: k.verifyingKey(), validFrom: AT,
                messageTypes: ["receipt"], endpoint: "https://inbox.liangshan.example.invalid/v1/messages" });
  assert.equal(list.keys[0].endpoint, "https://inbox.liangshan.example.invalid/v1/messages");
  const other = SigningKey.fromSeed(new Uint8Array(32).fill(7), "b");
  throwsLl(() => list.addKey({ kid: "b", region: "513400", agency: "X", key: other.verifyingKey(), validFrom: AT,
                               messageTypes: ["receipt"], endpoint: "https://u:p@inbox.example.invalid/" }),
           { cls: TrustListError, code: "trust_list.invalid" });
});

test("checkSuccessor: what a node checks of a newer list, before a publisher signs it", () => {
  const current = trustList();
  const newer = TrustList.fromBody({ ...current.toBody(), sequence: 2 });
  current.checkSuccessor(newer);
  const revoked = trustList();
  revoked.revoke("513400-si-2026a", "2026-11-27T08:30:00Z");
  // A draft made before the revocation would bring the key back.
  throwsLl(() => revoked.checkSuccessor(newer), { cls: TrustListError, code: "trust_list.revocation_undone" });
  assert.throws(() => current.checkSuccessor(newer.toBody()), TypeError);
});

test("a time with an RFC 3339 offset is normalised to UTC", () => {
  const list = new TrustList(1, "2027-01-01T08:00:00+08:00");
  assert.equal(list.nextUpdate, "2027-01-01T00:00:00Z");
  throwsLl(() => new TrustList(1, "2027-01-01T08:00:00"), { code: "input.invalid" });
});
