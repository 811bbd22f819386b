"""ReferenceData: signed holiday calendar and GB/T 2260 changes, verified like a trust list and
used by the verifier's business rules (the embedded tables otherwise)."""

from __future__ import annotations

from typing import Any, Dict

import pytest

import labourlink
from labourlink import ReferenceData, RuleError, SigningKey, TrustList, TrustListError, Verifier
from support import NOW, roster, roster_body

# A test-only document: NOT the State Council's 2027 schedule, and a made-up region code.
BODY: Dict[str, Any] = {
    "sequence": 2,
    "next_update": "2027-12-01T00:00:00Z",
    "calendar": {"version": "test-2027", "years": [{
        "year": 2027, "status": "official", "source": "test schedule, not a real notice",
        "days": [{"date": "2027-01-01", "kind": "holiday", "name": "元旦"},
                 {"date": "2027-01-04", "kind": "holiday", "name": "test day off"}]}]},
    "regions": {"as_of": "2026-06-30", "source": "test list",
                "added": [{"code": "513499", "name": "test county"}]},
}


def signed_data(anchor_key: SigningKey, body: Dict[str, Any] = BODY) -> str:
    return ReferenceData.from_body(body).sign(anchor_key, region="330200", agency="330200-ANCHOR", at=NOW)


def test_load_and_tables(anchor_key: SigningKey) -> None:
    rd = ReferenceData.load(signed_data(anchor_key), anchors=[anchor_key.public_key], at=NOW)
    assert rd.sequence == 2 and rd.next_update == "2027-12-01T00:00:00Z" and rd.digest
    assert rd.is_confirmed(2027) and rd.is_confirmed(2026)
    assert rd.add_working_days("2026-12-31", 1) == "2027-01-05"
    assert rd.is_current_region("513499") and not rd.is_current_region("513498")
    assert rd.to_body()["sequence"] == 2
    rd.check_not_rollback(2, rd.digest)
    with pytest.raises(TrustListError) as info:
        rd.check_not_rollback(3)
    assert info.value.code == "reference_data.rollback"
    with pytest.raises(TrustListError) as info:
        rd.check_fresh(at="2028-01-01T00:00:00Z")
    assert info.value.code == "reference_data.stale"


def test_signer_must_be_an_anchor(anchor_key: SigningKey, liangshan_key: SigningKey) -> None:
    with pytest.raises(TrustListError) as info:
        ReferenceData.load(signed_data(liangshan_key), anchors=[anchor_key.public_key], at=NOW)
    assert info.value.code == "reference_data.untrusted_anchor"


def test_malformed_body() -> None:
    body = dict(BODY, regions={"as_of": "2026-06-30", "source": "x", "added": [{"code": "12", "name": "x"}]})
    with pytest.raises(TrustListError) as info:
        ReferenceData.from_body(body)
    assert info.value.code == "reference_data.invalid"
    assert info.value.path == "/body/regions/added/0/code"


def test_verifier_uses_the_loaded_region_list(
    trust_list: TrustList, liangshan_key: SigningKey, anchor_key: SigningKey
) -> None:
    body = dict(roster_body())
    body["workers"] = [dict(body["workers"][0], hukou_region="513499")]
    msg = labourlink.sign(roster(body), liangshan_key)
    with pytest.raises(RuleError) as info:
        Verifier(trust_list, region="330200", clock=NOW).verify(msg)
    assert "rule.region_code_unknown" in [v["code"] for v in info.value.violations]
    rd = ReferenceData.load(signed_data(anchor_key), anchors=[anchor_key.public_key], at=NOW)
    verified = Verifier(trust_list, region="330200", clock=NOW, reference_data=rd).verify(msg)
    assert verified.type == "worker_transfer.roster"
