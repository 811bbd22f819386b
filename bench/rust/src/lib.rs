//! Benchmarks and profiling tools of labourlink: `benches/verify.rs` (criterion, per size and
//! per stage), and in `examples/` the inputs of the peer-stack comparison (`bench_inputs`), the
//! native runner of that comparison (`compare_native`), the floor-ratio measurement
//! (`floor_ratio`) and the callgrind drivers (`profile_pipeline`, `profile_verify`). See
//! `docs/PERFORMANCE.md` for the commands. Nothing here is part of the SDK.
