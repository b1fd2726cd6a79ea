//! Shell completion and manual pages: generated from the command line
//! definition, so they know every command and option.

use std::process::Command;

fn prereq(args: &[&str]) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_prereq"))
        .args(args)
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap() + &String::from_utf8_lossy(&output.stderr);
    (output.status.success(), text)
}

#[test]
fn completions_cover_every_shell_and_command() {
    // The script only hands each Tab back to prereq (tests/completion.rs
    // runs it in bash); what completes comes from the command line's definition.
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let (ok, script) = prereq(&["completions", shell]);
        assert!(ok, "{shell}: {script}");
        assert!(
            script.contains("COMPLETE") && script.contains(shell),
            "{shell}: {script}"
        );
        assert!(
            script.contains(env!("CARGO_BIN_EXE_prereq")),
            "{shell}: {script}"
        );
    }
    let complete = |words: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_prereq"))
            .env("COMPLETE", "fish")
            .args(["--", "prereq"])
            .args(words)
            .output()
            .unwrap();
        assert!(output.status.success(), "{words:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    let commands = complete(&[""]);
    for command in ["check", "diff", "schema", "completions", "man", "lsp"] {
        assert!(
            commands
                .lines()
                .any(|l| l.starts_with(&format!("{command}\t"))),
            "no {command} in\n{commands}"
        );
    }
    let options = complete(&["check", "--"]);
    for option in ["--strict", "--allow", "--order", "--fix"] {
        assert!(
            options
                .lines()
                .any(|l| l.starts_with(&format!("{option}\t"))),
            "no {option} in\n{options}"
        );
    }
    let (ok, text) = prereq(&["completions", "tcsh"]);
    assert!(!ok);
    assert!(text.contains("invalid value 'tcsh'"), "{text}");
}

#[test]
fn the_manual_has_a_page_per_command() {
    let (ok, page) = prereq(&["man"]);
    assert!(ok);
    assert!(page.contains(".TH prereq 1"), "{page}");
    for command in ["check", "diff", "schema", "completions", "man"] {
        assert!(page.contains(&format!("prereq\\-{command}(1)")), "{page}");
    }
    let (ok, page) = prereq(&["man", "check"]);
    assert!(ok);
    assert!(page.contains(".TH prereq-check 1"), "{page}");
    for option in ["strict", "allow", "order", "format"] {
        assert!(
            page.contains(&format!("\\fB\\-\\-{option}\\fR")),
            "no --{option} in\n{page}"
        );
    }
    let (ok, text) = prereq(&["man", "chek"]);
    assert!(!ok);
    assert!(
        text.starts_with("error: no command is called `chek`; the commands are path, "),
        "{text}"
    );
    assert!(
        text.contains(" check, ") && !text.contains("help"),
        "{text}"
    );
}
