//! The `labourlink` command.
fn main() {}
