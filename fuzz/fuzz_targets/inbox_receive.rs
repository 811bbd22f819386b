//! Fuzz target `inbox_receive`: the property is `labourlink_fuzz_checks::inbox_receive` (docs/FUZZING.md).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| labourlink_fuzz_checks::inbox_receive(data));
