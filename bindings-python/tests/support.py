"""Test helpers: deterministic test keys and documents at a fixed instant."""

from __future__ import annotations

from typing import Any, Dict, Optional

import labourlink
from labourlink.messages import WorkerTransferRosterBody

NOW = "2026-11-27T08:00:00Z"
LIANGSHAN: labourlink.Party = {"region": "513400", "agency": "513400-HR"}
NINGBO: labourlink.Party = {"region": "330200", "agency": "330200-HR"}


def seed(n: int) -> bytes:
    return bytes([n]) * 32


def roster_body(number: str = "LSRS-2026-0017", name: str = "吉克样例") -> WorkerTransferRosterBody:
    """A worker roster body that passes the schema and the business rules (at NOW)."""
    return {
        "roster_number": number,
        "workers": [{"line": 1, "hukou_region": "513401", "organised": True, "consent_on": "2026-11-20",
                     "person": {"name": name, "citizen_id": "513401199807120313", "sex": "male",
                                "birth_date": "1998-07-12"}}],
    }


def roster(body: Optional[Dict[str, Any]] = None, **kw: Any) -> labourlink.Document:
    """A worker roster from Liangshan to Ningbo, issued at NOW; by default a valid one (the
    verifier's default schema and rules stages accept it)."""
    return labourlink.document(
        "worker_transfer.roster",
        from_=LIANGSHAN,
        to=NINGBO,
        body=body if body is not None else dict(roster_body()),
        at=kw.pop("at", NOW),
        **kw,
    )
