// document(), sign(), Verifier: the pipeline through the binding.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  document,
  EnvelopeError,
  KeyResolutionError,
  ReplayError,
  ReplayGuard,
  SignatureError,
  sign,
  SigningKey,
  TrustList,
  TrustListError,
  Verifier,
} from "labourlink";
import { AT, letter, liangshanKey, qianxinanKey, signed, throwsLl, trustList, verifier } from "./support.mjs";

test("document() fills spec, schema_version, id (UUID v7) and issued_at", () => {
  const doc = letter();
  assert.equal(doc.spec, "labourlink/1");
  assert.equal(doc.schema_version, "1.0");
  assert.equal(doc.issued_at, AT);
  assert.match(doc.id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.deepEqual(doc.case, { id: "330200-SI-2026-000123", type: "social_insurance.pension_transfer" });
  assert.equal(Object.getPrototypeOf(doc), Object.prototype);
  assert.notEqual(letter().id, doc.id, "ids are fresh");
});

test("document() takes `at` as a Date, a string or a function; and the optional fields", () => {
  const d1 = letter({ at: new Date("2026-11-27T08:00:00.750Z") });
  assert.equal(d1.issued_at, "2026-11-27T08:00:00Z", "issued_at has whole seconds");
  const d2 = letter({ at: () => "2026-11-28T00:00:00Z", expiresAt: "2026-12-28T00:00:00Z", inReplyTo: d1.id, id: "01a21c04-b400-7000-8000-000000000001", schemaVersion: "1.2" });
  assert.equal(d2.issued_at, "2026-11-28T00:00:00Z");
  assert.equal(d2.expires_at, "2026-12-28T00:00:00Z");
  assert.equal(d2.in_reply_to, d1.id);
  assert.equal(d2.id, "01a21c04-b400-7000-8000-000000000001");
  assert.equal(d2.schema_version, "1.2");
  const now = letter({ at: undefined });
  assert.ok(Math.abs(Date.parse(now.issued_at) - Date.now()) < 5000, "default: now");
});

test("document() refuses bad envelopes with the core's codes, and typos with TypeError", () => {
  throwsLl(() => letter({ to: { region: "33020", agency: "X" } }), { cls: EnvelopeError, code: "envelope.invalid", path: "/to/region" });
  throwsLl(() => letter({ type: "no.such_type" }), { code: "envelope.unknown_type", path: "/type" });
  throwsLl(() => letter({ expires: AT }), { cls: TypeError, code: "input.invalid" });
  throwsLl(() => letter({ from: { region: "513400", agency: "X", extra: 1 } }), { code: "input.invalid", path: "/from" });
  throwsLl(() => letter({ at: "2026-11-27 08:00" }), { code: "input.invalid" });
});

test("sign + verify: a plain result object with the document, digest and signers", () => {
  const doc = letter();
  const jws = signed(doc);
  assert.equal(typeof jws, "string");
  const parsed = JSON.parse(jws);
  assert.deepEqual(Object.keys(parsed).sort(), ["payload", "signatures"]);
  const v = verifier().verify(jws);
  assert.deepEqual(Object.keys(v), ["document", "body", "type", "id", "digest", "signers", "warnings"]);
  assert.deepEqual(v.document, doc);
  assert.equal(v.body, v.document.body);
  assert.equal(v.type, "social_insurance.contact_letter");
  assert.equal(v.id, doc.id);
  assert.match(v.digest, /^[A-Za-z0-9_-]{43}$/);
  assert.deepEqual(v.signers, [{ kid: "513400-si-2026a", alg: "Ed25519", region: "513400", agency: "513400-SI" }]);
  assert.deepEqual(v.warnings, []);
  // bytes work as well as text, and the digest is the same
  assert.equal(verifier().verify(new TextEncoder().encode(jws)).digest, v.digest);
});

test("the digest is SHA-256 of the canonical payload", async () => {
  const jws = signed();
  const payload = Buffer.from(JSON.parse(jws).payload, "base64url");
  const sha = Buffer.from(await crypto.subtle.digest("SHA-256", payload)).toString("base64url");
  assert.equal(verifier().verify(jws).digest, sha);
});

test("a tampered message is a SignatureError", () => {
  const jws = signed();
  throwsLl(() => verifier().verify(jws.replace("eyJ", "eyK")), { cls: SignatureError, name: "SignatureError", code: "signature.invalid" });
});

test("wrong audience, unknown key, stale list, future, expiry", () => {
  throwsLl(() => verifier({ region: "330100" }).verify(signed()), { cls: EnvelopeError, code: "envelope.wrong_audience", path: "/to/region" });
  const stranger = qianxinanKey();
  throwsLl(() => verifier().verify(signed(letter(), stranger)), { cls: KeyResolutionError, code: "key.unknown" });
  throwsLl(() => verifier({ clock: "2027-02-01T00:00:00Z" }).verify(signed()), { cls: TrustListError, code: "trust_list.stale" });
  throwsLl(() => verifier({ clock: "2026-11-27T07:00:00Z" }).verify(signed()), { code: "envelope.issued_in_future" });
  assert.equal(verifier({ clock: "2026-11-27T07:56:00Z" }).verify(signed()).type, "social_insurance.contact_letter", "within the default 300 s leeway");
  throwsLl(() => verifier({ clock: "2026-11-27T07:56:00Z", leewaySeconds: 0 }).verify(signed()), { code: "envelope.issued_in_future" });
  const expiring = signed(letter({ expiresAt: "2026-11-28T00:00:00Z" }));
  throwsLl(() => verifier({ clock: "2026-11-29T00:00:00Z" }).verify(expiring), { code: "envelope.expired" });
  throwsLl(() => verifier({ clock: "2026-12-27T08:00:01Z", maxAgeSeconds: 86400 }).verify(signed()), { code: "envelope.too_old" });
});

test("the clock function is called at every verification", () => {
  let calls = 0;
  const v = verifier({ clock: () => (calls++ === 0 ? AT : "2027-03-01T00:00:00Z") });
  v.verify(signed());
  throwsLl(() => v.verify(signed()), { code: "trust_list.stale" });
  assert.equal(calls, 2);
  let d = 0;
  const v2 = verifier({ clock: () => new Date(Date.parse(AT) + d++ * 1000) });
  v2.verify(signed());
  throwsLl(() => verifier({ clock: () => 42 }).verify(signed()), { cls: TypeError });
});

test("a replay guard refuses redelivery and conflicts; a ReplayGuard can be shared", () => {
  const jws = signed();
  const v = verifier({ replayGuard: true });
  v.verify(jws);
  throwsLl(() => v.verify(jws), { cls: ReplayError, code: "replay.duplicate", path: "/id" });
  const guard = new ReplayGuard({ capacity: 10 });
  const a = verifier({ replayGuard: guard });
  const b = verifier({ replayGuard: guard });
  a.verify(jws);
  assert.equal(guard.size, 1);
  throwsLl(() => b.verify(jws), { code: "replay.duplicate" });
  const other = signed(letter({ id: JSON.parse(Buffer.from(JSON.parse(jws).payload, "base64url")).id, body: { scheme: "170" } }));
  throwsLl(() => b.verify(other), { code: "replay.conflict" });
  // preloading
  const g2 = new ReplayGuard();
  const first = verifier().verify(jws);
  g2.checkAndRecord(first.id, first.digest, AT, "2027-01-01T00:00:00Z");
  throwsLl(() => verifier({ replayGuard: g2 }).verify(jws), { code: "replay.duplicate" });
});

test("two signers: requiredSigners, order, and one key object twice", () => {
  const ls = liangshanKey();
  const qx = qianxinanKey();
  const list = trustList([ls, qx]);
  const jws = sign(letter(), [ls, qx]);
  const v = verifier({ requiredSigners: 2 }, list).verify(jws);
  assert.deepEqual(v.signers.map((s) => s.kid), ["513400-si-2026a", "522300-si-2026a"]);
  throwsLl(() => verifier({ requiredSigners: 2 }, list).verify(sign(letter(), ls)), { code: "envelope.missing_signer" });
  throwsLl(() => sign(letter(), [ls, ls]), { code: "input.invalid" });
  throwsLl(() => sign(letter(), []), { code: "input.invalid" });
  throwsLl(() => sign(letter(), ["not a key"]), { cls: TypeError });
  throwsLl(() => sign(letter(), ls.verifyingKey()), { cls: TypeError });
});

test("a verifier built from a signed trust list, then updated", () => {
  const anchor = SigningKey.fromSeed(new Uint8Array(32).fill(9), "anchor-1");
  const anchors = [{ kid: "anchor-1", key: anchor.verifyingKey() }];
  const issuer = { region: "330200", agency: "330200-HRSS", at: AT };
  const signedList = trustList().sign(anchor, issuer);
  const v = new Verifier(signedList, { region: "330200", anchors, clock: AT });
  assert.equal(v.trustList.sequence, 1);
  assert.match(v.trustList.digest, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(v.region, "330200");
  v.verify(signed());
  const list2 = new TrustList(2, "2027-06-01T00:00:00Z");
  v.updateTrustList(list2.sign(anchor, issuer));
  assert.equal(v.trustList.sequence, 2);
  throwsLl(() => v.verify(signed()), { code: "key.unknown" });
  throwsLl(() => v.updateTrustList(signedList), { cls: TrustListError, code: "trust_list.rollback" });
  throwsLl(() => new Verifier(signedList, { region: "330200", clock: AT }), { cls: TrustListError, code: "trust_list.untrusted_anchor" });
  throwsLl(() => new Verifier(signedList, { region: "330200", clock: AT, anchors: [{ kid: "other", key: anchor.verifyingKey() }] }), {
    code: "trust_list.untrusted_anchor",
  });
  // anchors as JWKs with a kid work the same
  const jwkAnchor = { ...anchor.verifyingKey().toJwk(), kid: "anchor-1" };
  assert.equal(new Verifier(signedList, { region: "330200", anchors: [jwkAnchor], clock: AT }).trustList.sequence, 1);
});

test("verifier options are checked: unknown names, types, region", () => {
  throwsLl(() => verifier({ leeway: 3 }), { cls: TypeError, code: "input.invalid" });
  throwsLl(() => verifier({ leewaySeconds: "3" }), { cls: TypeError });
  throwsLl(() => verifier({ leewaySeconds: 1.5 }), { cls: TypeError });
  throwsLl(() => verifier({ region: "3302" }), { code: "input.invalid" });
  throwsLl(() => verifier({ algorithms: ["RS256"] }), { code: "jws.algorithm_not_allowed" });
  throwsLl(() => new Verifier({}, { region: "330200" }), { cls: TypeError });
  throwsLl(() => verifier({ algorithms: ["ES256"] }).verify(signed()), { code: "jws.algorithm_not_allowed" });
  throwsLl(() => verifier({ maxBytes: 100 }).verify(signed()), { code: "json.too_large" });
});

test("verifyReply checks the flow table's reply rules, across verifiers", () => {
  const ls = liangshanKey();
  const nb = SigningKey.fromSeed(new Uint8Array(32).fill(5), "330200-si-2026a");
  const list = trustList([ls]);
  list.addKey({ kid: nb.kid, region: "330200", agency: "330200-SI", key: nb.verifyingKey(), validFrom: "2026-01-01T00:00:00Z", messageTypes: ["social_insurance.*"] });
  const atNingbo = verifier({}, list);
  const atLiangshan = verifier({ region: "513400" }, list);
  const caseRef = { id: "330200-SI-2026-000123", type: "social_insurance.pension_transfer" };
  // Ningbo applies to Liangshan; Liangshan answers with a contact letter.
  const application = document({
    type: "social_insurance.transfer_application",
    from: { region: "330200", agency: "330200-SI" },
    to: { region: "513400", agency: "513400-SI" },
    case: caseRef,
    body: { scheme: "110" },
    at: AT,
  });
  const earlier = atLiangshan.verify(sign(application, nb));
  const reply = signed(letter({ inReplyTo: application.id }));
  const v = atNingbo.verifyReply(reply, earlier);
  assert.equal(v.type, "social_insurance.contact_letter");
  assert.equal(v.document.in_reply_to, application.id);
  // a contact letter does not answer a contact letter
  const first = atNingbo.verify(signed());
  throwsLl(() => atNingbo.verifyReply(signed(letter({ inReplyTo: first.id })), first), { cls: EnvelopeError, code: "envelope.unexpected_reply" });
  throwsLl(() => atNingbo.verifyReply(reply, {}), { cls: TypeError });
  throwsLl(() => atNingbo.verifyReply(reply, { digest: "not-remembered" }), { cls: TypeError });
});

test("the schema and rules stages are opt-in, as in the core", async () => {
  const { readFileSync } = await import("node:fs");
  const example = JSON.parse(readFileSync(new URL("../../schemas/examples/social_insurance.contact_letter.json", import.meta.url), "utf8"));
  const ls = liangshanKey();
  const list = new TrustList(1, "2027-01-01T00:00:00Z");
  list.addKey({ kid: ls.kid, region: example.from.region, agency: example.from.agency, key: ls.verifyingKey(), validFrom: "2026-01-01T00:00:00Z", messageTypes: ["social_insurance.*"] });
  const v = new Verifier(list, { region: example.to.region, clock: AT, schema: true, rules: true });
  assert.equal(v.verify(sign(example, ls)).type, "social_insurance.contact_letter");
  const bad = { ...example, body: { ...example.body, unexpected_member: 1 } };
  const e = throwsLl(() => v.verify(sign(bad, ls)), { code: "schema.invalid" });
  assert.ok(e.violations.length >= 1);
  // without the stages the envelope alone is checked
  new Verifier(list, { region: example.to.region, clock: AT }).verify(sign(bad, ls));
});
