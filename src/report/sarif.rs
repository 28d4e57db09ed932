//! SARIF 2.1.0 for code-scanning tools, as a typed model of the parts mediac emits.
//!
//! Contract: [`report`] turns diagnostics into one pretty-printed SARIF log with one run.
//! * One rule per diagnostic code that occurs, sorted by code: its summary as description and
//!   help, `helpUri` into docs/diagnostics.md. One result per diagnostic, in the order given.
//! * A result's location is its primary label (the first label when none is primary), or, for a
//!   diagnostic without labels, the file it names (`path`). Its other labels, in this file or
//!   another, are related locations whose `id` is the label's index.
//! * Every location has a region: lines, columns and offsets in Unicode code points
//!   (`columnKind`), ends exclusive, all ≥ 1, the end never before the start.
//! * File names become URIs: an absolute path a `file://` URI; a relative path a reference
//!   against `%SRCROOT%` (the current directory); a file inside the binary (`<claims>/x.media`,
//!   `<prelude>/prelude.media`) a reference against `MEDIAC`. `originalUriBaseIds` declares the
//!   base ids that are used.

use crate::diagnostic::{Code, Diagnostic};
use crate::source::{SourceFile, SourceMap, Span};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// Cargo.toml's `repository`: empty when it has none, and then no web addresses are written.
const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");
const SRCROOT: &str = "%SRCROOT%";
const MEDIAC: &str = "MEDIAC";

#[derive(Serialize)]
struct SarifLog {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    original_uri_base_ids: BTreeMap<&'static str, ArtifactLocation>,
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool {
    driver: ToolComponent,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ToolComponent {
    name: &'static str,
    version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: &'static str,
    name: String,
    short_description: Message,
    // Code scanning shows it on the rule's page and asks for it.
    full_description: Message,
    help: Message,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<String>,
    default_configuration: Configuration,
}

/// `level` is `Severity::as_str`: mediac's severities are SARIF's levels, spelt the same.
#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize, Debug, PartialEq, Eq)]
struct Message {
    text: String,
}

fn message(text: impl Into<String>) -> Message {
    Message { text: text.into() }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Message,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
}

#[derive(Serialize, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Message>,
}

#[derive(Serialize, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    #[serde(skip_serializing_if = "Option::is_none")]
    uri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<Message>,
}

#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    char_offset: usize,
    char_length: usize,
}

/// The region of a diagnostic about a file mediac did not load (unreadable, a lock file):
/// empty, at the file's start. Code scanning wants a region in every location, and the length
/// of a file that was not read is not known.
const FILE_START: Region = Region {
    start_line: 1,
    start_column: 1,
    end_line: 1,
    end_column: 1,
    char_offset: 0,
    char_length: 0,
};

/// `text` percent-encoded as URI path characters: every byte but the unreserved characters and
/// `/`, so a non-ASCII letter becomes its UTF-8 bytes and a `:` cannot make a relative
/// reference read as a scheme.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// An absolute path as a `file:` URI (RFC 8089), `None` for a relative path: `/a b` →
/// `file:///a%20b`, `C:\a` → `file:///C:/a`, `\\server\share\a` → `file://server/share/a`.
fn file_uri(path: &str) -> Option<String> {
    if let Some(unc) = path.strip_prefix(r"\\") {
        return Some(format!(
            "file://{}",
            percent_encode(&unc.replace('\\', "/"))
        ));
    }
    if path.starts_with('/') {
        return Some(format!("file://{}", percent_encode(path)));
    }
    if let [drive, b':', b'\\' | b'/', ..] = path.as_bytes()
        && drive.is_ascii_alphabetic()
    {
        let rest = path.get(2..).unwrap_or_default().replace('\\', "/");
        return Some(format!(
            "file:///{}:{}",
            char::from(*drive),
            percent_encode(&rest)
        ));
    }
    None
}

/// The directory relative references resolve against, as a `file:` URI ending in `/`: a base
/// URI must, or references would replace its last segment instead of extending it.
fn srcroot_uri(dir: &Path) -> Option<String> {
    let mut uri = file_uri(dir.to_str()?)?;
    if !uri.ends_with('/') {
        uri.push('/');
    }
    Some(uri)
}

/// A file name as an artifact location (see the module doc).
fn artifact(name: &str) -> ArtifactLocation {
    let inside = name.strip_prefix('<').and_then(|n| n.split_once(">/"));
    let (uri, base) = if let Some((dir, file)) = inside {
        (percent_encode(&format!("{dir}/{file}")), Some(MEDIAC))
    } else if let Some(uri) = file_uri(name) {
        (uri, None)
    } else {
        // A reference that starts with `/` would replace the base's path instead of extending it.
        let slashed = name.replace('\\', "/");
        let mut rel = slashed.as_str();
        while let Some(rest) = rel.strip_prefix("./").or_else(|| rel.strip_prefix('/')) {
            rel = rest;
        }
        (percent_encode(rel), Some(SRCROOT))
    };
    ArtifactLocation {
        uri: Some(uri),
        uri_base_id: base,
        description: None,
    }
}

/// What a base id stands for. A base without `uri` is one the consumer has to supply (SARIF
/// §3.14.14): the files inside the binary have no address of their own.
fn base_location(id: &str, srcroot: Option<&Path>) -> ArtifactLocation {
    let (uri, text) = if id == SRCROOT {
        let text = "the directory mediac ran in: relative paths on its command line start there";
        (srcroot.and_then(srcroot_uri), text)
    } else {
        let text = "the files compiled into mediac: the prelude and the shipped claim sets \
                    (specs/ in mediac's repository)";
        (None, text)
    };
    ArtifactLocation {
        uri,
        uri_base_id: None,
        description: Some(message(text)),
    }
}

/// The anchor GitHub gives a Markdown heading: lowercased, punctuation other than `-` and `_`
/// dropped, spaces turned into `-`. docs/diagnostics.md has a heading `### media::io::read`
/// per code, whose anchor is `mediaioread`.
fn github_anchor(heading: &str) -> String {
    heading
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The repository's web address without a trailing `/` or `.git`, if Cargo.toml gives one.
fn repository() -> Option<&'static str> {
    let r = REPOSITORY.trim_end_matches('/');
    let r = r.strip_suffix(".git").unwrap_or(r);
    (!r.is_empty()).then_some(r)
}

/// A code as the Pascal-case friendly name SARIF suggests for a rule's `name` (the validator
/// notes any other form): `media::verdict::reads_on` → `VerdictReadsOn`.
fn friendly_name(code: &str) -> String {
    let words = code.trim_start_matches("media::").split([':', '_']);
    words
        .flat_map(|word| {
            let mut chars = word.chars();
            let first = chars.next().map(|c| c.to_ascii_uppercase());
            first.into_iter().chain(chars)
        })
        .collect()
}

fn rule(code: Code) -> ReportingDescriptor {
    let doc = format!("docs/diagnostics.md#{}", github_anchor(code.as_str()));
    let help_uri = repository().map(|r| format!("{r}/blob/main/{doc}"));
    let see = help_uri.as_deref().unwrap_or(doc.as_str());
    ReportingDescriptor {
        id: code.as_str(),
        name: friendly_name(code.as_str()),
        short_description: message(code.summary()),
        full_description: message(code.summary()),
        help: message(format!("{} (see {see})", code.summary())),
        help_uri,
        default_configuration: Configuration {
            level: code.default_severity().as_str(),
        },
    }
}

/// A span as a region. An empty span (a bracket missing at the end of a file) is an empty
/// region, `endColumn` = `startColumn`.
fn region(f: &SourceFile, span: Span) -> Region {
    let (start, end) = (span.start as usize, span.end.max(span.start) as usize);
    let (start_line, start_column) = f.line_col(start);
    let (end_line, end_column) = f.line_col(end);
    let char_offset = f.char_offset(start);
    Region {
        start_line,
        start_column,
        end_line: end_line.max(start_line),
        end_column: if end_line > start_line {
            end_column
        } else {
            end_column.max(start_column)
        },
        char_offset,
        char_length: f.char_offset(end).saturating_sub(char_offset),
    }
}

/// A labelled span as a location; `None` when its file is not in `sources`.
fn location(span: Span, sources: &SourceMap, text: &str, id: Option<usize>) -> Option<Location> {
    let f = sources.get(span.file)?;
    Some(Location {
        id,
        physical_location: PhysicalLocation {
            artifact_location: artifact(&f.name),
            region: region(f, span),
        },
        message: (!text.is_empty()).then(|| message(text)),
    })
}

fn result(d: &Diagnostic, rule_index: usize, sources: &SourceMap) -> SarifResult {
    let mut text = d.message.clone();
    if let Some(h) = &d.help {
        let _ = write!(text, "\nhelp: {h}");
    }
    for note in &d.notes {
        let _ = write!(text, "\nnote: {note}");
    }
    // The label the result is about, as `Diagnostic::primary_span` chooses it.
    let primary = d.labels.iter().position(|l| l.primary);
    let primary = primary.or((!d.labels.is_empty()).then_some(0));
    let placed = primary
        .and_then(|i| d.labels.get(i))
        .and_then(|l| location(l.span, sources, &l.message, None));
    // Without a span the result is placed on the file it names: code-scanning uploads reject
    // results without any location.
    let on_file = || {
        d.path.as_deref().map(|p| Location {
            id: None,
            physical_location: PhysicalLocation {
                artifact_location: artifact(p),
                region: FILE_START,
            },
            message: None,
        })
    };
    let related_locations = d
        .labels
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != primary)
        .filter_map(|(i, l)| location(l.span, sources, &l.message, Some(i)))
        .collect();
    SarifResult {
        rule_id: d.code.as_str(),
        rule_index,
        level: d.severity.as_str(),
        message: message(text),
        locations: placed.or_else(on_file).into_iter().collect(),
        related_locations,
    }
}

fn log(diagnostics: &[&Diagnostic], sources: &SourceMap, srcroot: Option<&Path>) -> SarifLog {
    let mut codes: Vec<Code> = diagnostics.iter().map(|d| d.code).collect();
    codes.sort();
    codes.dedup();
    let results: Vec<SarifResult> = diagnostics
        .iter()
        .map(|d| result(d, codes.binary_search(&d.code).unwrap_or(0), sources))
        .collect();
    let bases: BTreeSet<&'static str> = results
        .iter()
        .flat_map(|r| r.locations.iter().chain(&r.related_locations))
        .filter_map(|l| l.physical_location.artifact_location.uri_base_id)
        .collect();
    let driver = ToolComponent {
        name: "mediac",
        version: env!("CARGO_PKG_VERSION"),
        information_uri: repository(),
        rules: codes.iter().map(|c| rule(*c)).collect(),
    };
    let run = Run {
        tool: Tool { driver },
        original_uri_base_ids: bases
            .into_iter()
            .map(|id| (id, base_location(id, srcroot)))
            .collect(),
        column_kind: "unicodeCodePoints",
        results,
    };
    SarifLog {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![run],
    }
}

/// The SARIF log of `diagnostics`, pretty-printed, with `%SRCROOT%` at the current directory.
pub fn report(diagnostics: &[&Diagnostic], sources: &SourceMap) -> String {
    report_in(
        diagnostics,
        sources,
        std::env::current_dir().ok().as_deref(),
    )
}

/// [`report`] with `%SRCROOT%` at `srcroot` (`None`: left for the consumer to supply), for
/// output that does not depend on the directory it is made in (snapshots).
pub fn report_in(
    diagnostics: &[&Diagnostic],
    sources: &SourceMap,
    srcroot: Option<&Path>,
) -> String {
    // Only string keys and plain values: serializing cannot fail.
    serde_json::to_string_pretty(&log(diagnostics, sources, srcroot)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(name: &str) -> (String, Option<&'static str>) {
        let a = artifact(name);
        (a.uri.unwrap_or_default(), a.uri_base_id)
    }

    #[test]
    fn absolute_paths_are_file_uris_without_a_base() {
        let cases = [
            ("/tmp/a b/x.media", "file:///tmp/a%20b/x.media"),
            // µ (U+00B5) and ü (U+00FC) are two UTF-8 bytes each.
            (
                "/data/µm/spec-ü.media",
                "file:///data/%C2%B5m/spec-%C3%BC.media",
            ),
            (r"C:\Users\a b\x.media", "file:///C:/Users/a%20b/x.media"),
            ("d:/x.media", "file:///d:/x.media"),
            (r"\\srv\share\x.media", "file://srv/share/x.media"),
        ];
        for (name, expected) in cases {
            assert_eq!(uri(name), (expected.to_owned(), None), "{name}");
        }
    }

    #[test]
    fn relative_paths_are_references_against_srcroot() {
        let cases = [
            ("./specs/Satin Line/x.media", "specs/Satin%20Line/x.media"),
            (r".\specs\µ.media", "specs/%C2%B5.media"),
            ("verdicts lock.txt", "verdicts%20lock.txt"),
            // Neither a scheme nor a reference that would replace the base's path.
            ("a:b.media", "a%3Ab.media"),
            (r"\x.media", "x.media"),
        ];
        for (name, expected) in cases {
            assert_eq!(uri(name), (expected.to_owned(), Some(SRCROOT)), "{name}");
        }
    }

    #[test]
    fn files_inside_the_binary_are_references_against_mediac() {
        let claims = uri("<claims>/cast_coated_alumina.media");
        assert_eq!(
            claims,
            ("claims/cast_coated_alumina.media".into(), Some(MEDIAC))
        );
        let prelude = uri(crate::compile::PRELUDE_NAME);
        assert_eq!(prelude, ("prelude/prelude.media".into(), Some(MEDIAC)));
    }

    #[test]
    fn srcroot_is_a_directory_uri() {
        let uri = |dir: &str| srcroot_uri(Path::new(dir));
        assert_eq!(uri("/work/a b").as_deref(), Some("file:///work/a%20b/"));
        assert_eq!(uri("/").as_deref(), Some("file:///"));
        assert_eq!(uri("relative"), None);
    }

    #[test]
    fn anchors_are_the_ones_github_gives_the_headings() {
        assert_eq!(github_anchor("media::io::read"), "mediaioread");
        assert_eq!(
            github_anchor("media::syntax::too_deep"),
            "mediasyntaxtoo_deep"
        );
        assert_eq!(
            github_anchor("How to read this page"),
            "how-to-read-this-page"
        );
        assert_eq!(github_anchor("I/O"), "io");
        let mut anchors: Vec<String> = Code::ALL
            .iter()
            .map(|c| github_anchor(c.as_str()))
            .collect();
        anchors.sort();
        anchors.dedup();
        assert_eq!(anchors.len(), Code::ALL.len(), "two codes share an anchor");
        assert_eq!(friendly_name("media::verdict::reads_on"), "VerdictReadsOn");
    }

    #[test]
    fn results_of_spans_have_regions_in_code_points() {
        let mut sources = SourceMap::new();
        let text = "medium \"µ\" {\n  layer \"a\" { thickness = 20 g/m2 }\n}";
        let file = sources.add("spec.media", text);
        let start = text.find("20 g").unwrap();
        let d = Diagnostic::new(Code::UnitWrongDimension, "expected length")
            .primary(Span::new(file, start, start + 7), "coat weight")
            .secondary(Span::new(file, text.len(), text.len()), "at the end");
        let r = result(&d, 0, &sources);
        // Line 1 is 13 characters with its line break (µ is 2 bytes, 1 character).
        let expected = Region {
            start_line: 2,
            start_column: 27,
            end_line: 2,
            end_column: 34,
            char_offset: 39,
            char_length: 7,
        };
        assert_eq!(r.locations[0].physical_location.region, expected);
        assert_eq!(r.locations[0].message, Some(message("coat weight")));
        // An empty span at the end of the file: an empty region after the last character.
        assert_eq!(r.related_locations[0].id, Some(1));
        let e = r.related_locations[0].physical_location.region;
        assert_eq!(
            (e.start_line, e.start_column, e.end_line, e.end_column),
            (3, 2, 3, 2)
        );
        assert_eq!(e.char_length, 0);
    }

    #[test]
    fn a_log_declares_its_bases_and_places_path_only_results() {
        let d = Diagnostic::new(Code::IoRead, "cannot read x").path("specs/x y.media");
        let log = log(&[&d], &SourceMap::new(), Some(Path::new("/w")));
        let log = serde_json::to_value(log).unwrap();
        let run = &log["runs"][0];
        assert_eq!(run["originalUriBaseIds"]["%SRCROOT%"]["uri"], "file:///w/");
        assert!(run["originalUriBaseIds"].get("MEDIAC").is_none());
        let loc = &run["results"][0]["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "specs/x%20y.media");
        assert_eq!(loc["region"]["startLine"], 1);
        assert_eq!(loc["region"]["endColumn"], 1);
        let rule = &run["tool"]["driver"]["rules"][0];
        assert_eq!(rule["id"], "media::io::read");
        assert_eq!(rule["name"], "IoRead");
        assert_eq!(rule.get("helpUri").is_some(), repository().is_some());
    }
}
