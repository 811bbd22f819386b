//! Fuzz target `jws_parse`: the property is `labourlink_fuzz_checks::jws_parse` (docs/FUZZING.md).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| labourlink_fuzz_checks::jws_parse(data));
