//! The error-code and rule-code unions of the bindings, from the core's code tables
//! (`labourlink::ErrorCode::ALL`, `labourlink::RuleCode::ALL`): the TypeScript `ErrorCode` and
//! `RuleCode` unions (`bindings-wasm/types/error-codes.d.ts`) and their Python `Literal` twins
//! (`bindings-python/python/labourlink/codes.py`).

use std::fmt::Write as _;

use labourlink::{ErrorCode, RuleCode};

/// The text of `bindings-wasm/types/error-codes.d.ts`.
pub(crate) fn error_codes_d_ts() -> String {
    let mut out = String::from(
        "// Generated from the labourlink core's code tables (labourlink::ErrorCode::ALL,\n\
         // labourlink::RuleCode::ALL) by `cargo xtask regen` (xtask/src/codes.rs). Do not edit\n\
         // (CI runs `cargo xtask check`).\n\n\
         /** A stable dotted error code, identical in Rust, Python and JavaScript (docs/error-codes.md). */\n\
         export type ErrorCode =\n",
    );
    for code in ErrorCode::ALL {
        let _ = writeln!(
            out,
            "  /** {} — {} */\n  | {:?}",
            code.summary(),
            code.summary_zh(),
            code.as_str()
        );
    }
    out.pop();
    out.push_str(";\n\n");
    out.push_str(
        "/**\n * A business-rule finding code (`rule.*`), carried by the violations of a `rule.violation`\n \
         * error and by findings (docs/error-codes.md, docs/RULES.md). The summary gives the default\n \
         * severity.\n */\nexport type RuleCode =\n",
    );
    for code in RuleCode::ALL {
        let _ = writeln!(
            out,
            "  /** {}: {} — {} */\n  | {:?}",
            code.severity_label(),
            code.summary(),
            code.summary_zh(),
            code.as_str()
        );
    }
    out.pop();
    out.push_str(";\n");
    out
}

/// The text of `bindings-python/python/labourlink/codes.py`.
pub(crate) fn codes_py() -> String {
    let mut out = String::from(
        "# Generated from the labourlink core's code tables (labourlink::ErrorCode::ALL,\n\
         # labourlink::RuleCode::ALL) by `cargo xtask regen` (xtask/src/codes.rs). Do not edit\n\
         # (CI runs `cargo xtask check`).\n\
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
