//! Redundant `requires` edges are reported with the chain that implies them,
//! and a search cut short by its budget is said so in the summary.

use prereq::check::CheckOptions;
use prereq::diagnostic::Code;
use prereq::source::SourceFile;

/// A chain t0 <- t1 <- ... <- t(n-1), then `last` requiring t0 and t(n-1).
fn chain(n: usize) -> String {
    let mut yaml = String::from("version: 1\ntopics:\n  - id: t0\n    title: T0\n");
    for i in 1..n {
        yaml.push_str(&format!(
            "  - id: t{i}\n    title: T{i}\n    requires: [t{}]\n",
            i - 1
        ));
    }
    yaml.push_str(&format!(
        "  - id: last\n    title: Last\n    requires: [t0, t{}]\n",
        n - 1
    ));
    yaml
}

#[test]
fn a_short_redundant_edge_comes_with_its_chain() {
    let source = SourceFile::new("chain.yaml", chain(4));
    let report = prereq::check::check(&source, &CheckOptions::default());
    let redundant: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::RedundantPrerequisite)
        .collect();
    assert_eq!(redundant.len(), 1);
    assert_eq!(
        redundant[0].message,
        "topic `last` requires `t0`, which another chain of requirements already implies"
    );
    assert_eq!(redundant[0].notes, ["chain: t0 -> t1 -> t2 -> t3 -> last"]);
    assert_eq!(report.unchecked_redundancy, 0);
}

#[test]
fn edges_past_the_search_budget_are_counted_not_guessed() {
    let source = SourceFile::new("long.yaml", chain(prereq::reduce::PER_TOPIC_BUDGET + 100));
    let report = prereq::check::check(&source, &CheckOptions::default());
    assert!(report.unchecked_redundancy > 0);
    let summary = prereq::report::summary(&report);
    assert!(
        summary.ends_with(&format!(
            "\nnote: {} `requires` edges were not checked for redundancy: the search stops at a size limit",
            report.unchecked_redundancy
        )),
        "{summary}"
    );
    let allowed = CheckOptions {
        allow: vec![Code::RedundantPrerequisite],
        order: None,
    };
    let report = prereq::check::check(&source, &allowed);
    assert_eq!(report.unchecked_redundancy, 0);
}
