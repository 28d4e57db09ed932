//! The `mediac` command line: `check`, `chart` and `explain`. Only this file and
//! `mediac::report` know about terminals.

use clap::{Args, Parser, Subcommand, ValueEnum};
use mediac::compile::{Compilation, Compiler};
use mediac::diagnostic::{Code, Diagnostic, Severity};
use mediac::eval::{ClaimVerdict, Verdict};
use mediac::model::NodeId;
use mediac::report::human::{self, Color};
use mediac::report::{chart, explain, json, lock, sarif, short};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "mediac",
    version,
    about = "Compiler for .media specs of inkjet recording media"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The files of a compilation, shared by every command.
#[derive(Args)]
struct Inputs {
    /// Files or folders; folders are searched recursively for *.media files.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Claim-set files or folders to load besides the shipped ones; a claim set with the id
    /// of a shipped one replaces it.
    #[arg(long = "claims", value_name = "PATH")]
    claims: Vec<PathBuf>,
    /// Do not load the shipped claim sets.
    #[arg(long)]
    no_shipped_claims: bool,
    /// When to colour the output. `auto` colours only on a terminal and never when NO_COLOR
    /// is set.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Read a construction point only one way: `POINT=ALT`, or `SET.POINT=ALT` when several
    /// claim sets have the point (repeatable). Without it, every reading is evaluated.
    #[arg(long = "construction", value_name = "POINT=ALT")]
    constructions: Vec<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Check .media files: syntax, names, units, derived quantities, claims and intents.
    ///
    /// Exit status: 0 when there is no error (warnings allowed, unless --deny warnings),
    /// 1 when any diagnostic is an error (or a verdict drifted from the --lock file),
    /// 2 on a usage or I/O failure.
    Check {
        #[command(flatten)]
        inputs: Inputs,
        /// Output format: diagnostics for people, one JSON object (docs/json.md), SARIF 2.1.0
        /// for code scanning, or `file:line:col: severity[code]: message` lines.
        #[arg(long, value_enum, default_value_t = Format::Human, env = "MEDIAC_FORMAT")]
        format: Format,
        /// Compare every verdict with this lock file (written when it does not exist yet).
        #[arg(long, value_name = "FILE")]
        lock: Option<PathBuf>,
        /// Rewrite the --lock file with the current verdicts instead of comparing.
        #[arg(long, requires = "lock")]
        update_lock: bool,
        /// Treat diagnostics of this severity as errors (`--deny warnings`).
        #[arg(long, value_enum, value_name = "WHAT")]
        deny: Vec<Deny>,
        /// How much of each verdict `--format json` carries: `failed` (the verdict, and for one
        /// that is not met, its binding and the limitations not met, with their values) or
        /// `all` (every limitation of every verdict).
        #[arg(long, value_enum, value_name = "WHAT", default_value_t = Explain::Failed)]
        explain: Explain,
    },
    /// Print a claim chart: one row per limitation with the claim's words, how the claim set
    /// reads them, the spec's evidence, the verdict and the margin.
    Chart {
        #[command(flatten)]
        inputs: Inputs,
        /// The claim set to chart.
        #[arg(long)]
        claimset: String,
        /// Only this claim (and the claims it depends on).
        #[arg(long)]
        claim: Option<u32>,
        /// Only this subject (by name); default: every medium, process or apparatus of the
        /// given files that the claim set reads on.
        #[arg(long)]
        subject: Option<String>,
        #[arg(long, value_enum, default_value_t = ChartFormat::Md)]
        format: ChartFormat,
        /// The date printed in the header (YYYY-MM-DD); default: today (UTC).
        #[arg(long)]
        date: Option<String>,
    },
    /// Evaluate one claim over a grid of one or two spec values, the rest of the spec fixed:
    /// the claim's process window. Every point is decided exactly.
    Sweep {
        #[command(flatten)]
        inputs: Inputs,
        /// The claim, as CLAIMSET.N (e.g. heat_press_fixing.1).
        #[arg(long)]
        claim: String,
        /// The subject (by name); default: the one subject of the given files the claim reads on.
        #[arg(long)]
        subject: Option<String>,
        /// The first value: KIND.PROPERTY=FROM..TO UNIT:STEP, e.g.
        /// `heat_press.surface_temperature=80..160 °C:0.5`.
        #[arg(long, value_name = "AXIS")]
        x: String,
        /// An optional second value, e.g. `heat_press.time=0.05..2 s:0.01`.
        #[arg(long, value_name = "AXIS")]
        y: Option<String>,
        #[arg(long, value_enum, default_value_t = SweepFormat::Csv)]
        format: SweepFormat,
    },
    /// Analyse claim sets (the shipped ones and those in PATHS): claims whose limitations cannot
    /// all hold, and claims that repeat another.
    Lint {
        /// Claim-set files or folders besides the shipped claim sets.
        paths: Vec<PathBuf>,
        /// Do not load the shipped claim sets.
        #[arg(long)]
        no_shipped_claims: bool,
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
    },
    /// Explain one claim for one subject: each limitation with the value of every
    /// sub-expression, the binding chosen and the conversions applied.
    Explain {
        #[command(flatten)]
        inputs: Inputs,
        /// The claim, as CLAIMSET.N (e.g. heat_press_fixing.1).
        #[arg(long)]
        claim: String,
        /// The subject (by name); default: every subject of the given files it reads on.
        #[arg(long)]
        subject: Option<String>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
    Sarif,
    Short,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ChartFormat {
    Md,
    Html,
    Csv,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Deny {
    Warnings,
}

#[derive(Clone, Copy, ValueEnum)]
enum SweepFormat {
    Csv,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum Explain {
    Failed,
    All,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Lint {
            paths,
            no_shipped_claims,
            color,
        } => lint_cmd(paths, no_shipped_claims, color),
        Command::Check {
            inputs,
            format,
            lock,
            update_lock,
            deny,
            explain,
        } => check(
            &inputs,
            format,
            lock.as_deref(),
            update_lock,
            &deny,
            explain,
        ),
        Command::Chart {
            inputs,
            claimset,
            claim,
            subject,
            format,
            date,
        } => chart_cmd(&inputs, &claimset, claim, subject.as_deref(), format, date),
        Command::Explain {
            inputs,
            claim,
            subject,
        } => explain_cmd(&inputs, &claim, subject.as_deref()),
        Command::Sweep {
            inputs,
            claim,
            subject,
            x,
            y,
            format,
        } => sweep_cmd(
            &inputs,
            &claim,
            subject.as_deref(),
            &x,
            y.as_deref(),
            format,
        ),
    }
}

fn resolve_color(choice: ColorChoice) -> Color {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    match choice {
        ColorChoice::Always => Color::Always,
        ColorChoice::Never => Color::Never,
        ColorChoice::Auto if !no_color && std::io::stdout().is_terminal() => Color::Always,
        ColorChoice::Auto => Color::Never,
    }
}

fn collect(path: &Path, out: &mut Vec<PathBuf>, errors: &mut Vec<Diagnostic>) {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            errors.push(
                Diagnostic::new(Code::IoRead, format!("cannot read {}: {e}", path.display()))
                    .help("check the path; relative paths start at the current directory")
                    .path(path.display().to_string()),
            );
            return;
        }
    };
    if meta.is_file() {
        if meta.len() > mediac::syntax::MAX_FILE_BYTES as u64 {
            errors.push(
                Diagnostic::new(
                    Code::SyntaxFileTooLarge,
                    format!(
                        "{} is {} bytes, larger than the limit",
                        path.display(),
                        meta.len()
                    ),
                )
                .help(format!(
                    "files are limited to {} bytes; split the specs over several files",
                    mediac::syntax::MAX_FILE_BYTES
                ))
                .path(path.display().to_string()),
            );
            return;
        }
        out.push(path.to_path_buf());
        return;
    }
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(path) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            errors.push(
                Diagnostic::new(Code::IoRead, format!("cannot read {}: {e}", path.display()))
                    .path(path.display().to_string()),
            );
            return;
        }
    };
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            collect(&entry, out, errors);
        } else if entry.extension().is_some_and(|x| x == "media") {
            out.push(entry);
        }
    }
}

/// Reads the inputs into a compiler. Returns the compiler, the diagnostics of files that
/// could not be read, the number of files read and the ids of the files given as specs.
fn load(inputs: &Inputs) -> (Compiler, Vec<Diagnostic>, usize) {
    let mut files = Vec::new();
    let mut io_errors = Vec::new();
    for p in inputs.claims.iter().chain(&inputs.paths) {
        collect(p, &mut files, &mut io_errors);
    }
    // The same file named twice (directly and through its folder) is read once.
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
    let mut compiler = if inputs.no_shipped_claims {
        Compiler::bare()
    } else {
        Compiler::new()
    };
    compiler.constructions = inputs.constructions.clone();
    let mut loaded = 0usize;
    for f in &files {
        match std::fs::read_to_string(f) {
            Ok(text) => {
                if compiler.add(f.display().to_string(), text).is_some() {
                    loaded += 1;
                }
            }
            Err(e) => io_errors.push(
                Diagnostic::new(Code::IoRead, format!("cannot read {}: {e}", f.display()))
                    .help("check the path and that the file is UTF-8 text")
                    .path(f.display().to_string()),
            ),
        }
    }
    (compiler, io_errors, loaded)
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// `8 files, 30 specs, 61 claims: 12 met, 1 partly met, 3 undetermined, 200 not met; no problems`
fn summary_line(c: &Compilation, files: usize, diagnostics: &[&Diagnostic]) -> String {
    let claims: usize = c.claimsets.iter().map(|s| s.claims.len()).sum();
    let count = |v: Verdict| c.verdicts.iter().filter(|x| x.verdict == v).count();
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
        plural(c.model.items.len(), "spec"),
        plural(claims, "claim"),
        count(Verdict::Met),
        count(Verdict::PartlyMet),
        count(Verdict::Undetermined),
        count(Verdict::NotMet),
        human::summary(&owned)
    )
}

fn check(
    inputs: &Inputs,
    format: Format,
    lock_path: Option<&Path>,
    update_lock: bool,
    deny: &[Deny],
    explain: Explain,
) -> ExitCode {
    let color = resolve_color(inputs.color);
    let (mut compiler, io_errors, loaded) = load(inputs);
    compiler.summaries = format == Format::Human;
    // The JSON report explains what it prints, a batch at a time; the lock records every
    // limitation.
    compiler.explain_all = lock_path.is_some();
    let compilation = compiler.compile();
    let mut extra = io_errors;

    // The verdict lock: written on the first run or with --update-lock, compared otherwise.
    let mut lock_note = None;
    if let Some(path) = lock_path {
        let current = lock::entries(&compilation);
        let existing = if update_lock {
            None
        } else {
            std::fs::read_to_string(path).ok()
        };
        match existing {
            Some(text) => match lock::parse(&text) {
                Ok(old) => extra.extend(lock::diff(&old, &current, &path.display().to_string())),
                Err(e) => extra.push(
                    Diagnostic::new(
                        Code::LockInvalid,
                        format!("{} is not a verdict lock: {e}", path.display()),
                    )
                    .help("regenerate it with --update-lock")
                    .path(path.display().to_string()),
                ),
            },
            None => match std::fs::write(path, lock::render(&current)) {
                Ok(()) => {
                    lock_note = Some(format!(
                        "wrote {} verdicts to {}",
                        current.len(),
                        path.display()
                    ))
                }
                Err(e) => extra.push(Diagnostic::new(
                    Code::IoRead,
                    format!("cannot write {}: {e}", path.display()),
                )),
            },
        }
    }

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
            for d in &refs {
                let _ = writeln!(stdout, "{}", short::render(d, &compilation.sources));
            }
        }
        Format::Human => {
            for d in &refs {
                let _ = write!(stdout, "{}", human::render(d, &compilation.sources, color));
                let _ = writeln!(stdout);
            }
            if let Some(n) = &lock_note {
                let _ = writeln!(stdout, "{n}");
            }
            let _ = writeln!(stdout, "{}", summary_line(&compilation, loaded, &refs));
        }
    }
    let code = exit_code(&refs);
    // The process ends here: freeing every verdict and model node one by one took a tenth of
    // a large check's time, for memory the operating system takes back at once.
    std::mem::forget(refs);
    std::mem::forget(all);
    std::mem::forget(compilation);
    code
}

fn exit_code(diagnostics: &[&Diagnostic]) -> ExitCode {
    if diagnostics.iter().any(|d| d.code == Code::IoRead) {
        ExitCode::from(2)
    } else if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Compiles for `chart` and `explain`; prints errors (to stderr) and returns None when the
/// files do not compile cleanly enough to report on.
fn compile_for_report(inputs: &Inputs) -> Result<(Compilation, Vec<NodeId>), ExitCode> {
    let color = resolve_color(inputs.color);
    let (mut compiler, io_errors, _) = load(inputs);
    compiler.explain_readings = true;
    let compilation = compiler.compile();
    // Broken intents are what a chart or an explanation is for; any other error stops them.
    let blocking = |d: &&Diagnostic| {
        d.severity == Severity::Error && !d.code.as_str().starts_with("media::verdict::")
    };
    let mut stderr = std::io::stderr().lock();
    for d in io_errors
        .iter()
        .chain(compilation.diagnostics.iter().filter(blocking))
    {
        let _ = write!(stderr, "{}", human::render(d, &compilation.sources, color));
    }
    if !io_errors.is_empty() {
        return Err(ExitCode::from(2));
    }
    if compilation.diagnostics.iter().any(|d| blocking(&d)) {
        return Err(ExitCode::from(1));
    }
    // Subjects: the top-level elements of the files given on the command line.
    let spec_files: Vec<_> = compilation
        .sources
        .files()
        .filter(|(_, f)| {
            inputs
                .paths
                .iter()
                .any(|p| Path::new(&f.name).starts_with(p) || Path::new(&f.name) == p)
        })
        .map(|(id, _)| id)
        .collect();
    let subjects = compilation
        .model
        .items
        .iter()
        .copied()
        .filter(|id| {
            compilation
                .model
                .node(*id)
                .is_some_and(|n| spec_files.contains(&n.span.file))
        })
        .collect();
    Ok((compilation, subjects))
}

fn usage(message: String) -> ExitCode {
    let _ = writeln!(std::io::stderr(), "error: {message}");
    ExitCode::from(2)
}

fn select<'c>(
    c: &'c Compilation,
    set: usize,
    claim: Option<u32>,
    subjects: &[NodeId],
    name: Option<&str>,
) -> Vec<&'c ClaimVerdict> {
    c.verdicts
        .iter()
        .filter(|v| {
            v.set == set && claim.is_none_or(|n| v.claim == n) && subjects.contains(&v.subject)
        })
        .filter(|v| {
            name.is_none_or(|n| c.model.node(v.subject).and_then(|x| x.name.as_deref()) == Some(n))
        })
        .collect()
}

/// Today's date (UTC) as YYYY-MM-DD, from the civil-from-days algorithm.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let z = i64::try_from(secs / 86_400).unwrap_or(0) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

fn chart_cmd(
    inputs: &Inputs,
    set_id: &str,
    claim: Option<u32>,
    subject: Option<&str>,
    format: ChartFormat,
    date: Option<String>,
) -> ExitCode {
    let (c, subjects) = match compile_for_report(inputs) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let Some(si) = c.claimsets.iter().position(|s| s.id == set_id) else {
        let ids: Vec<&str> = c.claimsets.iter().map(|s| s.id.as_str()).collect();
        return usage(format!(
            "no claim set `{set_id}` is loaded (loaded: {})",
            ids.join(", ")
        ));
    };
    if let Some(n) = claim
        && c.claimsets.get(si).and_then(|s| s.claim(n)).is_none()
    {
        return usage(format!("claim set `{set_id}` has no claim {n}"));
    }
    let mut chosen: Vec<NodeId> = select(&c, si, claim, &subjects, subject)
        .iter()
        .map(|v| v.subject)
        .collect();
    chosen.dedup();
    if chosen.is_empty() {
        return usage(format!(
            "no subject in the given files that `{set_id}` reads on{}",
            subject.map_or(String::new(), |s| format!(" named \"{s}\""))
        ));
    }
    let date = date.unwrap_or_else(today);
    let mut out = String::new();
    for s in chosen {
        let Some(ch) = chart::build(&c, si, s, claim, &date) else {
            continue;
        };
        out.push_str(&match format {
            ChartFormat::Md => chart::markdown(&ch),
            ChartFormat::Html => chart::html(&ch),
            ChartFormat::Csv => chart::csv(&ch),
        });
    }
    let _ = write!(std::io::stdout(), "{out}");
    ExitCode::SUCCESS
}

fn sweep_cmd(
    inputs: &Inputs,
    claim: &str,
    subject: Option<&str>,
    x: &str,
    y: Option<&str>,
    format: SweepFormat,
) -> ExitCode {
    let axes = mediac::sweep::Axis::parse(x)
        .and_then(|x| Ok((x, y.map(mediac::sweep::Axis::parse).transpose()?)));
    let (x, y) = match axes {
        Ok(a) => a,
        Err(e) => return usage(e.to_string()),
    };
    let (c, si, n, chosen) = match claim_for_report(inputs, claim, subject) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let set_id = c.claimsets.get(si).map_or("", |s| s.id.as_str());
    let subject = match chosen.as_slice() {
        [one] => one.subject,
        [] => {
            return usage(format!(
                "no subject in the given files that {set_id} claim {n} reads on"
            ));
        }
        _ => {
            return usage(format!(
                "{} subjects of the given files are read by {set_id} claim {n}: name one with --subject",
                chosen.len()
            ));
        }
    };
    match mediac::sweep::sweep(&c, si, n, subject, &x, y.as_ref()) {
        Ok(grid) => {
            let text = match format {
                SweepFormat::Csv => mediac::sweep::csv(&grid),
                SweepFormat::Json => mediac::sweep::json(&grid) + "\n",
            };
            let _ = write!(std::io::stdout(), "{text}");
            ExitCode::SUCCESS
        }
        Err(e) => usage(e.to_string()),
    }
}

/// Compiles for one claim (`--claim SET.N`) and the verdicts of the subjects it is to be shown
/// for: (compilation, set index, claim number, those verdicts' positions). Usage errors are
/// printed and returned as the exit code.
fn claim_for_report(
    inputs: &Inputs,
    claim: &str,
    subject: Option<&str>,
) -> Result<(Compilation, usize, u32, Vec<ClaimVerdict>), ExitCode> {
    let Some((set_id, n)) = claim
        .rsplit_once('.')
        .and_then(|(s, n)| Some((s, n.parse::<u32>().ok()?)))
    else {
        return Err(usage(format!(
            "--claim takes CLAIMSET.N, e.g. heat_press_fixing.1; got `{claim}`"
        )));
    };
    let (c, subjects) = compile_for_report(inputs)?;
    let Some(si) = c.claimsets.iter().position(|s| s.id == set_id) else {
        return Err(usage(format!("no claim set `{set_id}` is loaded")));
    };
    if c.claimsets.get(si).and_then(|s| s.claim(n)).is_none() {
        return Err(usage(format!("claim set `{set_id}` has no claim {n}")));
    }
    let chosen: Vec<ClaimVerdict> = select(&c, si, Some(n), &subjects, subject)
        .into_iter()
        .cloned()
        .collect();
    Ok((c, si, n, chosen))
}

fn explain_cmd(inputs: &Inputs, claim: &str, subject: Option<&str>) -> ExitCode {
    let (c, si, n, chosen) = match claim_for_report(inputs, claim, subject) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let set_id = c.claimsets.get(si).map_or("", |s| s.id.as_str());
    if chosen.is_empty() {
        return usage(format!(
            "no subject in the given files that {set_id} claim {n} reads on"
        ));
    }
    let texts: Vec<String> = chosen.iter().map(|v| explain::render(&c, v)).collect();
    let _ = write!(std::io::stdout(), "{}", texts.join("\n"));
    ExitCode::SUCCESS
}

fn lint_cmd(paths: Vec<PathBuf>, no_shipped_claims: bool, color: ColorChoice) -> ExitCode {
    let inputs = Inputs {
        paths,
        claims: Vec::new(),
        no_shipped_claims,
        color,
        constructions: Vec::new(),
    };
    let color = resolve_color(color);
    let (mut compiler, io_errors, _) = load(&inputs);
    compiler.lint_shipped = true;
    let c = compiler.compile();
    let shown: Vec<&Diagnostic> = io_errors
        .iter()
        .chain(c.diagnostics.iter().filter(|d| {
            d.severity == Severity::Error || d.code.as_str().starts_with("media::lint::")
        }))
        .collect();
    let mut stdout = std::io::stdout().lock();
    for d in &shown {
        let _ = write!(stdout, "{}", human::render(d, &c.sources, color));
        let _ = writeln!(stdout);
    }
    let findings = shown
        .iter()
        .filter(|d| d.code.as_str().starts_with("media::lint::"))
        .count();
    let _ = writeln!(
        stdout,
        "{} claim sets, {}",
        c.claimsets.len(),
        plural(findings, "finding")
    );
    exit_code(&shown)
}
