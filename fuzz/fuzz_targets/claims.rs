//! The input as a user's claim-set file, checked against one fixed spec as
//! `mediac check --no-shipped-claims --claims INPUT --lock FILE SPEC` checks them: the prelude,
//! the input, then the spec (`--claims` files load before the specs), without the shipped
//! claim sets, so that the input's claim sets are the only ones evaluated. The compilation is
//! then rendered in every output format (see `common::render_all`).
//!
//! The spec is specs/examples/01_glosspro_thermoplastic_topcoat.media: a medium, its coating
//! process, an apparatus and a printing process, so that claims to each kind of subject find
//! one to read on.
//!
//! Contract: as the `check` target's, for claim sets: lowering, claim-set analysis, intents,
//! evaluation and every output format never panic, overflow the stack or run past the time
//! limit; the JSON report parses; the verdict lock reads back as the verdicts it was written
//! from.
#![no_main]

mod common;

use libfuzzer_sys::{Corpus, fuzz_target};
use mediac::compile::Compiler;

const SPEC_NAME: &str = "specs/examples/01_glosspro_thermoplastic_topcoat.media";
const SPEC: &str = include_str!("../../specs/examples/01_glosspro_thermoplastic_topcoat.media");

fuzz_target!(|data: &[u8]| -> Corpus {
    let Some(text) = common::text_of(data, common::MAX_INPUT) else {
        return Corpus::Reject;
    };
    let mut compiler = Compiler::bare();
    // As `check()` in src/bin/mediac/check.rs sets them for `--format human --lock FILE`.
    compiler.summaries = true;
    compiler.explain_all = true;
    let mut loaded = 0;
    for (name, text) in [("fuzz/claims.media", text), (SPEC_NAME, SPEC)] {
        if compiler.add(name, text).is_some() {
            loaded += 1;
        }
    }
    let compilation = compiler.compile();
    common::render_all(&compilation, loaded);
    Corpus::Keep
});
