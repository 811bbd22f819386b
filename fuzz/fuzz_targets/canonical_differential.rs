//! Fuzz target `canonical_differential`: the property is `labourlink_fuzz_checks::canonical_differential` (docs/FUZZING.md).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| labourlink_fuzz_checks::canonical_differential(data));
