//! Reading standard input with `-`: the topics file, a progress file, not both.

use assert_cmd::Command;

/// Runs prereq with `args` and `stdin`: the exit code, stdout and stderr.
fn run(args: &[&str], stdin: &str) -> (Option<i32>, String, String) {
    let output = Command::cargo_bin("prereq")
        .unwrap()
        .env("NO_COLOR", "1")
        .env_remove("PREREQ_TOPICS")
        .args(args)
        .write_stdin(stdin)
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn a_progress_file_can_come_from_standard_input() {
    let (code, stdout, _) = run(
        &["path", "low-rank-adapters", "--progress", "-"],
        "# done\nlora\n",
    );
    assert_eq!(code, Some(0));
    assert_eq!(
        stdout,
        "Study path to Low-Rank Adapters (LoRA): 0 topics, 0 hours\n\
         Leaving out 1 known topic and everything it requires.\n\
         \n\
         Nothing left to study: you know every topic on the way.\n"
    );
}

#[test]
fn a_progress_file_from_standard_input_is_named_so_in_diagnostics() {
    let (code, _, stderr) = run(&["next", "--progress", "-"], "mathh\n");
    assert_eq!(code, Some(1));
    assert_eq!(
        stderr,
        "error[unknown-progress-topic]: progress entry `mathh` names no topic\n \
         --> <stdin>:1:1\n  \
         |\n\
         1 | mathh\n  \
         | ^^^^^ no topic has this id, alias or title\n  \
         |\n  \
         = help: did you mean `math`?\n\
         error: cannot use <stdin>: it has 1 error\n"
    );
}

#[test]
fn topics_and_progress_cannot_both_read_standard_input() {
    let (code, stdout, stderr) = run(&["--topics", "-", "path", "math", "--progress", "-"], "");
    assert_eq!(code, Some(2));
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "error: --topics and --progress cannot both read standard input (`-`)\n"
    );
}
