"""Verifier and Verified."""

from __future__ import annotations

import datetime as dt
import pathlib
from typing import Any, Dict, List

import pytest

import labourlink
from labourlink import (
    EnvelopeError,
    JsonError,
    JwsError,
    KeyResolutionError,
    LabourlinkError,
    ReplayError,
    ReplayGuard,
    RuleError,
    SchemaError,
    SignatureError,
    SigningKey,
    TrustList,
    TrustListError,
    Verified,
    Verifier,
)
from support import NINGBO, NOW, roster, roster_body


def test_verify_round_trip(verifier: Verifier, trust_list: TrustList, signed: str, liangshan_key: SigningKey) -> None:
    v = verifier.verify(signed)
    assert isinstance(v, Verified)
    assert v.type == "worker_transfer.roster"
    assert v.body == roster_body()
    assert v.document["body"] == v.body
    assert v.document["id"] == v.id
    assert v.issued_at == NOW
    assert len(v.digest) == 43
    assert v.signers == [{"kid": liangshan_key.kid, "alg": "Ed25519", "region": "513400", "agency": "513400-HR"}]
    assert v.warnings == []
    assert v.id in repr(v)
    # bytes and bytearray too (other verifiers: this one has seen the message); the same
    # message gives the same digest
    assert Verifier(trust_list, region="330200", clock=NOW).verify(signed.encode()).digest == v.digest
    assert Verifier(trust_list, region="330200", clock=NOW).verify(bytearray(signed.encode())).digest == v.digest
    # each access builds a fresh dict
    body = v.body
    body["workers"] = []
    assert v.body != body


def test_default_verifier_runs_every_stage(trust_list: TrustList, liangshan_key: SigningKey, signed: str) -> None:
    """Secure by default: schema, business rules and replay protection, with their codes."""
    v = Verifier(trust_list, region="330200", clock=NOW)
    assert v.stages == {"schema": True, "rules": True, "replay": True}
    # a body that does not fit its schema
    with pytest.raises(SchemaError) as sinfo:
        v.verify(labourlink.sign(roster({"workers": [], "roster_nmber": "x"}), liangshan_key))
    assert (sinfo.value.code, sinfo.value.path) == ("schema.invalid", "/body")
    assert sinfo.value.errors
    # a business-rule violation: a citizen ID with a wrong check digit
    body = roster_body()
    body["workers"][0]["person"]["citizen_id"] = "513401199807120314"
    with pytest.raises(RuleError) as rinfo:
        v.verify(labourlink.sign(roster(dict(body)), liangshan_key))
    assert rinfo.value.code.startswith("rule.")
    assert [f["code"] for f in rinfo.value.findings] == ["rule.citizen_id_checksum"]
    # a redelivered message
    v.verify(signed)
    with pytest.raises(ReplayError) as pinfo:
        v.verify(signed)
    assert (pinfo.value.code, pinfo.value.path) == ("replay.duplicate", "/id")


def test_dangerous_switches(trust_list: TrustList, liangshan_key: SigningKey, signed: str) -> None:
    invalid = labourlink.sign(roster({"workers": [], "roster_nmber": "x"}), liangshan_key)
    lax = Verifier(
        trust_list, region="330200", clock=NOW,
        dangerous_skip_schema=True, dangerous_skip_rules=True, dangerous_no_replay_guard=True,
    )
    assert lax.stages == {"schema": False, "rules": False, "replay": False}
    lax.verify(invalid)
    lax.verify(signed)
    lax.verify(signed)  # redelivery accepted without a guard
    # the old opt-in names are gone, and a bool is not a replay guard
    for old in ({"schema": True}, {"rules": False}):
        with pytest.raises(TypeError):
            Verifier(trust_list, region="330200", **old)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="dangerous_no_replay_guard"):
        Verifier(trust_list, region="330200", replay_guard=False)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="contradict"):
        Verifier(trust_list, region="330200", replay_guard=ReplayGuard(), dangerous_no_replay_guard=True)
    with pytest.raises(TypeError, match="contradict"):
        Verifier(trust_list, region="330200", max_age_seconds=60, dangerous_no_max_age=True)
    # any audience
    Verifier(trust_list, region="330100", clock=NOW, dangerous_accept_any_audience=True).verify(signed)


def test_agency_and_required_parties(trust_list: TrustList, liangshan_key: SigningKey, signed: str) -> None:
    v = Verifier(trust_list, region="330200", agency=NINGBO["agency"], clock=NOW)
    assert v.agency == "330200-HR"
    v.verify(signed)
    assert Verifier(trust_list, region="330200").agency is None
    with pytest.raises(EnvelopeError) as info:
        Verifier(trust_list, region="330200", agency="330200-SI", clock=NOW).verify(signed)
    assert (info.value.code, info.value.path) == ("envelope.wrong_audience", "/to/agency")
    with pytest.raises(LabourlinkError) as linfo:
        Verifier(trust_list, region="330200", agency="")
    assert linfo.value.code == "input.invalid"
    Verifier(trust_list, region="330200", clock=NOW,
             required_parties=[{"region": "513400", "agency": "513400-HR"}]).verify(signed)
    with pytest.raises(EnvelopeError) as info:
        Verifier(trust_list, region="330200", clock=NOW,
                 required_parties=[{"region": "330200", "agency": "330200-HR", "name": "宁波"}]).verify(signed)
    assert (info.value.code, info.value.path) == ("envelope.missing_signer", "/signatures")
    with pytest.raises(LabourlinkError) as linfo:
        Verifier(trust_list, region="330200", required_parties=[{"region": "330200"}])  # type: ignore[typeddict-item]
    assert linfo.value.code == "input.invalid"


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
        Verifier(trust_list, region="330200", clock=early, leeway_seconds=60).verify(signed)
    assert info.value.code == "envelope.issued_in_future"
    later = "2026-11-28T08:00:00Z"
    Verifier(trust_list, region="330200", clock=later).verify(signed)
    with pytest.raises(EnvelopeError) as info:
        Verifier(trust_list, region="330200", clock=later, max_age_seconds=3600).verify(signed)
    assert info.value.code == "envelope.too_old"
    # the default maximum age of a transactional message is 30 days
    v = Verifier(trust_list, region="330200", clock=NOW)
    assert v.max_age_for("worker_transfer.roster") == 30 * 86400
    assert v.max_age_for("social_insurance.contribution_certificate") is None  # long-lived
    month = "2026-12-27T08:00:01Z"
    with pytest.raises(EnvelopeError) as info:
        Verifier(trust_list, region="330200", clock=month).verify(signed)
    assert (info.value.code, info.value.path) == ("envelope.too_old", "/issued_at")
    Verifier(trust_list, region="330200", clock=month, dangerous_no_max_age=True).verify(signed)
    per_type = Verifier(trust_list, region="330200", clock=month,
                        max_age_for_types={"worker_transfer.*": 60 * 86400})
    assert per_type.max_age_for("worker_transfer.roster") == 60 * 86400
    per_type.verify(signed)
    assert Verifier(trust_list, region="330200", dangerous_no_max_age=True).max_age_for("receipt") is None


@pytest.mark.parametrize(
    "options, says",
    [
        ({"leeway_seconds": -1}, "leeway_seconds -1 is outside 0 to 3600"),
        ({"leeway_seconds": 10**9}, "is outside 0 to 3600"),
        ({"max_age_seconds": -5}, "max_age_seconds is -5: it must be from 0 to"),
        ({"max_age_seconds": 2**62}, "Python dangerous_no_max_age=True"),
        ({"stale_grace_seconds": -1}, "stale_grace_seconds is -1"),
        ({"max_age_for_types": {"worker_*": 10}}, "'worker_*' is neither"),
    ],
)
def test_time_options_out_of_range_are_refused(
    trust_list: TrustList, options: Dict[str, Any], says: str
) -> None:
    # Refused with the setting named, never clamped or ignored (a misspelt pattern would
    # leave the 30-day default in force unnoticed).
    with pytest.raises(LabourlinkError) as info:
        Verifier(trust_list, region="330200", **options)
    assert info.value.code == "input.invalid"
    assert says in str(info.value.message)


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
    v = Verifier(trust_list, region="330200", clock=NOW)  # a guard of its own by default
    first = v.verify(signed)
    with pytest.raises(ReplayError) as info:
        v.verify(signed)
    assert (info.value.code, info.value.path) == ("replay.duplicate", "/id")
    doc = roster(dict(roster_body("LSRS-2026-0018")), id=first.id)
    with pytest.raises(ReplayError) as info:
        v.verify(labourlink.sign(doc, liangshan_key))
    assert info.value.code == "replay.conflict"
    # a new verifier has a new guard
    Verifier(trust_list, region="330200", clock=NOW).verify(signed)


def test_shared_replay_guard_and_capacity(trust_list: TrustList, signed: str, liangshan_key: SigningKey) -> None:
    guard = ReplayGuard(capacity=1)
    assert (guard.capacity, len(guard)) == (1, 0)
    a = Verifier(trust_list, region="330200", clock=NOW, replay_guard=guard)
    b = Verifier(trust_list, region="330200", clock=NOW, replay_guard=guard)
    first = a.verify(signed)
    assert len(guard) == 1
    with pytest.raises(ReplayError) as info:
        b.verify(signed)
    assert info.value.code == "replay.duplicate"
    # full of an entry that must still be kept: refused, not evicted
    other = labourlink.sign(roster(dict(roster_body("LSRS-2026-0018"))), liangshan_key)
    with pytest.raises(ReplayError) as info:
        b.verify(other)
    assert (info.value.code, info.value.path) == ("replay.capacity", None)
    assert "capacity=1" in repr(guard)
    # entries are kept until the message could no longer verify, then purged
    assert guard.purge_expired(NOW) == 0
    assert guard.purge_expired("2027-06-01T00:00:00Z") == 1 and len(guard) == 0
    # preloading, keyed by issuer and id
    g2 = ReplayGuard()
    g2.check_and_record({"region": "513400", "agency": "513400-HR", "id": first.id}, first.digest,
                        now=NOW, keep_until="2027-01-01T00:00:00Z")
    with pytest.raises(ReplayError) as info:
        Verifier(trust_list, region="330200", clock=NOW, replay_guard=g2).verify(signed)
    assert info.value.code == "replay.duplicate"
    # the same id from another issuer is another message
    g3 = ReplayGuard()
    g3.check_and_record({"region": "522300", "agency": "522300-HR", "id": first.id}, first.digest,
                        now=NOW, keep_until="2027-01-01T00:00:00Z")
    Verifier(trust_list, region="330200", clock=NOW, replay_guard=g3).verify(signed)
    with pytest.raises(ReplayError) as info:
        g3.check_and_record({"region": "522300", "agency": "522300-HR", "id": first.id}, "other",
                            now=NOW, keep_until="2027-01-01T00:00:00Z")
    assert info.value.code == "replay.conflict"
    with pytest.raises(TypeError):
        g3.check_and_record({"region": "522300", "id": first.id}, "d", now=NOW, keep_until=NOW)  # type: ignore[typeddict-item]
    with pytest.raises(TypeError):
        g3.check_and_record({"region": "5", "agency": "a", "id": "i", "extra": 1}, "d", now=NOW, keep_until=NOW)  # type: ignore[typeddict-unknown-key]
    with pytest.raises(TypeError):
        g3.check_and_record(first.id, "d", now=NOW, keep_until=NOW)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "old, new, value",
    [
        ("leeway", "leeway_seconds", 60),
        ("max_age", "max_age_seconds", 3600),
        ("retired_key_window", "retired_key_window_seconds", 86400),
        ("grace_seconds", "stale_grace_seconds", 86400),
    ],
)
def test_old_option_names_still_work_with_a_deprecation_warning(
    trust_list: TrustList, signed: str, old: str, new: str, value: int
) -> None:
    # The names are Rust's and the JS package's (leewaySeconds ...); the earlier Python names
    # keep working, with a warning that names the new one, and mean the same.
    given: Dict[str, Any] = {old: value}
    with pytest.warns(DeprecationWarning, match=f"use {new}="):
        v = Verifier(trust_list, region="330200", clock=NOW, **given)
    assert v.verify(signed).id
    if old == "max_age":
        assert v.max_age_for("worker_transfer.roster") == value
    with pytest.raises(TypeError, match=f"give {new} only"):
        Verifier(trust_list, region="330200", **{**given, new: value})
    # The old name means what the new one does: a bad value is refused under the new name.
    with pytest.warns(DeprecationWarning):
        with pytest.raises(LabourlinkError) as info:
            Verifier(trust_list, region="330200", **{**given, old: -1})
    assert new in str(info.value.message)


def test_stale_trust_list(trust_list: TrustList, signed: str) -> None:
    with pytest.raises(TrustListError) as info:
        Verifier(trust_list, region="330200", clock="2027-02-01T00:00:00Z").verify(signed)
    assert info.value.code == "trust_list.stale"
    Verifier(trust_list, region="330200", clock="2027-02-01T00:00:00Z", stale_grace_seconds=60 * 86400)


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


def test_durable_store_survives_a_new_verifier(
    trust_list: TrustList, signed: str, tmp_path: pathlib.Path
) -> None:
    url = f"sqlite:///{tmp_path / 'node.db'}"
    # A store must be created first: a mistyped path is an error, never a silent new database.
    with pytest.raises(labourlink.LabourlinkError) as info:
        Verifier(trust_list, region="330200", clock=NOW, store=url)
    assert info.value.code == "store.not_initialized"
    # The message names the call a Python script makes, not only the CLI's command.
    assert "labourlink.init_store" in str(info.value)
    labourlink.init_store(url)
    Verifier(trust_list, region="330200", clock=NOW, store=url).verify(signed)
    # A new verifier — a restarted process — on the same store still knows the message.
    with pytest.raises(ReplayError) as info:
        Verifier(trust_list, region="330200", clock=NOW, store=url).verify(signed)
    assert info.value.code == "replay.duplicate"
    with pytest.raises(TypeError):
        Verifier(trust_list, region="330200", clock=NOW, store=url, replay_guard=ReplayGuard())
    with pytest.raises(TypeError):
        Verifier(trust_list, region="330200", clock=NOW, store=url, dangerous_no_replay_guard=True)
