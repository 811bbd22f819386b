"""The labourlink exception hierarchy.

Every error raised by labourlink carries a stable dotted ``code`` (identical in Rust, Python and
JavaScript; see ``docs/error-codes.md``), an English ``message``, a Chinese ``message_zh`` and,
where the problem sits at one place of a JSON document, the RFC 6901 JSON pointer ``path``
(``None`` otherwise). Programs should match on ``code``; messages may improve between releases.

The class is chosen by the code's family (the part before the dot)::

    json.*                              JsonError          (also a ValueError)
    jws.*                               JwsError
    key.rejected, key.invalid_format,   KeyRejectedError   (also a ValueError)
    key.decryption_failed
    key.* (unknown, expired, revoked…)  KeyResolutionError
    signature.*                         SignatureError
    payload.*, envelope.*               EnvelopeError
    trust_list.*, reference_data.*      TrustListError
    schema.*                            SchemaError
    rule.*                              RuleError
    replay.*                            ReplayError
    input.*, internal.*, store.*,       LabourlinkError
    exchange.*
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, List, Optional, Tuple

if TYPE_CHECKING:
    from .types import Violation

__all__ = [
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


class LabourlinkError(Exception):
    """Base class of every labourlink error."""

    code: str
    message: str
    message_zh: str
    path: Optional[str]
    violations: Tuple[Violation, ...]

    def __init__(
        self,
        code: str,
        message: str,
        message_zh: str = "",
        path: Optional[str] = None,
        violations: Iterable[Violation] = (),
    ) -> None:
        super().__init__(code, message)
        self.code = code
        self.message = message
        self.message_zh = message_zh
        self.path = path
        #: individual findings behind ``schema.invalid`` / ``rule.violation``: dicts with
        #: ``code``, ``path``, ``message``, ``message_zh``.
        self.violations = tuple(violations)

    def __str__(self) -> str:
        text = f"{self.code}: {self.message}"
        if self.path is not None:
            text += f" (at {self.path or '/'})"
        return text

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r}, {self.message!r}, path={self.path!r})"

    def __reduce__(self) -> Tuple[Any, ...]:
        return (
            type(self),
            (self.code, self.message, self.message_zh, self.path, self.violations),
        )


class JsonError(LabourlinkError, ValueError):
    """The input is not acceptable JSON (syntax, duplicate keys, lone surrogates, limits…)."""


class JwsError(LabourlinkError):
    """The message is not a JWS labourlink accepts (structure, header, algorithm)."""


class KeyRejectedError(LabourlinkError, ValueError):
    """Key material cannot be decoded or is refused (weak, malformed, not on the curve)."""


class KeyResolutionError(LabourlinkError):
    """The signing key cannot be used: unknown, not yet valid, expired, retired, revoked…"""


class SignatureError(LabourlinkError):
    """The signature does not verify (deliberately without detail)."""


class EnvelopeError(LabourlinkError):
    """The payload or the document envelope is rejected (not canonical, wrong audience…)."""


class TrustListError(LabourlinkError):
    """The trust list (or signed reference data: ``reference_data.*``) is invalid, untrusted,
    rolled back or stale."""


class SchemaError(LabourlinkError):
    """The body does not conform to its message type's JSON Schema; see ``errors``."""

    @property
    def errors(self) -> List[Violation]:
        """Every schema violation: dicts with ``code``, ``path`` (JSON pointer), ``message``,
        ``message_zh``."""
        return list(self.violations)


class RuleError(LabourlinkError):
    """A business rule rejected the message; see ``findings``."""

    @property
    def findings(self) -> List[Violation]:
        """The findings that rejected the message: dicts with ``code`` (``rule.*``), ``path``,
        ``message``, ``message_zh``."""
        return list(self.violations)


class ReplayError(LabourlinkError):
    """The message (or another with the same issuer and id) was already received
    (``replay.duplicate``, ``replay.conflict``), or the replay guard is full of entries it must
    still keep and refuses new messages (``replay.capacity``)."""
