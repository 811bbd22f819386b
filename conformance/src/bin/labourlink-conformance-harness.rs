//! `labourlink-conformance-harness`: the Rust harness (the core library behind the protocol).

fn main() -> std::process::ExitCode {
    let code = labourlink_conformance::harness::harness_main();
    std::process::ExitCode::from(u8::try_from(code).unwrap_or(1))
}
