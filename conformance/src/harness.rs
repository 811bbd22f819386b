//! The Rust harness: the protocol loop over stdin/stdout, answering with the core library.

use std::io::{BufRead as _, Write as _};

use serde_json::{Value, json};

use crate::exec::execute;

/// The harness's answer to one request line (`None` for `stop` or a blank line).
#[must_use]
pub fn answer(line: &str) -> Option<Value> {
    let line = line.trim();
    if line.is_empty() {
        return None;
    }
    let req: Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => return Some(json!({"errored": true, "message": format!("not JSON: {e}")})),
    };
    match req.get("cmd").and_then(Value::as_str) {
        Some("start") => Some(json!({"implementation": {
            "name": "labourlink",
            "language": "rust",
            "version": env!("CARGO_PKG_VERSION"),
            "homepage": "https://example.invalid/labourlink",
            "kinds": ["canonicalize", "sign", "verify", "validate"],
            "features": crate::runner::FEATURES,
        }})),
        Some("run") => {
            let seq = req.get("seq").cloned().unwrap_or(Value::Null);
            let case = req.get("case").cloned().unwrap_or(Value::Null);
            Some(match execute(&case) {
                Ok(result) => json!({"seq": seq, "result": result}),
                Err(message) => json!({"seq": seq, "errored": true, "message": message}),
            })
        }
        Some("stop") => None,
        other => Some(json!({"errored": true, "message": format!("unknown command {other:?}")})),
    }
}

/// Runs the protocol on stdin/stdout until `stop` or end of input; returns the exit status.
#[must_use]
pub fn harness_main() -> i32 {
    let stdin = std::io::stdin();
    let mut stdout = std::io::stdout().lock();
    for line in stdin.lock().lines() {
        let Ok(line) = line else { return 1 };
        if line.contains("\"stop\"") {
            if let Ok(v) = serde_json::from_str::<Value>(&line) {
                if v.get("cmd").and_then(Value::as_str) == Some("stop") {
                    return 0;
                }
            }
        }
        if let Some(resp) = answer(&line) {
            if writeln!(stdout, "{resp}")
                .and_then(|()| stdout.flush())
                .is_err()
            {
                return 1;
            }
        }
    }
    0
}
