//! The `mediac` command line.

use clap::{Parser, Subcommand, ValueEnum};
use mediac::compile::Compiler;
use mediac::diagnostic::{Code, Diagnostic, Severity};
use mediac::report::human::{self, Color};
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

#[derive(Subcommand)]
enum Command {
    /// Check .media files: syntax, names, units and derived quantities.
    ///
    /// Exit status: 0 when there is no error (warnings allowed), 1 when any diagnostic is an
    /// error, 2 on a usage or I/O failure.
    Check {
        /// Files or folders; folders are searched recursively for *.media files.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// When to colour the output. `auto` colours only on a terminal and never when
        /// NO_COLOR is set.
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
        /// Output format: diagnostics for people, or one JSON object (docs/json.md).
        #[arg(long, value_enum, default_value_t = Format::Human, env = "MEDIAC_FORMAT")]
        format: Format,
        /// Claim-set files or folders to load besides the shipped ones; a claim set with the
        /// id of a shipped one replaces it.
        #[arg(long = "claims", value_name = "PATH")]
        claims: Vec<PathBuf>,
        /// Do not load the shipped claim sets.
        #[arg(long)]
        no_shipped_claims: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check {
            paths,
            color,
            format,
            claims,
            no_shipped_claims,
        } => check(&paths, &claims, color, format, !no_shipped_claims),
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

/// Every `*.media` file under `path`, sorted, or the file itself.
fn collect(path: &Path, out: &mut Vec<PathBuf>, errors: &mut Vec<Diagnostic>) {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            errors.push(
                Diagnostic::new(Code::IoRead, format!("cannot read {}: {e}", path.display()))
                    .help("check the path; relative paths start at the current directory"),
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
                )),
            );
            return;
        }
        out.push(path.to_path_buf());
        return;
    }
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(path) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            errors.push(Diagnostic::new(
                Code::IoRead,
                format!("cannot read {}: {e}", path.display()),
            ));
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

fn check(
    paths: &[PathBuf],
    claims: &[PathBuf],
    color: ColorChoice,
    format: Format,
    shipped: bool,
) -> ExitCode {
    let color = resolve_color(color);
    let mut files = Vec::new();
    let mut io_errors = Vec::new();
    for p in claims.iter().chain(paths) {
        collect(p, &mut files, &mut io_errors);
    }
    // The same file named twice (directly and through its folder) is read once.
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
    let mut compiler = if shipped {
        Compiler::new()
    } else {
        Compiler::bare()
    };
    compiler.summaries = matches!(format, Format::Human);
    compiler.explain_all = matches!(format, Format::Json);
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
                    .help("check the path and that the file is UTF-8 text"),
            ),
        }
    }
    let compilation = compiler.compile();
    let mut stdout = std::io::stdout().lock();
    match format {
        Format::Json => {
            let json = mediac::report::json::report(&compilation, &io_errors, loaded);
            let _ = writeln!(stdout, "{json}");
        }
        Format::Human => {
            for d in io_errors.iter().chain(&compilation.diagnostics) {
                let _ = write!(stdout, "{}", human::render(d, &compilation.sources, color));
                let _ = writeln!(stdout);
            }
            let all: Vec<Diagnostic> = io_errors
                .iter()
                .chain(&compilation.diagnostics)
                .cloned()
                .collect();
            let specs = compilation.model.items.len();
            let _ = writeln!(
                stdout,
                "checked {loaded} file{}, {specs} spec{}: {}",
                if loaded == 1 { "" } else { "s" },
                if specs == 1 { "" } else { "s" },
                human::summary(&all)
            );
        }
    }
    let all: Vec<&Diagnostic> = io_errors.iter().chain(&compilation.diagnostics).collect();
    if all.iter().any(|d| d.code == Code::IoRead) {
        ExitCode::from(2)
    } else if all.iter().any(|d| d.severity == Severity::Error) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
