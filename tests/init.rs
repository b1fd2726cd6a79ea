//! `prereq init`: a starter topics file that `check` passes with no warnings,
//! never written over an existing file.

use std::path::Path;
use std::process::{Command, Output};

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

#[test]
fn init_writes_a_file_check_passes_without_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let out = prereq(dir.path(), &["init"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "wrote topics.yaml: 2 sections, 3 topics\nnext: `prereq check` to check it, `prereq path a-first-project` to plan a path\n"
    );
    let written = std::fs::read_to_string(dir.path().join("topics.yaml")).unwrap();
    assert_eq!(written, prereq::input::starter::STARTER);
    assert!(written.starts_with("# yaml-language-server: $schema=topics.schema.json\n"));
    // Both forms of an edge, and a resource.
    assert!(
        written.contains("requires: [first-steps]")
            && written.contains("      - topic: core-ideas\n")
    );
    let check = prereq(dir.path(), &["check", "--strict"]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stdout));
    assert_eq!(
        text(&check.stdout),
        "checked topics.yaml: 3 topics, 3 edges (2 requires, 1 recommends): 0 errors, 0 warnings\n"
    );
    let path = prereq(dir.path(), &["path", "a-first-project"]);
    assert_eq!(path.status.code(), Some(0));
    assert!(text(&path.stdout).starts_with("Study path to A First Project: 3 topics, 10 hours\n"));
}

#[test]
fn init_never_overwrites_and_writes_only_yaml() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("topics.yaml"), "mine\n").unwrap();
    let out = prereq(dir.path(), &["init"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error: topics.yaml already exists; `prereq init` never overwrites a file (name another: `prereq init FILE`)\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("topics.yaml")).unwrap(),
        "mine\n"
    );
    let out = prereq(dir.path(), &["init", "course/topics.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error: `prereq init` writes YAML; name the file with `.yaml`, such as course/topics.yaml\n"
    );
    let out = prereq(dir.path(), &["init", "missing-dir/topics.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).starts_with("error: cannot create missing-dir/topics.yaml: "),
        "{}",
        text(&out.stderr)
    );
    let out = prereq(dir.path(), &["init", "other.yml"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).starts_with("wrote other.yml: "));
}

/// The README's "Start your own curriculum" block, run command by command in
/// an empty directory: each command's whole output is what the README shows.
#[test]
fn the_readmes_first_curriculum_runs_as_shown() {
    let readme = include_str!("../README.md");
    let section = &readme[readme
        .find("## Start your own curriculum")
        .expect("the README has the section")..];
    let start = section.find("```text\n").expect("a text block") + "```text\n".len();
    let block = &section[start..start + section[start..].find("```\n").unwrap()];
    let mut steps: Vec<(&str, String)> = Vec::new();
    for line in block.lines() {
        match line.strip_prefix("$ prereq ") {
            Some(command) => steps.push((command, String::new())),
            None => {
                let (_, expected) = steps.last_mut().expect("a command first");
                expected.push_str(line);
                expected.push('\n');
            }
        }
    }
    assert_eq!(steps.len(), 3, "{block}");
    let dir = tempfile::tempdir().unwrap();
    for (command, expected) in steps {
        let args: Vec<&str> = command.split(' ').collect();
        let out = prereq(dir.path(), &args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{command}: {}",
            text(&out.stderr)
        );
        assert_eq!(text(&out.stdout), expected, "{command}");
    }
}
