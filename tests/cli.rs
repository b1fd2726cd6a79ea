//! Every CLI behaviour as one case under tests/cmd: arguments, expected
//! output and exit code, written out in full. The README's examples are
//! cases too.
//!
//! Cases that draw with Graphviz live under tests/cmd-graphviz, and the
//! README marks its own as ```` ```console needs-graphviz ````, which trycmd
//! passes over. They run as a second test, skipped with a notice where `dot`
//! is not installed.

mod common;

use std::path::PathBuf;

/// The fence that marks a README example as needing Graphviz.
const NEEDS_GRAPHVIZ: &str = "```console needs-graphviz";

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .env("NO_COLOR", "1")
        .case("tests/cmd/*.md")
        .case("README.md");
}

#[test]
fn cli_cases_that_need_graphviz() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let (cases, commands) = graphviz_cases(&readme);
    assert!(!commands.is_empty(), "the README has examples that draw");
    if !common::graphviz_present() {
        let mut files: Vec<(String, usize)> = std::fs::read_dir("tests/cmd-graphviz")
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .map(|p| {
                let text = std::fs::read_to_string(&p).unwrap();
                let count = text.lines().filter(|l| l.starts_with("$ ")).count();
                (p.display().to_string(), count)
            })
            .collect();
        files.sort();
        let lines: Vec<String> = commands.iter().map(usize::to_string).collect();
        common::skip(
            &format!(
                "{} CLI cases that draw with it: README.md lines {}, and {}",
                commands.len() + files.iter().map(|(_, n)| n).sum::<usize>(),
                lines.join(", "),
                files
                    .iter()
                    .map(|(p, n)| format!("{p} ({n})"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            "Graphviz `dot` is",
            common::INSTALL_GRAPHVIZ,
        );
        return;
    }
    // The README's cases, alone, at the lines they have in the README.
    let copy = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("README-needs-graphviz.md");
    std::fs::write(&copy, cases).unwrap();
    trycmd::TestCases::new()
        .env("NO_COLOR", "1")
        .case("tests/cmd-graphviz/*.md")
        .case(&copy);
}

/// The README with only its Graphviz examples left, as plain trycmd cases at
/// their own line numbers, and the line of each of their commands.
fn graphviz_cases(readme: &str) -> (String, Vec<usize>) {
    let mut out = String::new();
    let mut commands = Vec::new();
    let mut inside = false;
    for (n, line) in readme.lines().enumerate() {
        if line == NEEDS_GRAPHVIZ {
            inside = true;
            out.push_str("```console");
        } else if inside {
            out.push_str(line);
            if line.starts_with("$ ") {
                commands.push(n + 1);
            }
            inside = line != "```";
        }
        out.push('\n');
    }
    (out, commands)
}

#[test]
fn graphviz_cases_keep_their_lines() {
    let readme =
        "a\n```console needs-graphviz\n$ prereq render\nout\n```\n```console\n$ prereq list\n```\n";
    let (cases, commands) = graphviz_cases(readme);
    assert_eq!(cases, "\n```console\n$ prereq render\nout\n```\n\n\n\n");
    assert_eq!(commands, vec![3]);
}
