//! The language server's speed, as an editor sees it, through an in-memory
//! connection: from a one-character change to its diagnostics being
//! published (the debounce included), and a completion's answer, on the
//! handbook and on a generated 5,000-topic file.
//!
//! ```text
//! cargo bench --bench lsp
//! ```

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{Value, json};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::Divan::from_args()
        .sample_count(30)
        .sample_size(1)
        .main();
}

struct Session {
    client: Connection,
    version: i32,
    next_id: i32,
    text: String,
    uri: &'static str,
}

impl Session {
    fn new(text: String) -> Session {
        let (server, client) = Connection::memory();
        std::thread::spawn(move || prereq::lsp::server::run(server));
        let mut session = Session {
            client,
            version: 1,
            next_id: 0,
            text,
            uri: "file:///bench/topics.yaml",
        };
        session.request("initialize", json!({"capabilities": {}}));
        let open = json!({"textDocument": {"uri": session.uri, "languageId": "yaml", "version": 1, "text": session.text}});
        session.notify("textDocument/didOpen", open);
        session.wait_diagnostics(1);
        session
    }

    fn notify(&self, method: &str, params: Value) {
        let n = Notification::new(method.to_owned(), params);
        self.client.sender.send(n.into()).unwrap();
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        let r = Request::new(id.clone(), method.to_owned(), params);
        self.client.sender.send(r.into()).unwrap();
        loop {
            if let Message::Response(response) = self.client.receiver.recv().unwrap()
                && response.id == id
            {
                return response.response_result.unwrap_or(Value::Null);
            }
        }
    }

    fn wait_diagnostics(&self, version: i32) {
        loop {
            if let Message::Notification(n) = self.client.receiver.recv().unwrap()
                && n.method == "textDocument/publishDiagnostics"
                && n.params["version"] == json!(version)
            {
                return;
            }
        }
    }

    /// Types one character into the first title, or takes it out again.
    fn change_one_character(&mut self) {
        self.version += 1;
        self.text = if self.version % 2 == 0 {
            self.text.replacen("title: ", "title: x", 1)
        } else {
            self.text.replacen("title: x", "title: ", 1)
        };
        let change = json!({"textDocument": {"uri": self.uri, "version": self.version}, "contentChanges": [{"text": self.text}]});
        self.notify("textDocument/didChange", change);
        self.wait_diagnostics(self.version);
    }

    /// Asks for completion inside the last `requires: [` of the file.
    fn complete(&mut self) -> usize {
        // The last `requires` list, in flow style (`requires: [`) or block
        // style (the first `- ` item under it).
        let lines: Vec<&str> = self.text.lines().collect();
        let at = lines
            .iter()
            .rposition(|l| l.trim_start().starts_with("requires:"))
            .unwrap();
        let (line, character) = match lines[at].find('[') {
            Some(bracket) => (at, bracket + 1),
            None => (at + 1, lines[at + 1].find("- ").unwrap() + 2),
        };
        let params = json!({"textDocument": {"uri": self.uri}, "position": {"line": line, "character": character}});
        self.request("textDocument/completion", params)
            .as_array()
            .map_or(0, Vec::len)
    }
}

fn generated() -> String {
    let curriculum = prereq::generate::generate(&prereq::generate::GenerateOptions::new(5_000));
    let mut out = Vec::new();
    curriculum.write_yaml(&mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn handbook() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/topics.yaml")).unwrap()
}

#[divan::bench(args = ["handbook", "5000 topics"])]
fn change_to_diagnostics(bencher: divan::Bencher, file: &str) {
    let mut session = Session::new(if file == "handbook" {
        handbook()
    } else {
        generated()
    });
    bencher.bench_local(|| session.change_one_character());
}

#[divan::bench(args = ["handbook", "5000 topics"])]
fn completion(bencher: divan::Bencher, file: &str) {
    let mut session = Session::new(if file == "handbook" {
        handbook()
    } else {
        generated()
    });
    bencher.bench_local(|| divan::black_box(session.complete()));
}
