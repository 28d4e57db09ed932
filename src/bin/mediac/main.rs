//! The `mediac` command line. Only this binary and `mediac::report` know about terminals:
//! the commands' arguments are declared here, files are found and read in [`inputs`], `check`
//! (with its verdict lock) is in [`check`], and the commands that report on one claim set or
//! claim (`chart`, `sweep`, `explain`, `lint`) are in [`reports`].

mod check;
mod format;
mod inputs;
mod lsp;
mod progress;
mod reports;

use clap::{Args, Parser, Subcommand, ValueEnum};
use mediac::report::human::Color;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
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
    /// Files or folders; folders are searched recursively for *.media files (respecting
    /// .gitignore, skipping hidden and `target` folders). `-` reads standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// The file name that diagnostics give standard input (`-`).
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
    /// Print nothing but errors (and the output of --format json/sarif, which is the result).
    #[arg(long, short = 'q')]
    quiet: bool,
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
    /// The project root: an `import` may not load a file outside this folder.
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
}

#[derive(Clone, Copy, ValueEnum)]
enum TreeFormat {
    Text,
    Dot,
    Svg,
}

#[derive(Clone, Copy, ValueEnum)]
enum WindowFormat {
    Svg,
    Csv,
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
        /// for code scanning, `file:line:col: severity[code]: message` lines (columns in
        /// bytes, as editors' quickfix lists count them), or GitHub Actions annotations.
        #[arg(long, value_enum, default_value_t = Format::Human, env = "MEDIAC_FORMAT")]
        format: Format,
        /// Compare every verdict with this lock file (written when it does not exist yet,
        /// unless --locked is given).
        #[arg(long, value_name = "FILE")]
        lock: Option<PathBuf>,
        /// Rewrite the --lock file with the current verdicts instead of comparing.
        #[arg(long, requires = "lock", conflicts_with = "locked")]
        update_lock: bool,
        /// Fail when the --lock file does not exist instead of writing it (for CI).
        #[arg(long, requires = "lock")]
        locked: bool,
        /// Treat diagnostics of this severity as errors (`--deny warnings`).
        #[arg(long, value_enum, value_name = "WHAT")]
        deny: Vec<Deny>,
        /// How much of each verdict `--format json` carries: `failed` (the verdict, and for one
        /// that is not met, its binding and the limitations not met, with their values) or
        /// `all` (every limitation of every verdict).
        #[arg(long, value_enum, value_name = "WHAT", default_value_t = Explain::Failed)]
        explain: Explain,
    },
    /// Print a claim chart for counsel: the patent's identity, a summary of claims × subjects,
    /// each claim's text and one row per limitation (claim words, construction in plain words,
    /// evidence, verdict and reason, margin, notes), and the files' SHA-256.
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
        /// A line printed above the chart, e.g. "Privileged & Confidential — prepared at the
        /// request of counsel".
        #[arg(long)]
        header: Option<String>,
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
    /// Print the dependency tree of a claim set (independent claims at the roots), with each
    /// claim's verdict for a subject when one is named.
    Tree {
        /// The claim set's id, e.g. heat_press_fixing.
        #[arg(long)]
        claimset: String,
        /// Spec files or folders (and claim-set files).
        paths: Vec<PathBuf>,
        /// The subject whose verdicts to show (by name).
        #[arg(long)]
        subject: Option<String>,
        #[arg(long, value_enum, default_value_t = TreeFormat::Text)]
        format: TreeFormat,
        /// Do not load the shipped claim sets.
        #[arg(long)]
        no_shipped_claims: bool,
    },
    /// Draw where a claim is met in the plane of two spec values, the rest of the spec fixed:
    /// a self-contained SVG (or the boundary as CSV), with the product's own point. The
    /// boundary is computed exactly; strict bounds are dashed.
    Window {
        #[command(flatten)]
        inputs: Inputs,
        /// The claim, as CLAIMSET.N (e.g. heat_press_fixing.1).
        #[arg(long)]
        claim: String,
        /// The subject (by name); default: the one subject of the given files the claim reads on.
        #[arg(long)]
        subject: Option<String>,
        /// The horizontal value: KIND.PROPERTY (a range around the product's value) or
        /// KIND.PROPERTY=FROM..TO UNIT, e.g. `heat_press.surface_temperature=40..200 °C`.
        #[arg(long, value_name = "AXIS")]
        x: String,
        /// The vertical value, likewise, e.g. `heat_press.time`.
        #[arg(long, value_name = "AXIS")]
        y: String,
        /// How many values of y to solve the boundary at.
        #[arg(long, default_value_t = mediac::sweep::window::DEFAULT_ROWS)]
        rows: usize,
        #[arg(long, value_enum, default_value_t = WindowFormat::Svg)]
        format: WindowFormat,
    },
    /// Analyse claim sets (the shipped ones and those in PATHS): claims whose limitations cannot
    /// all hold, claims that repeat another, and each encoding against its claim text (phrases
    /// no limitation encodes, words not in the claim, missing antecedents).
    Lint {
        /// Claim-set files or folders besides the shipped claim sets.
        paths: Vec<PathBuf>,
        /// Do not load the shipped claim sets.
        #[arg(long)]
        no_shipped_claims: bool,
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
    },
    /// Rewrite .media files in the canonical layout (indentation, spacing, blank lines),
    /// keeping every comment. A file with syntax errors is not touched. `-` formats standard
    /// input to standard output.
    ///
    /// Exit status: 0 when every file is formatted (or, with --check, already was), 1 when
    /// --check finds files to reformat or a file has syntax errors, 2 on an I/O failure.
    Fmt {
        /// Files or folders (searched for *.media as `check` does), or `-`.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Change nothing: list the files that would change.
        #[arg(long)]
        check: bool,
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
    },
    /// Run the language server on standard input and output (for editors: diagnostics,
    /// hover, go to definition, completion, quick fixes, outline, formatting).
    Lsp,
    /// Print a completion script for a shell: e.g. `mediac completions bash >
    /// ~/.local/share/bash-completion/completions/mediac`.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): e.g. `mediac man > ~/.local/share/man/man1/mediac.1`.
    Man,
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
    Github,
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
        } => reports::lint_cmd(paths, no_shipped_claims, color),
        Command::Check {
            inputs,
            format,
            lock,
            update_lock,
            locked,
            deny,
            explain,
        } => check::check(
            &inputs,
            format,
            check::LockMode::from_flags(lock.as_deref(), update_lock, locked),
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
            header,
        } => reports::chart_cmd(
            &inputs,
            &claimset,
            (claim, subject.as_deref()),
            format,
            date,
            header,
        ),
        Command::Fmt {
            paths,
            check,
            color,
        } => format::fmt_cmd(&paths, check, color),
        Command::Lsp => lsp::lsp_cmd(),
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "mediac", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        Command::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            match clap_mangen::Man::new(cmd).render(&mut out) {
                Ok(()) => {
                    let _ = std::io::stdout().write_all(&out);
                    ExitCode::SUCCESS
                }
                Err(e) => usage(format!("cannot render the manual page: {e}")),
            }
        }
        Command::Explain {
            inputs,
            claim,
            subject,
        } => reports::explain_cmd(&inputs, &claim, subject.as_deref()),
        Command::Tree {
            claimset,
            paths,
            subject,
            format,
            no_shipped_claims,
        } => reports::tree_cmd(
            &claimset,
            paths,
            subject.as_deref(),
            format,
            no_shipped_claims,
        ),
        Command::Window {
            inputs,
            claim,
            subject,
            x,
            y,
            rows,
            format,
        } => reports::window_cmd(&inputs, &claim, subject.as_deref(), (&x, &y), rows, format),
        Command::Sweep {
            inputs,
            claim,
            subject,
            x,
            y,
            format,
        } => reports::sweep_cmd(
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

fn usage(message: String) -> ExitCode {
    let _ = writeln!(std::io::stderr(), "error: {message}");
    ExitCode::from(2)
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
