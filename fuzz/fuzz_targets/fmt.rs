//! The input through `mediac fmt`'s layout: a text that parses is formatted, the result parses
//! to the same tree (spans and trailing blanks of comments aside), and formatting it again
//! changes nothing. A text with syntax errors is refused, never rewritten.
//!
//! Contract (src/fmt/mod.rs): formatting never panics, changes only whitespace between tokens,
//! keeps every comment, and is idempotent.
#![no_main]

mod common;

use libfuzzer_sys::{Corpus, fuzz_target};
use mediac::source::FileId;

const MAX_INPUT: usize = 64 * 1024;

/// The tree as data, without spans and with comments' trailing blanks trimmed.
fn shape(text: &str) -> serde_json::Value {
    // As the compiler reads it (a lone carriage return ends a line).
    let text = mediac::source::normalize_line_endings(text.to_string());
    let (mut tree, errors) = mediac::syntax::parse(FileId(0), &text);
    let severe: Vec<_> = errors
        .iter()
        .filter(|e| {
            mediac::diagnostic::Diagnostic::from(*e).severity
                == mediac::diagnostic::Severity::Error
        })
        .collect();
    assert!(severe.is_empty(), "the text does not parse: {severe:?}");
    // Formatting ends every line with `\n` (a block comment's lines too) and drops trailing
    // blanks after a line comment.
    for c in &mut tree.comments {
        c.text = c.text.replace("\r\n", "\n").trim_end().to_string();
    }
    let mut v = serde_json::to_value(&tree).unwrap_or(serde_json::Value::Null);
    strip(&mut v);
    v
}

fn strip(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            if map.len() == 3 && map.contains_key("file") && map.contains_key("start") {
                *v = serde_json::Value::Null;
            } else {
                map.values_mut().for_each(strip);
            }
        }
        serde_json::Value::Array(xs) => xs.iter_mut().for_each(strip),
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| -> Corpus {
    let Some(text) = common::text_of(data, MAX_INPUT) else {
        return Corpus::Reject;
    };
    let Ok(out) = mediac::fmt::format(&text) else {
        return Corpus::Keep;
    };
    assert_eq!(shape(&out), shape(&text), "formatting changed the tree");
    let again = mediac::fmt::format(&out).expect("a formatted text parses");
    assert_eq!(again, out, "formatting is not idempotent");
    Corpus::Keep
});
