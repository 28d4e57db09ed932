//! `mediac fmt [--check] PATH...`: rewrite files in the canonical layout (atomically), or with
//! `--check` list those that would change. A file with syntax errors is never rewritten: its
//! errors are shown instead.

use crate::inputs::file_error;
use crate::{ColorChoice, plural, resolve_color};
use mediac::files;
use mediac::fmt::{FormatError, format};
use mediac::report::human;
use mediac::source::SourceMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub(crate) fn fmt_cmd(paths: &[PathBuf], check: bool, color: ColorChoice) -> ExitCode {
    let color = resolve_color(color);
    let mut stdout = std::io::stdout().lock();
    let mut stderr = std::io::stderr().lock();
    if paths.iter().any(|p| p.as_os_str() == "-") {
        if paths.len() > 1 {
            return crate::usage("`-` formats standard input alone".into());
        }
        return match files::read_stdin(files::LIMIT) {
            Ok(text) => match format(&text) {
                Ok(out) if check && out != text => {
                    let _ = writeln!(stdout, "<stdin>");
                    ExitCode::from(1)
                }
                Ok(_) if check => ExitCode::SUCCESS,
                Ok(out) => {
                    let _ = stdout.write_all(out.as_bytes());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    show_errors(&mut stderr, "<stdin>", &text, &e, color);
                    ExitCode::from(1)
                }
            },
            Err(e) => {
                let d = file_error(Path::new("<stdin>"), &e);
                let _ = write!(stderr, "{}", human::render(&d, &SourceMap::new(), color));
                ExitCode::from(2)
            }
        };
    }
    let found = files::find(paths);
    let mut failed = false;
    let mut io_failed = false;
    for (path, e) in &found.errors {
        let d = file_error(path, e);
        let _ = write!(stderr, "{}", human::render(&d, &SourceMap::new(), color));
        io_failed = true;
    }
    let mut changed = 0usize;
    for path in &found.files {
        let text = match files::read_text(path, files::LIMIT) {
            Ok(t) => t,
            Err(e) => {
                let d = file_error(path, &e);
                let _ = write!(stderr, "{}", human::render(&d, &SourceMap::new(), color));
                io_failed = true;
                continue;
            }
        };
        let out = match format(&text) {
            Ok(out) => out,
            Err(e) => {
                show_errors(&mut stderr, &path.display().to_string(), &text, &e, color);
                failed = true;
                continue;
            }
        };
        if out == text {
            continue;
        }
        changed += 1;
        if check {
            let _ = writeln!(stdout, "{}", path.display());
        } else if let Err(e) = files::write_atomic(path, out.as_bytes()) {
            let _ = writeln!(stderr, "error: cannot write {}: {e}", path.display());
            io_failed = true;
        }
    }
    let n = found.files.len();
    if check {
        let _ = writeln!(
            stdout,
            "{} of {} would be reformatted",
            plural(changed, "file"),
            n
        );
    } else {
        let _ = writeln!(stdout, "{} of {} reformatted", plural(changed, "file"), n);
    }
    if io_failed {
        ExitCode::from(2)
    } else if failed || (check && changed > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn show_errors(out: &mut impl Write, name: &str, text: &str, e: &FormatError, color: human::Color) {
    let FormatError::Syntax(errors) = e;
    let mut sources = SourceMap::new();
    sources.add(name, text);
    let _ = writeln!(out, "{name}: not formatted: it has syntax errors");
    for err in errors {
        let d = mediac::diagnostic::Diagnostic::from(err);
        let _ = write!(out, "{}", human::render(&d, &sources, color));
    }
}
