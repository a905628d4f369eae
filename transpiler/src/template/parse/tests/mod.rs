//! Tests of the WXML parser, one file per area.

mod expressions;
mod markup;
mod recovery;
