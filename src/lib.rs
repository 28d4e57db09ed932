//! `mediac`: a compiler for `.media` files.
//!
//! The pipeline runs in one direction: [`syntax`] (text → tree) → [`model`] (names, units,
//! derived quantities) → … → [`report`] (diagnostics for people and tools). [`units`] is the
//! unit algebra that the model and the evaluator share; [`diagnostic`] is the one diagnostic
//! model every phase's errors are turned into. [`sweep`] evaluates one claim over a grid of
//! spec values on the same evaluator (`mediac sweep`).
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::unreachable,
    clippy::todo
)]
#![cfg_attr(
    test,
    allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

pub mod analysis;
pub mod claims;
pub mod compile;
pub mod diagnostic;
pub mod eval;
pub mod files;
pub mod fmt;
pub mod lsp;
pub mod model;
pub mod modules;
pub mod report;
pub mod source;
pub mod suggest;
pub mod sweep;
pub mod syntax;
pub mod units;
