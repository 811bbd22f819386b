"""Every exception class is reachable through the core, with its attributes."""

from __future__ import annotations

import pickle
from typing import Callable, Dict, Type

import pytest

import labourlink
from labourlink import SigningKey, TrustList, Verifier, errors
from support import NOW, roster, seed


def scenarios(tl: TrustList, key: SigningKey, jws: str) -> Dict[Type[errors.LabourlinkError], Callable[[], object]]:
    v = Verifier(tl, region="330200", clock=NOW)  # every stage, replay guard included
    guarded = Verifier(tl, region="330200", clock=NOW)
    guarded.verify(jws)
    schema_invalid = labourlink.sign(roster({"workers": []}), key)
    stranger = SigningKey.from_seed(seed(42), kid="513400-hr-stranger")
    bad_id = labourlink.sign(roster({"roster_number": "R1", "workers": [{
        "line": 1, "hukou_region": "513401", "organised": True, "consent_on": "2026-11-20",
        "person": {"name": "吉克样例", "citizen_id": "513401199807120314", "sex": "male", "birth_date": "1998-07-12"},
    }]}), key)
    return {
        errors.LabourlinkError: lambda: TrustList(1, "next week"),
        errors.JsonError: lambda: v.verify('{"payload": NaN}'),
        errors.JwsError: lambda: v.verify('{"payload": "", "signatures": []}'),
        errors.KeyRejectedError: lambda: labourlink.VerifyingKey.from_bytes("Ed25519", bytes(31)),
        errors.KeyResolutionError: lambda: v.verify(labourlink.sign(roster(), stranger)),
        errors.SignatureError: lambda: v.verify(jws.replace("eyJ", "eyK", 1)),
        errors.EnvelopeError: lambda: Verifier(tl, region="330100", clock=NOW).verify(jws),
        errors.TrustListError: lambda: Verifier(tl, region="330200", clock="2030-01-01T00:00:00Z").verify(jws),
        errors.SchemaError: lambda: v.verify(schema_invalid),
        errors.RuleError: lambda: v.verify(bad_id),
        errors.ReplayError: lambda: guarded.verify(jws),
    }


def test_every_class_is_reachable(trust_list: TrustList, liangshan_key: SigningKey, signed: str) -> None:
    cases = scenarios(trust_list, liangshan_key, signed)
    assert set(cases) == {getattr(errors, name) for name in errors.__all__}
    for cls, trigger in cases.items():
        with pytest.raises(cls) as info:
            trigger()
        err = info.value
        assert type(err) is cls, (cls, err)
        assert isinstance(err, labourlink.LabourlinkError)
        assert err.code and "." in err.code
        assert err.message and err.message_zh
        assert err.path is None or err.path == "" or err.path.startswith("/")
        assert str(err).startswith(err.code)
        back = pickle.loads(pickle.dumps(err))
        assert (type(back), back.code, back.path, back.violations) == (cls, err.code, err.path, err.violations)


def test_value_error_subclasses() -> None:
    assert issubclass(errors.JsonError, ValueError)
    assert issubclass(errors.KeyRejectedError, ValueError)
    assert not issubclass(errors.SignatureError, ValueError)


def test_code_literals_match_the_core() -> None:
    # labourlink.codes is generated from the core's tables (`cargo xtask regen`, xtask/src/codes.rs).
    import typing

    assert list(typing.get_args(labourlink.ErrorCode)) == [c[0] for c in labourlink.error_codes()]
    rule_codes = typing.get_args(labourlink.RuleCode)
    assert rule_codes and all(c.startswith("rule.") for c in rule_codes)
    assert len(set(rule_codes)) == len(rule_codes)


def test_codes_table_and_families() -> None:
    codes = labourlink.error_codes()
    names = [c[0] for c in codes]
    assert "signature.invalid" in names and len(names) == len(set(names))
    for code, stage, summary, summary_zh in codes:
        assert stage and summary and summary_zh
    # The documented family → class mapping covers every code.
    families = {c.split(".")[0] for c in names}
    # (store.* and exchange.* are the node's own database and HTTP errors: LabourlinkError,
    # like input.* and internal.*)
    assert families <= {"json", "jws", "key", "signature", "payload", "envelope", "schema", "rule",
                        "replay", "trust_list", "reference_data", "input", "internal", "store", "exchange"}


def test_schema_error_errors_and_rule_error_findings() -> None:
    e = errors.SchemaError("schema.invalid", "bad", "坏", "/body", [
        {"code": "schema.invalid", "path": "/body/a", "message": "m", "message_zh": "z"}])
    assert e.errors == [{"code": "schema.invalid", "path": "/body/a", "message": "m", "message_zh": "z"}]
    r = errors.RuleError("rule.violation", "bad")
    assert r.findings == [] and r.path is None
    assert repr(r) == "RuleError('rule.violation', 'bad', path=None)"
    assert str(errors.JsonError("json.syntax", "x", path="")) == "json.syntax: x (at /)"
