//! What the `check` and `claims` targets share: the input limit and the rendering of a
//! compilation in every output format of `mediac check`, with the properties the formats
//! promise checked on the way.
//!
//! Each target uses only part of this module.
#![allow(dead_code)]

use mediac::compile::Compilation;
use mediac::diagnostic::Diagnostic;
use mediac::report::human::{self, Color};
use mediac::report::{json, lock, sarif, short};
use std::hint::black_box;

/// Largest input a compiling target runs on (the scripts pass the same `-max_len`): one
/// compilation evaluates every claim against every spec, so the size of the input bounds the
/// time of an execution.
pub const MAX_INPUT: usize = 16 * 1024;

/// Hands a rendering to the optimiser as used, so that it cannot skip making it.
pub fn consume<T>(value: T) {
    let _ = black_box(value);
}

/// The input as a `.media` file's text: `None` when it is too large or not UTF-8 (`mediac`
/// refuses a file that is not UTF-8 text before the compiler sees it).
pub fn text_of(data: &[u8], limit: usize) -> Option<&str> {
    if data.len() > limit {
        return None;
    }
    std::str::from_utf8(data).ok()
}

/// Renders `c` in every output format of `mediac check` (human with and without colour,
/// short, GitHub annotations, SARIF, JSON in both details, the verdict lock) and drops the
/// text. Panics when a format breaks its promise: JSON that does not parse, or a lock that does
/// not read back as the verdicts it was written from.
///
/// `files` is the number of files the caller added (`mediac check`'s count of loaded files).
pub fn render_all(c: &Compilation, files: usize) {
    let refs: Vec<&Diagnostic> = c.diagnostics.iter().collect();

    // --format human (the default): each diagnostic, a blank line, and the summary's counts.
    for color in [Color::Never, Color::Always] {
        let mut out = String::new();
        for d in &refs {
            out.push_str(&human::render(d, &c.sources, color));
            out.push('\n');
        }
        out.push_str(&human::summary(&c.diagnostics));
        consume(&out);
    }

    // --format short and --format github
    let mut out = String::new();
    for d in &refs {
        out.push_str(&short::render(d, &c.sources));
        out.push('\n');
        out.push_str(&short::github(d, &c.sources));
        out.push('\n');
    }
    consume(&out);

    // --format sarif
    consume(sarif::report(&refs, &c.sources));

    // --format json, --explain failed and --explain all.
    for detail in [json::Detail::Failed, json::Detail::All] {
        let mut out: Vec<u8> = Vec::new();
        if let Err(e) = json::write_report(&mut out, c, &[], files, detail) {
            panic!("json::write_report into a Vec<u8> failed: {e}");
        }
        if let Err(e) = serde_json::from_slice::<serde_json::Value>(&out) {
            panic!(
                "json::write_report ({detail:?}) wrote invalid JSON: {e}\n{}",
                String::from_utf8_lossy(&out)
            );
        }
        consume(&out);
    }

    check_lock(c);
}

/// `--lock`: the lock file written from the verdicts must read back as exactly those
/// verdicts, or `mediac check --lock` would report drift on an unchanged tree.
pub fn check_lock(c: &Compilation) {
    let entries = lock::entries(c);
    let text = lock::render(&entries);
    let parsed = match lock::parse(&text) {
        Ok(p) => p,
        Err(e) => panic!("lock::parse rejects the output of lock::render: {e}\n{text}"),
    };
    assert_eq!(
        parsed, entries,
        "lock::parse(lock::render(entries)) != entries; the lock was:\n{text}"
    );
    let drift = lock::diff(&parsed, &entries, "fuzz.lock");
    assert!(
        drift.is_empty(),
        "lock::diff reports drift between equal locks: {drift:?}"
    );
}
