//! Fuzz target `keys`: the property is `labourlink_fuzz_checks::keys` (docs/FUZZING.md).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| labourlink_fuzz_checks::keys(data));
