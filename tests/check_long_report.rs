//! A text report of hundreds of warnings: the first ones in full, the rest
//! one per line, errors always in full, and the summary last.

use prereq::input::source::SourceFile;
use prereq::query::check::CheckOptions;
use prereq::view::report::{FULL_WARNINGS, text};

/// A file of `isolated` topics with no edges (a warning each) and, at the
/// end, two topics, one with an unknown prerequisite (an error).
fn report_text(isolated: usize) -> String {
    let mut yaml = String::from("version: 1\ntopics:\n");
    for i in 0..isolated {
        yaml.push_str(&format!("  - {{id: t{i}, title: T{i}, hours: 1, resources: [{{title: R, url: https://example.org/, kind: notes}}]}}\n"));
    }
    yaml.push_str("  - {id: first, title: First, hours: 1, resources: [{title: R, url: https://example.org/, kind: notes}]}\n");
    yaml.push_str("  - {id: last, title: Last, requires: [first, missing], hours: 1, resources: [{title: R, url: https://example.org/, kind: notes}]}\n");
    let source = SourceFile::new("many.yaml", yaml);
    let report = prereq::query::check::check(&source, &CheckOptions::default());
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
207 |   - {id: last, title: Last, requires: [first, missing], hours: 1, resources: [{title: R, url: https://example.org/, kind: notes}]}
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

/// `head`, then `dependents` topics `t{i}` that each require `b` and
/// `direct`: one redundant edge each where `b` requires `direct`.
fn with_dependents(head: &str, direct: &str, dependents: usize) -> String {
    let mut yaml = head.to_owned();
    for i in 0..dependents {
        yaml.push_str(&format!(
            "  - {{id: t{i}, title: T{i}, hours: 1, resources: [{{title: R, url: https://example.org/, kind: notes}}], requires: [b, {direct}]}}\n"
        ));
    }
    yaml
}

#[test]
fn the_chain_is_named_for_the_first_redundant_edges_in_file_order() {
    // Every `t{i}` requires `a` directly and through `b`: one redundant edge each.
    let dependents = FULL_WARNINGS + 1;
    let yaml = with_dependents(
        "version: 1\ntopics:\n  - {id: a, title: A, hours: 1, resources: [{title: R, url: https://example.org/, kind: notes}]}\n  - {id: b, title: B, hours: 1, resources: [{title: R, url: https://example.org/, kind: notes}], requires: [a]}\n",
        "a",
        dependents,
    );
    let source = SourceFile::new("chains.yaml", yaml);
    let report = prereq::query::check::check(&source, &CheckOptions::default());
    let redundant: Vec<_> = report
        .all()
        .map(|(_, d)| d)
        .filter(|d| d.code == prereq::diagnostic::Code::RedundantPrerequisite)
        .collect();
    assert_eq!(redundant.len(), dependents);
    // Past the full ones, the rest are kept compact until shown.
    assert_eq!(report.redundant.len(), dependents - FULL_WARNINGS);
    assert_eq!(report.warnings(), dependents);
    let first = &redundant[0];
    assert_eq!(first.topics, ["t0", "a"]);
    assert_eq!(first.labels[0].message, "implied by the chain below");
    assert_eq!(first.notes, ["chain: a -> b -> t0"]);
    let last = &redundant[dependents - 1];
    assert_eq!(
        last.topics,
        [format!("t{}", dependents - 1), "a".to_owned()]
    );
    assert_eq!(last.labels[0].message, "implied by a longer chain");
    assert!(last.notes.is_empty());
}

/// `dependents` topics that each require `a` directly and through `b`, in
/// reverse order of id (`requires: [a, c, b]`), with topic `lonely` (no
/// edges) and topic `broken` (an unknown prerequisite) among them.
fn interleaved(dependents: usize) -> String {
    let mut yaml = String::from(
        "version: 1\ntopics:\n  - {id: a, title: A, hours: 1, resources: [{title: R, url: https://example.org/, kind: notes}]}\n  - {id: b, title: B, hours: 1, resources: [{title: R, url: https://example.org/, kind: notes}], requires: [a]}\n  - {id: c, title: C, hours: 1, resources: [{title: R, url: https://example.org/, kind: notes}], requires: [a]}\n",
    );
    for i in 0..dependents {
        if i == dependents - 20 {
            yaml.push_str("  - {id: lonely, title: Lonely, hours: 1, resources: [{title: R, url: https://example.org/, kind: notes}]}\n");
            yaml.push_str("  - {id: broken, title: Broken, hours: 1, resources: [{title: R, url: https://example.org/, kind: notes}], requires: [a, missing]}\n");
        }
        yaml.push_str(&format!(
            "  - {{id: t{i}, title: T{i}, hours: 1, resources: [{{title: R, url: https://example.org/, kind: notes}}], requires: [a, c, b]}}\n"
        ));
    }
    yaml
}

#[test]
fn compact_redundant_edges_are_merged_into_file_order() {
    let dependents = FULL_WARNINGS + 50;
    let source = SourceFile::new("merged.yaml", interleaved(dependents));
    let report = prereq::query::check::check(&source, &CheckOptions::default());
    assert_eq!(report.redundant.len(), 50);
    assert_eq!(report.errors(), 1);
    assert_eq!(report.warnings(), dependents + 1);

    let all: Vec<_> = report.all().map(|(_, d)| d.into_owned()).collect();
    assert_eq!(all.len(), dependents + 2);
    let places: Vec<_> = all.iter().map(|d| d.pos()).collect();
    assert!(places.windows(2).all(|w| w[0] <= w[1]), "{places:?}");
    // The two other diagnostics sit where their topics are, among the
    // compact redundant edges: 180 redundant edges come before them.
    let codes: Vec<&str> = all.iter().map(|d| d.code.as_str()).collect();
    let at = dependents - 20;
    assert_eq!(codes[at], "isolated-topic");
    assert_eq!(codes[at + 1], "unknown-prerequisite");
    assert!(codes[..at].iter().all(|&c| c == "redundant-prerequisite"));
    assert!(
        codes[at + 2..]
            .iter()
            .all(|&c| c == "redundant-prerequisite")
    );

    // A compact one is the same diagnostic a full one without its chain is.
    let last = all.last().unwrap();
    let line = 5 + dependents + 2;
    let column = source
        .text()
        .lines()
        .nth(line - 1)
        .unwrap()
        .find("[a")
        .unwrap()
        + 2;
    assert_eq!(
        last.message,
        format!(
            "topic `t{}` requires `a`, which another chain of requirements already implies",
            dependents - 1
        )
    );
    assert_eq!(
        last.topics,
        [format!("t{}", dependents - 1), "a".to_owned()]
    );
    assert_eq!(last.labels.len(), 1);
    assert_eq!(
        (last.labels[0].pos.line, last.labels[0].pos.column),
        (line as u32, column as u32)
    );
    assert_eq!(last.labels[0].len, 1);
    assert_eq!(last.labels[0].message, "implied by a longer chain");
    assert!(last.notes.is_empty());
    assert_eq!(
        last.help.as_deref(),
        Some(
            "remove it from `requires` (a study path stays the same), or keep it by giving the edge `allow: [redundant-prerequisite]`"
        )
    );

    // Every view lists every one of them.
    let json: serde_json::Value =
        serde_json::from_str(&prereq::view::report::json(&report)).unwrap();
    let listed = json["diagnostics"].as_array().unwrap();
    assert_eq!(listed.len(), dependents + 2);
    assert_eq!(listed[at + 1]["code"], "unknown-prerequisite");
    assert_eq!(listed[dependents + 1]["message"], last.message.as_str());
    assert_eq!(listed[dependents + 1]["line"], line);
    assert_eq!(json["warnings"], dependents + 1);
    let github = prereq::view::report::github(&report, false);
    assert_eq!(
        github
            .lines()
            .filter(|l| l.starts_with("::warning"))
            .count(),
        dependents + 1
    );
    let text = text(&report, &source, None, false);
    assert!(text.ends_with(&format!(
        "checked merged.yaml: {} topics, {} edges ({} requires, 0 recommends): 1 error, {} warnings\n",
        dependents + 5,
        3 * dependents + 3,
        3 * dependents + 3,
        dependents + 1
    )));
}

#[test]
fn allowing_redundant_edges_drops_the_compact_ones_too() {
    let dependents = FULL_WARNINGS + 50;
    let source = SourceFile::new("merged.yaml", interleaved(dependents));
    let options = CheckOptions {
        allow: vec![prereq::diagnostic::Code::RedundantPrerequisite],
        order: None,
    };
    let report = prereq::query::check::check(&source, &options);
    assert!(report.redundant.is_empty());
    assert_eq!(report.allowed, dependents);
    let codes: Vec<_> = report
        .all()
        .map(|(_, d)| d.code.as_str().to_owned())
        .collect();
    assert_eq!(codes, ["isolated-topic", "unknown-prerequisite"]);
}

#[test]
fn short_lines_in_color_style_only_the_level() {
    let source = SourceFile::new("merged.yaml", interleaved(FULL_WARNINGS + 2));
    let report = prereq::query::check::check(&source, &CheckOptions::default());
    let colored = text(&report, &source, None, true);
    let plain = text(&report, &source, None, false);
    let last_short = |report: &str| {
        report
            .lines()
            .rev()
            .find(|l| l.starts_with("merged.yaml:"))
            .unwrap()
            .to_owned()
    };
    let plain_line = last_short(&plain);
    assert_eq!(
        last_short(&colored),
        plain_line.replace(
            "warning[redundant-prerequisite]",
            "\u{1b}[1m\u{1b}[33mwarning[redundant-prerequisite]\u{1b}[0m"
        )
    );
    assert!(plain_line.ends_with(": warning[redundant-prerequisite]: topic `t201` requires `a`, which another chain of requirements already implies"));
}

#[test]
fn a_compact_edge_to_a_long_id_is_cut_as_a_full_diagnostic_cuts_it() {
    // A 1,000-character id, named through a short alias by every dependent.
    let long = "a".repeat(1_000);
    let head = format!(
        "version: 1\ntopics:\n  - {{id: {long}, title: Long, hours: 1, resources: [{{title: R, url: https://example.org/, kind: notes}}], aliases: [short]}}\n  - {{id: b, title: B, hours: 1, resources: [{{title: R, url: https://example.org/, kind: notes}}], requires: [short]}}\n"
    );
    let dependents = FULL_WARNINGS + 2;
    let yaml = with_dependents(&head, "short", dependents);
    let source = SourceFile::new("long.yaml", yaml);
    let report = prereq::query::check::check(&source, &CheckOptions::default());
    assert_eq!(report.redundant.len(), 2);
    let last = report.all().last().unwrap().1.into_owned();
    let id = format!("t{}", dependents - 1);
    assert_eq!(
        last.message,
        prereq::diagnostic::clip(format!(
            "topic `{id}` requires `{long}`, which another chain of requirements already implies"
        ))
    );
    assert!(last.message.ends_with('…'));
    assert_eq!(last.topics, [id, prereq::diagnostic::clip(long.as_str())]);
    assert_eq!(last.topics[1].chars().count(), 301);
    // The label covers the whole id, as a full diagnostic's does.
    assert_eq!(last.labels[0].len, 1_000);
    let full = report
        .diagnostics
        .iter()
        .rfind(|d| d.code == prereq::diagnostic::Code::RedundantPrerequisite)
        .unwrap();
    assert_eq!(full.labels[0].len, 1_000);
    assert_eq!(full.topics[1], last.topics[1]);
}
