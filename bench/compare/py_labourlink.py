"""(c) labourlink's Python binding: ``Verifier.verify`` with the schema stage (the peer stacks' work:
no business rules, no replay guard since messages repeat), message by message.

Same trust list (the unsigned body of DIR/trust_list.json), same fixed clock and region as the
native run. Prints a "skipped" line when the binding or its Verifier API is missing.

Usage: py_labourlink.py DIR SIZE SECONDS (see common.py).
"""

from __future__ import annotations

import json

import common

NAME = "labourlink Python binding"
# The 30 KB roster carries the catalogue example's date (March): a maximum age of a year keeps it
# live at the fixture's "now", as the native runner does.
MAX_AGE = 366 * 86_400


def main() -> None:
    d, size, _ = common.args()
    try:
        import labourlink
    except ImportError as e:
        return common.skip(NAME, size, f"cannot import labourlink: {e}")
    if not hasattr(labourlink, "Verifier") or not hasattr(labourlink, "TrustList"):
        return common.skip(NAME, size, "the binding has no Verifier/TrustList yet")
    meta = json.loads((d / "meta.json").read_text())
    trust = labourlink.TrustList.from_body(json.loads((d / "trust_list.json").read_text()))
    note = ""
    verifier = labourlink.Verifier(
        trust, region=meta["region"], clock=meta["now"], max_age_seconds=MAX_AGE,
        dangerous_skip_rules=True, dangerous_no_replay_guard=True,
    )
    common.run(NAME, verifier.verify, note)


if __name__ == "__main__":
    main()
