"""Values a script may get wrong, refused with a code or a TypeError, never a panic or a silent
change (the s36 audit of a county bureau's script): NaN and out-of-range times, a str where
bytes or messages are expected, no maximum age outside the dangerous switches, unbounded grace
periods, dates as ``datetime.date``, a URL that can never be fetched, numbers never quoted."""

from __future__ import annotations

import datetime as dt
import pathlib
from typing import Any

import pytest

import labourlink
from labourlink import LabourlinkError, SigningKey, TrustList, Verifier
from support import NOW


def test_wait_and_timeout_must_be_seconds(tmp_path: pathlib.Path, trust_list: TrustList, signed: str) -> None:
    store = f"sqlite://{tmp_path / 'store.db'}"
    labourlink.init_store(store)
    outbox = labourlink.Outbox(store, trust_list)
    for bad in [float("nan"), float("inf"), -1.0, 86_401.0]:
        with pytest.raises(LabourlinkError) as info:
            outbox.send(signed, to="http://127.0.0.1:9/v1/messages", wait=bad)
        assert info.value.code == "input.invalid"
        assert "wait" in info.value.message
    for fetch in (labourlink.fetch_trust_list, labourlink.fetch_reference_data):
        with pytest.raises(LabourlinkError) as info:
            fetch("http://127.0.0.1:9/v1/trust-list", anchors=[], timeout=float("nan"))
        assert info.value.code == "input.invalid"
    for hours in [0, 10**12]:
        with pytest.raises(LabourlinkError) as info:
            labourlink.Outbox(store, trust_list, give_up_after_hours=hours)
        assert info.value.code == "input.invalid"
        with pytest.raises(LabourlinkError):
            outbox.retry(1, give_up_after_hours=hours)


def test_a_url_that_can_never_be_fetched_is_not_a_network_failure() -> None:
    key = SigningKey.from_seed(bytes(32), kid="a").public_key
    for fetch in (labourlink.fetch_trust_list, labourlink.fetch_reference_data):
        with pytest.raises(LabourlinkError) as info:
            fetch("file:///etc/passwd", anchors=[("a", key)], timeout=1.0)
        assert info.value.code == "input.invalid"


def test_strings_where_bytes_or_messages_belong(verifier: Verifier, signed: str) -> None:
    with pytest.raises(TypeError):
        SigningKey.from_seed("0" * 32, kid="x")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        verifier.verify_many(signed)


def test_no_maximum_age_only_through_a_dangerous_switch(trust_list: TrustList) -> None:
    with pytest.raises(LabourlinkError) as info:
        Verifier(trust_list, region="330200", clock=NOW, max_age_for_types={"*": None})  # type: ignore[dict-item]
    assert info.value.code == "input.invalid"
    assert "dangerous_no_max_age_for_types" in info.value.message
    v = Verifier(trust_list, region="330200", clock=NOW, dangerous_no_max_age_for_types=["worker_transfer.*"])
    assert v.max_age_for("worker_transfer.roster") is None
    assert Verifier(trust_list, region="330200", clock=NOW).max_age_for("worker_transfer.roster") == 30 * 86_400


def test_grace_periods_are_bounded(trust_list: TrustList, anchor_key: SigningKey) -> None:
    signed = trust_list.sign(anchor_key, region="330200", agency="330200-HR", at=NOW)
    for grace in [-1, 2**63 - 1]:
        with pytest.raises(LabourlinkError) as info:
            TrustList.load(signed, anchors=[anchor_key.public_key], at=NOW, grace_seconds=grace)
        assert info.value.code == "input.invalid"
        with pytest.raises(LabourlinkError):
            trust_list.check_fresh(at=NOW, grace_seconds=grace)


def test_working_days_take_a_date_and_refuse_with_a_code() -> None:
    data: Any = labourlink.ReferenceData.from_body(
        {
            "sequence": 1,
            "next_update": "2099-01-01T00:00:00Z",
            "regions": {"as_of": "2026-06-30", "source": "TEST", "added": [{"code": "513499", "name": "TEST"}]},
        }
    )
    assert data.add_working_days(dt.date(2026, 9, 30), 3) == data.add_working_days("2026-09-30", 3)
    with pytest.raises(LabourlinkError) as info:
        data.add_working_days("bad", 1)
    assert info.value.code == "input.invalid"


def test_numbers_are_never_quoted_in_errors() -> None:
    for text in ['{"citizen_id": 513401199807120313}', '{"phone": 13800000001.0}']:
        with pytest.raises(LabourlinkError) as info:
            labourlink.parse_json(text)
        assert "5134011998" not in str(info.value) and "1380000000" not in str(info.value)
