//! Where the topics come from: `--topics`, else `PREREQ_TOPICS`, where a
//! variable set but empty counts as not set.

use assert_cmd::Command;

/// Runs prereq in an empty directory (so no ./topics.yaml) with
/// `PREREQ_TOPICS` as given: the exit code, stdout and stderr.
fn run(env: Option<&str>, args: &[&str]) -> (Option<i32>, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::cargo_bin("prereq").unwrap();
    cmd.current_dir(dir.path()).env("NO_COLOR", "1");
    match env {
        Some(value) => cmd.env("PREREQ_TOPICS", value),
        None => cmd.env_remove("PREREQ_TOPICS"),
    };
    let output = cmd.args(args).output().unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn an_empty_variable_counts_as_not_set() {
    let unset = run(None, &["path", "rag"]);
    assert_eq!(unset.0, Some(0));
    assert!(
        unset
            .1
            .starts_with("Study path to Retrieval-Augmented Generation: ")
    );
    assert_eq!(run(Some(""), &["path", "rag"]), unset);
}

#[test]
fn the_variable_names_the_file_and_the_option_wins() {
    let fixture = format!(
        "{}/tests/fixtures/scale/syntax.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let (code, stdout, _) = run(Some(&fixture), &["check"]);
    assert_eq!(code, Some(1));
    assert!(
        stdout.ends_with("not a readable topics file: 1 error, 0 warnings\n"),
        "{stdout}"
    );
    let handbook = format!("{}/topics.yaml", env!("CARGO_MANIFEST_DIR"));
    let (code, stdout, _) = run(Some(&fixture), &["--topics", &handbook, "check"]);
    assert_eq!(code, Some(0), "{stdout}");
}

#[test]
fn an_empty_option_is_a_usage_error() {
    let (code, stdout, stderr) = run(None, &["--topics", "", "path", "rag"]);
    assert_eq!(code, Some(2));
    assert_eq!(stdout, "");
    assert!(
        stderr.starts_with("error: --topics needs a file name\n"),
        "{stderr}"
    );
}

/// Commands that read no topics file refuse `--topics` wherever it is
/// written, leave it out of their help, and ignore the variable, which is
/// meant for the other commands.
#[test]
fn commands_without_a_topics_file_refuse_the_option() {
    let refusals = [
        (
            &["--topics", "t.yaml", "diff", "a.yaml", "b.yaml"][..],
            "`prereq diff` compares the two files it is given",
        ),
        (
            &["diff", "-t", "t.yaml", "a.yaml", "b.yaml"][..],
            "`prereq diff` compares the two files it is given",
        ),
        (
            &["schema", "--topics", "t.yaml"][..],
            "`prereq schema` prints the schema every topics file follows",
        ),
        (
            &["-t", "t.yaml", "completions", "bash"][..],
            "`prereq completions` prints a shell script",
        ),
        (
            &["man", "--topics", "t.yaml"][..],
            "`prereq man` prints a manual page",
        ),
    ];
    for (args, why) in refusals {
        let (code, out, err) = run(None, args);
        assert_eq!(code, Some(2), "{args:?}");
        assert_eq!(out, "");
        assert_eq!(
            err,
            format!(
                "error: --topics does not apply: {why}\n\nUsage: prereq [OPTIONS] <COMMAND>\n\nFor more information, try '--help'.\n"
            ),
            "{args:?}"
        );
    }
    for command in ["diff", "schema", "completions", "man"] {
        let (code, help, _) = run(None, &[command, "--help"]);
        assert_eq!(code, Some(0));
        assert!(!help.contains("--topics"), "{command}: {help}");
    }
    let (code, schema, _) = run(Some("elsewhere.yaml"), &["schema"]);
    assert_eq!(code, Some(0));
    assert!(schema.starts_with("{\n"));
    let (_, path_help, _) = run(None, &["path", "--help"]);
    assert!(path_help.contains("-t, --topics <FILE>"));
}
