"""TrustList: building, signing, loading, rollover and revocation."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

import labourlink
from labourlink import (
    KeyResolutionError,
    LabourlinkError,
    SignatureError,
    SigningKey,
    TrustList,
    TrustListError,
    Verifier,
)
from support import NOW, roster, seed


def test_build_and_inspect(trust_list: TrustList, liangshan_key: SigningKey) -> None:
    assert trust_list.sequence == 1
    assert trust_list.next_update == "2027-01-01T00:00:00Z"
    assert trust_list.digest is None
    assert len(trust_list) == 1 and liangshan_key.kid in trust_list and 42 not in trust_list
    (record,) = trust_list.keys
    assert record["kid"] == liangshan_key.kid
    assert record["status"] == "active"
    assert record["jwk"]["x"] == liangshan_key.public_key.to_jwk()["x"]
    assert trust_list.key(liangshan_key.kid) == record
    assert trust_list.key("nope") is None
    assert repr(trust_list) == "TrustList(sequence=1, next_update='2027-01-01T00:00:00Z', keys=['513400-hr-2026a'])"


def test_duplicate_kid_and_unknown_kid(trust_list: TrustList, liangshan_key: SigningKey) -> None:
    with pytest.raises(TrustListError) as info:
        trust_list.add_key(
            kid=liangshan_key.kid, region="513400", agency="x", key=liangshan_key.public_key,
            valid_from=NOW, message_types=["receipt"],
        )
    assert info.value.code == "trust_list.invalid"
    with pytest.raises(TrustListError) as info:
        trust_list.retire("nope", NOW)
    assert info.value.code == "trust_list.key_not_found"


def test_body_round_trip(trust_list: TrustList) -> None:
    body = trust_list.to_body()
    assert body["sequence"] == 1
    again = TrustList.from_body(body)
    assert again.to_body() == body
    with pytest.raises(TrustListError) as info:
        TrustList.from_body({**body, "extra": 1})
    assert info.value.path == "/body/extra"


def test_sign_and_load(trust_list: TrustList, anchor_key: SigningKey) -> None:
    jws = trust_list.sign(anchor_key, region="330200", agency="330200-HR", name="宁波市人社局", at=NOW)
    for anchor in (anchor_key.public_key, (anchor_key.kid, anchor_key.public_key), anchor_key.public_key.to_jwk()):
        loaded = TrustList.load(jws, anchors=[anchor], at=NOW)
        assert loaded.to_body() == trust_list.to_body()
        assert loaded.digest is not None
    loaded = TrustList.load(jws.encode(), anchors=[anchor_key.public_key], at=dt.datetime(2026, 11, 28, tzinfo=dt.timezone.utc))
    assert loaded.sequence == 1
    # a list issued in the future (beyond the 300 s leeway) is refused
    with pytest.raises(labourlink.EnvelopeError) as info:
        TrustList.load(jws, anchors=[anchor_key.public_key], at="2026-11-27T07:00:00Z")
    assert (info.value.code, info.value.path) == ("envelope.issued_in_future", "/issued_at")


def test_min_sequence_and_lint(trust_list: TrustList, anchor_key: SigningKey) -> None:
    trust_list.check_min_sequence(1)
    with pytest.raises(TrustListError) as info:
        trust_list.check_min_sequence(2)
    assert (info.value.code, info.value.path) == ("trust_list.rollback", "/body/sequence")
    assert trust_list.lint() == []
    trust_list.add_key(
        kid="330200-anchor-as-partner", region="330200", agency="330200-HR", key=anchor_key.public_key,
        valid_from=NOW, message_types=["*"],
    )
    findings = {(f["path"], f["severity"]) for f in trust_list.lint([anchor_key.public_key])}
    assert ("/body/keys/1/jwk", "error") in findings
    assert ("/body/keys/1/message_types", "warning") in findings
    assert all(f["code"] == "trust_list.invalid" for f in trust_list.lint([anchor_key.public_key]))


def test_load_refuses_other_anchors_and_stale_lists(trust_list: TrustList, anchor_key: SigningKey) -> None:
    jws = trust_list.sign(anchor_key, region="330200", agency="330200-HR", at=NOW)
    rogue = SigningKey.from_seed(seed(10), kid="330200-anchor-1")
    with pytest.raises(SignatureError):
        TrustList.load(jws, anchors=[rogue.public_key], at=NOW)
    other = SigningKey.from_seed(seed(10), kid="330200-anchor-2")
    with pytest.raises(TrustListError) as info:
        TrustList.load(jws, anchors=[other.public_key], at=NOW)
    assert info.value.code == "trust_list.untrusted_anchor"
    with pytest.raises(TrustListError) as info:
        TrustList.load(jws, anchors=[anchor_key.public_key], at="2027-01-08T00:00:01Z")
    assert info.value.code == "trust_list.stale"
    TrustList.load(jws, anchors=[anchor_key.public_key], at="2027-01-08T00:00:01Z", grace_seconds=10**6)
    anonymous = labourlink.VerifyingKey.from_bytes("Ed25519", anchor_key.public_key.to_bytes())
    with pytest.raises(labourlink.KeyRejectedError) as kinfo:
        TrustList.load(jws, anchors=[anonymous], at=NOW)
    assert kinfo.value.code == "key.invalid_format"


def test_anchor_argument_types(trust_list: TrustList, anchor_key: SigningKey) -> None:
    jws = trust_list.sign(anchor_key, region="330200", agency="330200-HR", at=NOW)
    with pytest.raises(TypeError):
        TrustList.load(jws, anchors=["330200-anchor-1"], at=NOW)  # type: ignore[list-item]


def test_check_fresh(trust_list: TrustList) -> None:
    trust_list.check_fresh(at=NOW)
    with pytest.raises(TrustListError):
        trust_list.check_fresh(at="2027-02-01T00:00:00Z")
    trust_list.check_fresh(at="2027-02-01T00:00:00Z", grace_seconds=40 * 86400)


def test_retire_and_revoke(trust_list: TrustList, liangshan_key: SigningKey) -> None:
    early = labourlink.sign(roster(at="2026-11-20T00:00:00Z"), liangshan_key)
    late = labourlink.sign(roster(), liangshan_key)
    retired = copy.copy(trust_list)
    retired.retire(liangshan_key.kid, "2026-11-25T00:00:00Z")
    v = Verifier(retired, region="330200", clock=NOW)
    assert v.verify(early).type == "worker_transfer.roster"  # signed before the retirement
    with pytest.raises(KeyResolutionError) as info:
        v.verify(late)
    assert info.value.code == "key.retired"
    revoked = copy.copy(trust_list)
    revoked.revoke(liangshan_key.kid, "2026-11-25T00:00:00Z")
    with pytest.raises(KeyResolutionError) as info:
        Verifier(revoked, region="330200", clock=NOW).verify(early)
    assert info.value.code == "key.revoked"
    # the original list is untouched by the copies
    assert trust_list.keys[0]["status"] == "active"


def test_live_and_archival_time_rules(trust_list: TrustList, liangshan_key: SigningKey) -> None:
    old = labourlink.sign(roster(at="2026-06-01T00:00:00Z"), liangshan_key)
    retired = copy.copy(trust_list)
    retired.retire(liangshan_key.kid, "2026-09-01T00:00:00Z")
    v = Verifier(retired, region="330200", clock=NOW)
    # live: a roster older than its maximum age (30 days) is too old
    with pytest.raises(labourlink.EnvelopeError) as info:
        v.verify(old)
    assert (info.value.code, info.value.path) == ("envelope.too_old", "/issued_at")
    # without a maximum age, a retired key vouches only within its window after the retirement
    with pytest.raises(KeyResolutionError) as kinfo:
        Verifier(retired, region="330200", clock=NOW, dangerous_no_max_age=True).verify(old)
    assert (kinfo.value.code, kinfo.value.path) == ("key.retired", "/issued_at")
    # archival: judged at the time the message was first received
    assert v.verify_archived(old, "2026-06-01T00:05:00Z").type == "worker_transfer.roster"
    assert v.verify_archived(old, dt.datetime(2026, 6, 2, tzinfo=dt.timezone.utc)).id == v.verify_archived(old, "2026-06-02T00:00:00Z").id
    with pytest.raises(KeyResolutionError) as kinfo:
        v.verify_archived(old, "2026-09-02T00:00:00Z")
    assert kinfo.value.code == "key.retired"
    with pytest.raises(labourlink.EnvelopeError) as info:
        v.verify_archived(old, "2026-05-01T00:00:00Z")
    assert info.value.code == "envelope.issued_in_future"


def test_invalid_instants() -> None:
    with pytest.raises(LabourlinkError) as info:
        TrustList(1, "tomorrow")
    assert info.value.code == "input.invalid"
    assert type(info.value) is LabourlinkError


def test_check_successor(trust_list: TrustList, liangshan_key: SigningKey) -> None:
    """What a node checks of a newer list, for a publisher before it signs one."""
    newer = TrustList.from_body({**trust_list.to_body(), "sequence": 2})
    trust_list.check_successor(newer)
    revoked = copy.copy(trust_list)
    revoked.revoke(liangshan_key.kid, "2026-11-27T08:30:00Z")
    # A draft made before the revocation would bring the key back.
    with pytest.raises(TrustListError) as info:
        revoked.check_successor(newer)
    assert (info.value.code, info.value.path) == ("trust_list.revocation_undone", "/body/keys/0")
    with pytest.raises(TypeError):
        trust_list.check_successor(newer.to_body())  # type: ignore[arg-type]


def test_update_trust_list_is_judged_by_the_verifiers_clock(trust_list: TrustList, anchor_key: SigningKey) -> None:
    """Without ``at``, staleness is judged by the verifier's clock, not the system's."""
    old = TrustList(2, "2026-11-28T00:00:00Z")
    for record in trust_list.keys:
        old.add_key(
            kid=record["kid"], region=record["region"], agency=record["agency"],
            key=labourlink.VerifyingKey.from_jwk(record["jwk"]), valid_from=record["valid_from"],
            message_types=record["message_types"],
        )
    signed = old.sign(anchor_key, region="330200", agency="330200-HR", at=NOW)
    v = Verifier(trust_list, region="330200", anchors=[anchor_key.public_key], clock=NOW)
    assert v.update_trust_list(signed).sequence == 2
