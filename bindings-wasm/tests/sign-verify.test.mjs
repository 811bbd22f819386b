// document(), sign(), Verifier: the pipeline through the binding.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  canonicalize,
  document,
  EnvelopeError,
  KeyResolutionError,
  ReplayError,
  ReplayGuard,
  RuleError,
  SchemaError,
  SignatureError,
  sign,
  SigningKey,
  TrustList,
  TrustListError,
  Verifier,
  VerifyingKey,
} from "labourlink";
import { AT, letter, letterBody, liangshanKey, qianxinanKey, signed, throwsLl, trustList, verifier } from "./support.mjs";

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

test("verify: document and body are parsed on first access, cached, and behave as data", () => {
  const doc = letter();
  const v = verifier().verify(signed(doc));
  const d = Object.getOwnPropertyDescriptor(v, "document");
  assert.equal(typeof d.get, "function", "an accessor until read");
  assert.equal(d.enumerable, true);
  assert.equal(v.document, v.document, "cached: the same object each time");
  assert.equal(v.body, v.document.body);
  assert.deepEqual(JSON.parse(JSON.stringify(v)).document, doc, "JSON.stringify reads it");
  assert.deepEqual({ ...v }.body, doc.body, "so does spread");
  assert.deepEqual(structuredClone(v).document, doc, "and structuredClone");
  // body alone, before document: the same object document.body is afterwards
  const w = verifier().verify(signed(letter()));
  const body = w.body;
  assert.equal(w.document.body, body);
  // assignment replaces the accessor with a plain data property (strict mode: no TypeError)
  w.document = { replaced: true };
  assert.deepEqual(w.document, { replaced: true });
  assert.equal(Object.getOwnPropertyDescriptor(w, "document").writable, true);
  w.body = 42;
  assert.equal(w.body, 42);
  assert.deepEqual(Object.keys(w), ["document", "body", "type", "id", "digest", "issuedAt", "signers", "warnings"]);
});

test("verify: without a replay guard the digest is computed on first read, the same as with one", () => {
  const jws = signed(letter());
  const guarded = verifier().verify(jws);
  const unguarded = verifier({ dangerous: { noReplayGuard: true } }).verify(jws);
  const d = Object.getOwnPropertyDescriptor(unguarded, "digest");
  assert.equal(typeof d.get, "function", "an accessor until read");
  assert.equal(d.enumerable, true);
  assert.match(unguarded.digest, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(unguarded.digest, guarded.digest, "the replay guard's digest and the lazy one agree");
  assert.equal(JSON.parse(JSON.stringify(unguarded)).digest, guarded.digest, "JSON.stringify reads it");
  // read after the document (the bytes are released only when both are done)
  const again = verifier({ dangerous: { noReplayGuard: true } }).verify(jws);
  assert.equal(again.document.id, guarded.document.id);
  assert.equal(again.digest, guarded.digest);
  again.digest = "replaced";
  assert.equal(again.digest, "replaced");
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
  assert.deepEqual(Object.keys(v), ["document", "body", "type", "id", "digest", "issuedAt", "signers", "warnings"]);
  assert.equal(v.issuedAt, v.document.issued_at);
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

test("a verifier has its own replay guard: redelivery and conflicts are refused", () => {
  const jws = signed();
  const v = verifier();
  const first = v.verify(jws);
  throwsLl(() => v.verify(jws), { cls: ReplayError, code: "replay.duplicate", path: "/id" });
  const other = signed(letter({ id: first.id, body: letterBody({ letter_number: "330200-LXH-2026-004513" }) }));
  throwsLl(() => v.verify(other), { cls: ReplayError, code: "replay.conflict" });
  // another verifier, another guard
  verifier().verify(jws);
});

test("a ReplayGuard can be shared and sized; it fails closed when full; preloading is keyed by issuer", () => {
  const jws = signed();
  const guard = new ReplayGuard({ capacity: 1 });
  assert.equal(guard.capacity, 1);
  const a = verifier({ replayGuard: guard });
  const b = verifier({ replayGuard: guard });
  const first = a.verify(jws);
  assert.equal(guard.size, 1);
  throwsLl(() => b.verify(jws), { code: "replay.duplicate" });
  // full of an entry that must still be kept: refused, nothing evicted
  throwsLl(() => b.verify(signed()), { cls: ReplayError, code: "replay.capacity", path: null });
  assert.equal(guard.purgeExpired(AT), 0);
  assert.equal(guard.purgeExpired("2027-06-01T00:00:00Z"), 1);
  assert.equal(guard.size, 0);
  // preloading what was accepted before a restart
  const g2 = new ReplayGuard();
  g2.checkAndRecord({ region: "513400", agency: "513400-SI", id: first.id }, first.digest, AT, "2027-01-01T00:00:00Z");
  throwsLl(() => verifier({ replayGuard: g2 }).verify(jws), { code: "replay.duplicate" });
  // the same id from another issuer is another message
  const g3 = new ReplayGuard();
  g3.checkAndRecord({ region: "522300", agency: "522300-SI", id: first.id }, first.digest, AT, "2027-01-01T00:00:00Z");
  verifier({ replayGuard: g3 }).verify(jws);
  throwsLl(() => g3.checkAndRecord({ region: "522300", agency: "522300-SI", id: first.id }, "other", AT, AT), { code: "replay.conflict" });
  throwsLl(() => g3.checkAndRecord(first.id, first.digest, AT, AT), { cls: TypeError });
  throwsLl(() => g3.checkAndRecord({ region: "522300", id: "x" }, "d", AT, AT), { cls: TypeError });
  throwsLl(() => g3.checkAndRecord({ region: "522300", agency: "a", id: "x", extra: 1 }, "d", AT, AT), { cls: TypeError });
  // a boolean is not a guard
  throwsLl(() => verifier({ replayGuard: true }), { cls: TypeError, code: "input.invalid" });
  throwsLl(() => verifier({ replayGuard: false }), { cls: TypeError });
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
  // a VerifyingKey with its kid is an anchor as it is (as in Python); one without a kid is not
  assert.equal(new Verifier(signedList, { region: "330200", anchors: [anchor.verifyingKey()], clock: AT }).trustList.sequence, 1);
  const bare = VerifyingKey.fromBytes(anchor.algorithm, anchor.verifyingKey().toBytes());
  throwsLl(() => new Verifier(signedList, { region: "330200", anchors: [bare], clock: AT }), { cls: TypeError, code: "input.invalid" });
});

test("verifier options are checked: unknown names, types, region", () => {
  throwsLl(() => verifier({ leeway: 3 }), { cls: TypeError, code: "input.invalid" });
  throwsLl(() => verifier({ leewaySeconds: "3" }), { cls: TypeError });
  throwsLl(() => verifier({ leewaySeconds: 1.5 }), { cls: TypeError });
  // Out of range: refused with the setting named, never clamped or ignored.
  throwsLl(() => verifier({ leewaySeconds: -1 }), { code: "input.invalid" });
  throwsLl(() => verifier({ leewaySeconds: 1e9 }), { code: "input.invalid" });
  throwsLl(() => verifier({ maxAgeSeconds: -5 }), { code: "input.invalid" });
  throwsLl(() => verifier({ maxAgeForTypes: { "worker_*": 10 } }), { code: "input.invalid" });
  throwsLl(() => verifier({ region: "3302" }), { code: "input.invalid" });
  throwsLl(() => verifier({ algorithms: ["RS256"] }), { code: "jws.algorithm_not_allowed" });
  throwsLl(() => new Verifier({}, { region: "330200" }), { cls: TypeError });
  throwsLl(() => verifier({ algorithms: ["ES256"] }).verify(signed()), { code: "jws.algorithm_not_allowed" });
  throwsLl(() => verifier({ maxBytes: 100 }).verify(signed()), { code: "json.too_large" });
});

test("an argument above the size limit is refused before it is copied into WebAssembly memory", () => {
  const v = verifier({ maxBytes: 1000 });
  const text = throwsLl(() => v.verify("x".repeat(1001)), { code: "json.too_large", path: "" });
  assert.match(text.message, /1001 UTF-16 code units/);
  const bytes = throwsLl(() => v.verify(new Uint8Array(1001)), { code: "json.too_large", path: "" });
  assert.match(bytes.message, /1001 bytes, more than the limit of 1000 bytes/);
  // A 256 MiB text under the default 1 MiB limit: refused from its length alone. Encoding it
  // into the module's memory (which never shrinks) first would have grown the process by
  // three copies of it; a text too long for the memory would have aborted the instance.
  const huge = "a".repeat(256 * 1024 * 1024);
  const before = process.memoryUsage().rss;
  throwsLl(() => verifier().verify(huge), { code: "json.too_large" });
  throwsLl(() => canonicalize(huge), { code: "json.too_large" });
  throwsLl(() => TrustList.load(huge, []), { code: "json.too_large" });
  const grown = process.memoryUsage().rss - before;
  assert.ok(grown < 64 * 1024 * 1024, `the process grew by ${grown} bytes`);
  // Within the limit in UTF-16 units but not in UTF-8 bytes: the core decides on the bytes.
  throwsLl(() => v.verify("é".repeat(600)), { code: "json.too_large", path: "" });
  assert.ok(verifier().verify(signed()).document, "the module still verifies");
});

test("verifyReply checks the flow table's reply rules, across verifiers; verifyReplyTo takes a stored document", async () => {
  const { readFileSync } = await import("node:fs");
  const example = JSON.parse(readFileSync(new URL("../../core/schemas/examples/social_insurance.transfer_application.json", import.meta.url), "utf8"));
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
    body: example.body,
    at: AT,
  });
  const earlier = atLiangshan.verify(sign(application, nb));
  const reply = signed(letter({ inReplyTo: application.id }));
  const v = atNingbo.verifyReply(reply, earlier);
  assert.equal(v.type, "social_insurance.contact_letter");
  assert.equal(v.document.in_reply_to, application.id);
  // days later: the stored document and its digest (another verifier: this one recorded the reply)
  assert.equal(verifier({}, list).verifyReplyTo(reply, earlier.document, earlier.digest).id, v.id);
  throwsLl(() => verifier({}, list).verifyReplyTo(reply, { ...earlier.document, spec: "x" }, earlier.digest), { cls: EnvelopeError });
  throwsLl(() => verifier({}, list).verifyReplyTo(reply, earlier.document, 42), { cls: TypeError });
  // a contact letter does not answer a contact letter
  const first = atNingbo.verify(signed());
  throwsLl(() => atNingbo.verifyReply(signed(letter({ inReplyTo: first.id })), first), { cls: EnvelopeError, code: "envelope.unexpected_reply" });
  throwsLl(() => atNingbo.verifyReply(reply, {}), { cls: TypeError });
  throwsLl(() => atNingbo.verifyReply(reply, { digest: "not-remembered" }), { cls: TypeError });
  // a receipt is bound to what it acknowledges: id, digest, type
  const receipt = (digest) =>
    signed(
      document({
        type: "receipt",
        from: { region: "513400", agency: "513400-SI" },
        to: { region: "330200", agency: "330200-SI" },
        case: caseRef,
        inReplyTo: application.id,
        body: { received_id: application.id, received_digest: digest, status: "accepted" },
        at: AT,
      }),
    );
  assert.equal(verifier({}, list).verifyReply(receipt(earlier.digest), earlier).type, "receipt");
  assert.equal(verifier({}, list).verifyReplyTo(receipt(earlier.digest), earlier.document, earlier.digest).type, "receipt");
  throwsLl(() => verifier({}, list).verifyReply(receipt(v.digest), earlier), { code: "envelope.unexpected_reply", path: "/body/received_digest" });
  throwsLl(() => verifier({}, list).verifyReplyTo(receipt(earlier.digest), earlier.document, v.digest), {
    code: "envelope.unexpected_reply",
    path: "/body/received_digest",
  });
});

test("a default verifier runs every stage: schema.invalid, rule.*, replay.duplicate", () => {
  const v = verifier();
  assert.deepEqual(v.stages, { schema: true, rules: true, replay: true });
  // a body that does not fit its schema
  const e = throwsLl(() => v.verify(signed(letter({ body: letterBody({ unexpected_member: 1 }) }))), { cls: SchemaError, code: "schema.invalid" });
  assert.ok(e.violations.length >= 1);
  // a business-rule violation: a citizen ID with a wrong check digit
  const person = { ...letterBody().person, citizen_id: "513401199004180575" };
  const r = throwsLl(() => v.verify(signed(letter({ body: letterBody({ person }) }))), { cls: RuleError });
  assert.match(r.code, /^rule\./);
  assert.deepEqual(r.violations.map((x) => x.code), ["rule.citizen_id_checksum"]);
  // a redelivered message
  const jws = signed();
  v.verify(jws);
  throwsLl(() => v.verify(jws), { cls: ReplayError, code: "replay.duplicate" });
});

test("only options.dangerous weakens a verifier; the old opt-in names are gone", () => {
  const bad = signed(letter({ body: { scheme: "110", unexpected_member: 1 } }));
  const lax = verifier({ dangerous: { skipSchema: true, skipRules: true, noReplayGuard: true } });
  assert.deepEqual(lax.stages, { schema: false, rules: false, replay: false });
  lax.verify(bad);
  lax.verify(bad); // redelivery accepted without a guard
  throwsLl(() => verifier({ schema: true }), { cls: TypeError, code: "input.invalid" });
  throwsLl(() => verifier({ rules: false }), { cls: TypeError });
  throwsLl(() => verifier({ dangerous: { skipSchemas: true } }), { cls: TypeError });
  throwsLl(() => verifier({ dangerous: { skipSchema: 1 } }), { cls: TypeError });
  throwsLl(() => verifier({ replayGuard: new ReplayGuard(), dangerous: { noReplayGuard: true } }), { cls: TypeError });
  throwsLl(() => verifier({ maxAgeSeconds: 60, dangerous: { noMaxAge: true } }), { cls: TypeError });
  verifier({ region: "330100", dangerous: { acceptAnyAudience: true } }).verify(signed());
});

test("maximum age: 30 days by default, per type, long-lived documents exempt; archival verification", () => {
  const v = verifier();
  assert.equal(v.maxAgeFor("social_insurance.contact_letter"), 30 * 86400);
  assert.equal(v.maxAgeFor("social_insurance.contribution_certificate"), null);
  const month = "2026-12-27T08:05:01Z";
  throwsLl(() => verifier({ clock: month }).verify(signed()), { cls: EnvelopeError, code: "envelope.too_old", path: "/issued_at" });
  verifier({ clock: month, dangerous: { noMaxAge: true } }).verify(signed());
  const perType = verifier({ clock: month, maxAgeForTypes: { "social_insurance.*": 60 * 86400 } });
  assert.equal(perType.maxAgeFor("social_insurance.contact_letter"), 60 * 86400);
  perType.verify(signed());
  assert.equal(verifier({ dangerous: { noMaxAge: true } }).maxAgeFor("receipt"), null);
  throwsLl(() => verifier({ maxAgeForTypes: { "*": "1" } }), { cls: TypeError });
  // No maximum age for some types only through options.dangerous; null is refused by the core.
  throwsLl(() => verifier({ maxAgeForTypes: { "social_insurance.*": null } }), { code: "input.invalid" });
  const exempt = verifier({ clock: month, dangerous: { noMaxAgeForTypes: ["social_insurance.*"] } });
  assert.equal(exempt.maxAgeFor("social_insurance.contact_letter"), null);
  exempt.verify(signed());
  throwsLl(() => verifier({ dangerous: { noMaxAgeForTypes: "social_insurance.*" } }), { cls: TypeError });
  // archival: no maximum age, retirement judged at the time the message was first received
  const list = trustList();
  list.retire("513400-si-2026a", "2026-11-28T00:00:00Z");
  const archive = verifier({ clock: "2027-06-01T00:00:00Z", staleGraceSeconds: 365 * 86400 }, list);
  const jws = signed();
  assert.equal(archive.verifyArchived(jws, "2026-11-27T08:00:05Z").type, "social_insurance.contact_letter");
  assert.equal(archive.verifyArchived(jws, new Date("2026-11-27T09:00:00Z")).type, "social_insurance.contact_letter");
  throwsLl(() => archive.verifyArchived(jws, "2026-11-29T00:00:00Z"), { code: "key.retired" });
  throwsLl(() => archive.verifyArchived(jws, "2026-11-01T00:00:00Z"), { code: "envelope.issued_in_future" });
  throwsLl(() => archive.verify(jws), { code: "envelope.too_old" });
});

test("agency and requiredParties", () => {
  const v = verifier({ agency: "330200-SI" });
  assert.equal(v.agency, "330200-SI");
  assert.equal(verifier().agency, null);
  v.verify(signed());
  throwsLl(() => verifier({ agency: "330200-HR" }).verify(signed()), { code: "envelope.wrong_audience", path: "/to/agency" });
  throwsLl(() => verifier({ agency: "" }), { code: "input.invalid" });
  verifier({ requiredParties: [{ region: "513400", agency: "513400-SI" }] }).verify(signed());
  throwsLl(() => verifier({ requiredParties: [{ region: "522300", agency: "522300-SI", name: "黔西南" }] }).verify(signed()), {
    code: "envelope.missing_signer",
    path: "/signatures",
  });
  throwsLl(() => verifier({ requiredParties: [{ region: "522300" }] }), { code: "input.invalid" });
  throwsLl(() => verifier({ requiredParties: { region: "522300", agency: "x" } }), { cls: TypeError });
});
