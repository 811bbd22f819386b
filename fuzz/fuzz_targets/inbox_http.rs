//! Fuzz target `inbox_http`: the property is `labourlink_fuzz_checks::inbox_http` (docs/FUZZING.md).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| labourlink_fuzz_checks::inbox_http(data));
