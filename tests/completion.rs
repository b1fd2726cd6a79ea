//! Shell completion as bash does it: the script `prereq completions bash`
//! prints is sourced, the words of a command line are put where bash puts
//! them, and the completion function it registered fills COMPREPLY. Topic
//! names come from the topics file the command would read.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_prereq");

/// Sources the script in `$1`, completes word `$2` (from 0) of the command
/// line the remaining arguments make, with the cursor at its end, and
/// prints one candidate a line.
const DRIVER: &str = r#"
source "$1"
COMP_CWORD=$2
shift 2
COMP_WORDS=("$@")
COMP_LINE="$*"
before="${COMP_WORDS[*]:0:COMP_CWORD+1}"
COMP_POINT=${#before}
_clap_complete_prereq prereq "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}"
"#;

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/completion/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// Completes in bash, in a fresh directory with no topics.yaml, with
/// `PREREQ_TOPICS` as given. `None` (after saying so) when bash is missing.
struct Bash {
    script: tempfile::TempDir,
}

impl Bash {
    fn new() -> Option<Bash> {
        let present = Command::new("bash")
            .args(["-c", "exit 0"])
            .status()
            .is_ok_and(|s| s.success());
        if !present {
            common::skip("shell completion", "bash", "apt-get install bash");
            return None;
        }
        let output = Command::new(BIN)
            .args(["completions", "bash"])
            .output()
            .unwrap();
        assert!(output.status.success());
        let script = tempfile::tempdir().unwrap();
        std::fs::write(script.path().join("prereq.bash"), output.stdout).unwrap();
        Some(Bash { script })
    }

    /// The candidates for the last of `words` (after `prereq`), run in `dir`.
    fn complete_in(&self, dir: &Path, env: Option<&str>, words: &[&str]) -> Vec<String> {
        self.complete_word(dir, env, words, words.len())
    }

    /// The candidates for word `cword` of `prereq` and `words`, run in `dir`.
    fn complete_word(
        &self,
        dir: &Path,
        env: Option<&str>,
        words: &[&str],
        cword: usize,
    ) -> Vec<String> {
        let mut cmd = Command::new("bash");
        cmd.arg("-c")
            .arg(DRIVER)
            .arg("bash")
            .arg(self.script.path().join("prereq.bash"))
            .arg(cword.to_string())
            .arg("prereq")
            .args(words)
            .current_dir(dir)
            .stdin(Stdio::null())
            .env_remove("COMPLETE");
        match env {
            Some(value) => cmd.env("PREREQ_TOPICS", value),
            None => cmd.env_remove("PREREQ_TOPICS"),
        };
        let output = cmd.output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{words:?}: {stderr}");
        assert_eq!(stderr, "", "{words:?}: completion must print nothing else");
        let stdout = String::from_utf8(output.stdout).unwrap();
        stdout
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// The candidates in a directory with no topics.yaml and no
    /// `PREREQ_TOPICS`.
    fn complete(&self, words: &[&str]) -> Vec<String> {
        let dir = tempfile::tempdir().unwrap();
        self.complete_in(dir.path(), None, words)
    }
}

/// `path`'s options, which follow the values when the word is empty.
const PATH_OPTIONS: &[&str] = &[
    "--known",
    "--topics",
    "--progress",
    "--recommended",
    "--levels",
    "--pace",
    "--resources",
    "--format",
    "--diagram",
    "--help",
];

#[test]
fn goals_of_path_are_the_ids_then_the_aliases_then_the_options() {
    let Some(bash) = Bash::new() else { return };
    let topics = fixture("topics.yaml");
    let mut expected = vec![
        "attention",
        "calculus",
        "linear-algebra",
        "neural-networks",
        "linalg",
        "neural-nets",
        "nn",
    ];
    expected.extend(PATH_OPTIONS);
    assert_eq!(bash.complete(&["--topics", &topics, "path", ""]), expected);
    // After a first goal, the next one completes the same way.
    assert_eq!(
        bash.complete(&["path", "--topics", &topics, "calculus", ""]),
        expected
    );
}

#[test]
fn a_prefix_picks_ids_and_aliases() {
    let Some(bash) = Bash::new() else { return };
    let topics = fixture("topics.yaml");
    assert_eq!(
        bash.complete(&["-t", &topics, "path", "n"]),
        ["neural-networks", "neural-nets", "nn"]
    );
    assert_eq!(
        bash.complete(&["-t", &topics, "path", "lin"]),
        ["linear-algebra", "linalg"]
    );
    assert_eq!(bash.complete(&["-t", &topics, "path", "zz"]), [""; 0]);
}

#[test]
fn known_completes_after_a_comma() {
    let Some(bash) = Bash::new() else { return };
    let topics = fixture("topics.yaml");
    assert_eq!(
        bash.complete(&["-t", &topics, "path", "attention", "--known", "linalg,n"]),
        ["linalg,neural-networks", "linalg,neural-nets", "linalg,nn"]
    );
    assert_eq!(
        bash.complete(&["-t", &topics, "next", "--known", "c"]),
        ["calculus"]
    );
}

#[test]
fn why_show_next_and_the_diagrams_take_topics() {
    let Some(bash) = Bash::new() else { return };
    let topics = fixture("topics.yaml");
    assert_eq!(
        bash.complete(&["-t", &topics, "why", "calculus", "a"]),
        ["attention"]
    );
    assert_eq!(bash.complete(&["-t", &topics, "why", "c"]), ["calculus"]);
    assert_eq!(
        bash.complete(&["-t", &topics, "show", "ne"]),
        ["neural-networks", "neural-nets"]
    );
    assert_eq!(
        bash.complete(&["-t", &topics, "next", "--toward", "a"]),
        ["attention"]
    );
    assert_eq!(
        bash.complete(&["-t", &topics, "next", "--toward", "nn,l"]),
        ["nn,linear-algebra", "nn,linalg"]
    );
    for command in ["dot", "mermaid", "render", "html"] {
        assert_eq!(
            bash.complete(&["-t", &topics, command, "--goal", "a"]),
            ["attention"],
            "{command}"
        );
    }
}

#[test]
fn allow_completes_the_warning_rules() {
    let Some(bash) = Bash::new() else { return };
    assert_eq!(
        bash.complete(&["check", "--allow", ""]),
        [
            "out-of-order",
            "redundant-prerequisite",
            "requires-and-recommends",
            "isolated-topic",
            "empty-section",
            "section-cycle",
            "duplicate-url",
            "missing-hours",
            "missing-resources",
            "order-duplicate",
        ]
    );
    assert_eq!(
        bash.complete(&["check", "--allow", "isolated-topic,mis"]),
        [
            "isolated-topic,missing-hours",
            "isolated-topic,missing-resources"
        ]
    );
    // `cycle` is an error: never allowed, never offered.
    assert_eq!(bash.complete(&["check", "--allow", "cy"]), [""; 0]);
}

#[test]
fn the_topics_file_is_the_one_the_command_would_read() {
    let Some(bash) = Bash::new() else { return };
    let topics = fixture("topics.yaml");
    let baking = fixture("baking.yaml");
    let dir = tempfile::tempdir().unwrap();
    let s = |env, words: &[&str]| bash.complete_in(dir.path(), env, words);
    // PREREQ_TOPICS, unless --topics is on the line, wherever it is.
    assert_eq!(s(Some(&baking), &["path", "s"]), ["sourdough", "starter"]);
    assert_eq!(s(Some(&baking), &["path", "l"]), ["levain-bread"]);
    assert_eq!(
        s(Some(&baking), &["path", "-t", &topics, "l"]),
        ["linear-algebra", "linalg"]
    );
    // The word completed may come before the --topics that counts.
    assert_eq!(
        bash.complete_word(
            dir.path(),
            Some(&baking),
            &["path", "l", "--topics", &topics],
            2
        ),
        ["linear-algebra", "linalg"]
    );
    // One word as zsh and fish pass it; three as bash does.
    let joined = format!("--topics={topics}");
    assert_eq!(
        s(Some(&baking), &[&joined, "show", "l"]),
        ["linear-algebra", "linalg"]
    );
    assert_eq!(
        s(Some(&baking), &["--topics", "=", &topics, "show", "l"]),
        ["linear-algebra", "linalg"]
    );
    // Empty counts as not set: the handbook.
    assert_eq!(
        s(Some(""), &["path", "tra"]),
        ["transformer", "transformers"]
    );
    // The nearest topics.yaml, from a directory below it.
    std::fs::copy(&baking, dir.path().join("topics.yaml")).unwrap();
    std::fs::create_dir(dir.path().join("notes")).unwrap();
    let below = dir.path().join("notes");
    assert_eq!(
        bash.complete_in(&below, None, &["show", "s"]),
        ["sourdough", "starter"]
    );
}

#[test]
fn without_a_topics_file_the_handbook_completes() {
    let Some(bash) = Bash::new() else { return };
    assert_eq!(
        bash.complete(&["path", "tra"]),
        ["transformer", "transformers"]
    );
    assert_eq!(bash.complete(&["show", "rag"]), ["rag"]);
    assert_eq!(
        bash.complete(&["--topics", "handbook", "why", "tra"]),
        ["transformer", "transformers"]
    );
}

#[test]
fn a_file_that_cannot_be_read_offers_no_topics_and_says_nothing() {
    let Some(bash) = Bash::new() else { return };
    let broken = fixture("broken.yaml");
    let dir = tempfile::tempdir().unwrap();
    let binary = dir.path().join("binary.yaml");
    std::fs::write(
        &binary,
        b"version: 1\ntopics:\n  - id: caf\xe9\n    title: Cafe\n",
    )
    .unwrap();
    let binary = binary.to_str().unwrap();
    let missing = dir.path().join("no-such-file.yaml");
    let missing = missing.to_str().unwrap();
    let directory = dir.path().to_str().unwrap();
    // Standard input is the shell's: not read.
    for file in [broken.as_str(), binary, missing, directory, "-"] {
        assert_eq!(bash.complete(&["-t", file, "path", "f"]), [""; 0], "{file}");
        assert_eq!(
            bash.complete(&["-t", file, "show", ""]),
            ["--format", "--topics", "--help"],
            "{file}"
        );
        assert_eq!(
            bash.complete(&["-t", file, "path", ""]),
            PATH_OPTIONS,
            "{file}"
        );
    }
    // Through the environment too, and for every argument that takes topics.
    let s = |words: &[&str]| bash.complete_in(dir.path(), Some(&broken), words);
    assert_eq!(s(&["why", "s"]), [""; 0]);
    assert_eq!(s(&["next", "--known", "f"]), [""; 0]);
    assert_eq!(s(&["next", "--toward", "first,s"]), [""; 0]);
    // The rules do not come from the file.
    assert_eq!(s(&["check", "--allow", "iso"]), ["isolated-topic"]);
}

#[test]
fn commands_and_options_still_complete() {
    let Some(bash) = Bash::new() else { return };
    assert_eq!(
        bash.complete(&[""]),
        [
            "path",
            "next",
            "why",
            "check",
            "dot",
            "mermaid",
            "render",
            "html",
            "show",
            "list",
            "diff",
            "schema",
            "completions",
            "man",
            "init",
            "lsp",
            "help",
            "--topics",
            "--help",
            "--version",
        ]
    );
    assert_eq!(bash.complete(&["path", "--kn"]), ["--known"]);
    assert_eq!(
        bash.complete(&["path", "x", "--format", ""]),
        ["text", "markdown", "json"]
    );
    assert_eq!(bash.complete(&["completions", "z"]), ["zsh"]);
}

#[test]
fn completions_prints_the_script_complete_prints() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = Command::new(BIN)
            .args(["completions", shell])
            .output()
            .unwrap();
        let env = Command::new(BIN).env("COMPLETE", shell).output().unwrap();
        assert!(script.status.success() && env.status.success(), "{shell}");
        assert_eq!(
            String::from_utf8(script.stdout).unwrap(),
            String::from_utf8(env.stdout).unwrap(),
            "{shell}"
        );
    }
}

#[test]
fn zsh_and_fish_show_each_topics_title_and_each_rules_meaning() {
    // What the registration scripts of zsh and fish run at a Tab, without
    // the shell: a candidate a line, its help after a tab.
    let complete = |words: &[&str]| {
        let output = Command::new(BIN)
            .env("COMPLETE", "fish")
            .env_remove("PREREQ_TOPICS")
            .arg("--")
            .arg("prereq")
            .args(words)
            .output()
            .unwrap();
        assert!(output.status.success(), "{words:?}");
        assert_eq!(String::from_utf8_lossy(&output.stderr), "", "{words:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    let topics = fixture("topics.yaml");
    assert_eq!(
        complete(&["-t", &topics, "show", "n"]),
        "neural-networks\tNeural Networks\n\
         neural-nets\tNeural Networks (alias of neural-networks)\n\
         nn\tNeural Networks (alias of neural-networks)\n"
    );
    assert_eq!(
        complete(&["check", "--allow", "missing-h"]),
        "missing-hours\tA topic has no `hours`, so totals count it as zero.\n"
    );
}
