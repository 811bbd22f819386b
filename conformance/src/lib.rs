//! Conformance vectors and runner for labourlink (filled by the conformance work).
#![forbid(unsafe_code)]
