//! Which file a command reads when none is named: the nearest topics.yaml
//! up to the repository's root; `check` never falls back to the built-in
//! handbook, the other commands do and say so. And usage lines show what
//! was typed, not what the environment set.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("prereq-lookup-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn prereq(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_prereq"))
        .args(args)
        .current_dir(dir)
        .env_remove("PREREQ_TOPICS")
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const TOPICS: &str = "version: 1\ntopics:\n  - id: a\n    title: A\n    hours: 1\n    resources: [{title: R, url: https://example.org/, kind: notes}]\n  - id: b\n    title: B\n    hours: 1\n    resources: [{title: R, url: https://example.org/, kind: notes}]\n    requires: [a]\n";

#[test]
fn check_without_a_topics_file_fails_and_says_what_it_looked_for() {
    let repo = scratch("none");
    std::fs::create_dir(repo.join(".git")).unwrap();
    let out = prereq(&repo, &["check", "--strict"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stdout), "");
    assert_eq!(
        text(&out.stderr),
        "error: no topics.yaml in this directory or a parent up to the repository's root; \
         name the file with `--topics FILE`, or use `--topics handbook` for the built-in handbook\n"
    );
}

#[test]
fn the_handbook_is_checked_only_by_name() {
    let repo = scratch("handbook");
    std::fs::create_dir(repo.join(".git")).unwrap();
    let out = prereq(&repo, &["--topics", "handbook", "check", "--strict"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text(&out.stdout),
        "checked <built-in handbook>: 54 topics, 121 edges (61 requires, 60 recommends): 0 errors, 0 warnings\n"
    );
}

#[test]
fn other_commands_read_the_handbook_and_say_so() {
    let repo = scratch("other");
    std::fs::create_dir(repo.join(".git")).unwrap();
    let out = prereq(&repo, &["list"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        text(&out.stdout).starts_with("Preliminaries\n"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(
        text(&out.stderr),
        "note: no topics.yaml here or in a parent directory; reading the built-in handbook\n"
    );
}

#[test]
fn the_nearest_topics_file_up_to_the_repository_root_is_read() {
    let repo = scratch("parents");
    std::fs::create_dir(repo.join(".git")).unwrap();
    std::fs::write(repo.join("topics.yaml"), TOPICS).unwrap();
    let deep = repo.join("docs").join("week-1");
    std::fs::create_dir_all(&deep).unwrap();
    let out = prereq(&deep, &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "checked ../../topics.yaml: 2 topics, 1 edge (1 requires, 0 recommends): 0 errors, 0 warnings\n"
    );

    // A topics.yaml above the repository's root belongs to something else.
    let outer = scratch("outer");
    std::fs::write(outer.join("topics.yaml"), TOPICS).unwrap();
    let inner = outer.join("repo");
    std::fs::create_dir_all(inner.join(".git")).unwrap();
    let out = prereq(&inner, &["check"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_usage_error_shows_what_was_typed_not_the_environment() {
    let dir = scratch("usage");
    std::fs::write(dir.join("t.yaml"), TOPICS).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_prereq"))
        .args(["path", "--levels", "--pace", "5", "b"])
        .current_dir(&dir)
        .env("PREREQ_TOPICS", "t.yaml")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error: the argument '--levels' cannot be used with '--pace <HOURS_PER_WEEK>'\n\n\
         Usage: prereq path --levels <GOAL>...\n\n\
         For more information, try '--help'.\n"
    );
}

#[test]
fn a_tab_is_reported_at_its_own_column() {
    let dir = scratch("tab");
    std::fs::write(
        dir.join("topics.yaml"),
        "version: 1\ntopics:\n  - id: a\n  \ttitle: A\n",
    )
    .unwrap();
    let out = prereq(&dir, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with(
            "error[syntax]: a tab indents this line; YAML indents with spaces only\n --> topics.yaml:4:3\n"
        ),
        "{stdout}"
    );
}
