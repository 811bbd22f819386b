//! `types/error-codes.d.ts`, the TypeScript `ErrorCode` and `RuleCode` unions, is generated from
//! the core's code tables (`labourlink::ErrorCode::ALL`, `labourlink::RuleCode::ALL`). This test
//! fails when the file is stale;
//! `LABOURLINK_REGEN=1 cargo test -p labourlink-wasm --test generated` rewrites it (CI runs that
//! and `git diff --exit-code`).

use std::fmt::Write as _;

use labourlink::{ErrorCode, RuleCode};

fn render() -> String {
    let mut out = String::from(
        "// Generated from the labourlink core's code tables (labourlink::ErrorCode::ALL,\n\
         // labourlink::RuleCode::ALL) by bindings-wasm/tests/generated.rs. Do not edit: run\n\
         // `LABOURLINK_REGEN=1 cargo test -p labourlink-wasm --test generated`.\n\n\
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

#[test]
fn error_codes_d_ts_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/types/error-codes.d.ts");
    let text = render();
    if std::env::var_os("LABOURLINK_REGEN").is_some() {
        std::fs::write(path, &text).unwrap();
        return;
    }
    let current = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        current == text,
        "{path} is stale: run LABOURLINK_REGEN=1 cargo test -p labourlink-wasm --test generated"
    );
}
