//! WeChat's facts, shared by every unit: the built-in component tags, the `wx.*` API table,
//! and the runtime files embedded in the binary.

pub mod api_table;
pub mod runtime;
pub mod tags;
