//! The integration tests of miniport, in one test binary (one link instead of one per file;
//! each file below is a module named for what it tests).

#[macro_use]
mod common;

mod batch;
mod batch_recipes;
mod cli;
mod diagnostics_catalog;
mod embedding;
mod fuzz;
mod hostile_encodings;
mod hostile_input;
mod layers;
mod libraries;
mod limits_on_real_code;
mod npm_build;
mod project_loader;
mod references;
mod script_api_table;
mod script_comments;
mod script_escape;
mod script_libraries;
mod script_node;
mod script_snapshots;
mod script_source_maps;
mod showcase;
mod style_differential;
mod style_plugins;
mod style_sets;
mod verify_init_data;
mod wcsc_differential;
mod wcsc_strictness;
mod wxml_codegen_snapshots;
mod wxml_corpus;
mod wxml_inline_wxs;
mod wxml_wcc;
mod wxss_snapshots;
