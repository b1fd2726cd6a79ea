//! `prereq lsp` through an in-process JSON-RPC connection: diagnostics equal
//! to `check --format json` on every fixture and the handbook, completion,
//! hover, definitions, references, the outline, renames and quick fixes, in
//! UTF-8 and UTF-16 columns, and a server that neither crashes nor hangs on
//! anything a client may send.

use std::path::{Path, PathBuf};
use std::thread::JoinHandle;
use std::time::Duration;

use assert_cmd::cargo::CommandCargoExt;
use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use serde_json::{Value, json};

/// A bound on every wait, so that a server that never answers fails the
/// test instead of hanging it; not a timing assertion.
const HANG: Duration = Duration::from_secs(60);

/// A response, as the protocol writes it: a result or an error.
struct Reply {
    result: Option<Value>,
    error: Option<lsp_server::ResponseError>,
}

impl From<Response> for Reply {
    fn from(response: Response) -> Reply {
        match response.response_result {
            Ok(value) => Reply {
                result: Some(value),
                error: None,
            },
            Err(error) => Reply {
                result: None,
                error: Some(error),
            },
        }
    }
}

struct Client {
    connection: Connection,
    server: Option<JoinHandle<bool>>,
    next_id: i32,
    /// Notifications the server sent, in order.
    notifications: Vec<Notification>,
}

impl Client {
    /// A server on an in-memory connection, not yet initialized.
    fn start() -> Client {
        let (server, client) = Connection::memory();
        let handle = std::thread::spawn(move || prereq::lsp::server::run(server));
        Client {
            connection: client,
            server: Some(handle),
            next_id: 0,
            notifications: Vec::new(),
        }
    }

    /// A server initialized with `encodings` offered (none: the default).
    fn initialized(encodings: &[&str]) -> (Client, Value) {
        let mut client = Client::start();
        let capabilities = if encodings.is_empty() {
            json!({})
        } else {
            json!({"general": {"positionEncodings": encodings}})
        };
        let result = client.request("initialize", json!({"capabilities": capabilities}));
        client.notify("initialized", json!({}));
        (client, result.result.unwrap())
    }

    fn request(&mut self, method: &str, params: Value) -> Reply {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        let request = Request::new(id.clone(), method.to_owned(), params);
        self.connection.sender.send(request.into()).unwrap();
        loop {
            match self
                .connection
                .receiver
                .recv_timeout(HANG)
                .expect("the server answered")
            {
                Message::Response(response) if response.id == id => return response.into(),
                Message::Notification(n) => self.notifications.push(n),
                _ => {}
            }
        }
    }

    fn ok(&mut self, method: &str, params: Value) -> Value {
        let response = self.request(method, params);
        assert!(response.error.is_none(), "{method}: {:?}", response.error);
        response.result.unwrap_or(Value::Null)
    }

    fn notify(&mut self, method: &str, params: Value) {
        let notification = Notification::new(method.to_owned(), params);
        self.connection.sender.send(notification.into()).unwrap();
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
        );
    }

    fn change(&mut self, uri: &str, version: i32, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
    }

    /// The diagnostics published for `uri` at `version`, waiting for them.
    fn diagnostics(&mut self, uri: &str, version: i32) -> Vec<Value> {
        let published = |n: &Notification| {
            n.method == "textDocument/publishDiagnostics"
                && n.params["uri"] == json!(uri)
                && n.params["version"] == json!(version)
        };
        loop {
            if let Some(n) = self.notifications.iter().find(|n| published(n)) {
                return n.params["diagnostics"].as_array().unwrap().clone();
            }
            match self
                .connection
                .receiver
                .recv_timeout(HANG)
                .expect("diagnostics were published")
            {
                Message::Notification(n) => self.notifications.push(n),
                other => panic!("unexpected {other:?}"),
            }
        }
    }

    /// Ends the session as the protocol says; returns what the server returned.
    fn finish(mut self) -> bool {
        let response = self.request("shutdown", Value::Null);
        assert_eq!(response.result, Some(Value::Null));
        self.notify("exit", Value::Null);
        self.server.take().unwrap().join().unwrap()
    }
}

fn uri_of(path: &Path) -> String {
    format!("file://{}", path.canonicalize().unwrap().display())
}

fn at(uri: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
}

/// The UTF-16 offset of `chars` characters into `line`.
fn utf16(line: &str, chars: usize) -> u64 {
    line.chars().take(chars).map(|c| c.len_utf16() as u64).sum()
}

/// What `check --format json` reports for `file`, as the editor should see it.
fn expected(file: &Path, text: &str) -> Vec<Value> {
    let out = std::process::Command::cargo_bin("prereq")
        .unwrap()
        .arg("--topics")
        .arg(file)
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let range = |line: u64, column: u64, length: u64| {
        if line == 0 {
            return json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}});
        }
        let text = lines[line as usize - 1];
        let start = column as usize - 1;
        json!({
            "start": {"line": line - 1, "character": utf16(text, start)},
            "end": {"line": line - 1, "character": utf16(text, start + length.max(1) as usize)},
        })
    };
    let name = file.display().to_string();
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"] == json!(name))
        .map(|d| {
            let mut message = d["message"].as_str().unwrap().to_owned();
            for note in d["notes"].as_array().unwrap() {
                message.push_str(&format!("\nnote: {}", note.as_str().unwrap()));
            }
            if let Some(help) = d["help"].as_str() {
                message.push_str(&format!("\nhelp: {help}"));
            }
            let labels = d["labels"].as_array().unwrap();
            let length = labels.first().map_or(1, |l| l["length"].as_u64().unwrap());
            let related: Vec<Value> = labels
                .iter()
                .skip(1)
                .filter(|l| l["line"].as_u64().unwrap() > 0)
                .map(|l| {
                    json!({
                        "range": range(l["line"].as_u64().unwrap(), l["column"].as_u64().unwrap(), l["length"].as_u64().unwrap()),
                        "message": l["message"],
                    })
                })
                .collect();
            json!({
                "code": d["code"],
                "severity": if d["severity"] == json!("error") { 1 } else { 2 },
                "message": message,
                "range": range(d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap(), length),
                "related": related,
            })
        })
        .collect()
}

/// A published diagnostic, in the shape of [`expected`].
fn seen(d: &Value) -> Value {
    let related: Vec<Value> = d["relatedInformation"]
        .as_array()
        .map(|r| {
            r.iter()
                .map(|i| json!({"range": i["location"]["range"], "message": i["message"]}))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(d["source"], json!("prereq"));
    json!({
        "code": d["code"],
        "severity": d["severity"],
        "message": d["message"],
        "range": d["range"],
        "related": related,
    })
}

fn fixtures(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            fixtures(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "json") {
            out.push(path);
        }
    }
}

#[test]
fn diagnostics_are_what_check_reports_on_every_fixture_and_the_handbook() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("topics.yaml")];
    fixtures(&root.join("tests/fixtures"), &mut files);
    files.sort();
    let (mut client, _) = Client::initialized(&[]);
    let mut compared = 0;
    let mut diagnostics = 0;
    for file in &files {
        let Ok(text) = std::fs::read_to_string(file) else {
            continue; // Not UTF-8: an editor cannot send it as it is.
        };
        let uri = uri_of(file);
        client.open(&uri, &text);
        let published: Vec<Value> = client.diagnostics(&uri, 1).iter().map(seen).collect();
        // The CLI names the file by the path given; so does the editor.
        let want = expected(&file.canonicalize().unwrap(), &text);
        assert_eq!(published, want, "{}", file.display());
        compared += 1;
        diagnostics += want.len();
    }
    assert!(compared >= 30, "{compared} files");
    assert!(diagnostics > 100, "{diagnostics} diagnostics");
    assert!(client.finish());
}

const TOPICS: &str = "version: 1
sections:
  - id: basics
    title: Basics
topics:
  - id: algebra
    title: Algebra
    section: basics
    aliases: [alg]
    hours: 2
    resources: [{title: Notes, url: \"https://example.org/a\", kind: notes}]
  - id: calculus
    title: Calculus
    section: basics
    hours: 3
    requires: [alg]
    resources: [{title: Notes, url: \"https://example.org/c\", kind: notes}]
  - id: ml
    title: Machine Learning
    summary: Learning from data.
    hours: 10
    requires:
      - calculus
      - {topic: algebra, because: matrices everywhere, allow: [redundant-prerequisite]}
    resources: [{title: Notes, url: \"https://example.org/m\", kind: notes}]
";

#[test]
fn completion_offers_what_fits_where_the_cursor_is() {
    let (mut client, _) = Client::initialized(&[]);
    let uri = "file:///tmp/prereq-lsp/complete/topics.yaml";
    // Half-typed: `requires: [` is not closed, so this version does not parse.
    let typing = TOPICS.replace("    requires: [alg]\n", "    requires: [alg, \n");
    client.open(uri, TOPICS);
    client.diagnostics(uri, 1);
    client.change(uri, 2, &typing);
    let line = typing
        .lines()
        .position(|l| l.starts_with("    requires: [alg, "))
        .unwrap() as u32;
    let items = client.ok("textDocument/completion", at(uri, line, 20));
    let labels = labels_of(&items);
    // Not calculus itself, nor ml, which requires it: either closes a cycle.
    assert_eq!(labels, ["algebra", "alg"]);
    let first = &items[0];
    assert_eq!(first["detail"], json!("Algebra · 2 hours"));
    assert_eq!(
        first["textEdit"],
        json!({"range": {"start": {"line": line, "character": 20}, "end": {"line": line, "character": 20}}, "newText": "algebra"})
    );

    // A word begun is replaced whole; block lists too.
    let ml = TOPICS.replace("      - calculus\n", "      - calc\n");
    client.change(uri, 3, &ml);
    let line = ml.lines().position(|l| l == "      - calc").unwrap() as u32;
    let items = client.ok("textDocument/completion", at(uri, line, 12));
    let labels = labels_of(&items);
    assert_eq!(labels, ["algebra", "alg", "calculus"]);
    assert_eq!(
        items[2]["textEdit"]["range"]["start"],
        json!({"line": line, "character": 8})
    );

    // Sections, kinds, warning codes and field names.
    let sections = TOPICS.replace(
        "    section: basics\n    hours: 3",
        "    section: \n    hours: 3",
    );
    client.change(uri, 4, &sections);
    let line = sections.lines().position(|l| l == "    section: ").unwrap() as u32;
    let items = client.ok("textDocument/completion", at(uri, line, 13));
    assert_eq!(items[0]["label"], json!("basics"));
    assert_eq!(items.as_array().unwrap().len(), 1);

    let kinds = TOPICS.replace("kind: notes}]\n  - id: ml", "kind: }]\n  - id: ml");
    let kinds = kinds.replace(
        "resources: [{title: Notes, url: \"https://example.org/c\", kind: }]",
        "resources:\n      - title: Notes\n        kind: ",
    );
    client.change(uri, 5, &kinds);
    let line = kinds.lines().position(|l| l == "        kind: ").unwrap() as u32;
    let items = client.ok("textDocument/completion", at(uri, line, 14));
    let labels = labels_of(&items);
    assert_eq!(
        labels,
        [
            "video", "blog", "paper", "book", "course", "docs", "code", "notes", "talk", "podcast"
        ]
    );

    let key = TOPICS.replace(
        "    summary: Learning from data.\n",
        "    summary: Learning from data.\n    \n",
    );
    client.change(uri, 6, &key);
    let line = key.lines().position(|l| l == "    ").unwrap() as u32;
    let items = client.ok("textDocument/completion", at(uri, line, 4));
    let labels = labels_of(&items);
    assert!(
        ["requires", "hours", "allow"]
            .iter()
            .all(|f| labels.iter().any(|l| l == f)),
        "{labels:?}"
    );
    assert!(!labels.iter().any(|l| l == "url"), "{labels:?}");
    assert!(client.finish());
}

#[test]
fn hover_definition_references_outline_and_rename() {
    let (mut client, _) = Client::initialized(&[]);
    let uri = "file:///tmp/prereq-lsp/navigate/topics.yaml";
    client.open(uri, TOPICS);
    assert_eq!(client.diagnostics(uri, 1), Vec::<Value>::new());
    let lines: Vec<&str> = TOPICS.lines().collect();
    let line_of = |text: &str| lines.iter().position(|l| *l == text).unwrap() as u32;

    // Hover on the alias in `requires: [alg]`.
    let hover = client.ok(
        "textDocument/hover",
        at(uri, line_of("    requires: [alg]"), 16),
    );
    assert_eq!(
        hover["contents"]["value"],
        json!(
            "**Algebra** (`algebra`), also `alg`\n\nBasics · 2 hours\n\nStudy path: 1 topic, 2 hours"
        )
    );
    let hover = client.ok("textDocument/hover", at(uri, line_of("  - id: ml"), 9));
    assert_eq!(
        hover["contents"]["value"],
        json!(
            "**Machine Learning** (`ml`)\n\n(no section) · 10 hours\n\nLearning from data.\n\nRequires:\n- `calculus` Calculus\n- `algebra` Algebra: matrices everywhere\n\nStudy path: 3 topics, 15 hours"
        )
    );

    // Definition of the alias and of a section.
    let definition = client.ok(
        "textDocument/definition",
        at(uri, line_of("    requires: [alg]"), 17),
    );
    assert_eq!(
        definition["range"]["start"],
        json!({"line": line_of("  - id: algebra"), "character": 8})
    );
    let definition = client.ok(
        "textDocument/definition",
        at(uri, line_of("    section: basics"), 14),
    );
    assert_eq!(
        definition["range"]["start"],
        json!({"line": line_of("  - id: basics"), "character": 8})
    );

    // References of algebra: by alias and by id, and its definition.
    let refs = client.ok(
        "textDocument/references",
        json!({"textDocument": {"uri": uri}, "position": {"line": line_of("  - id: algebra"), "character": 9}, "context": {"includeDeclaration": true}}),
    );
    let starts: Vec<Value> = refs
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["range"]["start"].clone())
        .collect();
    assert_eq!(
        starts,
        [
            json!({"line": line_of("  - id: algebra"), "character": 8}),
            json!({"line": line_of("    requires: [alg]"), "character": 15}),
            json!({"line": line_of("      - {topic: algebra, because: matrices everywhere, allow: [redundant-prerequisite]}"), "character": 16}),
        ]
    );

    // The outline: the section with its topics, then the one without.
    let symbols = client.ok(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let outline: Vec<(String, Vec<String>)> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let children = s["children"]
                .as_array()
                .map(|c| {
                    c.iter()
                        .map(|c| c["name"].as_str().unwrap().to_owned())
                        .collect()
                })
                .unwrap_or_default();
            (s["name"].as_str().unwrap().to_owned(), children)
        })
        .collect();
    assert_eq!(
        outline,
        [
            (
                "basics".to_owned(),
                vec!["algebra".to_owned(), "calculus".to_owned()]
            ),
            ("ml".to_owned(), vec![]),
        ]
    );

    // What a rename would change, asked first.
    let prepared = client.ok(
        "textDocument/prepareRename",
        at(uri, line_of("  - id: algebra"), 9),
    );
    assert_eq!(
        prepared,
        json!({"start": {"line": line_of("  - id: algebra"), "character": 8}, "end": {"line": line_of("  - id: algebra"), "character": 15}})
    );

    // Rename algebra: its id and the reference by id; the alias stays.
    let rename = |client: &mut Client, name: &str| {
        client.request(
            "textDocument/rename",
            json!({"textDocument": {"uri": uri}, "position": {"line": line_of("  - id: algebra"), "character": 10}, "newName": name}),
        )
    };
    let edit = rename(&mut client, "linear-algebra").result.unwrap();
    let edits: Vec<(u64, u64, String)> = edit["changes"][uri]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["range"]["start"]["line"].as_u64().unwrap(),
                e["range"]["start"]["character"].as_u64().unwrap(),
                e["newText"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        edits,
        [
            (
                line_of("  - id: algebra") as u64,
                8,
                "linear-algebra".to_owned()
            ),
            (
                line_of(
                    "      - {topic: algebra, because: matrices everywhere, allow: [redundant-prerequisite]}"
                ) as u64,
                16,
                "linear-algebra".to_owned()
            ),
        ]
    );
    let refused = rename(&mut client, "Linear Algebra").error.unwrap();
    assert_eq!(
        refused.message,
        "`Linear Algebra` is not a valid id: use lowercase words joined by dashes, such as `linear-algebra`"
    );
    let refused = rename(&mut client, "ml").error.unwrap();
    assert_eq!(
        refused.message,
        "`ml` is already the id or alias of topic `ml`"
    );
    let refused = client
        .request(
            "textDocument/rename",
            json!({"textDocument": {"uri": uri}, "position": {"line": line_of("    requires: [alg]"), "character": 16}, "newName": "x"}),
        )
        .error
        .unwrap();
    assert_eq!(
        refused.message,
        "`alg` is an alias; rename the topic by its id, or edit its `aliases`"
    );
    assert!(client.finish());
}

#[test]
fn quick_fixes_are_check_fix_edits() {
    let (mut client, _) = Client::initialized(&[]);
    let uri = "file:///tmp/prereq-lsp/fix/topics.yaml";
    let text = "version: 1
topics:
  - id: b
    title: B
    hours: 1
    requires: [a]
    resources: [{title: R, url: \"https://example.org/b\", kind: notes}]
  - id: a
    title: A
    hours: 1
    resources: [{title: R, url: \"https://example.org/a\", kind: notes}]
  - id: c
    title: C
    hours: 1
    requires: [b, a, alpah]
    resources: [{title: R, url: \"https://example.org/c\", kind: notes}]
  - id: alpha
    title: Alpha
    hours: 1
    requires: [omega]
    resources: [{title: R, url: \"https://example.org/al\", kind: notes}]
  - id: omega
    title: Omega
    hours: 1
    requires: [alpha]
    resources: [{title: R, url: \"https://example.org/o\", kind: notes}]
";
    client.open(uri, text);
    let diagnostics = client.diagnostics(uri, 1);
    let codes = codes_of(&diagnostics);
    assert_eq!(
        codes,
        [
            "out-of-order",
            "redundant-prerequisite",
            "unknown-prerequisite",
            "cycle"
        ]
    );
    let everything =
        json!({"start": {"line": 0, "character": 0}, "end": {"line": 30, "character": 0}});
    let actions = client.ok(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": everything, "context": {"diagnostics": []}}),
    );
    let titles: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Move the topic after its last prerequisite",
            "Remove the redundant prerequisite",
            "Change to `alpha`",
            "Remove the edge on line 20 to break the cycle (requires: [omega])",
        ]
    );
    // Each is what `check --fix` would write: applied, the problem is gone.
    for action in actions.as_array().unwrap() {
        let edits = action["edit"]["changes"][uri].as_array().unwrap();
        let fixed = apply(text, edits);
        let code = action["diagnostics"][0]["code"].as_str().unwrap();
        client.change(uri, 2, &fixed);
        let after = client.diagnostics(uri, 2);
        assert!(
            after.iter().all(|d| d["code"] != json!(code)),
            "{code}: {after:?}"
        );
        client.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
        client.open(uri, text);
        client.diagnostics(uri, 1);
        client.notifications.clear();
    }
    assert!(client.finish());
}

/// The codes of a list of diagnostics.
fn codes_of(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect()
}

/// The labels of a list of completion items.
fn labels_of(items: &Value) -> Vec<String> {
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_owned())
        .collect()
}

/// `text` with LSP edits (UTF-16 columns) applied.
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| {
        let line = p["line"].as_u64().unwrap() as usize;
        let character = p["character"].as_u64().unwrap();
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        let mut at = start;
        for c in text[start..].chars() {
            if units >= character || c == '\n' {
                break;
            }
            units += c.len_utf16() as u64;
            at += c.len_utf8();
        }
        at
    };
    let mut edits: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_owned();
    for (start, end, new) in edits {
        out.replace_range(start..end, new);
    }
    out
}

#[test]
fn columns_are_utf8_where_offered_and_utf16_otherwise() {
    let text = "version: 1
topics:
  - {id: nihongo, title: 日本語の基礎 😀, hours: 1, resources: [{title: R, url: \"https://example.org/n\", kind: notes}]}
  - {id: next, title: 次へ 🚀🚀, hours: 1, requires: [nihon], resources: [{title: R, url: \"https://example.org/x\", kind: notes}]}
";
    let line = text.lines().nth(3).unwrap();
    let chars = line.chars().take_while(|_| true).collect::<String>();
    let column = chars.find("nihon]").unwrap();
    let before = &line[..column];
    for (offered, negotiated, width) in [
        (vec!["utf-8", "utf-16"], "utf-8", before.len() as u64),
        (
            vec!["utf-16"],
            "utf-16",
            before.encode_utf16().count() as u64,
        ),
        (vec![], "utf-16", before.encode_utf16().count() as u64),
    ] {
        let (mut client, capabilities) = Client::initialized(&offered);
        assert_eq!(
            capabilities["capabilities"]["positionEncoding"],
            json!(negotiated)
        );
        let uri = "file:///tmp/prereq-lsp/columns/topics.yaml";
        client.open(uri, text);
        let diagnostics: Vec<Value> = client
            .diagnostics(uri, 1)
            .into_iter()
            .filter(|d| d["code"] == json!("unknown-prerequisite"))
            .collect();
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert_eq!(
            diagnostics[0]["range"],
            json!({"start": {"line": 3, "character": width}, "end": {"line": 3, "character": width + 5}})
        );
        // The position the editor sends back is read the same way.
        let hover = client.ok("textDocument/hover", at(uri, 3, (width + 2) as u32));
        assert_eq!(hover, Value::Null);
        let definition = client.ok("textDocument/definition", at(uri, 2, 8));
        assert_eq!(definition, Value::Null);
        let items = client.ok("textDocument/completion", at(uri, 3, (width + 5) as u32));
        assert_eq!(
            items[0]["textEdit"]["range"]["start"],
            json!({"line": 3, "character": width})
        );
        assert!(client.finish());
    }
}

#[test]
fn the_server_survives_whatever_the_client_does() {
    // Before `initialize`: an error, and the server goes on.
    let mut client = Client::start();
    let early = client.request("textDocument/hover", at("file:///x.yaml", 0, 0));
    assert_eq!(early.error.unwrap().code, -32002);
    client.request("initialize", json!({"capabilities": {}}));
    // Unknown methods, bad parameters, documents never opened.
    assert_eq!(
        client
            .request("prereq/unknown", json!({}))
            .error
            .unwrap()
            .code,
        -32601
    );
    assert_eq!(
        client
            .request("textDocument/hover", json!({"nonsense": 1}))
            .error
            .unwrap()
            .code,
        -32602
    );
    assert_eq!(
        client.ok("textDocument/completion", at("file:///never.yaml", 0, 0)),
        Value::Null
    );
    // Documents that are not topics files, or not text a parser expects.
    let uri = "file:///tmp/prereq-lsp/hostile/topics.yaml";
    for (version, text) in [
        "\u{0}\u{1}\u{7f}garbage: [",
        "{\"json\": \"in a yaml file\"}",
        "- a\n- b\n",
        "version: 1\ntopics:\n  - id: a\n    title: \u{feff}A\n    requires: [a, a, a]\n",
        "",
        "\t\t\t",
    ]
    .iter()
    .enumerate()
    {
        let version = version as i32 + 1;
        if version == 1 {
            client.open(uri, text);
        } else {
            client.change(uri, version, text);
        }
        let diagnostics = client.diagnostics(uri, version);
        assert!(!diagnostics.is_empty(), "{text:?}");
        for position in [(0, 0), (0, 3), (2, 9), (9, 9)] {
            for method in [
                "textDocument/hover",
                "textDocument/completion",
                "textDocument/definition",
                "textDocument/prepareRename",
            ] {
                let response = client.request(method, at(uri, position.0, position.1));
                assert!(
                    response.error.is_none(),
                    "{method} on {text:?}: {:?}",
                    response.error
                );
            }
        }
    }
    // A burst of changes: only the newest version's diagnostics can follow
    // an older one, never the other way round.
    client.notifications.clear();
    for version in 10..30 {
        let text =
            format!("version: 1\ntopics:\n  - {{id: a, title: A, requires: [t{version}]}}\n");
        client.change(uri, version, &text);
    }
    let last = client.diagnostics(uri, 29);
    assert!(
        last[0]["message"].as_str().unwrap().contains("t29"),
        "{last:?}"
    );
    let versions: Vec<i64> = client
        .notifications
        .iter()
        .filter(|n| n.method == "textDocument/publishDiagnostics")
        .map(|n| n.params["version"].as_i64().unwrap())
        .collect();
    assert!(versions.windows(2).all(|w| w[0] < w[1]), "{versions:?}");
    assert_eq!(versions.last(), Some(&29));

    // After `shutdown`, requests are refused; `exit` ends it cleanly.
    assert_eq!(
        client.request("shutdown", Value::Null).result,
        Some(Value::Null)
    );
    assert_eq!(
        client
            .request("textDocument/hover", at(uri, 0, 0))
            .error
            .unwrap()
            .code,
        -32600
    );
    client.notify("exit", Value::Null);
    assert!(client.server.take().unwrap().join().unwrap());

    // `exit` without `shutdown` is not clean; a client that goes away ends it too.
    let (mut client, _) = Client::initialized(&[]);
    client.notify("exit", Value::Null);
    assert!(!client.server.take().unwrap().join().unwrap());
    let (mut client, _) = Client::initialized(&[]);
    client.open(uri, TOPICS);
    let server = client.server.take().unwrap();
    drop(client);
    assert!(!server.join().unwrap());
}

#[test]
fn json_files_get_the_same_answers() {
    let (mut client, _) = Client::initialized(&[]);
    let uri = "file:///tmp/prereq-lsp/json/topics.json";
    let text = r#"{
  "version": 1,
  "topics": [
    {"id": "algebra", "title": "Algebra", "hours": 2, "aliases": ["alg"], "resources": [{"title": "R", "url": "https://example.org/a", "kind": "notes"}]},
    {"id": "calculus", "title": "Calculus", "hours": 3, "requires": ["alg"], "resources": [{"title": "R", "url": "https://example.org/c", "kind": "notes"}]},
    {"id": "ml", "title": "ML", "hours": 3, "requires": ["calculus", "algebr"], "resources": [{"title": "R", "url": "https://example.org/m", "kind": "notes"}]}
  ]
}
"#;
    client.open(uri, text);
    let diagnostics = client.diagnostics(uri, 1);
    let codes = codes_of(&diagnostics);
    assert_eq!(codes, ["unknown-prerequisite"]);
    let line = 5;
    let column = text.lines().nth(5).unwrap().find("algebr\"").unwrap() as u64;
    // At its opening quote, as `check` places it in JSON.
    assert_eq!(
        diagnostics[0]["range"]["start"],
        json!({"line": line, "character": column - 1})
    );
    // Definition from an alias, and completion inside the quotes and without them.
    let calculus = text.lines().nth(4).unwrap();
    let alg = calculus.find("\"alg\"").unwrap() as u32 + 2;
    let definition = client.ok("textDocument/definition", at(uri, 4, alg));
    assert_eq!(
        definition["range"]["start"],
        json!({"line": 3, "character": 12})
    );
    let items = client.ok("textDocument/completion", at(uri, 5, column as u32 + 3));
    assert_eq!(labels_of(&items), ["algebra", "alg", "calculus"]);
    assert_eq!(items[0]["textEdit"]["newText"], json!("algebra"));
    let typing = text.replace("\"requires\": [\"alg\"]", "\"requires\": [");
    client.change(uri, 2, &typing);
    let open = typing.lines().nth(4).unwrap().find("[,").map_or_else(
        || {
            typing
                .lines()
                .nth(4)
                .unwrap()
                .find("\"requires\": [")
                .unwrap()
                + 13
        },
        |at| at + 1,
    ) as u32;
    let items = client.ok("textDocument/completion", at(uri, 4, open));
    assert_eq!(labels_of(&items), ["algebra", "alg"]);
    assert_eq!(items[0]["textEdit"]["newText"], json!("\"algebra\""));
    assert!(client.finish());
}
