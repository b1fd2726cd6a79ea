//! Large files load, alias amplification does not, and the JSON path gives
//! the YAML path's answers.

use prereq::diagnostic::Code;
use prereq::source::SourceFile;
use serde_saphyr::Budget;

/// More YAML nodes than serde-saphyr's default budget admits: one topic
/// with a very long list of prerequisites.
#[test]
fn a_file_beyond_the_default_budget_loads() {
    let edges = Budget::default().max_nodes + 1;
    let mut text = String::from(
        "version: 1\ntopics:\n  - id: a\n    title: a\n  - id: b\n    title: b\n    requires: [",
    );
    text.push_str(&vec!["a"; edges].join(","));
    text.push_str("]\n");

    let mut options = serde_saphyr::Options::default();
    options.budget = Some(Budget::default());
    options.with_snippet = false;
    let by_default = serde_saphyr::from_str_with_options::<serde::de::IgnoredAny>(&text, options);
    assert!(
        by_default
            .is_err_and(|e| matches!(e.without_snippet(), serde_saphyr::Error::Budget { .. })),
        "the file must exceed the default budget for this test to mean anything"
    );

    let raw = prereq::load::parse(&SourceFile::new("big.yaml", text)).expect("it loads");
    assert_eq!(raw.topics[1].requires.len(), edges);
}

/// A small file whose aliases replay a long list thousands of times: the
/// replay limit stays fixed whatever the file's size, so it stops early.
#[test]
fn alias_amplification_is_stopped_early() {
    let mut text =
        String::from("version: 1\ntopics:\n  - id: a\n    title: a\n    requires: &many [");
    text.push_str(&vec!["a"; 1000].join(", "));
    text.push_str("]\n");
    for i in 0..500 {
        text.push_str(&format!(
            "  - id: t{i}\n    title: t\n    requires: *many\n"
        ));
    }
    assert!(text.len() < 50_000);
    let err = prereq::load::parse(&SourceFile::new("bomb.yaml", text)).expect_err("rejected");
    assert_eq!(err.code, Code::Limit, "{}", err.message);
}

/// The classic nested "billion laughs" never gets to expand: the first nested
/// list is already the wrong type.
#[test]
fn nested_alias_bomb_is_rejected() {
    let mut text = String::from("version: 1\ntopics:\n  - id: a\n    title: a\n");
    text.push_str("    requires: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        let p = i - 1;
        let refs = vec![format!("*l{p}"); 10].join(", ");
        text.push_str(&format!(
            "  - id: t{i}\n    title: t\n    requires: &l{i} [{refs}]\n"
        ));
    }
    let err = prereq::load::parse(&SourceFile::new("bomb.yaml", text)).expect_err("rejected");
    assert!(
        matches!(err.code, Code::Schema | Code::Limit),
        "{:?}",
        err.code
    );
}
