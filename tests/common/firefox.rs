//! Headless Firefox driven over WebDriver BiDi, the protocol Firefox speaks
//! itself, for the roadmap page's tests in a second browser engine.

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use serde_json::{Value, json};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

use super::chromium::{WAIT, websocket_url};

/// Firefox's program, if it is installed.
pub fn find_firefox() -> Option<PathBuf> {
    ["firefox-esr", "firefox"].iter().find_map(|name| {
        let found = Command::new(name)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        found.then(|| PathBuf::from(name))
    })
}

/// A Firefox process on a profile of its own, ended when dropped.
pub struct Firefox {
    child: Child,
    _profile: tempfile::TempDir,
    socket: WebSocket<MaybeTlsStream<TcpStream>>,
    next_id: u64,
    context: String,
    /// Events that arrived while waiting for replies.
    pub events: Vec<Value>,
}

impl Drop for Firefox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Firefox {
    /// Starts headless Firefox, opens a session and finds its tab.
    pub fn launch(program: &Path) -> Firefox {
        let profile = tempfile::tempdir().unwrap();
        let mut child = Command::new(program)
            .args([
                "--headless",
                "--no-remote",
                "--remote-debugging-port=0",
                "--profile",
            ])
            .arg(profile.path())
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start firefox");
        let url = websocket_url(&mut child, "firefox");
        let (mut socket, _) =
            tungstenite::connect(format!("{url}/session")).expect("connect to firefox");
        if let MaybeTlsStream::Plain(stream) = socket.get_mut() {
            stream.set_read_timeout(Some(WAIT)).unwrap();
        }
        let mut firefox = Firefox {
            child,
            _profile: profile,
            socket,
            next_id: 0,
            context: String::new(),
            events: Vec::new(),
        };
        firefox.send("session.new", json!({"capabilities": {}}));
        firefox.send("session.subscribe", json!({"events": ["log.entryAdded"]}));
        let tree = firefox.send("browsingContext.getTree", json!({}));
        firefox.context = tree["contexts"][0]["context"].as_str().unwrap().to_owned();
        firefox
    }

    /// Sends one command and returns its result, keeping events that arrive meanwhile.
    pub fn send(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let message = json!({"id": id, "method": method, "params": params});
        self.socket
            .send(Message::text(message.to_string()))
            .expect("send to firefox");
        loop {
            let reply = match self.socket.read().expect("read from firefox") {
                Message::Text(text) => serde_json::from_str::<Value>(&text).unwrap(),
                Message::Close(_) => panic!("firefox closed the connection"),
                _ => continue,
            };
            if reply["id"] == json!(id) {
                if reply["type"] == json!("error") {
                    panic!("{method} failed: {reply}");
                }
                return reply["result"].clone();
            }
            self.events.push(reply);
        }
    }

    /// Opens `url` and waits until it has loaded.
    pub fn goto(&mut self, url: &str) {
        let context = self.context.clone();
        self.send(
            "browsingContext.navigate",
            json!({"context": context, "url": url, "wait": "complete"}),
        );
    }

    /// Reloads the page and waits until it has loaded.
    pub fn reload(&mut self) {
        let context = self.context.clone();
        self.send(
            "browsingContext.reload",
            json!({"context": context, "wait": "complete"}),
        );
    }

    /// Evaluates `expression` in the page; its value comes back through JSON.
    pub fn eval(&mut self, expression: &str) -> Value {
        let context = self.context.clone();
        let result = self.send(
            "script.evaluate",
            json!({
                "expression": format!("JSON.stringify(({expression}) ?? null)"),
                "target": {"context": context},
                "awaitPromise": true,
            }),
        );
        if result["type"] != json!("success") {
            panic!("{expression}: {result}");
        }
        serde_json::from_str(result["result"]["value"].as_str().unwrap()).unwrap()
    }

    /// Sets the size of the page's viewport, in CSS pixels.
    pub fn set_viewport(&mut self, width: u32, height: u32) {
        let context = self.context.clone();
        self.send(
            "browsingContext.setViewport",
            json!({"context": context, "viewport": {"width": width, "height": height}}),
        );
    }

    /// The errors the page's scripts logged.
    pub fn errors(&self) -> Vec<&Value> {
        self.events
            .iter()
            .filter(|e| {
                e["method"] == json!("log.entryAdded")
                    && e["params"]["type"] == json!("javascript")
                    && e["params"]["level"] == json!("error")
            })
            .collect()
    }
}
