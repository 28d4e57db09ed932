//! `mediac lsp`: the language server on standard input and output.

use std::process::ExitCode;

pub(crate) fn lsp_cmd() -> ExitCode {
    match mediac::lsp::serve(std::io::BufReader::new(std::io::stdin()), std::io::stdout()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mediac lsp: {e}");
            ExitCode::from(1)
        }
    }
}
