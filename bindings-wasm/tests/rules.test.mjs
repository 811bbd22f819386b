// Identifier checks (rules::ids / rules::checks) and schema validation.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as ll from "labourlink";
import { throwsLl } from "./support.mjs";

test("parseCitizenId: parsed fields, or a RuleError whose violations say why", () => {
  const p = ll.parseCitizenId("330203199001011236", { on: "2026-11-27" });
  assert.deepEqual(p, {
    normalized: "330203199001011236",
    kind: "citizen",
    addressCode: "330203",
    historicAddress: p.historicAddress,
    birthDate: "1990-01-01",
    sex: "male",
  });
  const e = throwsLl(() => ll.parseCitizenId("330203199001011234", { on: new Date("2026-11-27T00:00:00Z") }), {
    cls: ll.RuleError,
    code: "rule.violation",
  });
  assert.equal(e.violations[0].code, "rule.citizen_id_checksum");
  throwsLl(() => ll.parseCitizenId("330203199001011236", {}), { cls: TypeError });
  throwsLl(() => ll.parseCitizenId("330203199001011236", { on: "2026-02-30" }), { code: "input.invalid" });
});

test("checkCitizenId returns findings with severity and the given path", () => {
  assert.deepEqual(ll.checkCitizenId("330203199001011236", { on: "2026-11-27" }), []);
  const [f] = ll.checkCitizenId("330203199001011234", { on: "2026-11-27", path: "/body/person/citizen_id" });
  assert.equal(f.code, "rule.citizen_id_checksum");
  assert.equal(f.path, "/body/person/citizen_id");
  assert.equal(f.severity, "error");
  assert.equal(typeof f.messageZh, "string");
});

test("USCC, region codes, 15-digit conversion", () => {
  const u = ll.parseUscc("91350100M000100Y43");
  assert.equal(u.regionCode, "350100");
  assert.equal(u.orgCode, "M000100Y4");
  assert.equal(typeof u.registrationKnown, "boolean");
  assert.deepEqual(ll.checkUscc("91350100M000100Y43").filter((f) => f.severity === "error"), []);
  assert.equal(ll.checkUscc("91350100M000100Y44")[0].code, "rule.uscc_checksum");
  throwsLl(() => ll.parseUscc("91350100M000100Y44"), { cls: ll.RuleError, code: "rule.violation" });
  assert.equal(ll.regionName("330200"), "宁波市");
  assert.equal(ll.checkRegionCode("33020")[0].code, "rule.region_code_format");
  throwsLl(() => ll.regionName("999999"), { cls: ll.RuleError });
  // National code tables (issue 11 item 12).
  assert.equal(ll.codeName("gb_t_3304", "07"), "彝族");
  assert.equal(ll.codeName("gb_t_4754_divisions", "39"), "计算机、通信和其他电子设备制造业");
  throwsLl(() => ll.codeName("gb_t_2261_2", "first_marriage"), { cls: ll.RuleError, code: "rule.violation" });
  throwsLl(() => ll.codeName("gb_t_9999", "07"), { cls: ll.LabourlinkError, code: "input.invalid" });
  assert.equal(ll.convert15To18("110105491231002"), "11010519491231002X");
  throwsLl(() => ll.convert15To18("12345"), { cls: ll.RuleError });
});

test("validateBody: the body against its type's schema", () => {
  ll.validateBody("receipt", {
    received_id: "01a21c04-b400-7000-8000-000000000001",
    received_digest: "HDzasG3JqtG4GIWM2rI4LDjPhFtHQbzJsrcXau61uek",
    status: "accepted",
  });
  throwsLl(() => ll.validateBody("receipt", { status: "accepted" }), { cls: ll.SchemaError, code: "schema.invalid" });
  throwsLl(() => ll.validateBody("no.such", {}), { code: "envelope.unknown_type" });
});

test("validate: envelope, schema and rules of an unsigned document, as findings", async () => {
  const { readFileSync } = await import("node:fs");
  const example = JSON.parse(readFileSync(new URL("../../core/schemas/examples/social_insurance.application_refusal.json", import.meta.url), "utf8"));
  const ok = ll.validate(example);
  assert.equal(ok.valid, true, JSON.stringify(ok.findings));
  const text = ll.validate(JSON.stringify(example));
  assert.deepEqual(text, ok);
  const bad = structuredClone(example);
  bad.body.person.citizen_id = "513401199004180575";
  const r = ll.validate(bad);
  assert.equal(r.valid, false);
  const f = r.findings.find((x) => x.code === "rule.citizen_id_checksum");
  assert.equal(f?.path, "/body/person/citizen_id");
  assert.equal(f.severity, "error");
  assert.deepEqual(Object.keys(f), ["code", "path", "message", "messageZh", "severity"]);
  // the strict parser reads text: duplicates are findings, not exceptions
  const dup = ll.validate('{"a":1,"a":2}');
  assert.equal(dup.valid, false);
  assert.equal(dup.findings[0].code, "json.duplicate_key");
  const env = ll.validate({ spec: "labourlink/1" });
  assert.equal(env.valid, false);
  assert.match(env.findings[0].code, /^envelope\./);
});

test("an invalid Date is refused, not read as 1970 (audit s40)", () => {
  for (const f of [ll.checkCitizenId, ll.parseCitizenId]) {
    throwsLl(() => f("513401199004180574", { on: new Date(NaN) }), { code: "input.invalid" });
  }
});
