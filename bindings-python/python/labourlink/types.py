"""Typed shapes of the plain data labourlink exchanges with Python code.

Messages cross the boundary as plain dicts (DESIGN §8); these ``TypedDict``s describe them for
type checkers. The bodies of the individual message types are in :mod:`labourlink.messages`
(generated from ``schemas/``).
"""

from __future__ import annotations

from typing import Any, Dict, List, Literal, Optional, TypedDict, Union

from .codes import ErrorCode, RuleCode

__all__ = [
    "Party",
    "CaseRef",
    "Document",
    "Signer",
    "Violation",
    "Finding",
    "ParsedCitizenId",
    "ParsedUscc",
    "Jwk",
    "KeyRecord",
    "TrustListBody",
    "ReplayKey",
    "VerifierStages",
]


class _PartyRequired(TypedDict):
    region: str
    agency: str


class Party(_PartyRequired, total=False):
    """A sender or receiver: GB/T 2260 region code, agency code, optional display name."""

    name: str


CaseRef = TypedDict("CaseRef", {"id": str, "type": str})
"""The case a message belongs to: ``{"id": ..., "type": ...}``."""

_DocumentRequired = TypedDict(
    "_DocumentRequired",
    {
        "spec": str,
        "type": str,
        "schema_version": str,
        "id": str,
        "from": Party,
        "to": Party,
        "issued_at": str,
        "body": Dict[str, Any],
    },
)


class Document(_DocumentRequired, total=False):
    """A document: the envelope fields and the body (DESIGN §3)."""

    case: CaseRef
    in_reply_to: str
    expires_at: str


class Signer(TypedDict):
    """Who signed a verified message (``Verified.signers``)."""

    kid: str
    alg: str
    region: str
    agency: str


class Violation(TypedDict):
    """One problem at one place: a schema error, a rule finding or a warning."""

    code: Union[ErrorCode, RuleCode]
    path: str
    message: str
    message_zh: str


class Finding(TypedDict):
    """A business-rule finding: a violation with its severity (``"error"`` rejects)."""

    code: Union[ErrorCode, RuleCode]
    path: str
    message: str
    message_zh: str
    severity: Literal["error", "warning"]


class ParsedCitizenId(TypedDict):
    """A parsed ID number (``parse_citizen_id``)."""

    normalized: str
    kind: Literal[
        "citizen",
        "hk_mo_tw_residence_permit",
        "foreign_permanent_resident",
        "foreign_permanent_resident_legacy",
    ]
    address_code: Optional[str]
    historic_address: bool
    birth_date: Optional[str]
    sex: Optional[Literal["male", "female"]]


class ParsedUscc(TypedDict):
    """A parsed unified social credit code (``parse_uscc``)."""

    registration_authority: str
    category: str
    region_code: str
    org_code: str
    registration_known: bool
    region_known: bool


class _JwkRequired(TypedDict):
    kty: str
    crv: str
    x: str


class Jwk(_JwkRequired, total=False):
    """A public JWK (``OKP``/``Ed25519`` or ``EC``/``P-256``)."""

    y: str
    kid: str
    alg: str
    use: str
    key_ops: List[str]


class _KeyRecordRequired(TypedDict):
    kid: str
    region: str
    agency: str
    alg: str
    jwk: Jwk
    valid_from: str
    status: str
    message_types: List[str]


class KeyRecord(_KeyRecordRequired, total=False):
    """One partner key of a trust list (DESIGN §6)."""

    valid_until: str
    status_since: str
    endpoint: str


class TrustListBody(TypedDict):
    """The body of a ``trust_list`` message."""

    sequence: int
    next_update: str
    keys: List[KeyRecord]


class ReplayKey(TypedDict):
    """What a replay record is keyed by: the issuer (``from.region``, ``from.agency``) and the
    message ``id`` (ids are unique per issuer, not globally)."""

    region: str
    agency: str
    id: str


class VerifierStages(TypedDict):
    """Which optional stages a verifier runs (``Verifier.stages``)."""

    schema: bool
    rules: bool
    replay: bool
