"""document(), sign() and the dict → JSON conversion."""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any, Dict

import pytest

import labourlink
from labourlink import EnvelopeError, JsonError, LabourlinkError, SigningKey
from support import LIANGSHAN, NINGBO, NOW, roster, roster_body


def test_document_fills_id_and_issued_at() -> None:
    doc = roster()
    assert doc["spec"] == "labourlink/1"
    assert doc["type"] == "worker_transfer.roster"
    assert doc["schema_version"] == "1.0"
    assert doc["issued_at"] == NOW
    assert doc["id"][14] == "7"  # UUID v7
    assert doc["from"] == LIANGSHAN
    assert doc["body"] == roster_body()
    assert "case" not in doc
    assert roster()["id"] != doc["id"]


def test_document_optional_fields() -> None:
    doc = labourlink.document(
        "social_insurance.contact_letter",
        from_={"region": "513400", "agency": "513400-SI", "name": "凉山州社会保险事业管理局"},
        to={"region": "330200", "agency": "330200-SI"},
        case={"id": "330200-SI-2026-000123", "type": "social_insurance.pension_transfer"},
        in_reply_to="018f6d0e-7c1a-7b3e-9a55-2f1d3c4b5a69",
        expires_at=dt.datetime(2026, 12, 27, 16, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))),
        id="018f6d0e-7c1a-7b3e-9a55-2f1d3c4b5a6a",
        schema_version="1.2",
        at=dt.datetime(2026, 11, 27, 8, 0, tzinfo=dt.timezone.utc),
    )
    assert doc["case"] == {"id": "330200-SI-2026-000123", "type": "social_insurance.pension_transfer"}
    assert doc["in_reply_to"] == "018f6d0e-7c1a-7b3e-9a55-2f1d3c4b5a69"
    assert doc["expires_at"] == "2026-12-27T08:00:00Z"
    assert doc["id"] == "018f6d0e-7c1a-7b3e-9a55-2f1d3c4b5a6a"
    assert doc["schema_version"] == "1.2"
    assert doc["issued_at"] == NOW
    assert doc["from"].get("name") == "凉山州社会保险事业管理局"


def test_document_without_at_uses_now() -> None:
    doc = labourlink.document("receipt", from_=LIANGSHAN, to=NINGBO)
    issued = dt.datetime.strptime(doc["issued_at"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc)
    assert abs((issued - dt.datetime.now(dt.timezone.utc)).total_seconds()) < 60
    assert doc["body"] == {}


def test_document_envelope_errors() -> None:
    with pytest.raises(EnvelopeError) as info:
        labourlink.document("worker_transfer.nope", from_=LIANGSHAN, to=NINGBO, at=NOW)
    assert (info.value.code, info.value.path) == ("envelope.unknown_type", "/type")
    with pytest.raises(EnvelopeError) as info:
        labourlink.document("receipt", from_={"region": "51340", "agency": "x"}, to=NINGBO, at=NOW)
    assert (info.value.code, info.value.path) == ("envelope.invalid", "/from/region")
    with pytest.raises(EnvelopeError) as info:
        labourlink.document("receipt", from_=LIANGSHAN, to=NINGBO, at=NOW, expires_at="2026-01-01T00:00:00Z")
    assert info.value.path == "/expires_at"


def test_document_argument_shapes() -> None:
    # A dict of the wrong contents is input.invalid at its place; the wrong type a TypeError.
    with pytest.raises(LabourlinkError) as info:
        labourlink.document("receipt", from_={"region": "513400"}, to=NINGBO)  # type: ignore[typeddict-item]
    assert (info.value.code, info.value.path) == ("input.invalid", "/from")
    assert "agency" in info.value.message
    with pytest.raises(LabourlinkError) as info:
        labourlink.document(
            "receipt", from_={"region": "513400", "agency": "a", "x": 1}, to=NINGBO  # type: ignore[typeddict-unknown-key]
        )
    assert (info.value.code, info.value.path) == ("input.invalid", "/from")
    assert "unknown field" in info.value.message
    with pytest.raises(LabourlinkError) as info:
        labourlink.document("receipt", from_=LIANGSHAN, to=NINGBO, case={"id": 1})  # type: ignore[arg-type]
    assert (info.value.code, info.value.path) == ("input.invalid", "/case")
    with pytest.raises(TypeError):
        labourlink.document("receipt", from_=("513400", "a"), to=NINGBO)  # type: ignore[arg-type]


def test_any_mapping_is_taken_where_the_stubs_say_mapping(liangshan_key: SigningKey) -> None:
    from types import MappingProxyType

    doc = roster()
    assert labourlink.sign(MappingProxyType(doc), liangshan_key) == labourlink.sign(doc, liangshan_key)
    assert labourlink.canonicalize(MappingProxyType({"b": 1, "a": MappingProxyType({"c": 2})})) == b'{"a":{"c":2},"b":1}'
    d = labourlink.document("receipt", from_=MappingProxyType(dict(LIANGSHAN)), to=NINGBO, at=NOW)  # type: ignore[arg-type]
    assert d["from"] == dict(LIANGSHAN)
    jwk = liangshan_key.public_key.to_jwk()
    assert labourlink.VerifyingKey.from_jwk(MappingProxyType(jwk)).to_jwk() == jwk
    earlier = labourlink.document("receipt", from_=NINGBO, to=LIANGSHAN, at=NOW, body=None)
    with pytest.raises(LabourlinkError):
        # Read (a Mapping is taken); the reply itself is no reply to it.
        labourlink.Verifier(labourlink.TrustList(1, "2027-01-01T00:00:00Z"), region="330200", clock=NOW).verify_reply_to(
            "{}", MappingProxyType(earlier), "x"
        )
    with pytest.raises(TypeError, match="jwk must be a dict"):
        labourlink.VerifyingKey.from_jwk([1, 2])  # type: ignore[arg-type]


def test_naive_datetime_is_refused() -> None:
    with pytest.raises(LabourlinkError) as info:
        labourlink.document("receipt", from_=LIANGSHAN, to=NINGBO, at=dt.datetime(2026, 11, 27, 8))
    assert info.value.code == "input.invalid"
    assert "naive" in info.value.message
    # An RFC 3339 offset is normalised to UTC (as the CLI does); a time without one is refused.
    east = labourlink.document("receipt", from_=LIANGSHAN, to=NINGBO, at="2026-11-27T16:00:00+08:00")
    assert east["issued_at"] == "2026-11-27T08:00:00Z"
    with pytest.raises(LabourlinkError) as info:
        labourlink.document("receipt", from_=LIANGSHAN, to=NINGBO, at="2026-11-27T08:00:00")
    assert info.value.code == "input.invalid"
    with pytest.raises(TypeError):
        labourlink.document("receipt", from_=LIANGSHAN, to=NINGBO, at=1795766400)  # type: ignore[arg-type]


def test_sign_produces_jws_json(liangshan_key: SigningKey) -> None:
    jws = labourlink.sign(roster(), liangshan_key)
    parsed = labourlink.parse_json(jws)
    assert set(parsed) == {"payload", "signatures"}
    assert len(parsed["signatures"]) == 1
    # Ed25519 is deterministic: the same document gives the same bytes.
    doc = roster()
    assert labourlink.sign(doc, liangshan_key) == labourlink.sign(doc, [liangshan_key])


def test_sign_with_two_keys(liangshan_key: SigningKey) -> None:
    other = SigningKey.generate("ES256", kid="330200-hr-2026a")
    jws = labourlink.sign(roster(), [liangshan_key, other])
    assert len(labourlink.parse_json(jws)["signatures"]) == 2


def test_sign_argument_errors(liangshan_key: SigningKey) -> None:
    with pytest.raises(LabourlinkError) as info:
        labourlink.sign(roster(), [])
    assert info.value.code == "input.invalid"
    with pytest.raises(TypeError):
        labourlink.sign(roster(), "key")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        labourlink.sign(roster(), [liangshan_key, 1])  # type: ignore[list-item]


def body_error(liangshan_key: SigningKey, body: Dict[str, Any]) -> JsonError:
    with pytest.raises(JsonError) as info:
        labourlink.sign(roster(body), liangshan_key)
    return info.value


def test_float_in_document_is_json_not_integer(liangshan_key: SigningKey) -> None:
    err = body_error(liangshan_key, {"workers": [{"wage": 4500.5}]})
    assert (err.code, err.path) == ("json.not_integer", "/body/workers/0/wage")
    assert isinstance(err, ValueError)


def test_unsafe_integers(liangshan_key: SigningKey) -> None:
    err = body_error(liangshan_key, {"n": 2**53})
    assert (err.code, err.path) == ("json.integer_out_of_range", "/body/n")
    err = body_error(liangshan_key, {"n": -(2**63) - 1})
    assert (err.code, err.path) == ("json.integer_out_of_range", "/body/n")
    err = body_error(liangshan_key, {"n": 2**200})
    assert (err.code, err.path) == ("json.integer_out_of_range", "/body/n")
    labourlink.sign(roster({"n": 2**53 - 1, "m": -(2**53 - 1)}), liangshan_key)


def test_non_finite_and_odd_values(liangshan_key: SigningKey) -> None:
    err = body_error(liangshan_key, {"x": [math.nan]})
    assert (err.code, err.path) == ("json.number_out_of_range", "/body/x/0")
    err = body_error(liangshan_key, {"a/b~c": math.inf})
    assert err.path == "/body/a~1b~0c"
    err = body_error(liangshan_key, {"s": "\ud800"})
    assert (err.code, err.path) == ("json.lone_surrogate", "/body/s")
    with pytest.raises(TypeError, match="/body/when"):
        labourlink.sign(roster({"when": dt.date(2026, 1, 1)}), liangshan_key)
    with pytest.raises(TypeError, match="keys must be str"):
        labourlink.sign(roster({1: "x"}), liangshan_key)  # type: ignore[dict-item]
    with pytest.raises(TypeError):
        labourlink.sign(roster({"b": b"bytes"}), liangshan_key)


def test_deep_and_cyclic_values(liangshan_key: SigningKey) -> None:
    deep: Dict[str, Any] = {}
    cur = deep
    for _ in range(40):
        cur["a"] = {}
        cur = cur["a"]
    err = body_error(liangshan_key, deep)
    assert err.code == "json.too_deep"
    cyclic: Dict[str, Any] = {}
    cyclic["self"] = cyclic
    assert body_error(liangshan_key, cyclic).code == "json.too_deep"


def test_tuples_and_bools_and_none(liangshan_key: SigningKey) -> None:
    jws = labourlink.sign(roster({"t": (1, 2), "b": True, "n": None}), liangshan_key)
    payload = labourlink.parse_json(jws)["payload"]
    assert isinstance(payload, str)


def test_parse_json_is_strict() -> None:
    assert labourlink.parse_json('{"a": [1, "x", null, true]}') == {"a": [1, "x", None, True]}
    assert labourlink.parse_json(b"1.5", integers_only=False) == 1.5
    for text, code in [
        ('{"a":1,"a":2}', "json.duplicate_key"),
        ("NaN", "json.syntax"),
        ("1.5", "json.not_integer"),
        ('"\\ud800"', "json.lone_surrogate"),
        ("9007199254740992", "json.integer_out_of_range"),
    ]:
        with pytest.raises(JsonError) as info:
            labourlink.parse_json(text)
        assert info.value.code == code, text
    # Python's json module would have accepted all of these:
    assert json.loads('{"a":1,"a":2}') == {"a": 2}


def test_integral_float_is_refused(liangshan_key: SigningKey) -> None:
    err = body_error(liangshan_key, {"wage": 4500.0})
    assert (err.code, err.path) == ("json.not_integer", "/body/wage")
