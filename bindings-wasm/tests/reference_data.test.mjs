// ReferenceData: signed holiday calendar and GB/T 2260 changes, verified like a trust list and
// used by the verifier's business rules (the embedded tables otherwise).
import { test } from "node:test";
import assert from "node:assert/strict";
import { ReferenceData, RuleError, TrustListError, document, sign } from "labourlink";
import { AT, anchorKey, letterBody, liangshanKey, throwsLl, verifier } from "./support.mjs";

// A test-only document: NOT the State Council's 2027 schedule, and a made-up region code.
const BODY = {
  sequence: 2,
  next_update: "2027-12-01T00:00:00Z",
  calendar: {
    version: "test-2027",
    years: [{
      year: 2027, status: "official", source: "test schedule, not a real notice",
      days: [{ date: "2027-01-01", kind: "holiday", name: "元旦" }, { date: "2027-01-04", kind: "holiday", name: "test day off" }],
    }],
  },
  regions: { as_of: "2026-06-30", source: "test list", added: [{ code: "330299", name: "test district" }] },
};
const anchors = () => [{ kid: anchorKey().kid, key: anchorKey().verifyingKey() }];
const issuer = { region: "330200", agency: "330200-ANCHOR", at: AT };
const signedData = (key = anchorKey(), body = BODY) => ReferenceData.fromBody(body).sign(key, issuer);

test("load, tables, rollback and staleness", () => {
  const rd = ReferenceData.load(signedData(), anchors(), { at: AT });
  assert.equal(rd.sequence, 2);
  assert.equal(rd.nextUpdate, "2027-12-01T00:00:00Z");
  assert.equal(typeof rd.digest, "string");
  assert.ok(rd.isConfirmed(2027));
  assert.equal(rd.addWorkingDays("2026-12-31", 1), "2027-01-05");
  assert.ok(rd.isCurrentRegion("330299"));
  assert.equal(rd.toBody().sequence, 2);
  rd.checkNotRollback(2, rd.digest);
  throwsLl(() => rd.checkNotRollback(3), { cls: TrustListError, code: "reference_data.rollback" });
  throwsLl(() => rd.checkFresh({ at: "2028-01-01T00:00:00Z" }), { cls: TrustListError, code: "reference_data.stale" });
});

test("the signer must be a pinned anchor; a malformed body is refused", () => {
  throwsLl(() => ReferenceData.load(signedData(liangshanKey()), anchors(), { at: AT }), {
    cls: TrustListError, code: "reference_data.untrusted_anchor",
  });
  const bad = { ...BODY, regions: { as_of: "2026-06-30", source: "x", added: [{ code: "12", name: "x" }] } };
  throwsLl(() => ReferenceData.fromBody(bad), { cls: TrustListError, code: "reference_data.invalid", path: "/body/regions/added/0/code" });
});

test("the verifier's rules use the loaded region list", () => {
  const body = letterBody();
  body.receiving_agency = { ...body.receiving_agency, address: { ...body.receiving_agency.address, region: "330299" } };
  const doc = document({
    type: "social_insurance.contact_letter",
    from: { region: "513400", agency: "513400-SI" },
    to: { region: "330200", agency: "330200-SI" },
    case: { id: "330200-SI-2026-000123", type: "social_insurance.pension_transfer" },
    body,
    at: AT,
  });
  const msg = sign(doc, liangshanKey());
  const e = throwsLl(() => verifier().verify(msg), { cls: RuleError, code: "rule.violation" });
  assert.ok(e.violations.some((v) => v.code === "rule.region_code_unknown"));
  const rd = ReferenceData.load(signedData(), anchors(), { at: AT });
  assert.equal(verifier({ referenceData: rd }).verify(msg).type, "social_insurance.contact_letter");
  throwsLl(() => verifier({ referenceData: {} }), { cls: TypeError });
});

test("reference data's queries check their arguments and answer null, not undefined (audit s40)", () => {
  const rd = ReferenceData.fromBody(BODY);
  assert.equal(rd.digest, null);
  assert.equal(rd.addWorkingDays("9999-12-31", 5), null);
  for (const bad of ["1", 1.5, -1, null]) {
    throwsLl(() => rd.addWorkingDays("2026-12-31", bad), { cls: TypeError, code: "input.invalid" });
  }
  for (const bad of ["2027", 2027.5, {}]) {
    throwsLl(() => rd.isConfirmed(bad), { cls: TypeError, code: "input.invalid" });
  }
  for (const bad of [5, true, null, {}]) {
    throwsLl(() => rd.isCurrentRegion(bad), { cls: TypeError, code: "input.invalid" });
  }
  const v = verifier();
  for (const bad of [1, true, {}, null, []]) {
    throwsLl(() => v.maxAgeFor(bad), { cls: TypeError, code: "input.invalid" });
  }
});
