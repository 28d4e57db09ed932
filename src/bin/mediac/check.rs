//! `mediac check`: every diagnostic of the inputs in one of the output formats, and the verdict
//! lock.

use crate::inputs::load;
use crate::{Deny, Explain, Format, Inputs, plural, resolve_color};
use mediac::compile::Compilation;
use mediac::diagnostic::{Code, Diagnostic, Severity};
use mediac::eval::Verdict;
use mediac::files::{self, FileError};
use mediac::report::human;
use mediac::report::{json, lock, sarif, short};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// `8 files, 30 specs, 61 claims: 12 met, 1 partly met, 3 undetermined, 200 not met; no problems`
fn summary_line(c: &Compilation, files: usize, diagnostics: &[&Diagnostic]) -> String {
    let claims: usize = c.claimsets.iter().map(|s| s.claims.len()).sum();
    let count = |v: Verdict| c.verdict_counts.of(v);
    let owned: Vec<Diagnostic> = diagnostics.iter().map(|d| (*d).clone()).collect();
    // Arguable verdicts are counted when there are any (claims without construction points
    // have none).
    let arguable = match count(Verdict::Arguable) {
        0 => String::new(),
        n => format!("{n} arguable, "),
    };
    format!(
        "{}, {}, {}: {} met, {} partly met, {} undetermined, {arguable}{} not met; {}",
        plural(files, "file"),
        plural(c.specs, "spec"),
        plural(claims, "claim"),
        count(Verdict::Met),
        count(Verdict::PartlyMet),
        count(Verdict::Undetermined),
        count(Verdict::NotMet),
        human::summary(&owned)
    )
}

/// What `check` does with a verdict lock.
pub(crate) enum LockMode<'a> {
    None,
    /// Compare with the lock; write it when it does not exist (or fail, when `locked`).
    Compare {
        path: &'a Path,
        locked: bool,
    },
    /// Write the lock whatever it holds.
    Update {
        path: &'a Path,
    },
}

impl<'a> LockMode<'a> {
    pub(crate) fn from_flags(path: Option<&'a Path>, update: bool, locked: bool) -> LockMode<'a> {
        match path {
            None => LockMode::None,
            Some(path) if update => LockMode::Update { path },
            Some(path) => LockMode::Compare { path, locked },
        }
    }
}

/// Compares the verdicts with the lock, or writes it. Returns the diagnostics and, when the
/// lock was written, a line saying so. A lock that exists but cannot be read as one is an
/// error and is left as it is: only `--update-lock` replaces it.
fn apply_lock(mode: &LockMode<'_>, c: &Compilation) -> (Vec<Diagnostic>, Option<String>) {
    let (path, compare, locked) = match *mode {
        LockMode::None => return (Vec::new(), None),
        LockMode::Compare { path, locked } => (path, true, locked),
        LockMode::Update { path } => (path, false, false),
    };
    let shown = path.display().to_string();
    let current = lock::entries(c);
    if compare {
        match files::read_text(path, files::LIMIT) {
            Ok(text) => {
                let diagnostics = match lock::parse(&text) {
                    Ok(old) => lock::diff(&old, &current, &shown),
                    Err(e) => vec![
                        Diagnostic::new(
                            Code::LockInvalid,
                            format!("{shown} is not a verdict lock: {e}"),
                        )
                        .help("it was left as it is; regenerate it with --update-lock")
                        .path(shown.clone()),
                    ],
                };
                return (diagnostics, None);
            }
            Err(FileError::NotFound) if locked => {
                return (
                    vec![
                        Diagnostic::new(
                            Code::LockMissing,
                            format!("the lock file {shown} does not exist"),
                        )
                        .help(
                            "--locked compares with an existing lock and never writes one; run \
                             once without --locked (or with --update-lock) and commit the lock",
                        )
                        .path(shown.clone()),
                    ],
                    None,
                );
            }
            Err(FileError::NotFound) => {}
            Err(e) => {
                return (
                    vec![
                        Diagnostic::new(
                            Code::LockInvalid,
                            format!("cannot read the lock {shown}: {e}"),
                        )
                        .help("it was left as it is; fix its permissions or type, or name another lock file")
                        .path(shown.clone()),
                    ],
                    None,
                );
            }
        }
    }
    match files::write_atomic(path, lock::render(&current).as_bytes()) {
        Ok(()) => (
            Vec::new(),
            Some(format!("wrote {} verdicts to {shown}", current.len())),
        ),
        Err(e) => (
            vec![
                Diagnostic::new(Code::IoWrite, format!("cannot write {shown}: {e}"))
                    .help("check that its folder exists and is writable")
                    .path(shown),
            ],
            None,
        ),
    }
}

pub(crate) fn check(
    inputs: &Inputs,
    format: Format,
    lock_mode: LockMode<'_>,
    deny: &[Deny],
    explain: Explain,
) -> ExitCode {
    let color = resolve_color(inputs.color);
    let (mut compiler, io_errors, loaded) = load(inputs);
    compiler.summaries = format == Format::Human && !inputs.quiet;
    // The JSON report explains what it prints, a batch at a time; the lock records every
    // limitation.
    compiler.explain_all = !matches!(lock_mode, LockMode::None);
    // Only the JSON report and the lock read the verdicts after the check: otherwise each
    // subject's are dropped as soon as they are judged.
    compiler.keep_verdicts = format == Format::Json || !matches!(lock_mode, LockMode::None);
    // Without them, a large input is checked a group of specs at a time.
    compiler.batched = !compiler.keep_verdicts;
    let bar = crate::progress::bar(inputs.quiet);
    compiler.progress = bar.as_ref().map(|(report, _)| report.clone());
    let compilation = compiler.compile();
    if let Some((_, bar)) = bar {
        bar.finish_and_clear();
    }
    let mut extra = io_errors;
    let (lock_diagnostics, lock_note) = apply_lock(&lock_mode, &compilation);
    extra.extend(lock_diagnostics);

    let mut all: Vec<Diagnostic> = extra
        .iter()
        .chain(&compilation.diagnostics)
        .cloned()
        .collect();
    if deny.contains(&Deny::Warnings) {
        for d in &mut all {
            if d.severity == Severity::Warning {
                d.severity = Severity::Error;
            }
        }
    }
    let refs: Vec<&Diagnostic> = all.iter().collect();
    // --quiet keeps errors only (the JSON and SARIF reports are the result itself).
    let shown: Vec<&Diagnostic> = refs
        .iter()
        .copied()
        .filter(|d| !inputs.quiet || d.severity == Severity::Error)
        .collect();
    let mut stdout = std::io::stdout().lock();
    match format {
        Format::Json => {
            let detail = match explain {
                Explain::Failed => json::Detail::Failed,
                Explain::All => json::Detail::All,
            };
            let _ = json::write_report(&mut stdout, &compilation, &extra, loaded, detail);
        }
        Format::Sarif => {
            let _ = writeln!(stdout, "{}", sarif::report(&refs, &compilation.sources));
        }
        Format::Short => {
            for d in &shown {
                let _ = writeln!(stdout, "{}", short::render(d, &compilation.sources));
            }
        }
        Format::Github => {
            for d in &shown {
                let _ = writeln!(stdout, "{}", short::github(d, &compilation.sources));
            }
        }
        Format::Human => {
            for d in &shown {
                let _ = write!(stdout, "{}", human::render(d, &compilation.sources, color));
                let _ = writeln!(stdout);
            }
            if !inputs.quiet {
                if let Some(n) = &lock_note {
                    let _ = writeln!(stdout, "{n}");
                }
                let _ = writeln!(stdout, "{}", summary_line(&compilation, loaded, &refs));
            }
        }
    }
    let code = exit_code(&refs);
    // The process ends here: freeing every verdict and model node one by one took a tenth of
    // a large check's time, for memory the operating system takes back at once.
    std::mem::forget(shown);
    std::mem::forget(refs);
    std::mem::forget(all);
    std::mem::forget(compilation);
    code
}

pub(crate) fn exit_code(diagnostics: &[&Diagnostic]) -> ExitCode {
    if diagnostics
        .iter()
        .any(|d| d.code == Code::IoRead || d.code == Code::IoWrite)
    {
        ExitCode::from(2)
    } else if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
