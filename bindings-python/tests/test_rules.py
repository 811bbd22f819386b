"""Identifier checks, schema validation, the schema stage and verify_reply."""

from __future__ import annotations

import datetime as dt
from typing import List

import pytest

import labourlink
from labourlink import EnvelopeError, RuleError, SchemaError, SigningKey, TrustList, Verifier
from support import NINGBO, NOW, roster

ON = "2026-11-27"


def test_check_citizen_id() -> None:
    assert labourlink.check_citizen_id("330203199001011236", on=ON) == []
    (f,) = labourlink.check_citizen_id("330203199001011234", on=dt.date(2026, 11, 27), path="/body/person/citizen_id")
    assert f["code"] == "rule.citizen_id_checksum"
    assert f["severity"] == "error"
    assert f["path"] == "/body/person/citizen_id"
    assert "330203" not in f["message"]  # messages never repeat the identifier
    assert f["message_zh"]
    (f,) = labourlink.check_citizen_id("330203203001011230", on=ON)
    assert f["code"] in ("rule.citizen_id_birth_date", "rule.citizen_id_checksum")
    with pytest.raises(labourlink.LabourlinkError) as info:
        labourlink.check_citizen_id("330203199001011236", on="27/11/2026")
    assert info.value.code == "input.invalid"
    with pytest.raises(TypeError):
        labourlink.check_citizen_id("330203199001011236", on=20261127)  # type: ignore[arg-type]


def test_parse_citizen_id() -> None:
    parsed = labourlink.parse_citizen_id("11010519491231002x", on=ON)
    assert parsed["normalized"] == "11010519491231002X"
    assert parsed["birth_date"] == "1949-12-31"
    assert parsed["kind"] == "citizen"
    p = labourlink.parse_citizen_id("330203199001011236", on=dt.datetime(2026, 11, 27, tzinfo=dt.timezone.utc))
    assert (p["sex"], p["address_code"], p["normalized"]) == ("male", "330203", "330203199001011236")
    with pytest.raises(RuleError) as info:
        labourlink.parse_citizen_id("330203199001011234", on=ON)
    err = info.value
    assert err.code == "rule.violation"
    assert [f["code"] for f in err.findings] == ["rule.citizen_id_checksum"]
    assert err.findings == list(err.violations)


def test_uscc_and_regions() -> None:
    assert labourlink.check_uscc("91350100M000100Y43") == []
    assert labourlink.parse_uscc("91350100M000100Y43")["region_code"] == "350100"
    (f,) = labourlink.check_uscc("91350100M000100Y44", path="/body/employer/uscc")
    assert (f["code"], f["path"]) == ("rule.uscc_checksum", "/body/employer/uscc")
    with pytest.raises(RuleError) as info:
        labourlink.parse_uscc("not a uscc")
    assert info.value.findings[0]["code"] == "rule.uscc_format"
    assert labourlink.region_name("330200") == "宁波市"
    assert labourlink.check_region_code("330200") == []
    assert labourlink.check_region_code("3302")[0]["code"] == "rule.region_code_format"
    with pytest.raises(RuleError):
        labourlink.region_name("999999")
    # National code tables (issue 11 item 12).
    assert labourlink.code_name("gb_t_3304", "07") == "彝族"
    assert labourlink.code_name("gb_t_4754_divisions", "39") == "计算机、通信和其他电子设备制造业"
    with pytest.raises(RuleError) as info:
        labourlink.code_name("gb_t_2261_2", "first_marriage")
    assert info.value.findings[0]["code"] == "rule.marital_status_code"
    with pytest.raises(labourlink.LabourlinkError) as err:
        labourlink.code_name("gb_t_9999", "07")
    assert err.value.code == "input.invalid"
    assert labourlink.convert_15_to_18("110105491231002") == "11010519491231002X"
    with pytest.raises(RuleError):
        labourlink.convert_15_to_18("12345")


def test_validate_body() -> None:
    with pytest.raises(SchemaError) as info:
        labourlink.validate_body("receipt", {"status": "maybe"})
    err = info.value
    assert err.code == "schema.invalid"
    paths = sorted(e["path"] for e in err.errors)
    assert "/body/status" in paths
    assert all(e["code"] == "schema.invalid" for e in err.errors)
    with pytest.raises(EnvelopeError):
        labourlink.validate_body("no.such_type", {})


def test_schema_stage_in_the_verifier(trust_list: TrustList, liangshan_key: SigningKey) -> None:
    doc = labourlink.document(
        "worker_transfer.roster",
        from_={"region": "513400", "agency": "513400-HR"},
        to=NINGBO,
        body={"workers": [], "roster_nmber": "x"},
        at=NOW,
    )
    jws = labourlink.sign(doc, liangshan_key)
    with pytest.raises(SchemaError) as info:
        Verifier(trust_list, region="330200", clock=NOW).verify(jws)  # the schema stage is on by default
    assert {e["path"] for e in info.value.errors} >= {"/body"}
    # only a verifier that says so skips it (then the envelope and the rules judge alone)
    lax = Verifier(trust_list, region="330200", clock=NOW, dangerous_skip_schema=True, dangerous_skip_rules=True)
    assert lax.verify(jws).body["roster_nmber"] == "x"


def test_verify_reply(trust_list: TrustList, liangshan_key: SigningKey) -> None:
    case: labourlink.CaseRef = {"id": "330200-WT-2026-000042", "type": "worker_transfer.placement"}
    signed = labourlink.sign(roster(case=case), liangshan_key)
    ningbo = SigningKey.generate(kid="330200-hr-2026a")
    trust_list.add_key(
        kid=ningbo.kid, region="330200", agency="330200-HR", key=ningbo.public_key,
        valid_from="2026-01-01T00:00:00Z", message_types=["*"],
    )
    # Ningbo's own verifier for Liangshan's roster, and Liangshan's for Ningbo's reply (its clock
    # a callable: asked once per call).
    calls: List[int] = []

    def clock() -> str:
        calls.append(1)
        return NOW

    at_ningbo = Verifier(trust_list, region="330200", clock=NOW)
    at_liangshan = Verifier(trust_list, region="513400", clock=clock)
    earlier = at_ningbo.verify(signed)
    reply = labourlink.document(
        "worker_transfer.roster_reply",
        from_=NINGBO,
        to={"region": "513400", "agency": "513400-HR"},
        body={"outcome": "accepted",
              "decisions": [{"line": 1, "citizen_id": "513401199807120313", "decision": "accepted"}]},
        case=case,
        in_reply_to=earlier.id,
        at=NOW,
    )
    signed_reply = labourlink.sign(reply, ningbo)
    answer = at_liangshan.verify_reply(signed_reply, earlier)
    assert answer.type == "worker_transfer.roster_reply"
    assert len(calls) == 1
    # days later: the earlier message as the stored document and its digest (another verifier:
    # this one has recorded the reply already)
    stored = earlier.document
    again = Verifier(trust_list, region="513400", clock=NOW)
    assert again.verify_reply_to(signed_reply, stored, earlier.digest).id == answer.id
    with pytest.raises(TypeError):
        at_liangshan.verify_reply(signed_reply, "earlier")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="verify_reply_to"):
        at_liangshan.verify_reply(signed_reply, stored)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        at_liangshan.verify_reply_to(signed_reply, earlier, earlier.digest)  # type: ignore[arg-type]
    with pytest.raises(EnvelopeError):
        at_liangshan.verify_reply_to(signed_reply, dict(stored, spec="x"), earlier.digest)
    # a receipt is bound to what it acknowledges: id, digest, type
    def receipt(digest: str) -> str:
        doc = labourlink.document(
            "receipt", from_=NINGBO, to={"region": "513400", "agency": "513400-HR"}, case=case,
            in_reply_to=earlier.id, at=NOW,
            body={"received_id": earlier.id, "received_digest": digest, "status": "accepted"},
        )
        return labourlink.sign(doc, ningbo)

    assert at_liangshan.verify_reply(receipt(earlier.digest), earlier).type == "receipt"
    assert again.verify_reply_to(receipt(earlier.digest), stored, earlier.digest).type == "receipt"
    wrong_digest = receipt(answer.digest)
    with pytest.raises(EnvelopeError) as info:
        at_liangshan.verify_reply(wrong_digest, earlier)
    assert (info.value.code, info.value.path) == ("envelope.unexpected_reply", "/body/received_digest")
    with pytest.raises(EnvelopeError) as info:
        again.verify_reply_to(receipt(earlier.digest), stored, answer.digest)
    assert (info.value.code, info.value.path) == ("envelope.unexpected_reply", "/body/received_digest")
    wrong = labourlink.document(
        "social_insurance.contact_letter",
        from_=NINGBO,
        to={"region": "513400", "agency": "513400-HR"},
        case=case,
        in_reply_to=earlier.id,
        at=NOW,
    )
    with pytest.raises(EnvelopeError) as info:
        at_liangshan.verify_reply(labourlink.sign(wrong, ningbo), earlier)
    assert info.value.code == "envelope.unexpected_reply"


def test_examples_validate() -> None:
    for t in labourlink.MESSAGE_TYPES:
        doc = labourlink.example(t)
        if doc is None:
            continue
        assert doc["type"] == t
        findings = labourlink.validate(doc)
        assert all(f["severity"] == "warning" for f in findings), (t, findings)
    assert labourlink.example("no.such_type") is None


def test_validate_reports_every_stage() -> None:
    doc = labourlink.example("social_insurance.application_refusal")
    assert doc is not None
    bad = dict(doc, body=dict(doc["body"], person={"name": "马测试", "citizen_id": "513401199004180575"}))
    (f,) = labourlink.validate(bad)
    assert (f["code"], f["path"], f["severity"]) == ("rule.citizen_id_checksum", "/body/person/citizen_id", "error")
    envelope = dict(doc, spec="labourlink/2")
    assert [f["code"] for f in labourlink.validate(envelope)] == ["envelope.unsupported_spec"]
    schema = dict(doc, body={"scheme": "110"})
    codes = {f["code"] for f in labourlink.validate(schema)}
    assert codes == {"schema.invalid"}
    # JSON text is read strictly: floats and duplicates are findings, not exceptions.
    assert [f["code"] for f in labourlink.validate('{"a": 1.5}')] == ["json.not_integer"]
    assert [f["code"] for f in labourlink.validate(b'{"a": 1, "a": 2}')] == ["json.duplicate_key"]
    # the reference date: a birth date after `on` is refused
    born_late = dict(doc, body=dict(doc["body"], person={"name": "马测试", "citizen_id": "11010519491231002X"}))
    assert labourlink.validate(born_late) == []
    assert [f["code"] for f in labourlink.validate(born_late, on="1949-01-01")] == ["rule.citizen_id_birth_date"]


def test_rules_stage_in_the_verifier(trust_list: TrustList, liangshan_key: SigningKey) -> None:
    example = labourlink.example("worker_transfer.roster")
    assert example is not None
    body = example["body"]
    body["workers"][0]["person"]["citizen_id"] = "513401199807120314"  # wrong check digit
    doc = labourlink.document(
        "worker_transfer.roster", from_={"region": "513400", "agency": "513400-HR"}, to=NINGBO, body=body, at=NOW
    )
    jws = labourlink.sign(doc, liangshan_key)
    Verifier(trust_list, region="330200", clock=NOW, dangerous_skip_rules=True).verify(jws)
    with pytest.raises(RuleError) as info:
        Verifier(trust_list, region="330200", clock=NOW).verify(jws)  # the rules stage is on by default
    assert info.value.code == "rule.violation"
    assert info.value.findings[0]["code"] == "rule.citizen_id_checksum"
    assert info.value.findings[0]["path"] == "/body/workers/0/person/citizen_id"
