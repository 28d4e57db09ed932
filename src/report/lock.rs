//! Verdict locks for regressions in CI: every (subject, claim set, claim) verdict with the
//! limitations that are not met, as sorted lines so that the file diffs well in review.
//!
//! ```text
//! # mediac verdict lock 1: subject | claim set | claim | verdict | limitations not met
//! medium "GlossPro 260" | thermoplastic_upper_layer | 7 | not_met | 7[a]=not_met
//! medium "Rival" | cast_coated_alumina | 1 | arguable {alumina=with_hydrates: met; alumina=oxide_only: not_met} |
//! ```
//!
//! A claim with construction points records its verdict under each reading (in braces).

use crate::compile::Compilation;
use crate::diagnostic::{Code, Diagnostic};
use std::collections::BTreeMap;

const HEADER: &str =
    "# mediac verdict lock 1: subject | claim set | claim | verdict | limitations not met";

/// (subject, claim set, claim number).
pub type Key = (String, String, u32);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub verdict: String,
    /// `7[a]=not_met`, sorted.
    pub limitations: Vec<String>,
}

/// Escapes a field so that it stays on its line and inside its column: `\\`, `|`, and line
/// breaks (a name may hold `\n` as an escape).
fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
}

/// The lock of a compilation; its verdicts must have been explained.
pub fn entries(c: &Compilation) -> BTreeMap<Key, Entry> {
    let mut out = BTreeMap::new();
    for v in &c.verdicts {
        let Some(set) = c.claimsets.get(v.set) else {
            continue;
        };
        // In claim order (1[b] before 10[a]), as the chain lists them.
        let mut not_met: Vec<&crate::eval::LimitationResult> = v
            .limitations
            .iter()
            .filter(|l| l.judgement.verdict != crate::eval::Verdict::Met)
            .collect();
        not_met.sort_by_key(|l| (l.claim, l.index));
        let limitations: Vec<String> = not_met
            .iter()
            .map(|l| format!("{}={}", l.element_id(), l.judgement.verdict.as_str()))
            .collect();
        // A claim with construction points locks its verdict under every reading, so that a
        // change under one reading drifts even when the overall verdict stays.
        let mut verdict = v.verdict.as_str().to_string();
        if !v.points.is_empty() {
            let readings: Vec<String> = v
                .by_construction
                .iter()
                .map(|r| {
                    format!(
                        "{}: {}",
                        r.reading_text(set).replace(" = ", "="),
                        r.verdict.as_str()
                    )
                })
                .collect();
            verdict.push_str(&format!(" {{{}}}", readings.join("; ")));
        }
        out.insert(
            (c.model.describe(v.subject), set.id.clone(), v.claim),
            Entry {
                verdict,
                limitations,
            },
        );
    }
    out
}

pub fn render(entries: &BTreeMap<Key, Entry>) -> String {
    let mut out = String::from(HEADER);
    out.push('\n');
    for ((subject, set, claim), e) in entries {
        out.push_str(&format!(
            "{} | {} | {claim} | {} | {}\n",
            escape(subject),
            escape(set),
            e.verdict,
            e.limitations.join(" ")
        ));
    }
    out
}

/// Splits a line at unescaped ` | `.
fn fields(line: &str) -> Vec<String> {
    // Split the raw line at unescaped `|`, trim the raw fields (the padding around ` | `), then
    // unescape: an escaped line break at the end of a name is part of the name.
    let mut raw = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '|' => {
                raw.push(line.get(start..i).unwrap_or(""));
                start = i + 1;
            }
            _ => {}
        }
    }
    raw.push(line.get(start..).unwrap_or(""));
    raw.into_iter().map(|f| unescape(f.trim())).collect()
}

fn unescape(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some(n) => out.push(n),
                None => {}
            },
            other => out.push(other),
        }
    }
    out
}

/// Parses a lock file; an error names the first line that is not a lock line.
///
/// The first line must be the header: an empty or cut-off file (a lock truncated by a crash of
/// an older version, or the wrong file) is one error, not a "new verdict" per verdict.
pub fn parse(text: &str) -> Result<BTreeMap<Key, Entry>, String> {
    let mut out = BTreeMap::new();
    match text.lines().next() {
        None => return Err("the file is empty".to_string()),
        Some(first) if first.trim_end() != HEADER => {
            return Err(format!("line 1: expected the header `{HEADER}`"));
        }
        Some(_) => {}
    }
    if !text.ends_with('\n') {
        return Err("the last line is cut off (no line break at the end)".to_string());
    }
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let f = fields(line);
        let bad = || {
            format!(
                "line {}: expected `subject | claim set | claim | verdict | limitations`",
                i + 1
            )
        };
        let [subject, set, claim, verdict, lims] = f.as_slice() else {
            return Err(bad());
        };
        let claim: u32 = claim.parse().map_err(|_| bad())?;
        let limitations = lims.split_whitespace().map(str::to_string).collect();
        out.insert(
            (subject.clone(), set.clone(), claim),
            Entry {
                verdict: verdict.clone(),
                limitations,
            },
        );
    }
    Ok(out)
}

fn limitation_changes(old: &Entry, new: &Entry) -> String {
    let map = |e: &Entry| -> BTreeMap<String, String> {
        e.limitations
            .iter()
            .filter_map(|l| l.split_once('='))
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    let (o, n) = (map(old), map(new));
    let mut ids: Vec<&String> = o.keys().chain(n.keys()).collect();
    ids.sort();
    ids.dedup();
    let changes: Vec<String> = ids
        .into_iter()
        .filter(|id| o.get(*id) != n.get(*id))
        .map(|id| {
            format!(
                "{id} {} → {}",
                o.get(id).map_or("met", String::as_str),
                n.get(id).map_or("met", String::as_str)
            )
        })
        .collect();
    changes.join(", ")
}

/// One diagnostic per verdict that drifted from the lock (changed, new, or gone).
pub fn diff(
    old: &BTreeMap<Key, Entry>,
    new: &BTreeMap<Key, Entry>,
    lock_name: &str,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut keys: Vec<&Key> = old.keys().chain(new.keys()).collect();
    keys.sort();
    keys.dedup();
    for key in keys {
        let (subject, set, claim) = key;
        let message = match (old.get(key), new.get(key)) {
            (Some(o), Some(n)) if o == n => continue,
            (Some(o), Some(n)) => {
                let changes = limitation_changes(o, n);
                let what = if changes.is_empty() {
                    String::new()
                } else {
                    format!(" ({changes})")
                };
                if o.verdict == n.verdict {
                    format!(
                        "{subject}, {set} claim {claim}: still {}, but its limitations changed{what}",
                        n.verdict
                    )
                } else {
                    format!(
                        "{subject}, {set} claim {claim}: {} → {}{what}",
                        o.verdict, n.verdict
                    )
                }
            }
            (None, Some(n)) => format!("{subject}, {set} claim {claim}: new verdict {}", n.verdict),
            (Some(o), None) => format!(
                "{subject}, {set} claim {claim}: verdict {} is gone",
                o.verdict
            ),
            (None, None) => continue,
        };
        out.push(Diagnostic::new(Code::LockDrift, message).path(lock_name).help(format!(
            "if the change is intended, accept it with `--update-lock` and commit {lock_name}"
        )));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(subject: &str) -> BTreeMap<Key, Entry> {
        let mut m = BTreeMap::new();
        m.insert(
            (subject.to_string(), "set".to_string(), 7),
            Entry {
                verdict: "not_met".to_string(),
                limitations: vec!["7[a]=not_met".to_string()],
            },
        );
        m
    }

    #[test]
    fn names_with_line_breaks_pipes_and_backslashes_round_trip() {
        let m = one("medium \"Base\nline2 | x \\\" \r");
        let text = render(&m);
        assert_eq!(text.lines().count(), 2, "one line per verdict: {text}");
        assert_eq!(parse(&text).unwrap(), m);
    }

    #[test]
    fn a_lock_without_its_header_or_cut_off_is_refused() {
        assert_eq!(parse("").unwrap_err(), "the file is empty");
        assert!(
            parse("medium \"A\" | set | 7 | met |\n")
                .unwrap_err()
                .starts_with("line 1:")
        );
        let text = render(&one("medium \"A\""));
        let cut = text.get(..text.len() - 3).unwrap();
        assert!(parse(cut).unwrap_err().contains("cut off"));
    }
}
