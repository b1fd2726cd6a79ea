//! Every CLI behaviour as one case under tests/cmd: arguments, expected
//! output and exit code, written out in full. The examples in the README and
//! docs/ are cases too.
//!
//! Cases that draw with Graphviz live under tests/cmd-graphviz, and the
//! documents mark their own as ```` ```console needs-graphviz ````, which
//! trycmd passes over. They run as a second test, skipped with a notice where `dot`
//! is not installed.

mod common;

use std::path::PathBuf;

/// The fence that marks an example as needing Graphviz.
const NEEDS_GRAPHVIZ: &str = "```console needs-graphviz";

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .env("NO_COLOR", "1")
        .case("tests/cmd/*.md")
        .case("README.md")
        .case("docs/*.md");
}

/// The Markdown files whose examples are cases: the README and docs/.
fn documents() -> Vec<PathBuf> {
    let mut files = vec![PathBuf::from("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir("docs")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    files.extend(docs);
    files
}

#[test]
fn cli_cases_that_need_graphviz() {
    // Each document's Graphviz cases, alone, at the lines they have there.
    let mut copies = Vec::new();
    let mut places = Vec::new();
    for document in documents() {
        let text = std::fs::read_to_string(&document).unwrap();
        let (cases, commands) = graphviz_cases(&text);
        if commands.is_empty() {
            continue;
        }
        let lines: Vec<String> = commands.iter().map(usize::to_string).collect();
        places.push((
            format!("{} lines {}", document.display(), lines.join(", ")),
            commands.len(),
        ));
        let name = document.display().to_string().replace('/', "-");
        let copy =
            PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("needs-graphviz-{name}"));
        std::fs::write(&copy, cases).unwrap();
        copies.push(copy);
    }
    assert!(!places.is_empty(), "the documents have examples that draw");
    if !common::graphviz_present() {
        let mut files: Vec<(String, usize)> = std::fs::read_dir("tests/cmd-graphviz")
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .map(|p| {
                let text = std::fs::read_to_string(&p).unwrap();
                let count = text.lines().filter(|l| l.starts_with("$ ")).count();
                (format!("{} ({count})", p.display()), count)
            })
            .collect();
        files.sort();
        places.extend(files);
        common::skip(
            &format!(
                "{} CLI cases that draw with it: {}",
                places.iter().map(|(_, n)| n).sum::<usize>(),
                places
                    .iter()
                    .map(|(p, _)| p.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            "Graphviz `dot` is",
            common::INSTALL_GRAPHVIZ,
        );
        return;
    }
    let cases = trycmd::TestCases::new();
    cases.env("NO_COLOR", "1").case("tests/cmd-graphviz/*.md");
    for copy in &copies {
        cases.case(copy);
    }
}

/// A document with only its Graphviz examples left, as plain trycmd cases at
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
