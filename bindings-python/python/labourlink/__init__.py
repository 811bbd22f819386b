"""labourlink: signed, verifiable inter-regional labour-cooperation messages.

Python bindings of the Rust crate ``labourlink`` (JWS JSON serialization + RFC 8785).
"""

from __future__ import annotations

from . import errors
from ._native import __version__, canonicalize
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

__all__ = [
    "__version__",
    "canonicalize",
    "errors",
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
