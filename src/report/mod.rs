//! Phase 5: diagnostics → text for people (and, later, for tools).
//!
//! Contract: the only module besides the CLI that knows about terminals and colour. It reads
//! [`Diagnostic`](crate::diagnostic::Diagnostic)s and the [`SourceMap`](crate::source::SourceMap)
//! and never changes either.

pub mod chart;
pub mod explain;
pub mod human;
pub mod json;
pub mod lock;
pub mod reading;
pub mod sarif;
pub mod short;
pub mod tree;
