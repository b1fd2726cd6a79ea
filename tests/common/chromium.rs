//! Headless Chromium driven over the DevTools protocol, for the tests that
//! check pages and pictures in a real browser.

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{Value, json};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

pub const WAIT: Duration = Duration::from_secs(60);

/// The first Chromium found: $PREREQ_CHROMIUM, else the usual program names.
pub fn find_chromium() -> Option<PathBuf> {
    let named = std::env::var_os("PREREQ_CHROMIUM").map(PathBuf::from);
    let candidates = named.into_iter().chain(
        [
            "chromium",
            "chromium-browser",
            "google-chrome",
            "google-chrome-stable",
        ]
        .into_iter()
        .map(PathBuf::from),
    );
    candidates.into_iter().find(|program| {
        Command::new(program)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

/// A Chromium process, ended when dropped.
pub struct Browser {
    child: Child,
    _profile: Option<tempfile::TempDir>,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Browser {
    /// Asks Chromium to close, as a person quitting it would, so that it
    /// writes what it keeps to disk, and waits for it to end.
    pub fn quit(mut self, page: &mut Page) {
        page.next_id += 1;
        let message = json!({"id": page.next_id, "method": "Browser.close", "params": {}});
        let _ = page.socket.send(Message::text(message.to_string()));
        let _ = self.child.wait();
    }
}

/// Starts headless Chromium and returns it with its DevTools websocket url.
pub fn launch(program: &Path) -> (Browser, String) {
    let profile = tempfile::tempdir().unwrap();
    let path = profile.path().to_owned();
    launch_in(program, &path, Some(profile))
}

/// Starts headless Chromium on the profile in `dir`, which outlives it: a
/// second browser started there sees what the first one stored.
pub fn launch_with_profile(program: &Path, dir: &Path) -> (Browser, String) {
    launch_in(program, dir, None)
}

fn launch_in(program: &Path, dir: &Path, owned: Option<tempfile::TempDir>) -> (Browser, String) {
    let mut child = Command::new(program)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--remote-debugging-port=0",
            "--window-size=1280,900",
        ])
        .arg(format!("--user-data-dir={}", dir.display()))
        .arg("about:blank")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start chromium");
    let url = websocket_url(&mut child, "chromium");
    let browser = Browser {
        child,
        _profile: owned,
    };
    (browser, url)
}

/// The first `ws://` url a browser prints on standard error (its DevTools or
/// WebDriver BiDi address); the rest of its output is read and dropped.
pub fn websocket_url(child: &mut Child, browser: &str) -> String {
    let stderr = child.stderr.take().unwrap();
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(at) = line.find("ws://") {
                let _ = send.send(line[at..].trim().to_owned());
            }
        }
    });
    receive
        .recv_timeout(WAIT)
        .unwrap_or_else(|_| panic!("{browser} printed no websocket url"))
}

/// A DevTools protocol connection attached to one page.
pub struct Page {
    pub socket: WebSocket<MaybeTlsStream<TcpStream>>,
    pub session: String,
    pub next_id: u64,
    pub events: Vec<Value>,
}

impl Page {
    pub fn open(browser_url: &str) -> Page {
        let (mut socket, _) = tungstenite::connect(browser_url).expect("connect to chromium");
        if let MaybeTlsStream::Plain(stream) = socket.get_mut() {
            stream.set_read_timeout(Some(WAIT)).unwrap();
        }
        let mut page = Page {
            socket,
            session: String::new(),
            next_id: 0,
            events: Vec::new(),
        };
        let target = page.send("Target.createTarget", json!({"url": "about:blank"}), false);
        let target_id = target["targetId"].as_str().unwrap().to_owned();
        let attached = page.send(
            "Target.attachToTarget",
            json!({"targetId": target_id, "flatten": true}),
            false,
        );
        page.session = attached["sessionId"].as_str().unwrap().to_owned();
        page
    }

    /// Sends one command and returns its result, keeping events that arrive meanwhile.
    pub fn send(&mut self, method: &str, params: Value, in_page: bool) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({"id": id, "method": method, "params": params});
        if in_page {
            message["sessionId"] = json!(self.session);
        }
        self.socket
            .send(Message::text(message.to_string()))
            .expect("send to chromium");
        loop {
            let reply = self.receive();
            if reply["id"] == json!(id) {
                if let Some(error) = reply.get("error") {
                    panic!("{method} failed: {error}");
                }
                return reply["result"].clone();
            }
            self.events.push(reply);
        }
    }

    pub fn receive(&mut self) -> Value {
        loop {
            match self.socket.read().expect("read from chromium") {
                Message::Text(text) => return serde_json::from_str(&text).unwrap(),
                Message::Close(_) => panic!("chromium closed the connection"),
                _ => {}
            }
        }
    }

    pub fn command(&mut self, method: &str, params: Value) -> Value {
        self.send(method, params, true)
    }

    /// Waits for an event named `method` (one that already arrived counts).
    pub fn wait_for(&mut self, method: &str) -> Value {
        if let Some(found) = self.events.iter().find(|e| e["method"] == json!(method)) {
            return found.clone();
        }
        loop {
            let event = self.receive();
            self.events.push(event.clone());
            if event["method"] == json!(method) {
                return event;
            }
        }
    }

    /// Evaluates `expression` in the page and returns its value.
    pub fn eval(&mut self, expression: &str) -> Value {
        let result = self.command(
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true, "awaitPromise": true}),
        );
        if let Some(exception) = result.get("exceptionDetails") {
            panic!("{expression}: {exception}");
        }
        result["result"]["value"].clone()
    }

    /// Clicks the middle of the element with this id, as a mouse would.
    pub fn click(&mut self, element_id: &str) {
        let script = format!(
            "(() => {{ const e = document.getElementById({}); e.scrollIntoView({{block: 'center', inline: 'center'}}); \
             const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }})()",
            json!(element_id)
        );
        let point = self.eval(&script);
        let (x, y) = (point[0].as_f64().unwrap(), point[1].as_f64().unwrap());
        for kind in ["mouseMoved", "mousePressed", "mouseReleased"] {
            self.command(
                "Input.dispatchMouseEvent",
                json!({"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}),
            );
        }
    }

    /// Opens `url` and waits for it to load, as a new document even where
    /// only the fragment differs from the page open now.
    pub fn goto(&mut self, url: &str) {
        self.events.clear();
        self.command("Page.navigate", json!({"url": "about:blank"}));
        self.wait_for("Page.loadEventFired");
        self.events.clear();
        self.command("Page.navigate", json!({"url": url}));
        // A load event of the blank page may still arrive: wait until the
        // page that loaded is the one asked for.
        let document = url.split('#').next().unwrap_or(url).to_owned();
        loop {
            self.wait_for("Page.loadEventFired");
            let here = self.eval("location.href.split('#')[0] + (document.readyState === 'complete' ? '' : '?loading')");
            if here.as_str() == Some(document.as_str()) {
                return;
            }
            self.events
                .retain(|e| e["method"] != json!("Page.loadEventFired"));
        }
    }

    /// Reloads the page and waits for it to load.
    pub fn reload(&mut self) {
        self.events.clear();
        self.command("Page.reload", json!({}));
        self.wait_for("Page.loadEventFired");
    }

    /// Presses and releases one key, as a keyboard would.
    pub fn press(&mut self, key: &str) {
        let text = if key.chars().count() == 1 { key } else { "" };
        for kind in ["keyDown", "keyUp"] {
            self.command(
                "Input.dispatchKeyEvent",
                json!({"type": kind, "key": key, "text": text}),
            );
        }
    }

    /// Saves what the page looks like as $PREREQ_SCREENSHOTS/NAME.png, when
    /// that directory is set, for a person to look at (the README's pictures
    /// are taken this way).
    pub fn screenshot(&mut self, name: &str) {
        use base64::Engine as _;
        let Some(dir) = std::env::var_os("PREREQ_SCREENSHOTS") else {
            return;
        };
        let shot = self.command("Page.captureScreenshot", json!({"format": "png"}));
        let png = base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().unwrap())
            .unwrap();
        std::fs::write(Path::new(&dir).join(format!("{name}.png")), png).unwrap();
    }

    /// The exceptions thrown and the browser's own dialogs opened so far.
    pub fn problems(&self) -> Vec<&Value> {
        self.events
            .iter()
            .filter(|e| {
                e["method"] == json!("Runtime.exceptionThrown")
                    || e["method"] == json!("Page.javascriptDialogOpening")
            })
            .collect()
    }
}
