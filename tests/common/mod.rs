//! Helpers shared by the integration tests. Each test crate uses only some
//! of them, hence the allowance.
#![allow(dead_code)]

use std::io::Write;
use std::process::Command;

pub mod chromium;

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
