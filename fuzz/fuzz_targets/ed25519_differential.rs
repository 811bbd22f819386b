//! Fuzz target `ed25519_differential`: the property is
//! `labourlink_fuzz_checks::ed25519_differential` (docs/FUZZING.md).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| labourlink_fuzz_checks::ed25519_differential(data));
