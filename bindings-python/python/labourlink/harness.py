"""Conformance harness of the Python binding: ``python -m labourlink.harness``.

Speaks the NDJSON protocol of ``conformance/README.md`` on stdin/stdout (``start`` →
implementation info; ``run`` ``{seq, case}`` → ``{seq, result}`` | ``skipped`` | ``errored``;
``stop``) and answers every case through this package, exactly as the Rust harness answers
through the core::

    labourlink-conformance run --harness 'python -m labourlink.harness'

Cases arrive resolved (trust lists inline, anchor JWKs, signer keys). The protocol lines are read
with Python's ``json`` module — they are the runner's test data; the messages inside them are
strings handed unparsed to :meth:`labourlink.Verifier.verify`.
"""

from __future__ import annotations

import base64
import json
import sys
from datetime import datetime, timedelta
from typing import IO, Any, Dict, Iterable, List, Mapping, Optional

from . import __version__
from ._native import (
    DEFAULT_GRACE_SECONDS,
    DEFAULT_LEEWAY_SECONDS,
    ReferenceData,
    ReplayGuard,
    SigningKey,
    TrustList,
    Verified,
    Verifier,
    VerifyingKey,
    canonicalize,
    sign,
    validate,
)
from .errors import LabourlinkError
from .types import ReplayKey

__all__ = ["IMPLEMENTATION", "CaseError", "run_case", "answer", "main"]

IMPLEMENTATION: Dict[str, Any] = {
    "name": "labourlink-python",
    "language": "python",
    "version": __version__,
    "kinds": ["canonicalize", "sign", "verify", "validate"],
    "features": ["verify.stages", "verify.earlier"],
}

class CaseError(Exception):
    """The case cannot be run (malformed input, bad test setup): reported as ``errored``."""


class Unsupported(Exception):
    """The case needs what the binding does not offer: reported as ``skipped`` with the reason."""


def _code_paths(items: Iterable[Mapping[str, Any]]) -> List[Dict[str, Any]]:
    return [{"code": v["code"], "path": v["path"]} for v in items]


def _rejection(e: LabourlinkError) -> Dict[str, Any]:
    out: Dict[str, Any] = {"error": e.code}
    if e.path is not None:
        out["path"] = e.path
    if e.violations:
        out["violations"] = _code_paths(e.violations)
    return out


def _validate(inp: Mapping[str, Any]) -> Dict[str, Any]:
    if "document" not in inp:
        raise CaseError("validate input has no document")
    findings = validate(inp["document"])
    return {
        "valid": not any(f["severity"] == "error" for f in findings),
        "findings": [{"code": f["code"], "path": f["path"], "severity": f["severity"]} for f in findings],
    }


def _bytes(inp: Mapping[str, Any], name: str) -> bytes:
    """The bytes an input carries as ``<name>`` (UTF-8 text) or ``<name>_b64`` (standard base64)."""
    if isinstance(inp.get(name), str):
        try:
            return str(inp[name]).encode("utf-8")
        except UnicodeEncodeError as e:
            raise CaseError(f"{name} has no UTF-8 form: {e}") from e
    if isinstance(inp.get(name + "_b64"), str):
        try:
            return base64.b64decode(inp[name + "_b64"], validate=True)
        except ValueError as e:
            raise CaseError(f"{name}_b64 is not base64: {e}") from e
    raise CaseError(f"input has neither {name} nor {name}_b64")


def _canonicalize(inp: Mapping[str, Any]) -> Dict[str, Any]:
    try:
        out = canonicalize(_bytes(inp, "text"))
    except LabourlinkError as e:
        return _rejection(e)
    return {"canonical": out.decode("utf-8")}


def _signing_key(k: Mapping[str, Any]) -> SigningKey:
    kid = k.get("kid")
    if not isinstance(kid, str):
        raise CaseError("signer key without kid")
    if isinstance(k.get("seed_hex"), str):
        return SigningKey.from_seed(bytes.fromhex(k["seed_hex"]), kid=kid)
    if isinstance(k.get("private_pem"), str):
        return SigningKey.from_pem(k["private_pem"], kid=kid)
    raise CaseError(f"key {kid} has no private material")


def _sign(inp: Mapping[str, Any]) -> Dict[str, Any]:
    if "document" not in inp:
        raise CaseError("sign input has no document")
    keys = inp.get("signer_keys")
    if not isinstance(keys, list):
        raise CaseError("sign input has no signer_keys (resolve the case first)")
    signers = [_signing_key(k) for k in keys]
    try:
        return {"jws": sign(inp["document"], signers)}
    except LabourlinkError as e:
        return _rejection(e)


def _message_issuer(message: bytes) -> Dict[str, str]:
    """``from`` of the message's payload (``{"region", "agency"}``), as far as it can be read;
    empty strings otherwise. Test setup only (the preloaded replay entries of a case): the
    message itself is handed unparsed to the verifier."""
    try:
        payload = json.loads(message)["payload"]
        doc = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        sender = doc["from"]
        return {"region": str(sender["region"]), "agency": str(sender["agency"])}
    except (ValueError, KeyError, TypeError, RecursionError):
        return {"region": "", "agency": ""}


def _instant(ctx: Mapping[str, Any], name: str) -> datetime:
    value = ctx.get(name)
    if not isinstance(value, str):
        raise CaseError(f"context.{name} is missing")
    try:
        t = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as e:
        raise CaseError(f"context.{name}: {e}") from e
    if t.tzinfo is None:
        raise CaseError(f"context.{name} has no UTC offset")
    return t


def _verify(inp: Mapping[str, Any]) -> Dict[str, Any]:
    message = _bytes(inp, "message")
    ctx = inp.get("context")
    if not isinstance(ctx, dict):
        raise CaseError("verify input has no context")
    now = ctx.get("now")
    region = ctx.get("region")
    if not isinstance(now, str) or not isinstance(region, str):
        raise CaseError("context.now and context.region are required")
    grace = ctx.get("grace_seconds", DEFAULT_GRACE_SECONDS)
    jwks = ctx.get("anchor_jwks")
    if not isinstance(jwks, list):
        raise CaseError("context.anchor_jwks is missing (resolve the case first)")
    lists = inp.get("trust_lists")
    if not isinstance(lists, list) or not lists:
        raise CaseError("input.trust_lists is missing or empty")
    try:
        anchors = [VerifyingKey.from_jwk(j) for j in jwks]
    except LabourlinkError as e:
        raise CaseError(f"anchor: {e}") from e
    mode = ctx.get("mode", "live")
    if mode not in ("live", "archival"):
        raise CaseError(f"context.mode {mode!r} is not live or archival")
    first_seen = _instant(ctx, "first_seen") if mode == "archival" else None

    rejected = {"accepted": False}
    try:
        first = TrustList.load(_bytes(lists[0], "jws"), anchors=anchors, at=now, grace_seconds=grace)
        if ctx.get("min_sequence") is not None:
            first.check_min_sequence(ctx["min_sequence"])
    except LabourlinkError as e:
        return {**rejected, **_rejection(e)}
    # Vectors switch the catalogue stages on explicitly (context `stages`); the library's
    # default runs them, so a vector without them needs the dangerous skip options.
    stages = ctx.get("stages") or {}

    def verifier(**extra: Any) -> Verifier:
        try:
            return Verifier(
                first,
                region=region,
                agency=ctx.get("agency"),
                anchors=anchors,
                clock=now,
                leeway_seconds=ctx.get("leeway_seconds", DEFAULT_LEEWAY_SECONDS),
                algorithms=ctx.get("algorithms"),
                allow_eddsa_alias=bool(ctx.get("allow_eddsa_alias", False)),
                required_signers=ctx.get("required_signers", 1),
                required_parties=ctx.get("required_parties"),
                stale_grace_seconds=grace,
                max_bytes=ctx.get("max_bytes", 1024 * 1024),
                max_depth=ctx.get("max_depth", 32),
                dangerous_skip_schema=stages.get("schema") is not True,
                dangerous_skip_rules=stages.get("rules") is not True,
                **extra,
            )
        except (LabourlinkError, TypeError) as e:
            raise CaseError(f"verifier: {e}") from e

    # The trust lists after the first replace it in turn (a rollback or a bad list is the result).
    updating = verifier(dangerous_no_replay_guard=True)
    try:
        for i, later in enumerate(lists[1:], start=1):
            try:
                data = _bytes(later, "jws")
            except CaseError as e:
                raise CaseError(f"trust_lists/{i}: {e}") from e
            first = updating.update_trust_list(data, at=now)
    except LabourlinkError as e:
        return {**rejected, **_rejection(e)}
    # LL-REF: reference data after the trust lists, in order, none rolling back; the last one is
    # the rules stage's.
    reference: Optional[ReferenceData] = None
    docs = inp.get("reference_data") or []
    try:
        for i, entry in enumerate(docs):
            try:
                data = _bytes(entry, "jws")
            except CaseError as e:
                raise CaseError(f"reference_data/{i}: {e}") from e
            rd = ReferenceData.load(data, anchors=anchors, at=now, grace_seconds=grace)
            if reference is not None:
                rd.check_not_rollback(reference.sequence, reference.digest)
            elif ctx.get("reference_data_min_sequence") is not None:
                rd.check_not_rollback(ctx["reference_data_min_sequence"])
            reference = rd
    except LabourlinkError as e:
        return {**rejected, **_rejection(e)}
    base_verifier = verifier

    def verifier(**extra: Any) -> Verifier:  # type: ignore[no-redef]
        if reference is not None:
            extra["reference_data"] = reference
        return base_verifier(**extra)
    # LL-REPLY-006: the earlier message is verified first, with the same context but any
    # audience, no replay protection and no maximum age (it is usually the verifier's own).
    earlier: Optional[Verified] = None
    if "earlier" in inp or "earlier_b64" in inp:
        lenient = verifier(
            dangerous_accept_any_audience=True, dangerous_no_max_age=True, dangerous_no_replay_guard=True
        )
        try:
            raw = _bytes(inp, "earlier")
            earlier = lenient.verify(raw) if first_seen is None else lenient.verify_archived(raw, first_seen)
        except LabourlinkError as e:
            raise CaseError(f"the earlier message is not accepted: {e.code} at {e.path!r} ({e})") from e
    capacity = ctx.get("replay_capacity")
    guard = ReplayGuard() if capacity is None else ReplayGuard(capacity)
    # Preloaded entries are kept 366 days from `now`; their issuer is the message's own unless given.
    keep_until = _instant(ctx, "now") + timedelta(days=366)
    try:
        for entry in ctx.get("replay_preload", []):
            issuer = entry.get("issuer") or _message_issuer(message)
            key: ReplayKey = {"region": issuer["region"], "agency": issuer["agency"], "id": entry["id"]}
            guard.check_and_record(key, entry["digest"], now=now, keep_until=keep_until)
    except (LabourlinkError, KeyError, TypeError) as e:
        raise CaseError(f"replay preload: {e}") from e
    final = verifier(replay_guard=guard, max_age_seconds=ctx.get("max_age_seconds"))
    try:
        if first_seen is not None and earlier is not None:
            v = final.verify_archived_reply(message, earlier, first_seen)
        elif first_seen is not None:
            v = final.verify_archived(message, first_seen)
        elif earlier is not None:
            v = final.verify_reply(message, earlier)
        else:
            v = final.verify(message)
    except LabourlinkError as e:
        return {**rejected, **_rejection(e)}
    result: Dict[str, Any] = {
        "accepted": True,
        "digest": v.digest,
        "type": v.type,
        "id": v.id,
        "signers": [s["kid"] for s in v.signers],
    }
    if v.warnings:
        result["warnings"] = _code_paths(v.warnings)
    return result


def run_case(case: Mapping[str, Any]) -> Dict[str, Any]:
    """Runs one resolved case: ``{"result": …}``, ``{"skipped": True, "reason": …}`` or
    ``{"errored": True, "message": …}`` (the protocol's answer without ``seq``)."""
    kind = case.get("kind")
    inp = case.get("input")
    if not isinstance(inp, dict):
        return {"errored": True, "message": "case has no input"}
    try:
        if kind == "canonicalize":
            return {"result": _canonicalize(inp)}
        if kind == "sign":
            return {"result": _sign(inp)}
        if kind == "verify":
            return {"result": _verify(inp)}
        if kind == "validate":
            return {"result": _validate(inp)}
        return {"errored": True, "message": f"kind {kind!r} is not supported by this harness"}
    except Unsupported as e:
        return {"skipped": True, "reason": str(e)}
    except CaseError as e:
        return {"errored": True, "message": str(e)}
    except Exception as e:  # a defect of the binding: report it, keep serving
        return {"errored": True, "message": f"{type(e).__name__}: {e}"}


def answer(line: str) -> Optional[Dict[str, Any]]:
    """The answer to one request line (``None`` for ``stop`` or a blank line)."""
    line = line.strip()
    if not line:
        return None
    try:
        req = json.loads(line)
    except ValueError as e:
        return {"errored": True, "message": f"not JSON: {e}"}
    cmd = req.get("cmd") if isinstance(req, dict) else None
    if cmd == "start":
        return {"implementation": IMPLEMENTATION}
    if cmd == "run":
        return {"seq": req.get("seq"), **run_case(req.get("case") or {})}
    if cmd == "stop":
        return None
    return {"errored": True, "message": f"unknown command {cmd!r}"}


def main(stdin: Optional[IO[str]] = None, stdout: Optional[IO[str]] = None, argv: Optional[List[str]] = None) -> int:
    """Serves the protocol until ``stop`` or end of input; returns the exit status."""
    stdin = sys.stdin if stdin is None else stdin
    stdout = sys.stdout if stdout is None else stdout
    for line in stdin:
        if '"stop"' in line:
            try:
                if json.loads(line).get("cmd") == "stop":
                    return 0
            except (ValueError, AttributeError):
                pass
        resp = answer(line)
        if resp is not None:
            stdout.write(json.dumps(resp, ensure_ascii=False) + "\n")
            stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
