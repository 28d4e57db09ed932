//! Every command that README.md and docs/*.md show is run, and the output they show is what it
//! prints, so that the documentation cannot drift from the tool.
//!
//! What is run:
//! - a ` ```sh ` block that calls `mediac` runs as a shell script; the ` ```text ` block right
//!   after it (only blank lines between) is its output. Blocks that call `cargo`, `npm`, `pip`
//!   or `git` build or install things and are not run;
//! - a ` ```text ` block whose first line is `$ COMMAND` runs COMMAND; the rest is its output.
//!
//! The commands of one page run in order in one scratch folder that holds the repository's `specs/` (a link) and the files
//! of `tests/data/docs/` (inputs that the documentation names, such as a file in ISO-8859-1),
//! with the `mediac` under test first on `PATH`. The output is standard output followed by
//! standard error, trailing spaces and blank lines dropped.
//!
//! An HTML comment on one of the three lines before a block changes how it is compared:
//! `<!-- doc-test: excerpt -->`: the shown lines appear in the output in order (the page
//! leaves some out, marking the place with a line `…`); `<!-- doc-test: skip: REASON -->`: not run (the reason is required). A shown
//! line ending in ` …` matches any line that starts with what comes before it. A command shown
//! without an output must not end in a usage or I/O failure (exit status 2).
//!
//! `MEDIAC_BLESS_DOCS=1 cargo test --test doc_outputs` writes the real output into every block
//! compared exactly; review the diff before committing it.

use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Mode {
    Exact,
    Excerpt,
    Skip,
}

#[derive(Debug)]
struct Shown {
    doc: PathBuf,
    /// 1-based line of the command.
    line: usize,
    script: String,
    /// The lines of the output block (its content, without fences), if any.
    output: Option<(usize, usize)>,
    mode: Mode,
}

struct Fence {
    lang: String,
    /// Line index of the opening fence.
    open: usize,
    /// Line index of the closing fence.
    close: usize,
    indent: usize,
}

fn fences(lines: &[&str]) -> Vec<Fence> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let trimmed = lines[i].trim_start();
        if let Some(lang) = trimmed.strip_prefix("```") {
            let indent = lines[i].len() - trimmed.len();
            let close = (i + 1..lines.len())
                .find(|&j| lines[j].trim_start().starts_with("```"))
                .unwrap_or(lines.len());
            out.push(Fence {
                lang: lang.trim().to_string(),
                open: i,
                close,
                indent,
            });
            i = close + 1;
        } else {
            i += 1;
        }
    }
    out
}

fn mode_before(lines: &[&str], open: usize, doc: &Path) -> Mode {
    for l in lines[open.saturating_sub(3)..open].iter().rev() {
        let l = l.trim();
        if l.starts_with("<!-- doc-test: excerpt") {
            return Mode::Excerpt;
        }
        if let Some(rest) = l.strip_prefix("<!-- doc-test: skip") {
            assert!(
                rest.trim_start_matches(':').trim().len() > 4,
                "{}:{}: a skipped block must say why",
                doc.display(),
                open + 1
            );
            return Mode::Skip;
        }
    }
    Mode::Exact
}

fn body(lines: &[&str], f: &Fence) -> Vec<String> {
    lines[f.open + 1..f.close]
        .iter()
        .map(|l| l.get(f.indent..).unwrap_or(l.trim_start()).to_string())
        .collect()
}

fn shown_commands(doc: &Path, text: &str) -> Vec<Shown> {
    let lines: Vec<&str> = text.lines().collect();
    let fs = fences(&lines);
    let mut out = Vec::new();
    for (k, f) in fs.iter().enumerate() {
        let mode = mode_before(&lines, f.open, doc);
        if f.lang == "sh" {
            let script = body(&lines, f).join("\n");
            let calls = |w: &str| {
                script
                    .lines()
                    .any(|l| l.split_whitespace().next() == Some(w))
            };
            if !calls("mediac") || ["cargo", "npm", "pip", "git"].iter().any(|w| calls(w)) {
                continue;
            }
            let next = fs.get(k + 1).filter(|n| {
                n.lang == "text"
                    && lines[f.close + 1..n.open]
                        .iter()
                        .all(|l| l.trim().is_empty())
            });
            out.push(Shown {
                doc: doc.to_path_buf(),
                line: f.open + 2,
                script,
                output: next.map(|n| (n.open + 1, n.close)),
                mode,
            });
        } else if f.lang == "text" {
            let b = body(&lines, f);
            let Some(cmd) = b.first().and_then(|l| l.strip_prefix("$ ")) else {
                continue;
            };
            out.push(Shown {
                doc: doc.to_path_buf(),
                line: f.open + 2,
                script: cmd.to_string(),
                output: Some((f.open + 2, f.close)),
                mode,
            });
        }
    }
    out
}

fn normalize(s: &str) -> Vec<String> {
    let mut v: Vec<String> = s.lines().map(|l| l.trim_end().to_string()).collect();
    while v.last().is_some_and(|l| l.is_empty()) {
        v.pop();
    }
    v
}

fn line_matches(shown: &str, real: &str) -> bool {
    match shown.strip_suffix(" …") {
        Some(prefix) => real.starts_with(prefix),
        None => shown == real,
    }
}

fn scratch() -> tempfile::TempDir {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(root.join("specs"), dir.path().join("specs")).unwrap();
    let data = root.join("tests/data/docs");
    for e in std::fs::read_dir(&data).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
    }
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    dir
}

fn run(script: &str, dir: &Path) -> (String, Option<i32>) {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_mediac"));
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("sh")
        .arg("-c")
        .arg(script)
        .current_dir(dir)
        .env("PATH", path)
        .env_remove("NO_COLOR")
        .env_remove("MEDIAC_FORMAT")
        .output()
        .unwrap();
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    (text, out.status.code())
}

#[test]
fn documented_commands_print_what_the_documentation_shows() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut docs = vec![root.join("README.md")];
    let mut more: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    more.sort();
    docs.extend(more);
    let bless = std::env::var_os("MEDIAC_BLESS_DOCS").is_some();
    let mut failures = Vec::new();
    let mut ran = 0;
    for doc in &docs {
        let text = std::fs::read_to_string(doc).unwrap();
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        // Blessed blocks are replaced from the last up, so earlier line numbers stay valid.
        let mut replacements: Vec<(usize, usize, Vec<String>)> = Vec::new();
        // One folder per page: its commands run in order, as a reader would type them (a file
        // written by one block is read by the next).
        let dir = scratch();
        for s in shown_commands(doc, &text) {
            if s.mode == Mode::Skip {
                continue;
            }
            ran += 1;
            let (real, code) = run(&s.script, dir.path());
            let real = normalize(&real);
            let place = format!("{}:{}", s.doc.strip_prefix(root).unwrap().display(), s.line);
            let Some((from, to)) = s.output else {
                if code == Some(2) {
                    failures.push(format!(
                        "{place}: `{}` failed (exit 2):\n{}",
                        s.script,
                        real.join("\n")
                    ));
                }
                continue;
            };
            let indent = lines[from - 1].len() - lines[from - 1].trim_start().len();
            let shown: Vec<String> = normalize(
                &lines[from..to]
                    .iter()
                    .map(|l| l.get(indent..).unwrap_or(l.trim_start()))
                    .collect::<Vec<_>>()
                    .join("\n"),
            );
            let ok = match s.mode {
                Mode::Exact => {
                    shown.len() == real.len()
                        && shown.iter().zip(&real).all(|(a, b)| line_matches(a, b))
                }
                _ => {
                    let mut it = real.iter();
                    shown
                        .iter()
                        .filter(|l| !l.trim().is_empty() && l.trim() != "…")
                        .all(|l| it.any(|r| line_matches(l.trim_end(), r)))
                }
            };
            if ok {
                continue;
            }
            if bless && s.mode == Mode::Exact {
                let pad = " ".repeat(indent);
                replacements.push((
                    from,
                    to,
                    real.iter()
                        .map(|l| {
                            if l.is_empty() {
                                String::new()
                            } else {
                                format!("{pad}{l}")
                            }
                        })
                        .collect(),
                ));
            } else {
                failures.push(format!(
                    "{place}: `{}` printed\n{}\n--- but the page shows ---\n{}",
                    s.script,
                    real.join("\n"),
                    shown.join("\n")
                ));
            }
        }
        if !replacements.is_empty() {
            replacements.sort_by_key(|r| std::cmp::Reverse(r.0));
            for (from, to, new) in replacements {
                lines.splice(from..to, new);
            }
            std::fs::write(doc, lines.join("\n") + "\n").unwrap();
        }
    }
    assert!(
        ran >= 10,
        "only {ran} documented commands found: is the parsing broken?"
    );
    assert!(
        failures.is_empty(),
        "{} documented outputs differ from the real ones (MEDIAC_BLESS_DOCS=1 rewrites the \
         exact ones):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// docs/language.md promises that every `media` block is a complete file: one whose first line
/// is `// expect: CODE, …` yields exactly those codes, every other block none (verdict summary
/// notes aside).
#[test]
fn language_examples_compile_as_the_page_says() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("docs/language.md")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut failures = Vec::new();
    let mut checked = 0;
    for f in fences(&lines).iter().filter(|f| f.lang == "media") {
        let body = body(&lines, f).join("\n") + "\n";
        let mut expected: Vec<String> = body
            .lines()
            .next()
            .and_then(|l| l.trim().strip_prefix("// expect:"))
            .map(|codes| codes.split(',').map(|c| c.trim().to_string()).collect())
            .unwrap_or_default();
        let mut c = mediac::compile::Compiler::new();
        c.add("example.media", body);
        let mut got: Vec<String> = c
            .compile()
            .diagnostics
            .iter()
            .map(|d| d.code.as_str().to_string())
            .filter(|c| c != "media::verdict::summary")
            .collect();
        got.sort();
        got.dedup();
        expected.sort();
        checked += 1;
        if got != expected {
            failures.push(format!(
                "docs/language.md:{}: expected {expected:?}, got {got:?}",
                f.open + 1
            ));
        }
    }
    assert!(checked > 20, "only {checked} media blocks found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
