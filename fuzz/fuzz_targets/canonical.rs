//! Fuzz target `canonical`: the property is `labourlink_fuzz_checks::canonical` (docs/FUZZING.md).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| labourlink_fuzz_checks::canonical(data));
