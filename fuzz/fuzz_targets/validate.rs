//! Fuzz target `validate`: the property is `labourlink_fuzz_checks::validate` (docs/FUZZING.md).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| labourlink_fuzz_checks::validate(data));
