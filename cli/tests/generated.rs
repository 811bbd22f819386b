//! `bindings-python/python/labourlink/codes.py`, the Python `ErrorCode` and `RuleCode`
//! `Literal` types, is generated from the core's code tables (`labourlink::ErrorCode::ALL`,
//! `labourlink::RuleCode::ALL`) — the twin of the TypeScript unions of
//! `bindings-wasm/types/error-codes.d.ts`. The generator lives here, in a native crate, because
//! the Python extension crate is built by maturin only. This test fails when the file is stale;
//! `LABOURLINK_REGEN=1 cargo test -p labourlink-cli --test generated` rewrites it.

use std::fmt::Write as _;

use labourlink::{ErrorCode, RuleCode};

fn render() -> String {
    let mut out = String::from(
        "# Generated from the labourlink core's code tables (labourlink::ErrorCode::ALL,\n\
         # labourlink::RuleCode::ALL) by cli/tests/generated.rs. Do not edit: run\n\
         # `LABOURLINK_REGEN=1 cargo test -p labourlink-cli --test generated`.\n\
         \"\"\"The stable dotted codes as ``Literal`` types (docs/error-codes.md, docs/RULES.md).\n\n\
         ``ErrorCode`` is the code of a :class:`labourlink.LabourlinkError` (and of schema\n\
         violations); ``RuleCode`` the code of a business-rule finding, carried by the violations\n\
         of a ``rule.violation`` error and by findings.\n\
         \"\"\"\n\n\
         from __future__ import annotations\n\n\
         from typing import Literal\n\n\
         __all__ = [\"ErrorCode\", \"RuleCode\"]\n\n\
         ErrorCode = Literal[\n",
    );
    for code in ErrorCode::ALL {
        let _ = writeln!(
            out,
            "    # {} — {}\n    {:?},",
            code.summary(),
            code.summary_zh(),
            code.as_str()
        );
    }
    out.push_str("]\n\nRuleCode = Literal[\n");
    for code in RuleCode::ALL {
        let _ = writeln!(
            out,
            "    # {}: {} — {}\n    {:?},",
            code.severity_label(),
            code.summary(),
            code.summary_zh(),
            code.as_str()
        );
    }
    out.push_str("]\n");
    out
}

#[test]
fn python_codes_are_current() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../bindings-python/python/labourlink/codes.py"
    );
    let text = render();
    if std::env::var_os("LABOURLINK_REGEN").is_some() {
        std::fs::write(path, &text).unwrap();
        return;
    }
    let current = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        current == text,
        "{path} is stale: run LABOURLINK_REGEN=1 cargo test -p labourlink-cli --test generated"
    );
}
