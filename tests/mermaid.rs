//! `prereq mermaid` and `path --diagram` beyond the cases in
//! tests/cmd/pictures-mermaid.md: Mermaid's size limits, the README's
//! diagram, titles Mermaid cannot show, and labels for any text.

use std::path::PathBuf;
use std::process::{Command, Output};

use prereq::generate::{GenerateOptions, generate};
use prereq::view::mermaid::label;
use proptest::prelude::*;

fn prereq(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_prereq"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// Writes a generated curriculum to a scratch file and returns its path.
fn generated(name: &str, options: &GenerateOptions) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, generate(options).to_yaml()).unwrap();
    path
}

/// The warning for a diagram that is `over` Mermaid's limits.
fn warning(over: &str, advice: &str) -> String {
    format!(
        "warning: the diagram has {over}, past Mermaid's default limits, which GitHub and \
         GitLab cannot raise; draw less with {advice}\n"
    )
}

/// The edges a Mermaid diagram draws, counted from its text.
fn edges(diagram: &str) -> usize {
    diagram
        .lines()
        .filter(|l| l.contains(" --> ") || l.contains(" -.-> "))
        .count()
}

#[test]
fn past_500_edges_the_diagram_is_printed_with_a_warning() {
    let file = generated("mermaid-500.yaml", &GenerateOptions::new(350));
    let file = file.to_str().unwrap();
    let out = prereq(&["--topics", file, "mermaid", "--recommended"]);
    assert_eq!(out.status.code(), Some(0));
    let diagram = text(&out.stdout);
    assert!(diagram.contains("flowchart TB\n"));
    let count = edges(&diagram);
    assert!(count > 500, "{count} edges");
    assert_eq!(
        text(&out.stderr),
        warning(
            &format!("{count} edges (Mermaid draws at most 500)"),
            "--goal GOAL, --section SECTION or --reduce"
        )
    );

    // What is already narrowed is not suggested again.
    let out = prereq(&["--topics", file, "mermaid", "--reduce"]);
    let count = edges(&text(&out.stdout));
    assert_eq!(
        text(&out.stderr),
        warning(
            &format!("{count} edges (Mermaid draws at most 500)"),
            "--goal GOAL or --section SECTION"
        )
    );

    // A short path draws no warning.
    let out = prereq(&["--topics", file, "mermaid", "--goal", "t5"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stderr), "");
}

#[test]
fn past_50000_characters_the_diagram_is_printed_with_a_warning() {
    // 1,000 topics with long titles and no edges.
    let mut yaml = String::from("version: 1\ntopics:\n");
    for i in 0..1000 {
        yaml.push_str(&format!(
            "  - {{id: t{i}, title: A topic with a long title to fill the page {i}}}\n"
        ));
    }
    let file = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("mermaid-long-titles.yaml");
    std::fs::write(&file, yaml).unwrap();
    let out = prereq(&["--topics", file.to_str().unwrap(), "mermaid"]);
    assert_eq!(out.status.code(), Some(0));
    let diagram = text(&out.stdout);
    assert_eq!(edges(&diagram), 0);
    let units = diagram.encode_utf16().count();
    assert!(units > 50_000, "{units} characters");
    assert_eq!(
        text(&out.stderr),
        warning(
            &format!("{units} characters (Mermaid reads at most 50000)"),
            "--goal GOAL, --section SECTION or --reduce"
        )
    );
}

#[test]
fn a_path_too_big_to_draw_is_printed_with_a_warning() {
    let file = generated("mermaid-500-path.yaml", &GenerateOptions::new(500));
    let out = prereq(&[
        "--topics",
        file.to_str().unwrap(),
        "path",
        "t450",
        "--recommended",
        "--format",
        "markdown",
        "--diagram",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let page = text(&out.stdout);
    let start = page.find("```mermaid\n").unwrap() + "```mermaid\n".len();
    let end = start + page[start..].find("```\n").unwrap();
    let count = edges(&page[start..end]);
    assert_eq!(
        text(&out.stderr),
        format!(
            "warning: the path's diagram has {count} edges (Mermaid draws at most 500), past \
             Mermaid's default limits, which GitHub and GitLab cannot raise; draw it in parts \
             with `prereq mermaid --goal GOAL --section SECTION --reduce`\n"
        )
    );
}

/// The Mermaid blocks of the README and docs/pictures.md, each after a
/// `<!-- prereq ARGS -->` line naming the command that prints it.
fn readme_diagrams() -> Vec<(String, String)> {
    let mut found = Vec::new();
    for file in ["README.md", "docs/pictures.md"] {
        diagrams_in(&std::fs::read_to_string(file).unwrap(), &mut found);
    }
    found
}

fn diagrams_in(readme: &str, found: &mut Vec<(String, String)>) {
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        let Some(command) = line
            .strip_prefix("<!-- prereq ")
            .and_then(|l| l.strip_suffix(" -->"))
        else {
            continue;
        };
        assert_eq!(lines.next(), Some("```mermaid"), "after {line}");
        let mut block = String::new();
        for line in lines.by_ref().take_while(|l| *l != "```") {
            block.push_str(line);
            block.push('\n');
        }
        found.push((command.to_owned(), block));
    }
}

#[test]
fn the_readme_diagram_is_what_the_command_prints() {
    let diagrams = readme_diagrams();
    assert_eq!(
        diagrams.iter().map(|(c, _)| c.as_str()).collect::<Vec<_>>(),
        [
            "mermaid --goal rag --reduce",
            "mermaid --goal rag --reduce",
            "mermaid --section IV --reduce"
        ]
    );
    for (command, block) in &diagrams {
        let args: Vec<&str> = command.split(' ').collect();
        let out = prereq(&args);
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(text(&out.stdout), *block, "prereq {command}");
    }
    // And it is the diagram `path --diagram` puts above the checklist.
    let out = prereq(&["path", "rag", "--format", "markdown", "--diagram"]);
    let page = text(&out.stdout);
    assert!(
        page.contains(&format!("\n```mermaid\n{}```\n", diagrams[0].1)),
        "{page}"
    );
}

#[test]
fn the_handbook_is_within_mermaids_limits() {
    // The figures the README gives.
    let all = text(&prereq(&["mermaid"]).stdout);
    assert_eq!(edges(&all), 61);
    let recommended = text(&prereq(&["mermaid", "--recommended"]).stdout);
    assert_eq!(edges(&recommended), 121);
    assert_eq!(recommended.encode_utf16().count(), 9012);
}

#[test]
fn a_title_mermaid_cannot_show_is_left_out() {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("mermaid-title.yaml");
    std::fs::write(
        &path,
        "version: 1\ntitle: Salt & Pepper\ntopics:\n  - {id: salt, title: Salt}\n",
    )
    .unwrap();
    let out = prereq(&["--topics", path.to_str().unwrap(), "mermaid"]);
    assert_eq!(
        text(&out.stdout),
        "flowchart TB\n\
         \x20 classDef goal fill:#ffd966,stroke:#333333,stroke-width:2px\n\
         \x20 classDef known fill:#e8e8e8,color:#888888,stroke:#888888\n\
         \x20 t0[\"Salt\"]\n"
    );
}

/// What a label shows once Mermaid has turned its entity codes back into
/// characters, without the word joiners.
fn decoded(label: &str) -> String {
    let inner = &label[1..label.len() - 1];
    let mut out = String::new();
    let mut rest = inner;
    while let Some(at) = rest.find('#') {
        out.push_str(&rest[..at]);
        let end = rest[at..].find(';').expect("an entity code ends in `;`") + at;
        let code: u32 = rest[at + 1..end].parse().expect("a numeric entity code");
        out.push(char::from_u32(code).unwrap());
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out.replace('\u{2060}', "")
}

proptest! {
    #[test]
    fn any_text_is_one_quoted_label_that_shows_it(text in "\\PC{0,40}|[-+=#>*_`~\\[\\]<&\"\\\\$%@.:)0-9 wfa/¶ßﬂ°\n\t]{0,40}") {
        let quoted = label(&text);
        prop_assert!(quoted.starts_with('"') && quoted.ends_with('"') && quoted.len() >= 2);
        let inner = &quoted[1..quoted.len() - 1];
        // Nothing Mermaid, HTML or Markdown would read, except entity codes.
        for c in ['"', '<', '>', '&', '\\', '`', '*', '_', '[', ']', '$', '%', '@', '~', '\n', '\r', '\t'] {
            prop_assert!(!inner.contains(c), "{c:?} in {quoted}");
        }
        prop_assert!(!inner.starts_with([' ', '-', '+', '=']), "{quoted}");
        let digits = inner.chars().take_while(char::is_ascii_digit).count();
        prop_assert!(digits == 0 || !inner[digits..].starts_with(['.', ')']), "{quoted}");
        let lower = inner.to_lowercase();
        prop_assert!(!lower.contains("://") && !lower.contains("www.") && !lower.contains(":fa-"), "{quoted}");
        prop_assert!(!inner.contains("¶ß") && !inner.contains("ﬂ°"), "{quoted}");
        // It shows the text, white space flattened and control characters dropped.
        let kept: String = text.chars().filter(|c| !c.is_control() || c.is_whitespace()).collect();
        let flat = kept.split_whitespace().collect::<Vec<_>>().join(" ");
        prop_assert_eq!(decoded(&quoted), flat);
    }
}
