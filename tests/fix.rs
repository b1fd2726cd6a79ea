//! `check --fix`: the safe fixes, applied in place, every other byte kept;
//! after it, `check` reports none of the fixed problems. A file it cannot
//! read is never touched, and `--dry-run` changes nothing.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A file `name` holding `text`, in a directory of the test's own (`tag`).
fn scratch(tag: &str, name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("prereq-fix-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn prereq(path: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_prereq"))
        .arg("--topics")
        .arg(path)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const FIXABLE: &str = include_str!("fixtures/check/fixable.yaml");

#[test]
fn fixes_in_place_keeping_every_other_line() {
    let path = scratch("in-place", "topics.yaml", FIXABLE);
    let out = prereq(
        &path,
        &[
            "check",
            "--fix",
            "--allow",
            "missing-hours,missing-resources",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "version: 1
topics:
  # The basics come first.
  - id: algebra
    title: Algebra
  - id: calculus
    title: Calculus
    requires: [algebra]

  - id: probability
    title: Probability
    requires: [calculus]
  - id: stats
    title: Statistics
    requires:
      - probability
  - id: ml
    title: Machine Learning
    requires: [stats]
"
    );
    let name = path.display();
    assert_eq!(
        text(&out.stderr),
        format!(
            "{name}: fixed 7 problems (2 unknown-prerequisite, 1 out-of-order, 4 redundant-prerequisite)\n"
        )
    );
    assert_eq!(
        text(&out.stdout),
        format!(
            "checked {name}: 5 topics, 4 edges (4 requires, 0 recommends): 0 errors, 0 warnings (10 allowed)\n"
        )
    );
    // A second run has nothing left to do.
    let again = prereq(
        &path,
        &[
            "check",
            "--fix",
            "--allow",
            "missing-hours,missing-resources",
        ],
    );
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(text(&again.stderr), "");
}

#[test]
fn a_dry_run_changes_nothing() {
    let path = scratch("dry-run", "topics.yaml", FIXABLE);
    let out = prereq(&path, &["check", "--fix", "--dry-run"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).starts_with(&format!(
        "--- {0}\n+++ {0}\n@@ -1,21 +1,19 @@\n",
        path.display()
    )));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FIXABLE);
}

#[test]
fn a_file_with_a_syntax_error_is_never_touched() {
    let broken = format!("{FIXABLE}  - id: [unclosed\n");
    let path = scratch("syntax", "topics.yaml", &broken);
    let out = prereq(&path, &["check", "--fix"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).starts_with("error[syntax]"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
}

#[test]
fn a_name_with_two_equally_close_candidates_is_left_alone() {
    let topics = "version: 1
topics:
  - {id: cat, title: Cat}
  - {id: car, title: Car}
  - {id: pet, title: Pet, requires: [caz]}
";
    let path = scratch("ambiguous", "topics.yaml", topics);
    let out = prereq(&path, &["check", "--fix"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), topics);
    assert!(text(&out.stdout).contains("requires unknown topic `caz`"));
}

#[test]
fn json_and_standard_input_are_refused() {
    let path = scratch("json", "topics.json", r#"{"version": 1, "topics": []}"#);
    let out = prereq(&path, &["check", "--fix"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        format!(
            "error: --fix edits YAML files; {} is JSON\n",
            path.display()
        )
    );
    let out = Command::new(env!("CARGO_BIN_EXE_prereq"))
        .args(["--topics", "handbook", "check", "--fix"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
