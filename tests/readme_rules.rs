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
