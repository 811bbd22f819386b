//! `labourlink-conformance`: run the conformance suite against a harness, regenerate vectors.

fn main() -> std::process::ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let code = labourlink_conformance::cli_main(&argv);
    std::process::ExitCode::from(u8::try_from(code).unwrap_or(1))
}
