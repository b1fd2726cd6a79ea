//! The protocol: the handshake, the open documents, and a worker that
//! checks them. Changes are debounced, and a check is published only while
//! it is of the newest version, so a stale result never replaces a newer
//! one. A request that fails inside answers with an error, and the server
//! goes on.

use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crossbeam_channel::{Receiver, Sender, unbounded};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{
    CodeActionParams, CodeActionProviderCapability, CompletionOptions, CompletionParams,
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DocumentSymbolParams, GotoDefinitionParams, HoverParams, HoverProviderCapability,
    InitializeParams, InitializeResult, OneOf, PositionEncodingKind, PublishDiagnosticsParams,
    ReferenceParams, RenameOptions, RenameParams, ServerCapabilities, ServerInfo,
    TextDocumentPositionParams, TextDocumentSyncCapability, TextDocumentSyncKind, Uri,
};
use serde_json::Value;

use crate::input::source::SourceFile;
use crate::lsp::document::Analysis;
use crate::lsp::features;
use crate::lsp::position::{self, Encoding};

/// How long the worker waits after a change for the next one before it
/// checks: a burst of keystrokes is checked once.
pub const DEBOUNCE: Duration = Duration::from_millis(25);

/// The server's answer to `initialize`: what it can do, with columns in `encoding`.
pub fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(match encoding {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![
                "[".into(),
                ",".into(),
                " ".into(),
                "-".into(),
                ":".into(),
            ]),
            ..Default::default()
        }),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        ..Default::default()
    }
}

/// UTF-8 where the client offers it, else UTF-16, the protocol's default.
pub fn negotiate(params: &InitializeParams) -> Encoding {
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref());
    match offered {
        Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
        _ => Encoding::Utf16,
    }
}

/// The file name the command line would give the document: its path for a
/// `file:` uri, else the uri itself.
pub fn file_name(uri: &Uri) -> String {
    let text = uri.as_str();
    match text.strip_prefix("file://") {
        Some(path) => percent_decode(path),
        None => text.to_owned(),
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), bytes.get(i + 2).and_then(|&b| hex(b)))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

struct Document {
    version: i32,
    text: Arc<String>,
}

/// The newest checked analysis of each document, and the newest version of each.
#[derive(Default)]
struct Shared {
    latest: HashMap<String, i32>,
    checked: HashMap<String, (i32, Arc<Analysis>)>,
    /// The newest analysis that could read topics, for completion in a
    /// half-typed edit.
    readable: HashMap<String, (i32, Arc<Analysis>)>,
}

struct Job {
    uri: Uri,
    version: i32,
    text: Arc<String>,
}

/// Runs the server on `connection` until the client says `exit` or goes
/// away. Returns whether it ended as the protocol asks: `exit` after
/// `shutdown` (the process should then exit with 0, else 1).
pub fn run(connection: Connection) -> bool {
    let Some(encoding) = handshake(&connection) else {
        return false;
    };
    let shared = Arc::new(Mutex::new(Shared::default()));
    let (jobs, queue) = unbounded::<Job>();
    let worker = {
        let shared = Arc::clone(&shared);
        let sender = connection.sender.clone();
        std::thread::spawn(move || check_worker(queue, sender, shared, encoding))
    };
    let mut server = Server {
        sender: connection.sender.clone(),
        encoding,
        documents: HashMap::new(),
        shared,
        jobs,
        shut_down: false,
    };
    let clean = server.serve(&connection.receiver);
    drop(server);
    let _ = worker.join();
    clean
}

/// Waits for `initialize`, answering anything else before it with an
/// error; `None` if the client leaves or exits first.
fn handshake(connection: &Connection) -> Option<Encoding> {
    for message in &connection.receiver {
        match message {
            Message::Request(request)
                if request.method == lsp_types::request::Initialize::METHOD =>
            {
                let params: InitializeParams =
                    serde_json::from_value(request.params).unwrap_or_default();
                let encoding = negotiate(&params);
                let result = InitializeResult {
                    capabilities: capabilities(encoding),
                    server_info: Some(ServerInfo {
                        name: "prereq".to_owned(),
                        version: Some(env!("CARGO_PKG_VERSION").to_owned()),
                    }),
                };
                let response = Response::new_ok(request.id, result);
                connection.sender.send(response.into()).ok()?;
                return Some(encoding);
            }
            Message::Request(request) => {
                let response = Response::new_err(
                    request.id,
                    ErrorCode::ServerNotInitialized as i32,
                    "the server is not initialized yet: send `initialize` first".to_owned(),
                );
                connection.sender.send(response.into()).ok()?;
            }
            Message::Notification(n) if n.method == lsp_types::notification::Exit::METHOD => {
                return None;
            }
            _ => {}
        }
    }
    None
}

struct Server {
    sender: Sender<Message>,
    encoding: Encoding,
    documents: HashMap<String, Document>,
    shared: Arc<Mutex<Shared>>,
    jobs: Sender<Job>,
    shut_down: bool,
}

impl Server {
    fn serve(&mut self, receiver: &Receiver<Message>) -> bool {
        for message in receiver {
            match message {
                Message::Request(request) => self.request(request),
                Message::Notification(notification) => {
                    if notification.method == lsp_types::notification::Exit::METHOD {
                        return self.shut_down;
                    }
                    self.notification(notification);
                }
                Message::Response(_) => {}
            }
        }
        false
    }

    fn respond(&self, response: Response) {
        let _ = self.sender.send(response.into());
    }

    fn request(&mut self, request: Request) {
        let id = request.id.clone();
        if self.shut_down {
            return self.respond(Response::new_err(
                id,
                ErrorCode::InvalidRequest as i32,
                "the server is shutting down".to_owned(),
            ));
        }
        if request.method == lsp_types::request::Shutdown::METHOD {
            self.shut_down = true;
            return self.respond(Response::new_ok(id, Value::Null));
        }
        // A fault in one answer must not end the session.
        let answered = std::panic::catch_unwind(AssertUnwindSafe(|| self.answer(&request)));
        let response = match answered {
            Ok(Ok(value)) => Response::new_ok(id, value),
            Ok(Err((code, message))) => Response::new_err(id, code as i32, message),
            Err(_) => Response::new_err(
                id,
                ErrorCode::InternalError as i32,
                format!("prereq failed to answer `{}`", request.method),
            ),
        };
        self.respond(response);
    }

    fn answer(&self, request: &Request) -> Result<Value, (ErrorCode, String)> {
        use lsp_types::request::*;
        let encoding = self.encoding;
        let method = request.method.as_str();
        match method {
            Completion::METHOD => {
                let params: CompletionParams = params(request)?;
                let at = params.text_document_position;
                let Some((source, analysis)) = self.for_completion(&at.text_document.uri) else {
                    return Ok(Value::Null);
                };
                let pos = position::pos(&source, at.position, encoding);
                let items = features::completion(&analysis, &source, pos, encoding);
                to_value(items)
            }
            HoverRequest::METHOD => {
                let params: HoverParams = params(request)?;
                let (analysis, pos) = self.at(&params.text_document_position_params)?;
                to_value(features::hover(&analysis, pos, encoding))
            }
            GotoDefinition::METHOD => {
                let params: GotoDefinitionParams = params(request)?;
                let at = &params.text_document_position_params;
                let (analysis, pos) = self.at(at)?;
                to_value(features::definition(
                    &analysis,
                    &at.text_document.uri,
                    pos,
                    encoding,
                ))
            }
            References::METHOD => {
                let params: ReferenceParams = params(request)?;
                let at = &params.text_document_position;
                let (analysis, pos) = self.at(at)?;
                let declaration = params.context.include_declaration;
                to_value(features::references(
                    &analysis,
                    &at.text_document.uri,
                    pos,
                    declaration,
                    encoding,
                ))
            }
            DocumentSymbolRequest::METHOD => {
                let params: DocumentSymbolParams = params(request)?;
                let Some(analysis) = self.analysis(&params.text_document.uri) else {
                    return Ok(Value::Null);
                };
                to_value(features::symbols(&analysis, encoding))
            }
            PrepareRenameRequest::METHOD => {
                let params: TextDocumentPositionParams = params(request)?;
                let (analysis, pos) = self.at(&params)?;
                to_value(features::prepare_rename(&analysis, pos, encoding))
            }
            Rename::METHOD => {
                let params: RenameParams = params(request)?;
                let at = &params.text_document_position;
                let (analysis, pos) = self.at(at)?;
                features::rename(
                    &analysis,
                    &at.text_document.uri,
                    pos,
                    &params.new_name,
                    encoding,
                )
                .map_err(|e| (ErrorCode::RequestFailed, e.to_string()))
                .and_then(to_value)
            }
            CodeActionRequest::METHOD => {
                let params: CodeActionParams = params(request)?;
                let uri = &params.text_document.uri;
                let Some(analysis) = self.analysis(uri) else {
                    return Ok(Value::Null);
                };
                to_value(features::code_actions(
                    &analysis,
                    uri,
                    params.range,
                    encoding,
                ))
            }
            _ => Err((
                ErrorCode::MethodNotFound,
                format!("prereq does not answer `{method}`"),
            )),
        }
    }

    /// The analysis of the document's current version, made now if the
    /// worker has not made it yet.
    fn analysis(&self, uri: &Uri) -> Option<Arc<Analysis>> {
        let document = self.documents.get(uri.as_str())?;
        if let Some((version, analysis)) = self.shared.lock().ok()?.checked.get(uri.as_str())
            && *version == document.version
        {
            return Some(Arc::clone(analysis));
        }
        let source = SourceFile::new(file_name(uri), document.text.as_str());
        Some(Arc::new(Analysis::new(source)))
    }

    /// For completion: the text now, and the newest analysis that could read
    /// topics (a half-typed edit is rarely a readable file).
    fn for_completion(&self, uri: &Uri) -> Option<(SourceFile, Arc<Analysis>)> {
        let document = self.documents.get(uri.as_str())?;
        let source = SourceFile::new(file_name(uri), document.text.as_str());
        let checked = self
            .shared
            .lock()
            .ok()?
            .readable
            .get(uri.as_str())
            .map(|(_, a)| Arc::clone(a));
        let analysis = checked.unwrap_or_else(|| Arc::new(Analysis::new(source.clone())));
        Some((source, analysis))
    }

    fn at(
        &self,
        at: &TextDocumentPositionParams,
    ) -> Result<(Arc<Analysis>, crate::diagnostic::Pos), (ErrorCode, String)> {
        let analysis = self.analysis(&at.text_document.uri).ok_or((
            ErrorCode::InvalidParams,
            "the document is not open".to_owned(),
        ))?;
        let pos = position::pos(&analysis.source, at.position, self.encoding);
        Ok((analysis, pos))
    }

    fn notification(&mut self, notification: Notification) {
        use lsp_types::notification::*;
        match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Ok(params) =
                    serde_json::from_value::<DidOpenTextDocumentParams>(notification.params)
                {
                    let document = params.text_document;
                    self.update(document.uri, document.version, document.text);
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(params) =
                    serde_json::from_value::<DidChangeTextDocumentParams>(notification.params)
                    && let Some(change) = params.content_changes.into_iter().last()
                {
                    self.update(
                        params.text_document.uri,
                        params.text_document.version,
                        change.text,
                    );
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(params) =
                    serde_json::from_value::<DidCloseTextDocumentParams>(notification.params)
                {
                    let uri = params.text_document.uri;
                    self.documents.remove(uri.as_str());
                    if let Ok(mut shared) = self.shared.lock() {
                        shared.latest.remove(uri.as_str());
                        shared.checked.remove(uri.as_str());
                        shared.readable.remove(uri.as_str());
                    }
                    let cleared = PublishDiagnosticsParams::new(uri, Vec::new(), None);
                    let _ = self.sender.send(
                        lsp_server::Notification::new(
                            PublishDiagnostics::METHOD.to_owned(),
                            cleared,
                        )
                        .into(),
                    );
                }
            }
            _ => {}
        }
    }

    fn update(&mut self, uri: Uri, version: i32, text: String) {
        let text = Arc::new(text);
        if let Ok(mut shared) = self.shared.lock() {
            shared.latest.insert(uri.as_str().to_owned(), version);
        }
        self.documents.insert(
            uri.as_str().to_owned(),
            Document {
                version,
                text: Arc::clone(&text),
            },
        );
        let _ = self.jobs.send(Job { uri, version, text });
    }
}

fn params<T: serde::de::DeserializeOwned>(request: &Request) -> Result<T, (ErrorCode, String)> {
    serde_json::from_value(request.params.clone()).map_err(|e| {
        (
            ErrorCode::InvalidParams,
            format!("bad parameters for `{}`: {e}", request.method),
        )
    })
}

fn to_value<T: serde::Serialize>(value: T) -> Result<Value, (ErrorCode, String)> {
    serde_json::to_value(value).map_err(|e| (ErrorCode::InternalError, e.to_string()))
}

/// Checks the documents as they change: after a change it waits
/// [`DEBOUNCE`] for the next, then checks the newest version of each
/// document and publishes the result if no newer version came meanwhile.
fn check_worker(
    queue: Receiver<Job>,
    sender: Sender<Message>,
    shared: Arc<Mutex<Shared>>,
    encoding: Encoding,
) {
    let mut pending: HashMap<String, Job> = HashMap::new();
    loop {
        let job = if pending.is_empty() {
            match queue.recv() {
                Ok(job) => Some(job),
                Err(_) => return,
            }
        } else {
            match queue.recv_timeout(DEBOUNCE) {
                Ok(job) => Some(job),
                Err(crossbeam_channel::RecvTimeoutError::Timeout) => None,
                Err(crossbeam_channel::RecvTimeoutError::Disconnected) => return,
            }
        };
        if let Some(job) = job {
            pending.insert(job.uri.as_str().to_owned(), job);
            continue;
        }
        for (key, job) in pending.drain() {
            let uri = job.uri.clone();
            let is_latest = |shared: &Mutex<Shared>| {
                shared
                    .lock()
                    .is_ok_and(|s| s.latest.get(&key) == Some(&job.version))
            };
            if !is_latest(&shared) {
                continue;
            }
            let source = SourceFile::new(file_name(&uri), job.text.as_str());
            let Ok(analysis) = std::panic::catch_unwind(|| Analysis::new(source)) else {
                continue;
            };
            let diagnostics = features::diagnostics(&analysis, &uri, encoding);
            let analysis = Arc::new(analysis);
            {
                let Ok(mut guard) = shared.lock() else {
                    return;
                };
                // Checked under the lock, so that an older version's result is
                // never published after a newer one's.
                if guard.latest.get(&key) != Some(&job.version) {
                    continue;
                }
                guard
                    .checked
                    .insert(key.clone(), (job.version, Arc::clone(&analysis)));
                let params = PublishDiagnosticsParams::new(uri, diagnostics, Some(job.version));
                let notification = Notification::new(
                    lsp_types::notification::PublishDiagnostics::METHOD.to_owned(),
                    params,
                );
                if sender.send(notification.into()).is_err() {
                    return;
                }
                // Kept for completion while the author types what does not
                // parse. Its names are found, and the analysis it replaces
                // is freed, on a thread of their own: the next change need
                // not wait for them.
                if analysis.well_formed() {
                    let replaced = guard
                        .readable
                        .insert(key.clone(), (job.version, Arc::clone(&analysis)));
                    std::thread::spawn(move || {
                        analysis.names();
                        drop(replaced);
                    });
                }
            }
        }
    }
}
