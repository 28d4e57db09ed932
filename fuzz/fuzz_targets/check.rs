//! The input as a spec file, checked as `mediac check --lock FILE SPEC` checks it: the prelude
//! and the shipped claim sets, verdict summaries (the human format's default) and every
//! verdict explained (what a lock needs). The compilation is then rendered in every output
//! format (see `common::render_all`).
//!
//! Contract: no input makes the compiler or a renderer panic, overflow the stack or run past
//! the time limit; the JSON report parses as JSON; the verdict lock reads back as the verdicts
//! it was written from.
#![no_main]

mod common;

use libfuzzer_sys::{Corpus, fuzz_target};
use mediac::compile::Compiler;

fuzz_target!(|data: &[u8]| -> Corpus {
    let Some(text) = common::text_of(data, common::MAX_INPUT) else {
        return Corpus::Reject;
    };
    let mut compiler = Compiler::new();
    // As `check()` in src/bin/mediac/check.rs sets them for `--format human --lock FILE`.
    compiler.summaries = true;
    compiler.explain_all = true;
    // A copy of the prelude or of a shipped claim set is skipped, as on the command line.
    let loaded = usize::from(compiler.add("fuzz/input.media", text).is_some());
    let compilation = compiler.compile();
    common::render_all(&compilation, loaded);
    Corpus::Keep
});
