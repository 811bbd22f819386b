"""Verifier and Verified."""

from __future__ import annotations

import datetime as dt
from typing import List

import pytest

import labourlink
from labourlink import (
    EnvelopeError,
    JsonError,
    JwsError,
    KeyResolutionError,
    LabourlinkError,
    ReplayError,
    SignatureError,
    SigningKey,
    TrustList,
    TrustListError,
    Verified,
    Verifier,
)
from support import NOW, roster


def test_verify_round_trip(verifier: Verifier, signed: str, liangshan_key: SigningKey) -> None:
    v = verifier.verify(signed)
    assert isinstance(v, Verified)
    assert v.type == "worker_transfer.roster"
    assert v.body == {"workers": [{"name": "吉克阿呷", "age": 24}]}
    assert v.document["body"] == v.body
    assert v.document["id"] == v.id
    assert v.issued_at == NOW
    assert len(v.digest) == 43
    assert v.signers == [{"kid": liangshan_key.kid, "alg": "Ed25519", "region": "513400", "agency": "513400-HR"}]
    assert v.warnings == []
    assert v.id in repr(v)
    # bytes and bytearray too; the same message gives the same digest
    assert verifier.verify(signed.encode()).digest == v.digest
    assert verifier.verify(bytearray(signed.encode())).digest == v.digest
    # each access builds a fresh dict
    body = v.body
    body["workers"] = []
    assert v.body != body


def test_tampered_message_is_a_signature_error(verifier: Verifier, signed: str) -> None:
    with pytest.raises(SignatureError) as info:
        verifier.verify(signed.replace("eyJ", "eyK", 1))
    assert info.value.code == "signature.invalid"
    assert info.value.path is None


def test_structural_errors(verifier: Verifier) -> None:
    with pytest.raises(JsonError) as info:
        verifier.verify('{"payload":"a","payload":"b"}')
    assert (info.value.code, info.value.path) == ("json.duplicate_key", "/payload")
    with pytest.raises(JwsError) as jinfo:
        verifier.verify("{}")
    assert jinfo.value.code == "jws.malformed"
    with pytest.raises(TypeError):
        verifier.verify(42)  # type: ignore[arg-type]


def test_unknown_key(trust_list: TrustList) -> None:
    stranger = SigningKey.generate(kid="513400-hr-stranger")
    with pytest.raises(KeyResolutionError) as info:
        Verifier(trust_list, region="330200", clock=NOW).verify(labourlink.sign(roster(), stranger))
    assert info.value.code == "key.unknown"
    assert info.value.path == "/signatures/0/protected"


def test_wrong_audience(trust_list: TrustList, signed: str) -> None:
    with pytest.raises(EnvelopeError) as info:
        Verifier(trust_list, region="330100", clock=NOW).verify(signed)
    assert (info.value.code, info.value.path) == ("envelope.wrong_audience", "/to/region")
    assert "/to/region" in info.value.message_zh


def test_clock_variants(trust_list: TrustList, signed: str) -> None:
    aware = dt.datetime(2026, 11, 27, 16, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    Verifier(trust_list, region="330200", clock=aware).verify(signed)
    calls: List[int] = []

    def clock() -> str:
        calls.append(1)
        return NOW

    v = Verifier(trust_list, region="330200", clock=clock)
    v.verify(signed)
    v.verify_many([signed, signed])
    assert len(calls) == 2  # once per call
    Verifier(trust_list, region="330200", clock=lambda: aware).verify(signed)
    # system clock: the message is not from the future, the list not stale (until 2027-01-08)
    if dt.datetime.now(dt.timezone.utc) < dt.datetime(2027, 1, 8, tzinfo=dt.timezone.utc):
        Verifier(trust_list, region="330200").verify(signed)


def test_clock_errors(trust_list: TrustList, signed: str) -> None:
    with pytest.raises(LabourlinkError) as info:
        Verifier(trust_list, region="330200", clock=dt.datetime(2026, 11, 27))
    assert info.value.code == "input.invalid"

    def broken() -> str:
        raise RuntimeError("clock is broken")

    v = Verifier(trust_list, region="330200", clock=broken)
    with pytest.raises(RuntimeError, match="broken"):
        v.verify(signed)
    with pytest.raises(LabourlinkError):
        Verifier(trust_list, region="330200", clock=lambda: "soon").verify(signed)


def test_leeway_and_max_age(trust_list: TrustList, signed: str) -> None:
    early = "2026-11-27T07:56:00Z"  # 4 minutes before issue: inside the default leeway of 300 s
    Verifier(trust_list, region="330200", clock=early).verify(signed)
    with pytest.raises(EnvelopeError) as info:
        Verifier(trust_list, region="330200", clock=early, leeway=60).verify(signed)
    assert info.value.code == "envelope.issued_in_future"
    later = "2026-11-28T08:00:00Z"
    Verifier(trust_list, region="330200", clock=later).verify(signed)
    with pytest.raises(EnvelopeError) as info:
        Verifier(trust_list, region="330200", clock=later, max_age=3600).verify(signed)
    assert info.value.code == "envelope.too_old"


def test_expired_message(trust_list: TrustList, liangshan_key: SigningKey) -> None:
    jws = labourlink.sign(roster(expires_at="2026-11-28T00:00:00Z"), liangshan_key)
    with pytest.raises(EnvelopeError) as info:
        Verifier(trust_list, region="330200", clock="2026-12-01T00:00:00Z").verify(jws)
    assert info.value.code == "envelope.expired"


def test_algorithms_policy(trust_list: TrustList, signed: str) -> None:
    with pytest.raises(JwsError) as info:
        Verifier(trust_list, region="330200", clock=NOW, algorithms=["ES256"]).verify(signed)
    assert info.value.code == "jws.algorithm_not_allowed"
    Verifier(trust_list, region="330200", clock=NOW, algorithms=["Ed25519"], allow_eddsa_alias=True).verify(signed)
    with pytest.raises(LabourlinkError) as linfo:
        Verifier(trust_list, region="330200", algorithms=[])
    assert linfo.value.code == "input.invalid"
    with pytest.raises(JwsError):
        Verifier(trust_list, region="330200", algorithms=["RS256"])


def test_required_signers(trust_list: TrustList, liangshan_key: SigningKey, signed: str) -> None:
    with pytest.raises(EnvelopeError) as info:
        Verifier(trust_list, region="330200", clock=NOW, required_signers=2).verify(signed)
    assert info.value.code == "envelope.missing_signer"
    ningbo = SigningKey.generate("ES256", kid="330200-hr-2026a")
    trust_list.add_key(
        kid=ningbo.kid, region="330200", agency="330200-HR", key=ningbo.public_key,
        valid_from="2026-01-01T00:00:00Z", message_types=["*"],
    )
    both = labourlink.sign(roster(), [liangshan_key, ningbo])
    v = Verifier(trust_list, region="330200", clock=NOW, required_signers=2).verify(both)
    assert [s["kid"] for s in v.signers] == [liangshan_key.kid, ningbo.kid]
    assert v.signers[1]["alg"] == "ES256"


def test_replay_guard(trust_list: TrustList, signed: str, liangshan_key: SigningKey) -> None:
    v = Verifier(trust_list, region="330200", clock=NOW, replay_guard=True)
    first = v.verify(signed)
    with pytest.raises(ReplayError) as info:
        v.verify(signed)
    assert (info.value.code, info.value.path) == ("replay.duplicate", "/id")
    doc = roster(id=first.id, body={"workers": []})
    with pytest.raises(ReplayError) as info:
        v.verify(labourlink.sign(doc, liangshan_key))
    assert info.value.code == "replay.conflict"
    # without a guard, redelivery is accepted
    Verifier(trust_list, region="330200", clock=NOW).verify(signed)


def test_stale_trust_list(trust_list: TrustList, signed: str) -> None:
    with pytest.raises(TrustListError) as info:
        Verifier(trust_list, region="330200", clock="2027-02-01T00:00:00Z").verify(signed)
    assert info.value.code == "trust_list.stale"
    Verifier(trust_list, region="330200", clock="2027-02-01T00:00:00Z", grace_seconds=60 * 86400)


def test_builder_errors(trust_list: TrustList) -> None:
    with pytest.raises(LabourlinkError) as info:
        Verifier(trust_list, region="3302")
    assert info.value.code == "input.invalid"
    with pytest.raises(TypeError):
        Verifier(trust_list)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Verifier("tl", region="330200")  # type: ignore[arg-type]


def test_verifier_takes_a_copy(trust_list: TrustList, liangshan_key: SigningKey, signed: str) -> None:
    v = Verifier(trust_list, region="330200", clock=NOW)
    trust_list.revoke(liangshan_key.kid, NOW)
    v.verify(signed)
    assert v.trust_list.keys[0]["status"] == "active"
    assert v.region == "330200"
    assert "330200" in repr(v)


def test_update_trust_list(trust_list: TrustList, anchor_key: SigningKey, liangshan_key: SigningKey, signed: str) -> None:
    v = Verifier(trust_list, region="330200", clock=NOW, anchors=[anchor_key.public_key])
    v.verify(signed)
    newer = TrustList(2, "2027-06-01T00:00:00Z")
    newer.add_key(
        kid=liangshan_key.kid, region="513400", agency="513400-HR", key=liangshan_key.public_key,
        valid_from="2026-01-01T00:00:00Z", message_types=["receipt"],
    )
    jws = newer.sign(anchor_key, region="330200", agency="330200-HR", at=NOW)
    assert v.update_trust_list(jws, at=NOW).sequence == 2
    assert v.trust_list.sequence == 2
    with pytest.raises(EnvelopeError) as info:
        v.verify(signed)
    assert info.value.code == "envelope.type_not_allowed"
    older = trust_list.sign(anchor_key, region="330200", agency="330200-HR", at=NOW)
    with pytest.raises(TrustListError) as tinfo:
        v.update_trust_list(older, at=NOW)
    assert tinfo.value.code == "trust_list.rollback"
    no_anchors = Verifier(trust_list, region="330200", clock=NOW)
    with pytest.raises(TrustListError) as tinfo:
        no_anchors.update_trust_list(jws, at=NOW)
    assert tinfo.value.code == "trust_list.untrusted_anchor"
