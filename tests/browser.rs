//! The roadmap web page in a real headless Chromium, driven over the DevTools
//! protocol: the page loads without errors, clicking a topic opens its panel
//! with its resources and highlights its path, and the search box finds a
//! topic by alias. Skipped, with a notice, where Chromium or Graphviz cannot
//! be had (`apt-get install chromium graphviz`).

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use assert_cmd::cargo::CommandCargoExt;
use serde_json::{Value, json};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

const WAIT: Duration = Duration::from_secs(60);

/// The first Chromium found: $PREREQ_CHROMIUM, else the usual program names.
fn find_chromium() -> Option<PathBuf> {
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

fn graphviz_present() -> bool {
    Command::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A Chromium process, ended when dropped.
struct Browser {
    child: Child,
    _profile: tempfile::TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts headless Chromium and returns it with its DevTools websocket url.
fn launch(program: &Path) -> (Browser, String) {
    let profile = tempfile::tempdir().unwrap();
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
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("about:blank")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start chromium");
    let stderr = child.stderr.take().unwrap();
    let browser = Browser {
        child,
        _profile: profile,
    };
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(at) = line.find("ws://") {
                let _ = send.send(line[at..].trim().to_owned());
            }
        }
    });
    let url = receive
        .recv_timeout(WAIT)
        .expect("chromium printed no DevTools url");
    (browser, url)
}

/// A DevTools protocol connection attached to one page.
struct Page {
    socket: WebSocket<MaybeTlsStream<TcpStream>>,
    session: String,
    next_id: u64,
    events: Vec<Value>,
}

impl Page {
    fn open(browser_url: &str) -> Page {
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
    fn send(&mut self, method: &str, params: Value, in_page: bool) -> Value {
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

    fn receive(&mut self) -> Value {
        loop {
            match self.socket.read().expect("read from chromium") {
                Message::Text(text) => return serde_json::from_str(&text).unwrap(),
                Message::Close(_) => panic!("chromium closed the connection"),
                _ => {}
            }
        }
    }

    fn command(&mut self, method: &str, params: Value) -> Value {
        self.send(method, params, true)
    }

    /// Waits for an event named `method` (one that already arrived counts).
    fn wait_for(&mut self, method: &str) -> Value {
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
    fn eval(&mut self, expression: &str) -> Value {
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
    fn click(&mut self, element_id: &str) {
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
}

/// Saves what the page looks like as $PREREQ_SCREENSHOTS/NAME.png, when that
/// directory is set, for a person to look at.
fn screenshot(page: &mut Page, name: &str) {
    use base64::Engine as _;
    let Some(dir) = std::env::var_os("PREREQ_SCREENSHOTS") else {
        return;
    };
    let shot = page.command("Page.captureScreenshot", json!({"format": "png"}));
    let png = base64::engine::general_purpose::STANDARD
        .decode(shot["data"].as_str().unwrap())
        .unwrap();
    std::fs::write(Path::new(&dir).join(format!("{name}.png")), png).unwrap();
}

#[test]
fn roadmap_page_works_in_chromium() {
    let Some(chromium) = find_chromium() else {
        eprintln!(
            "notice: Chromium is not installed; skipping the browser test (apt-get install chromium)"
        );
        return;
    };
    if !graphviz_present() {
        eprintln!(
            "notice: Graphviz `dot` is not installed; skipping the browser test (apt-get install graphviz)"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("roadmap.html");
    let out = Command::cargo_bin("prereq")
        .unwrap()
        .args([
            "--topics",
            "tests/fixtures/pictures/garden.yaml",
            "html",
            "--recommended",
            "-o",
        ])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let url = format!("file://{}", file.display());

    let (_browser, browser_url) = launch(&chromium);
    let mut page = Page::open(&browser_url);
    page.command("Page.enable", json!({}));
    page.command("Runtime.enable", json!({}));
    page.command(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({"source": "window.__violations = []; document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective));"}),
    );
    page.command("Page.navigate", json!({"url": url}));
    page.wait_for("Page.loadEventFired");

    // Only the page's own two script elements, and no policy violations: the
    // script's hash matches the content security policy.
    assert_eq!(
        page.eval("document.querySelectorAll('script').length"),
        json!(2)
    );
    assert_eq!(page.eval("window.__violations"), json!([]));
    assert_eq!(page.eval("document.title"), json!("Kitchen Garden"));
    assert_eq!(
        page.eval("document.getElementById('panel').hidden"),
        json!(true)
    );

    // Click a topic: the panel shows it, with its resources as links, and the
    // path to it is highlighted.
    page.click("topic:planting");
    assert_eq!(
        page.eval("document.getElementById('panel').hidden"),
        json!(false)
    );
    assert_eq!(
        page.eval("document.querySelector('#details h2').textContent"),
        json!("Planting Out")
    );
    assert_eq!(
        page.eval("[...document.querySelectorAll('#details a')].map(a => [a.textContent, a.href, a.target, a.rel])"),
        json!([[
            "Planting <Guide>",
            "https://example.com/planting?x=1&y=2",
            "_blank",
            "noopener noreferrer"
        ]])
    );
    assert_eq!(
        page.eval("[...document.querySelectorAll('#details h3')].map(h => h.textContent)"),
        json!(["Requires", "Recommends", "Unlocks", "Resources"])
    );
    assert_eq!(
        page.eval("document.querySelector('#details .path').textContent"),
        json!("Study path: 5 topics, 6.5 hours (highlighted)")
    );
    assert_eq!(
        page.eval(
            "[...document.querySelectorAll('#diagram g.node.on-path')].map(g => g.id).sort()"
        ),
        json!([
            "topic:compost",
            "topic:planting",
            "topic:seeds",
            "topic:soil",
            "topic:watering"
        ])
    );
    assert_eq!(
        page.eval(
            "[...document.querySelectorAll('#diagram g.edge.on-path')].map(g => g.id).sort()"
        ),
        json!([
            "edge:compost:planting",
            "edge:seeds:watering",
            "edge:soil:compost",
            "edge:soil:seeds",
            "edge:watering:planting"
        ])
    );
    assert_eq!(
        page.eval("document.querySelector('#diagram g.node.selected').id"),
        json!("topic:planting")
    );
    // The highlight is drawn: the path's outline is red.
    assert_eq!(
        page.eval("getComputedStyle(document.querySelector('g.node.on-path path, g.node.on-path polygon')).stroke"),
        json!("rgb(192, 57, 43)")
    );
    assert_eq!(page.eval("location.href"), json!(url));
    screenshot(&mut page, "clicked");

    // Search by alias, choose with Enter: the topic whose summary holds a
    // script element shows it as text, and nothing ran.
    page.click("search");
    page.command("Input.insertText", json!({"text": "dirt"}));
    assert_eq!(
        page.eval("[...document.querySelectorAll('#results li')].map(li => li.textContent)"),
        json!(["Soil & \"Dirt\" <basics>soil"])
    );
    assert_eq!(
        page.eval("[...document.querySelectorAll('#diagram g.node.match')].map(g => g.id)"),
        json!(["topic:soil"])
    );
    for kind in ["keyDown", "keyUp"] {
        page.command(
            "Input.dispatchKeyEvent",
            json!({"type": kind, "key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13}),
        );
    }
    assert_eq!(
        page.eval("document.querySelector('#details h2').textContent"),
        json!("Soil & \"Dirt\" <basics>")
    );
    assert_eq!(
        page.eval("document.querySelector('#details .summary').textContent"),
        json!("What soil is made of. <script>alert(\"soil\")</script>")
    );
    assert_eq!(
        page.eval("[...document.querySelectorAll('#details a')].map(a => a.href)"),
        json!(["https://example.com/soil?a=1&b=2"])
    );
    assert_eq!(
        page.eval("document.getElementById('results').hidden"),
        json!(true)
    );
    assert_eq!(
        page.eval("document.querySelectorAll('script').length"),
        json!(2)
    );
    assert_eq!(page.eval("window.__violations"), json!([]));

    screenshot(&mut page, "searched");

    let problems: Vec<&Value> = page
        .events
        .iter()
        .filter(|e| {
            e["method"] == json!("Runtime.exceptionThrown")
                || e["method"] == json!("Page.javascriptDialogOpening")
        })
        .collect();
    assert!(problems.is_empty(), "{problems:?}");
}
