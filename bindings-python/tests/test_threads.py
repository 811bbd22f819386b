"""One Verifier used from several threads, and verify_many."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import List, Union

import pytest

import labourlink
from labourlink import LabourlinkError, SignatureError, SigningKey, TrustList, Verified, Verifier
from support import NOW, roster, roster_body


def messages(key: SigningKey, n: int) -> List[str]:
    """`n` valid rosters, numbered in `roster_number`."""
    return [labourlink.sign(roster(dict(roster_body(f"LSRS-2026-{i:04d}"))), key) for i in range(n)]


def number(v: Verified) -> int:
    return int(v.body["roster_number"][-4:])


def test_verifier_from_several_threads(trust_list: TrustList, liangshan_key: SigningKey) -> None:
    # Every thread verifies the same messages again and again: no replay guard here.
    verifier = Verifier(trust_list, region="330200", clock=NOW, dangerous_no_replay_guard=True)
    batch = messages(liangshan_key, 50)
    bad = batch[0].replace("eyJ", "eyK", 1)
    start = threading.Barrier(4)

    def work(t: int) -> List[int]:
        start.wait()
        out = []
        for _ in range(5):
            for m in batch:
                out.append(number(verifier.verify(m)))
            with pytest.raises(SignatureError):
                verifier.verify(bad)
        return out

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(work, range(4)))
    for r in results:
        assert r == list(range(50)) * 5


def test_replay_guard_is_shared_between_threads(trust_list: TrustList, signed: str) -> None:
    v = Verifier(trust_list, region="330200", clock=NOW)

    def attempt(_: int) -> bool:
        try:
            v.verify(signed)
            return True
        except labourlink.ReplayError:
            return False

    with ThreadPoolExecutor(4) as pool:
        accepted = list(pool.map(attempt, range(16)))
    assert accepted.count(True) == 1


# 10**6: more than a batch starts (256 at most), and more than the system would create —
# capped, never a PanicException.
@pytest.mark.parametrize("threads", [0, 1, 2, 3, 10**6])
def test_verify_many_keeps_order_and_returns_errors(
    verifier: Verifier, liangshan_key: SigningKey, threads: int
) -> None:
    batch: List[Union[str, bytes, bytearray]] = list(messages(liangshan_key, 300))
    good = messages(liangshan_key, 300)
    batch[7] = good[7].replace("eyJ", "eyK", 1)
    batch[100] = b"not json"
    batch[200] = bytearray(good[200].encode())
    out = verifier.verify_many(batch, threads=threads)
    assert len(out) == 300
    for i, r in enumerate(out):
        if i == 7:
            assert isinstance(r, SignatureError)
        elif i == 100:
            assert isinstance(r, labourlink.JsonError) and r.code == "json.syntax"
        else:
            assert isinstance(r, Verified), (i, r)
            assert number(r) == i
    assert all(isinstance(r, (Verified, LabourlinkError)) for r in out)


def test_verify_many_accepts_any_iterable(verifier: Verifier, signed: str) -> None:
    (only,) = verifier.verify_many(iter([signed]))
    assert isinstance(only, Verified) and only.type == "worker_transfer.roster"
    assert verifier.verify_many([]) == []
    with pytest.raises(TypeError):
        verifier.verify_many([signed, 42])  # type: ignore[list-item]


def test_verify_many_runs_in_parallel_with_replay(trust_list: TrustList, signed: str) -> None:
    v = Verifier(trust_list, region="330200", clock=NOW)
    out = v.verify_many([signed] * 20, threads=2)
    # replay is decided in input order: the first copy is accepted, whatever the thread timing
    assert isinstance(out[0], Verified)
    assert all(isinstance(r, labourlink.ReplayError) and r.code == "replay.duplicate" for r in out[1:])
