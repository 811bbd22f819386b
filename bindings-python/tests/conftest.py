"""Shared fixtures: deterministic test keys, a trust list and a verifier at a fixed instant."""

from __future__ import annotations

import pytest

import labourlink
from labourlink import SigningKey, TrustList, Verifier
from support import NOW, roster, seed

@pytest.fixture(scope="session")
def liangshan_key() -> SigningKey:
    return SigningKey.from_seed(seed(1), kid="513400-hr-2026a")

@pytest.fixture(scope="session")
def anchor_key() -> SigningKey:
    return SigningKey.from_seed(seed(9), kid="330200-anchor-1")

@pytest.fixture()
def trust_list(liangshan_key: SigningKey) -> TrustList:
    tl = TrustList(1, "2027-01-01T00:00:00Z")
    tl.add_key(
        kid=liangshan_key.kid,
        region="513400",
        agency="513400-HR",
        key=liangshan_key.public_key,
        valid_from="2026-01-01T00:00:00Z",
        message_types=["worker_transfer.*", "receipt"],
    )
    return tl

@pytest.fixture()
def verifier(trust_list: TrustList) -> Verifier:
    return Verifier(trust_list, region="330200", clock=NOW)

@pytest.fixture()
def signed(liangshan_key: SigningKey) -> str:
    return labourlink.sign(roster(), liangshan_key)
