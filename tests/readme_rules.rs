//! The table of `check` rules in docs/checks.md lists every rule, with the severity
//! and description the code gives it, so the table cannot drift.

use prereq::diagnostic::{Code, Severity};

#[test]
fn the_docs_list_every_rule_as_the_code_defines_it() {
    let readme = include_str!("../docs/checks.md");
    let rows: Vec<String> = readme
        .lines()
        .filter(|line| line.starts_with("| `") && line.matches('|').count() == 4)
        .filter(|line| line.contains("| error |") || line.contains("| warning |"))
        .map(str::to_owned)
        .collect();
    let expected: Vec<String> = Code::ALL
        .iter()
        .map(|code| {
            let severity = match code.severity() {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            format!(
                "| `{}` | {severity} | {} |",
                code.as_str(),
                code.description()
            )
        })
        .collect();
    assert_eq!(rows, expected);
}

/// The file docs/checks.md shows for `allow:` is the fixture its example
/// checks, word for word.
#[test]
fn the_allow_example_shows_its_fixture() {
    let root = env!("CARGO_MANIFEST_DIR");
    let doc = std::fs::read_to_string(format!("{root}/docs/checks.md")).unwrap();
    let fixture =
        std::fs::read_to_string(format!("{root}/tests/fixtures/check/allow-here.yaml")).unwrap();
    assert!(doc.contains(&format!("```yaml\n{fixture}```")));
}
