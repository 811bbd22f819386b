"""labourlink: signed, verifiable inter-regional labour-cooperation messages.

Python bindings of the Rust crate ``labourlink``: a message is a JWS (JSON serialization) over
the RFC 8785 canonical form of a document; every decision is made by the Rust core.

>>> import labourlink
>>> key = labourlink.SigningKey.from_seed(bytes(32), kid="513400-hr-2026a")
>>> doc = labourlink.document("receipt", from_={"region": "513400", "agency": "LS-HR"},
...     to={"region": "330200", "agency": "NB-HR"}, body={"status": "accepted"})
>>> jws = labourlink.sign(doc, key)
"""

from __future__ import annotations

from . import codes, errors, messages, types
from .codes import ErrorCode, RuleCode
from ._native import (
    DEFAULT_GRACE_SECONDS,
    DEFAULT_LEEWAY_SECONDS,
    MESSAGE_TYPES,
    ReferenceData,
    ReplayGuard,
    SigningKey,
    TrustList,
    Verified,
    Verifier,
    VerifyingKey,
    __version__,
    canonicalize,
    check_citizen_id,
    check_region_code,
    check_uscc,
    code_name,
    convert_15_to_18,
    document,
    error_codes,
    init_store,
    Outbox,
    fetch_trust_list,
    fetch_reference_data,
    example,
    parse_citizen_id,
    parse_json,
    parse_uscc,
    region_name,
    sign,
    validate,
    validate_body,
)
from .errors import (
    EnvelopeError,
    JsonError,
    JwsError,
    KeyRejectedError,
    KeyResolutionError,
    LabourlinkError,
    ReplayError,
    RuleError,
    SchemaError,
    SignatureError,
    TrustListError,
)
from .types import CaseRef, Document, Finding, Party, ReplayKey, Violation

__all__ = [
    "__version__",
    "ErrorCode",
    "RuleCode",
    "DEFAULT_GRACE_SECONDS",
    "DEFAULT_LEEWAY_SECONDS",
    "MESSAGE_TYPES",
    "SigningKey",
    "VerifyingKey",
    "TrustList",
    "ReferenceData",
    "Verifier",
    "Verified",
    "ReplayGuard",
    "document",
    "sign",
    "canonicalize",
    "parse_json",
    "error_codes",
    "init_store",
    "Outbox",
    "fetch_trust_list",
    "fetch_reference_data",
    "validate",
    "validate_body",
    "example",
    "check_citizen_id",
    "check_uscc",
    "check_region_code",
    "parse_citizen_id",
    "parse_uscc",
    "region_name",
    "code_name",
    "convert_15_to_18",
    "errors",
    "messages",
    "types",
    "Party",
    "CaseRef",
    "Document",
    "Violation",
    "Finding",
    "ReplayKey",
    "LabourlinkError",
    "JsonError",
    "JwsError",
    "KeyRejectedError",
    "KeyResolutionError",
    "SignatureError",
    "EnvelopeError",
    "TrustListError",
    "SchemaError",
    "RuleError",
    "ReplayError",
]
