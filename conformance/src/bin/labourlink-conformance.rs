//! `labourlink-conformance`: run the conformance suite against a harness, regenerate vectors.

fn main() -> std::process::ExitCode {
    let code = labourlink_conformance::cli::main_from(std::env::args_os());
    std::process::ExitCode::from(u8::try_from(code).unwrap_or(1))
}
