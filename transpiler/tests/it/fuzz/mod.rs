//! Deterministic mutation fuzzing of every language unit and of the whole `convert`, on the
//! stable toolchain with no extra crate: a short seeded run of each target in every test run,
//! a long one with `MINIPORT_FUZZ_SECONDS` (README, "Fuzzing"). The invariants ([`checks`])
//! and the app generator ([`app`]) are shared with the cargo-fuzz targets in `fuzz/`.

pub mod app;
pub mod checks;
mod corpus;
mod engine;
mod targets;
