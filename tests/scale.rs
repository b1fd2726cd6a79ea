//! Large files load, alias amplification does not, and the JSON path gives
//! the YAML path's answers.

use prereq::diagnostic::Code;
use prereq::generate::{GenerateOptions, generate};
use prereq::input::source::SourceFile;
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

    let raw = prereq::input::load::parse(&SourceFile::new("big.yaml", text)).expect("it loads");
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
    let err =
        prereq::input::load::parse(&SourceFile::new("bomb.yaml", text)).expect_err("rejected");
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
    let err =
        prereq::input::load::parse(&SourceFile::new("bomb.yaml", text)).expect_err("rejected");
    assert!(
        matches!(err.code, Code::Schema | Code::Limit),
        "{:?}",
        err.code
    );
}

/// The generator is deterministic, layered and keeps to its bounds.
#[test]
fn generated_curricula_are_deterministic_and_layered() {
    let mut options = GenerateOptions::new(2_000);
    options.sections = 7;
    let first = generate(&options);
    assert_eq!(first, generate(&options));
    assert_eq!(first.to_yaml(), generate(&options).to_yaml());
    options.seed = 2;
    assert_ne!(first, generate(&options));

    assert_eq!(first.sections.len(), 7);
    assert_eq!(first.cycles, 0);
    let mut has_edge = vec![false; first.topics.len()];
    for (i, topic) in first.topics.iter().enumerate() {
        assert!(
            topic.requires.len() + topic.recommends.len() <= 5,
            "topic {i}"
        );
        assert!((1..=8).contains(&topic.hours));
        if i > 0 {
            assert!(
                topic.section >= first.topics[i - 1].section,
                "sections in order"
            );
        }
    }
    for (prerequisite, dependent, _) in first.edges() {
        assert!(prerequisite < dependent, "every edge points back");
        has_edge[prerequisite] = true;
        has_edge[dependent] = true;
    }
    assert!(has_edge.iter().all(|&e| e), "no isolated topic");

    let catalog =
        prereq::input::load::catalog(&SourceFile::new("g.json", first.to_json())).expect("valid");
    assert_eq!(
        catalog.graph().petgraph().edge_count(),
        first.edges().count()
    );
}

/// Injected cycles are real cycles, reported by the loader.
#[test]
fn injected_cycles_are_reported() {
    let mut options = GenerateOptions::new(500);
    options.cycles = 3;
    let curriculum = generate(&options);
    assert_eq!(curriculum.cycles, 3);
    let (_, diagnostics) =
        prereq::input::load::analyze(&SourceFile::new("c.yaml", curriculum.to_yaml()));
    let cycles = diagnostics.iter().filter(|d| d.code == Code::Cycle).count();
    assert!((1..=3).contains(&cycles), "{cycles} cycle errors");
}

/// Degenerate options give an empty or tiny curriculum, never a panic.
#[test]
fn degenerate_options_do_not_panic() {
    for topics in [0, 1, 2] {
        let mut options = GenerateOptions::new(topics);
        options.max_prerequisites = usize::MAX;
        options.sections = 0;
        options.cycles = 2;
        let curriculum = generate(&options);
        assert_eq!(curriculum.topics.len(), topics);
        assert!(
            prereq::input::load::parse(&SourceFile::new("t.json", curriculum.to_json())).is_ok()
        );
    }
}
