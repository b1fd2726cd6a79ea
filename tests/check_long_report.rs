//! A text report of hundreds of warnings: the first ones in full, the rest
//! one per line, errors always in full, and the summary last.

use prereq::check::CheckOptions;
use prereq::report::{FULL_WARNINGS, text};
use prereq::source::SourceFile;

/// A file of `isolated` topics with no edges (a warning each) and, at the
/// end, two topics, one with an unknown prerequisite (an error).
fn report_text(isolated: usize) -> String {
    let mut yaml = String::from("version: 1\ntopics:\n");
    for i in 0..isolated {
        yaml.push_str(&format!("  - {{id: t{i}, title: T{i}}}\n"));
    }
    yaml.push_str("  - {id: first, title: First}\n");
    yaml.push_str("  - {id: last, title: Last, requires: [first, missing]}\n");
    let source = SourceFile::new("many.yaml", yaml);
    let report = prereq::check::check(&source, &CheckOptions::default());
    text(&report, &source, None, false)
}

#[test]
fn warnings_past_the_limit_take_one_line_each_and_errors_stay_full() {
    let isolated = FULL_WARNINGS + 3;
    let out = report_text(isolated);
    let full = out
        .lines()
        .filter(|l| l.starts_with("warning[isolated-topic]"))
        .count();
    assert_eq!(full, FULL_WARNINGS);
    let short: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("many.yaml:"))
        .collect();
    assert_eq!(
        short,
        [
            "many.yaml:203:10: warning[isolated-topic]: topic `t200` has no edges at all",
            "many.yaml:204:10: warning[isolated-topic]: topic `t201` has no edges at all",
            "many.yaml:205:10: warning[isolated-topic]: topic `t202` has no edges at all",
        ]
    );
    let tail = &out[out.find("note: the first").expect("the note")..];
    assert_eq!(
        tail,
        "note: the first 200 warnings are shown in full, the rest one per line (`--format json` gives every detail)

many.yaml:203:10: warning[isolated-topic]: topic `t200` has no edges at all
many.yaml:204:10: warning[isolated-topic]: topic `t201` has no edges at all
many.yaml:205:10: warning[isolated-topic]: topic `t202` has no edges at all

error[unknown-prerequisite]: topic `last` requires unknown topic `missing`
   --> many.yaml:207:47
    |
207 |   - {id: last, title: Last, requires: [first, missing]}
    |                                               ^^^^^^^ no topic has this id or alias
    |
    = help: add the topic, or remove this entry

checked many.yaml: 205 topics, 1 edge (1 requires, 0 recommends): 1 error, 203 warnings
"
    );
}

#[test]
fn up_to_the_limit_every_warning_is_in_full() {
    let out = report_text(FULL_WARNINGS);
    assert!(!out.contains("note: the first"));
    let full = out
        .lines()
        .filter(|l| l.starts_with("warning[isolated-topic]"))
        .count();
    assert_eq!(full, FULL_WARNINGS);
}

#[test]
fn the_chain_is_named_for_the_first_redundant_edges_in_file_order() {
    // Every `t{i}` requires `a` directly and through `b`: one redundant edge each.
    let mut yaml = String::from(
        "version: 1\ntopics:\n  - {id: a, title: A}\n  - {id: b, title: B, requires: [a]}\n",
    );
    let dependents = FULL_WARNINGS + 1;
    for i in 0..dependents {
        yaml.push_str(&format!(
            "  - {{id: t{i}, title: T{i}, requires: [b, a]}}\n"
        ));
    }
    let source = SourceFile::new("chains.yaml", yaml);
    let report = prereq::check::check(&source, &CheckOptions::default());
    let redundant: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == prereq::diagnostic::Code::RedundantPrerequisite)
        .collect();
    assert_eq!(redundant.len(), dependents);
    let first = redundant[0];
    assert_eq!(first.topics, ["t0", "a"]);
    assert_eq!(first.labels[0].message, "implied by the chain below");
    assert_eq!(first.notes, ["chain: a -> b -> t0"]);
    let last = redundant[dependents - 1];
    assert_eq!(
        last.topics,
        [format!("t{}", dependents - 1), "a".to_owned()]
    );
    assert_eq!(last.labels[0].message, "implied by a longer chain");
    assert!(last.notes.is_empty());
}
