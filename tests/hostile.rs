//! Malformed and hostile topics files: each gets a clear message with the
//! file, line and column, and exit code 1 or 2; never a panic, a hang or
//! unbounded memory.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use prereq::diagnostic::Code;
use prereq::input::source::SourceFile;

/// A scratch directory of this test run.
fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("prereq-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes `bytes` to a scratch file named `name` and returns its path.
fn file(name: &str, bytes: &[u8]) -> PathBuf {
    let path = scratch().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Runs `prereq ARGS check` and returns the exit code and stdout + stderr.
fn check(topics: &str, stdin: Option<&[u8]>) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_prereq"))
        .args(["--topics", topics, "check"])
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or_default()).unwrap();
    drop(input);
    let output = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    assert!(!text.contains("panicked"), "{text}");
    (output.status.code().unwrap_or(-1), text)
}

/// Checks a scratch file holding `bytes`: exit code 1, and the first line
/// of output is `first`, with the place `--> NAME:place`.
fn rejects(name: &str, bytes: &[u8], first: &str, place: &str) {
    let path = file(name, bytes);
    let (code, text) = check(path.to_str().unwrap(), None);
    assert_eq!(code, 1, "{text}");
    // Warnings about other topics may come first, in file order.
    let error = text.lines().find(|l| l.starts_with("error"));
    assert_eq!(error, Some(first), "{text}");
    let arrow = format!("--> {}:{place}", path.display());
    assert!(text.contains(&arrow), "expected {arrow} in\n{text}");
    assert!(
        text.contains("not a readable topics file") || text.contains(" error"),
        "{text}"
    );
}

#[test]
fn an_empty_file_says_what_a_topics_file_looks_like() {
    rejects("empty.yaml", b"", "error[schema]: the file is empty", "1:1");
    let path = file("comments.yaml", b"# nothing yet\n");
    let (code, text) = check(path.to_str().unwrap(), None);
    assert_eq!(code, 1);
    assert!(
        text.contains("a topics file looks like `version: 1`"),
        "{text}"
    );
}

#[test]
fn a_lone_null_or_a_list_is_not_a_topics_file() {
    let message =
        "error[schema]: a topics file must be a mapping of `version`, `sections` and `topics`";
    rejects("tilde.yaml", b"~\n", message, "1:1");
    rejects("null.yaml", b"# c\n---\nnull\n", message, "3:1");
    rejects("list.yaml", b"- a\n- b\n", message, "1:1");
    rejects("scalar.yaml", b"just words\n", message, "1:1");
}

#[test]
fn the_summary_of_an_unparsable_file_claims_no_counts() {
    let path = file("summary.yaml", b"~\n");
    let (_, text) = check(path.to_str().unwrap(), None);
    let summary = text.lines().last().unwrap();
    assert_eq!(
        summary,
        format!(
            "checked {}: not a readable topics file: 1 error, 0 warnings",
            path.display()
        )
    );
}

#[test]
fn wrong_types_at_every_level_name_the_field_and_place() {
    let topic = "version: 1\ntopics:\n  - id: a\n    title: A\n";
    let resource = format!("{topic}    resources:\n      - title: x\n        url: https://x.org\n");
    let cases: Vec<(String, &str, &str)> = vec![
        (
            "version: \"x\"\n".into(),
            "`version` of a topics file must be a whole number, not a string",
            "1:10",
        ),
        (
            "version: [1]\n".into(),
            "`version` of a topics file must be a whole number, not a list",
            "1:10",
        ),
        (
            "title: t\n".into(),
            "the file has no `version`",
            "1:1",
        ),
        (
            "version: 1\ntitle: [a]\n".into(),
            "`title` of a topics file must be a string, not a list",
            "2:8",
        ),
        (
            "version: 1\nsections: 3\n".into(),
            "`sections` of a topics file must be a list, not a number",
            "2:11",
        ),
        (
            "version: 1\nsections: [3]\n".into(),
            "each section must be a mapping of fields, not a number",
            "2:12",
        ),
        (
            "version: 1\nsections:\n  - id: [x]\n    title: X\n".into(),
            "`id` of a section must be a string, not a list",
            "3:9",
        ),
        (
            "version: 1\ntopics: {}\n".into(),
            "`topics` of a topics file must be a list, not a mapping",
            "2:9",
        ),
        (
            "version: 1\ntopics: [3]\n".into(),
            "each topic must be a mapping of fields, not a number",
            "2:10",
        ),
        (
            "version: 1\ntopics:\n  - id: {}\n    title: A\n".into(),
            "`id` of a topic must be a string, not a mapping",
            "3:9",
        ),
        (
            format!("{topic}    section: [x]\n"),
            "`section` of topic `a` must be a string, not a list",
            "5:14",
        ),
        (
            format!("{topic}    aliases: 3\n"),
            "`aliases` of topic `a` must be a list, not a number",
            "5:14",
        ),
        (
            format!("{topic}    requires: 3\n"),
            "`requires` of topic `a` must be a list, not a number",
            "5:15",
        ),
        (
            format!("{topic}    requires: [[x]]\n"),
            "an entry of `requires` in topic `a` must be a topic id, or a mapping with `topic` and `because`, not a list",
            "5:16",
        ),
        (
            format!("{topic}    recommends: [{{topik: b}}]\n"),
            "a prerequisite has no `topic`",
            "5:18",
        ),
        (
            "version: 1\ntopics:\n  - {id: b, title: B}\n  - id: a\n    title: A\n    requires: [{topic: b, because: [x]}]\n".into(),
            "`because` of prerequisite `b` must be a string, not a list",
            "6:36",
        ),
        (
            format!("{topic}    hours: [1]\n"),
            "`hours` of topic `a` must be a number, not a list",
            "5:12",
        ),
        (
            format!("{topic}    hours: lots\n"),
            "`hours` of topic `a` must be a number, not a string",
            "5:12",
        ),
        (
            format!("{topic}    summary: {{a: b}}\n"),
            "`summary` of topic `a` must be a string, not a mapping",
            "5:14",
        ),
        (
            format!("{topic}    title: B\n"),
            "`title` is given twice in topic `a`",
            "5:5",
        ),
        (
            format!("{topic}    resources: [3]\n"),
            "each resource must be a mapping of fields, not a number",
            "5:17",
        ),
        (
            format!("{resource}        kind: 3\n"),
            "`kind` of resource `x` of topic `a` must be a string, not a number",
            "8:15",
        ),
        (
            format!("{resource}        kind: blog\n        note: {{}}\n"),
            "`note` of resource `x` of topic `a` must be a string, not a mapping",
            "9:15",
        ),
        (
            format!("{resource}        kind: blog\n        ur: x\n"),
            "unknown field `ur` in resource `x` of topic `a`",
            "9:9",
        ),
    ];
    for (n, (text, message, place)) in cases.iter().enumerate() {
        let code = if message.contains("given twice") {
            "duplicate-key"
        } else {
            "schema"
        };
        rejects(
            &format!("types-{n}.yaml"),
            text.as_bytes(),
            &format!("error[{code}]: {message}"),
            place,
        );
    }
}

#[test]
fn a_misspelt_field_gets_a_suggestion_not_api_advice() {
    let text = b"version: 1\ntopics:\n  - id: a\n    title: A\n    requries: [b]\n";
    let path = file("typo.yaml", text);
    let (_, out) = check(path.to_str().unwrap(), None);
    assert!(out.contains("help: did you mean `requires`?"), "{out}");
    let path = file("dup.yaml", b"version: 1\nversion: 1\n");
    let (_, out) = check(path.to_str().unwrap(), None);
    assert!(!out.contains("DuplicateKeyPolicy"), "{out}");
    assert!(!out.contains("Options"), "{out}");
}

#[test]
fn tabs_are_named() {
    rejects(
        "tab.yaml",
        b"version: 1\ntopics:\n\t- id: a\n",
        "error[syntax]: a tab indents this line; YAML indents with spaces only",
        "3:2",
    );
}

#[test]
fn a_byte_order_mark_and_crlf_line_endings_simply_work() {
    let lf = "version: 1\ntopics:\n  - id: a\n    title: A\n    hours: 1\n    resources: [{title: R, url: https://example.org/, kind: notes}]\n  - id: b\n    title: B\n    hours: 1\n    resources: [{title: R, url: https://example.org/, kind: notes}]\n    requires: [a]\n";
    let crlf = format!("\u{feff}{}", lf.replace('\n', "\r\n"));
    let path = file("bom-crlf.yaml", crlf.as_bytes());
    let (code, text) = check(path.to_str().unwrap(), None);
    assert_eq!(code, 0, "{text}");
    assert_eq!(
        text,
        format!(
            "checked {}: 2 topics, 1 edge (1 requires, 0 recommends): 0 errors, 0 warnings\n",
            path.display()
        )
    );
    // Positions are the same as without them.
    let bad = format!(
        "\u{feff}{}",
        (lf.to_owned() + "    requires: [c]\n").replace('\n', "\r\n")
    );
    let (_, diagnostics) = prereq::input::load::analyze(&SourceFile::new("x", bad));
    let lf_bad = lf.to_owned() + "    requires: [c]\n";
    let (_, lf_diagnostics) = prereq::input::load::analyze(&SourceFile::new("x", lf_bad));
    assert_eq!(diagnostics, lf_diagnostics);
}

#[test]
fn invalid_utf8_is_pointed_at() {
    rejects(
        "latin1.yaml",
        b"version: 1\ntopics:\n  - id: a\n    title: caf\xe9\n",
        "error[encoding]: invalid UTF-8: byte 0xe9 at offset 43",
        "4:15",
    );
}

#[test]
fn alias_bombs_stop_early() {
    let mut bomb = String::from(
        "version: 1\ntopics:\n  - id: a\n    title: A\n    summary: {l0: &a0 [x, x, x, x, x, x, x, x, x, x]",
    );
    for level in 1..12 {
        bomb.push_str(&format!(", l{level}: &a{level} ["));
        bomb.push_str(&vec![format!("*a{}", level - 1); 10].join(", "));
        bomb.push(']');
    }
    bomb.push_str("}\n");
    let path = file("bomb.yaml", bomb.as_bytes());
    let (code, text) = check(path.to_str().unwrap(), None);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains(&format!("--> {}:5:14", path.display())),
        "{text}"
    );
    // The same bomb where nothing stops it early but the alias limits.
    let mut deep = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for level in 1..12 {
        deep.push_str(&format!("a{level}: &a{level} ["));
        deep.push_str(&vec![format!("*a{}", level - 1); 10].join(", "));
        deep.push_str("]\n");
    }
    let diagnostics = prereq::input::load::parse_yaml(&SourceFile::new("bomb", deep)).unwrap_err();
    assert!(matches!(diagnostics.code, Code::Schema | Code::Limit));
}

#[test]
fn deep_nesting_is_a_limit_not_a_stack_overflow() {
    let depth = 100_000;
    let text = format!(
        "version: 1\ntopics: {}{}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let path = file("deep.yaml", text.as_bytes());
    let (code, out) = check(path.to_str().unwrap(), None);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.starts_with("error[limit]: the file nests deeper than prereq reads"),
        "{out}"
    );
    assert!(out.contains(&format!("--> {}:2:", path.display())), "{out}");
    let block = format!(
        "version: 1\ntopics:\n{}",
        (0..depth)
            .map(|i| format!("{}- \n", " ".repeat(i % 50)))
            .collect::<String>()
    );
    let path = file("deep-block.yaml", block.as_bytes());
    let (code, _) = check(path.to_str().unwrap(), None);
    assert_eq!(code, 1);
}

#[test]
fn a_five_megabyte_title_loads_and_a_five_megabyte_id_gets_a_short_message() {
    let title = "t".repeat(5 << 20);
    let text = format!("version: 1\ntopics:\n  - id: a\n    title: {title}\n");
    let path = file("title.yaml", text.as_bytes());
    let (code, out) = check(path.to_str().unwrap(), None);
    assert_eq!(code, 0, "{}", &out[..out.len().min(500)]);
    let id = "X".repeat(5 << 20);
    let text = format!("version: 1\ntopics:\n  - id: {id}\n    title: T\n    requires: [{id}y]\n");
    let path = file("id.yaml", text.as_bytes());
    let (code, out) = check(path.to_str().unwrap(), None);
    assert_eq!(code, 1);
    assert!(out.len() < 5_000, "{} bytes of output", out.len());
    assert!(out.contains(&format!("--> {}:3:9", path.display())));
    assert!(out.contains(&format!("--> {}:5:16", path.display())));
}

#[test]
fn a_missing_file_and_a_directory_are_usage_errors() {
    let missing = scratch().join("no-such-file.yaml");
    let (code, text) = check(missing.to_str().unwrap(), None);
    assert_eq!(code, 2);
    assert!(
        text.starts_with(&format!("error: cannot read `{}`", missing.display())),
        "{text}"
    );
    let dir = scratch();
    let (code, text) = check(dir.to_str().unwrap(), None);
    assert_eq!(code, 2);
    assert_eq!(
        text,
        format!(
            "error: cannot read `{}`: it is a directory\n",
            dir.display()
        )
    );
}

#[test]
fn standard_input_is_read_and_named() {
    let (code, text) = check("-", Some(b"version: 1\ntopics:\n  - id: a\n    title: A\n    hours: 1\n    resources: [{title: R, url: https://example.org/, kind: notes}]\n"));
    assert_eq!(code, 0);
    assert_eq!(
        text,
        "checked <stdin>: 1 topic, 0 edges (0 requires, 0 recommends): 0 errors, 0 warnings\n"
    );
    let (code, text) = check("-", Some(b"~"));
    assert_eq!(code, 1);
    assert!(text.contains("--> <stdin>:1:1"), "{text}");
}
