//! `mediac lsp`: a language server over JSON-RPC on a byte stream (stdio), on the same
//! compiler the command line uses.
//!
//! Contract: every diagnostic, verdict summary and explanation `mediac check` produces for the
//! workspace appears in the editor, in the file it is about, and disappears when the problem
//! is fixed. The server never exits on bad input: a message that is not JSON gets a parse
//! error (id null), an unknown request `MethodNotFound`, a position outside the document
//! `InvalidParams`; unknown notifications are ignored. Edits that arrive together are applied
//! together and compiled once. One file per feature: [`diagnostics`], [`hover`],
//! [`definition`], [`completion`], [`code_action`], [`symbols`], [`formatting`],
//! [`semantic_tokens`]; positions and URIs are in [`text`], the files in [`workspace`].

mod code_action;
mod completion;
mod definition;
mod diagnostics;
mod formatting;
mod hover;
mod semantic_tokens;
mod symbols;
pub mod text;
mod workspace;

use lsp_server::{ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{Position, Uri};
use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::sync::mpsc;
use workspace::{Doc, Workspace, key};

/// What the reader thread hands the loop.
enum Incoming {
    Message(Message),
    /// Bytes that were not a JSON-RPC message (the reason).
    Malformed(String),
    End,
}

/// Serves one client until it says `exit` or the input ends.
pub fn serve<R, W>(input: R, output: W) -> Result<(), String>
where
    R: BufRead + Send + 'static,
    W: Write,
{
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || read_loop(input, &tx));
    let mut server = Server {
        out: output,
        ws: None,
        shutdown: false,
        published: BTreeMap::new(),
    };
    loop {
        let Ok(first) = rx.recv() else { return Ok(()) };
        let mut batch = vec![first];
        // Whatever else has arrived is handled before the next compilation: a burst of edits
        // costs one.
        while let Ok(more) = rx.try_recv() {
            batch.push(more);
        }
        for incoming in batch {
            match incoming {
                Incoming::Message(m) => {
                    if let Some(done) = server.handle(m)? {
                        return done;
                    }
                }
                Incoming::Malformed(why) => server.parse_error(&why)?,
                Incoming::End => return Ok(()),
            }
        }
        server.publish()?;
    }
}

fn read_loop<R: BufRead>(mut input: R, tx: &mpsc::Sender<Incoming>) {
    loop {
        let next = match Message::read(&mut input) {
            Ok(Some(m)) => Incoming::Message(m),
            Ok(None) => Incoming::End,
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                Incoming::Malformed(e.to_string())
            }
            Err(_) => Incoming::End,
        };
        let end = matches!(next, Incoming::End);
        if tx.send(next).is_err() || end {
            return;
        }
    }
}

struct Server<W: Write> {
    out: W,
    /// `None` until `initialize`.
    ws: Option<Workspace>,
    shutdown: bool,
    /// What was last published per URI, so that only changes are sent.
    published: BTreeMap<String, Vec<lsp_types::Diagnostic>>,
}

/// A request's failure: the error code and message of its response.
type Failure = (ErrorCode, String);

impl<W: Write> Server<W> {
    fn send(&mut self, m: Message) -> Result<(), String> {
        m.write(&mut self.out).map_err(|e| e.to_string())
    }

    fn parse_error(&mut self, why: &str) -> Result<(), String> {
        // lsp-server's ids cannot be null, which a parse error's response must have.
        let body = serde_json::json!({
            "jsonrpc": "2.0",
            "id": null,
            "error": { "code": ErrorCode::ParseError as i32, "message": format!("not a JSON-RPC message: {why}") }
        })
        .to_string();
        write!(self.out, "Content-Length: {}\r\n\r\n{body}", body.len())
            .and_then(|()| self.out.flush())
            .map_err(|e| e.to_string())
    }

    /// Handles one message; `Some` when the server is to stop (with the outcome).
    fn handle(&mut self, m: Message) -> Result<Option<Result<(), String>>, String> {
        match m {
            Message::Request(r) => {
                let id = r.id.clone();
                let result = self.request(r);
                let response = match result {
                    Ok(value) => Response::new_ok(id, value),
                    Err((code, message)) => Response::new_err(id, code as i32, message),
                };
                self.send(Message::Response(response))?;
                Ok(None)
            }
            Message::Notification(n) => {
                if n.method == lsp_types::notification::Exit::METHOD {
                    return Ok(Some(if self.shutdown {
                        Ok(())
                    } else {
                        Err("exit before shutdown".into())
                    }));
                }
                self.notification(n);
                Ok(None)
            }
            // The server sends no requests, so any response is stray.
            Message::Response(_) => Ok(None),
        }
    }

    fn request(&mut self, r: Request) -> Result<serde_json::Value, Failure> {
        use lsp_types::request as req;
        if r.method == req::Initialize::METHOD {
            let params: lsp_types::InitializeParams = parse(r.params)?;
            let mut ws = Workspace::new(root_of(&params));
            // `initializationOptions: { "shippedClaims": false }`: only the workspace's claim
            // sets (as `--no-shipped-claims`).
            ws.shipped_claims = params
                .initialization_options
                .as_ref()
                .and_then(|o| o.get("shippedClaims"))
                .and_then(serde_json::Value::as_bool)
                .unwrap_or(true);
            self.ws = Some(ws);
            return serde_json::to_value(initialize_result()).map_err(internal);
        }
        if r.method == req::Shutdown::METHOD {
            self.shutdown = true;
            return Ok(serde_json::Value::Null);
        }
        let Some(ws) = self.ws.as_mut() else {
            return Err((ErrorCode::ServerNotInitialized, "initialize first".into()));
        };
        let value = match r.method.as_str() {
            req::HoverRequest::METHOD => to_value(hover::hover(ws, parse(r.params)?)?),
            req::GotoDefinition::METHOD => to_value(definition::definition(ws, parse(r.params)?)?),
            req::References::METHOD => to_value(definition::references(ws, parse(r.params)?)?),
            req::Completion::METHOD => to_value(completion::completion(ws, parse(r.params)?)?),
            req::CodeActionRequest::METHOD => {
                to_value(code_action::code_actions(ws, parse(r.params)?)?)
            }
            req::DocumentSymbolRequest::METHOD => {
                to_value(symbols::document_symbols(ws, parse(r.params)?)?)
            }
            req::Formatting::METHOD => to_value(formatting::format(ws, parse(r.params)?)?),
            req::SemanticTokensFullRequest::METHOD => {
                to_value(semantic_tokens::full(ws, parse(r.params)?)?)
            }
            other => {
                return Err((
                    ErrorCode::MethodNotFound,
                    format!("mediac lsp does not handle `{other}`"),
                ));
            }
        };
        value.map_err(internal)
    }

    fn notification(&mut self, n: Notification) {
        use lsp_types::notification as note;
        let Some(ws) = self.ws.as_mut() else { return };
        match n.method.as_str() {
            note::DidOpenTextDocument::METHOD => {
                if let Ok(p) = parse::<lsp_types::DidOpenTextDocumentParams>(n.params) {
                    let d = p.text_document;
                    ws.open.insert(
                        key(&d.uri),
                        Doc {
                            uri: d.uri,
                            text: d.text,
                            version: d.version,
                        },
                    );
                    ws.dirty = true;
                }
            }
            note::DidChangeTextDocument::METHOD => {
                if let Ok(p) = parse::<lsp_types::DidChangeTextDocumentParams>(n.params)
                    && let Some(doc) = ws.open.get_mut(&key(&p.text_document.uri))
                {
                    for change in p.content_changes {
                        apply_change(&mut doc.text, change);
                    }
                    doc.version = p.text_document.version;
                    ws.dirty = true;
                }
            }
            note::DidCloseTextDocument::METHOD => {
                if let Ok(p) = parse::<lsp_types::DidCloseTextDocumentParams>(n.params) {
                    let k = key(&p.text_document.uri);
                    ws.open.remove(&k);
                    // What is on disk counts again.
                    ws.reload(std::path::Path::new(&k));
                }
            }
            note::DidSaveTextDocument::METHOD => {
                if let Ok(p) = parse::<lsp_types::DidSaveTextDocumentParams>(n.params)
                    && let Some(path) = text::uri_path(&p.text_document.uri)
                {
                    ws.reload(&path);
                }
            }
            note::DidChangeWatchedFiles::METHOD => {
                if let Ok(p) = parse::<lsp_types::DidChangeWatchedFilesParams>(n.params) {
                    for change in p.changes {
                        if let Some(path) = text::uri_path(&change.uri) {
                            ws.reload(&path);
                        }
                    }
                }
            }
            _ => {}
        }
    }

    /// Sends the diagnostics of every file whose diagnostics changed.
    fn publish(&mut self) -> Result<(), String> {
        let Some(ws) = self.ws.as_mut() else {
            return Ok(());
        };
        if !ws.dirty {
            return Ok(());
        }
        let versions: BTreeMap<String, i32> = ws
            .open
            .values()
            .map(|d| (d.uri.as_str().to_string(), d.version))
            .collect();
        let compiled = ws.compile();
        let mut now = diagnostics::by_file(compiled);
        // Files that had problems and are gone from the workspace are cleared too.
        for (uri, _) in self.published.iter() {
            if !now.contains_key(uri)
                && let Ok(u) = uri.parse::<Uri>()
            {
                now.insert(uri.clone(), (u, Vec::new()));
            }
        }
        let mut messages = Vec::new();
        for (key, (uri, diags)) in now {
            let before = self.published.get(&key);
            if before == Some(&diags) || (before.is_none() && diags.is_empty()) {
                continue;
            }
            let version = versions.get(&key).copied();
            self.published.insert(key, diags.clone());
            messages.push(Notification::new(
                lsp_types::notification::PublishDiagnostics::METHOD.to_string(),
                diagnostics::params(uri, diags, version),
            ));
        }
        for m in messages {
            self.send(Message::Notification(m))?;
        }
        Ok(())
    }
}

fn parse<T: serde::de::DeserializeOwned>(v: serde_json::Value) -> Result<T, Failure> {
    serde_json::from_value(v).map_err(|e| (ErrorCode::InvalidParams, e.to_string()))
}

fn to_value<T: serde::Serialize>(v: T) -> Result<serde_json::Value, serde_json::Error> {
    serde_json::to_value(v)
}

fn internal(e: serde_json::Error) -> Failure {
    (ErrorCode::InternalError, e.to_string())
}

/// The byte offset of a position in a document, or `InvalidParams` when it lies outside.
pub(crate) fn offset_in(text: &str, pos: Position) -> Result<usize, Failure> {
    text::offset(text, &text::line_starts(text), pos).ok_or_else(|| {
        (
            ErrorCode::InvalidParams,
            format!(
                "position {}:{} is past the end of the document",
                pos.line, pos.character
            ),
        )
    })
}

fn apply_change(text: &mut String, change: lsp_types::TextDocumentContentChangeEvent) {
    let Some(range) = change.range else {
        *text = change.text;
        return;
    };
    let starts = text::line_starts(text);
    let start = text::offset(text, &starts, range.start).unwrap_or(text.len());
    let end = text::offset(text, &starts, range.end).unwrap_or(text.len());
    let (start, end) = (start.min(end), start.max(end));
    if text.is_char_boundary(start) && text.is_char_boundary(end) {
        text.replace_range(start..end, &change.text);
    }
}

fn root_of(params: &lsp_types::InitializeParams) -> Option<std::path::PathBuf> {
    params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .and_then(|f| text::uri_path(&f.uri))
        .or_else(|| {
            #[allow(deprecated)]
            params.root_uri.as_ref().and_then(text::uri_path)
        })
}

fn initialize_result() -> lsp_types::InitializeResult {
    use lsp_types::*;
    InitializeResult {
        capabilities: ServerCapabilities {
            position_encoding: Some(PositionEncodingKind::UTF16),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                    ..Default::default()
                },
            )),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            definition_provider: Some(OneOf::Left(true)),
            references_provider: Some(OneOf::Left(true)),
            completion_provider: Some(CompletionOptions {
                trigger_characters: Some(vec![" ".into(), ".".into(), "\"".into()]),
                ..Default::default()
            }),
            code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
            document_symbol_provider: Some(OneOf::Left(true)),
            document_formatting_provider: Some(OneOf::Left(true)),
            semantic_tokens_provider: Some(
                SemanticTokensServerCapabilities::SemanticTokensOptions(SemanticTokensOptions {
                    legend: semantic_tokens::legend(),
                    full: Some(SemanticTokensFullOptions::Bool(true)),
                    ..Default::default()
                }),
            ),
            ..Default::default()
        },
        server_info: Some(ServerInfo {
            name: "mediac".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    }
}

/// The text of an open document (or of a workspace file), its compilation file and the
/// byte offset of a position in it.
pub(crate) struct At<'w> {
    pub compiled: &'w workspace::Compiled,
    pub file: crate::source::FileId,
    pub offset: usize,
}

pub(crate) fn at<'w>(ws: &'w mut Workspace, uri: &Uri, pos: Position) -> Result<At<'w>, Failure> {
    let compiled = ws.compile();
    let file = compiled.file_of(uri).ok_or_else(|| {
        (
            ErrorCode::InvalidParams,
            format!("{} is not a document of the workspace", uri.as_str()),
        )
    })?;
    let offset = offset_in(compiled.text(file), pos)?;
    Ok(At {
        compiled,
        file,
        offset,
    })
}
