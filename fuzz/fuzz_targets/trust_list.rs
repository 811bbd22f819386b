//! Fuzz target `trust_list`: the property is `labourlink_fuzz_checks::trust_list` (docs/FUZZING.md).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| labourlink_fuzz_checks::trust_list(data));
