//! The commands that report on one claim set or claim: `chart`, `sweep`, `explain`, and `lint`
//! of claim sets.

use crate::check::exit_code;
use crate::inputs::load;
use crate::{
    ChartFormat, ColorChoice, Inputs, SweepFormat, TreeFormat, WindowFormat, plural, resolve_color,
    usage,
};
use mediac::compile::Compilation;
use mediac::diagnostic::{Diagnostic, Severity};
use mediac::eval::ClaimVerdict;
use mediac::model::NodeId;
use mediac::report::human;
use mediac::report::{chart, explain};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

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
            let stdin = inputs.stdin_filename.as_deref().unwrap_or("<stdin>");
            inputs.paths.iter().any(|p| {
                Path::new(&f.name).starts_with(p)
                    || Path::new(&f.name) == p
                    || (p.as_os_str() == "-" && f.name == stdin)
            })
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

pub(crate) fn chart_cmd(
    inputs: &Inputs,
    set_id: &str,
    (claim, subject): (Option<u32>, Option<&str>),
    format: ChartFormat,
    date: Option<String>,
    header: Option<String>,
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
        let Some(mut ch) = chart::build(&c, si, s, claim, &date) else {
            continue;
        };
        ch.header.clone_from(&header);
        if matches!(format, ChartFormat::Html) {
            ch.attach_windows(&c, si, s);
        }
        if let Some(set) = c.claimsets.get(si)
            && let Ok((name, text)) = mediac::compile::claim_text(&c, set, &inputs.root)
        {
            ch.attach_claim_text(&name, &text);
        }
        out.push_str(&match format {
            ChartFormat::Md => chart::markdown(&ch),
            ChartFormat::Html => chart::html(&ch),
            ChartFormat::Csv => chart::csv(&ch),
        });
    }
    let _ = write!(std::io::stdout(), "{out}");
    ExitCode::SUCCESS
}

pub(crate) fn sweep_cmd(
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
    let subject = match one_subject(&c, si, n, &chosen) {
        Ok(s) => s,
        Err(code) => return code,
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

pub(crate) fn tree_cmd(
    claimset: &str,
    paths: Vec<PathBuf>,
    subject: Option<&str>,
    format: TreeFormat,
    no_shipped_claims: bool,
) -> ExitCode {
    let inputs = Inputs {
        paths,
        claims: Vec::new(),
        no_shipped_claims,
        color: ColorChoice::Never,
        constructions: Vec::new(),
        stdin_filename: None,
        quiet: true,
        root: PathBuf::from("."),
    };
    let (compiler, io_errors, _) = load(&inputs);
    if !io_errors.is_empty() {
        for d in &io_errors {
            let _ = write!(
                std::io::stderr(),
                "{}",
                human::render(
                    d,
                    &mediac::source::SourceMap::new(),
                    mediac::report::human::Color::Never
                )
            );
        }
        return ExitCode::from(2);
    }
    let c = compiler.compile();
    let Some((si, set)) = c
        .claimsets
        .iter()
        .enumerate()
        .find(|(_, s)| s.id == claimset)
    else {
        let ids: Vec<&str> = c.claimsets.iter().map(|s| s.id.as_str()).collect();
        return usage(format!(
            "no claim set `{claimset}`; the loaded ones: {}",
            ids.join(", ")
        ));
    };
    let mut verdicts = std::collections::BTreeMap::new();
    let mut shown = None;
    if let Some(name) = subject {
        let found: Vec<usize> = c
            .model
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.parent.is_none() && n.name.as_deref() == Some(name))
            .map(|(i, _)| i)
            .collect();
        let [one] = found.as_slice() else {
            return usage(format!(
                "{} top-level elements are named \"{name}\"",
                found.len()
            ));
        };
        let id = mediac::model::NodeId(u32::try_from(*one).unwrap_or(u32::MAX));
        for v in c.verdicts.iter().filter(|v| v.set == si && v.subject == id) {
            verdicts.insert(v.claim, v.verdict);
        }
        shown = Some(c.model.describe(id));
    }
    let tree = mediac::report::tree::Tree {
        set,
        verdicts,
        subject: shown,
    };
    let text = match format {
        TreeFormat::Text => tree.text(),
        TreeFormat::Dot => tree.dot(),
        TreeFormat::Svg => tree.svg(),
    };
    let _ = write!(std::io::stdout(), "{text}");
    ExitCode::SUCCESS
}

pub(crate) fn window_cmd(
    inputs: &Inputs,
    claim: &str,
    subject: Option<&str>,
    (x, y): (&str, &str),
    rows: usize,
    format: WindowFormat,
) -> ExitCode {
    let (c, si, n, chosen) = match claim_for_report(inputs, claim, subject) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let set_id = c
        .claimsets
        .get(si)
        .map_or("", |s| s.id.as_str())
        .to_string();
    let subject = match one_subject(&c, si, n, &chosen) {
        Ok(s) => s,
        Err(code) => return code,
    };
    use mediac::sweep::window;
    let result = window::axis(&c, subject, x)
        .and_then(|xa| Ok((xa, window::axis(&c, subject, y)?)))
        .and_then(|(xa, ya)| window::region(&c, si, n, subject, &xa, &ya, rows));
    match result {
        Ok(mut r) => {
            r.title = format!(
                "{set_id} claim {n}: where {} meets it",
                c.model.describe(subject)
            );
            let text = match format {
                WindowFormat::Svg => window::svg(&r),
                WindowFormat::Csv => window::csv(&r),
            };
            let _ = write!(std::io::stdout(), "{text}");
            ExitCode::SUCCESS
        }
        Err(e) => usage(e.to_string()),
    }
}

/// The one subject a sweep or window is drawn for, or a usage error saying why there is none.
fn one_subject(
    c: &Compilation,
    si: usize,
    n: u32,
    chosen: &[ClaimVerdict],
) -> Result<NodeId, ExitCode> {
    let set_id = c.claimsets.get(si).map_or("", |s| s.id.as_str());
    match chosen {
        [one] => Ok(one.subject),
        [] => Err(usage(format!(
            "no subject in the given files that {set_id} claim {n} reads on"
        ))),
        _ => Err(usage(format!(
            "{} subjects of the given files are read by {set_id} claim {n}: name one with --subject",
            chosen.len()
        ))),
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

pub(crate) fn explain_cmd(inputs: &Inputs, claim: &str, subject: Option<&str>) -> ExitCode {
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

pub(crate) fn lint_cmd(
    paths: Vec<PathBuf>,
    no_shipped_claims: bool,
    color: ColorChoice,
) -> ExitCode {
    let inputs = Inputs {
        paths,
        claims: Vec::new(),
        no_shipped_claims,
        color,
        constructions: Vec::new(),
        stdin_filename: None,
        quiet: false,
        root: PathBuf::from("."),
    };
    let color = resolve_color(color);
    let (mut compiler, io_errors, _) = load(&inputs);
    compiler.lint_shipped = true;
    compiler.lint_text = true;
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
