//! Writes the inputs of the peer-stack comparison (`bench/compare/run.sh`) and of the batch
//! benchmark (`bench/batch.sh`): the messages of `benches/common`, the partner public keys, the
//! trust list (unsigned body, signed JWS and the anchor that signed it).
//!
//! ```text
//! bench_inputs compare DIR [COUNT]        # DIR/messages-{1kb,3kb,30kb}.ndjson (COUNT each, default 256),
//!                                         # DIR/keys.json, DIR/trust_list.{json,jws}, DIR/anchor.jwk, DIR/meta.json
//! bench_inputs batch FILE SIZE COUNT      # COUNT distinct messages of SIZE (1kb|3kb|30kb), one per line
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

#[path = "../benches/common/mod.rs"]
mod common;

use std::io::Write as _;
use std::path::Path;

use common::{Fixture, Size};
use serde_json::json;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let fx = common::fixture();
    match args.first().map(String::as_str) {
        Some("compare") if args.len() >= 2 => {
            let count = args.get(2).map_or(256, |c| c.parse().expect("COUNT"));
            compare(&fx, Path::new(&args[1]), count);
        }
        Some("batch") if args.len() == 4 => {
            let size = Size::from_name(&args[2]).expect("SIZE is 1kb, 3kb or 30kb");
            let count: usize = args[3].parse().expect("COUNT");
            write_messages(&fx, Path::new(&args[1]), size, count);
        }
        _ => {
            eprintln!(
                "usage: bench_inputs compare DIR [COUNT] | bench_inputs batch FILE SIZE COUNT"
            );
            std::process::exit(2);
        }
    }
}

fn write_messages(fx: &Fixture, path: &Path, size: Size, count: usize) -> (usize, usize) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut first = (0, 0);
    for i in 0..count {
        let jws = fx.message(size, i);
        if i == 0 {
            let parsed = labourlink::jws::parse(
                jws.as_bytes(),
                labourlink::json::Limits::default(),
                &labourlink::jws::AlgorithmPolicy::default(),
            )
            .unwrap();
            first = (jws.len(), parsed.payload.len());
        }
        out.write_all(jws.as_bytes()).unwrap();
        out.write_all(b"\n").unwrap();
    }
    out.flush().unwrap();
    first
}

fn compare(fx: &Fixture, dir: &Path, count: usize) {
    std::fs::create_dir_all(dir).unwrap();
    let write = |name: &str, text: String| std::fs::write(dir.join(name), text).unwrap();
    let mut sizes = serde_json::Map::new();
    for size in Size::ALL {
        let (jws, payload) = write_messages(
            fx,
            &dir.join(format!("messages-{}.ndjson", size.name())),
            size,
            count,
        );
        sizes.insert(
            size.name().into(),
            json!({"type": size.message_type(), "jws_bytes": jws, "payload_bytes": payload, "count": count}),
        );
    }
    let jwk = |key: &labourlink::SigningKey| {
        let mut j = key.verifying_key().to_jwk();
        j["kid"] = json!(key.kid());
        j["alg"] = json!("Ed25519");
        j
    };
    write(
        "keys.json",
        json!({"keys": [jwk(&fx.si_key), jwk(&fx.hr_key)]}).to_string(),
    );
    write("anchor.jwk", jwk(&fx.anchor).to_string());
    write("trust_list.json", fx.list.to_body().to_string());
    write("trust_list.jws", fx.signed_trust_list());
    write(
        "meta.json",
        json!({"now": common::NOW, "region": common::REGION, "sizes": sizes}).to_string(),
    );
    println!(
        "wrote {}: {}",
        dir.display(),
        serde_json::Value::Object(sizes)
    );
}
