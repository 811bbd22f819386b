//! Fuzz target `reference_data`: the property is `labourlink_fuzz_checks::reference_data` (docs/FUZZING.md).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| labourlink_fuzz_checks::reference_data(data));
