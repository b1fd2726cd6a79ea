//! Helpers shared by the integration tests. Each test crate uses only some
//! of them, hence the allowance.
#![allow(dead_code)]

use std::io::Write;
use std::process::Command;

pub mod chromium;
pub mod firefox;
pub mod roadmap;

/// Says on standard error that `what` is skipped because `missing` is not
/// installed, and how to install it. Written to the stream itself, not with
/// `eprintln!`, which the test harness would swallow for a passing test: a
/// skip must show in every run.
pub fn skip(what: &str, missing: &str, install: &str) {
    let line = format!("notice: {missing} not installed; skipping {what} ({install})\n");
    let _ = std::io::stderr().write_all(line.as_bytes());
}

/// Whether Graphviz's `dot` runs.
pub fn graphviz_present() -> bool {
    Command::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// How to get Graphviz.
pub const INSTALL_GRAPHVIZ: &str = "apt-get install graphviz";

/// The Python interpreter (`$PYTHON`, else `python3`), if it can import
/// `module`.
pub fn python_with(module: &str) -> Option<String> {
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_owned());
    let ok = Command::new(&python)
        .args(["-c", &format!("import {module}")])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    ok.then_some(python)
}

/// Runs `script` (a path under tests/) with `python`, `input` on its
/// standard input, and returns what it printed; the script must succeed.
pub fn run_python(python: &str, script: &str, input: &str) -> String {
    let path = format!("{}/tests/{script}", env!("CARGO_MANIFEST_DIR"));
    let mut child = Command::new(python)
        .arg(&path)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3 starts");
    let mut stdin = child.stdin.take().expect("stdin is piped");
    stdin
        .write_all(input.as_bytes())
        .expect("the script reads its input");
    drop(stdin);
    let output = child.wait_with_output().expect("the script finishes");
    assert!(output.status.success(), "tests/{script} failed");
    String::from_utf8(output.stdout).expect("the script prints UTF-8")
}
