"""Test helpers: deterministic test keys and documents at a fixed instant."""

from __future__ import annotations

from typing import Any, Dict, Optional

import labourlink

NOW = "2026-11-27T08:00:00Z"
LIANGSHAN: labourlink.Party = {"region": "513400", "agency": "513400-HR"}
NINGBO: labourlink.Party = {"region": "330200", "agency": "330200-HR"}


def seed(n: int) -> bytes:
    return bytes([n]) * 32


def roster(body: Optional[Dict[str, Any]] = None, **kw: Any) -> labourlink.Document:
    """A worker roster from Liangshan to Ningbo, issued at NOW."""
    return labourlink.document(
        "worker_transfer.roster",
        from_=LIANGSHAN,
        to=NINGBO,
        body=body if body is not None else {"workers": [{"name": "吉克阿呷", "age": 24}]},
        at=kw.pop("at", NOW),
        **kw,
    )
