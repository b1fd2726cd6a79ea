//! Warnings stay quiet where an error already covers the problem.

use prereq::diagnostic::Code;
use prereq::input::source::SourceFile;
use prereq::query::check::CheckOptions;

/// The codes found in a file of two sections, `one` and `two`, and `topics`.
fn codes(topics: &str) -> Vec<Code> {
    let yaml = format!(
        "version: 1\nsections:\n  - {{id: one, title: One}}\n  - {{id: two, title: Two}}\ntopics:\n{topics}"
    );
    let report =
        prereq::query::check::check(&SourceFile::new("t.yaml", yaml), &CheckOptions::default());
    report.diagnostics.iter().map(|d| d.code).collect()
}

#[test]
fn a_cycle_across_sections_is_one_error_and_no_warning() {
    let topics = "  - {id: a, title: A, hours: 1, resources: [{title: R, url: https://example.org/, kind: notes}], section: one, requires: [b]}
  - {id: b, title: B, hours: 1, resources: [{title: R, url: https://example.org/, kind: notes}], section: two, requires: [a]}
";
    assert_eq!(codes(topics), [Code::Cycle]);
}

#[test]
fn sections_that_need_each_other_without_a_topic_cycle_are_a_warning() {
    let topics = "  - {id: a, title: A, hours: 1, resources: [{title: R, url: https://example.org/, kind: notes}], section: one}
  - {id: b, title: B, hours: 1, resources: [{title: R, url: https://example.org/, kind: notes}], section: two, requires: [a]}
  - {id: c, title: C, hours: 1, resources: [{title: R, url: https://example.org/, kind: notes}], section: one, requires: [b]}
";
    assert_eq!(codes(topics), [Code::SectionCycle]);
}

/// The diagnostics the loader makes for one topic come in the order it
/// checks: each name's spelling before its clash, then the other fields.
#[test]
fn a_misspelt_name_is_reported_before_its_clash_and_the_rest_after_the_names() {
    let yaml = "version: 1
sections: [{id: one, title: One}]
topics:
  - {id: a, title: A, hours: 1, resources: [{title: R, url: https://example.org/, kind: notes}], section: one}
  - {id: B, title: B, section: nowhere, aliases: [x, A, Y], hours: 0,
     resources: [{title: R, url: ftp://x, kind: book}]}
";
    let (_, diagnostics) = prereq::input::load::analyze(&SourceFile::new("t.yaml", yaml));
    let codes: Vec<Code> = diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        [
            Code::InvalidId,
            Code::InvalidId,
            Code::DuplicateId,
            Code::InvalidId,
            Code::UnknownSection,
            Code::InvalidHours,
            Code::InvalidUrl,
        ]
    );
}

/// The spelling suggested for an invalid id is a valid id, and a
/// did-you-mean never proposes a name that is itself invalid.
#[test]
fn suggestions_are_valid_names() {
    let yaml = "version: 1
topics:
  - {id: TypeScript, title: TS, hours: 1, resources: [{title: R, url: https://example.org/, kind: notes}]}
  - {id: responsive design, title: RD}
  - {id: css, title: CSS, hours: 1, resources: [{title: R, url: https://example.org/, kind: notes}], requires: [typescrip, responsive desig, HTML]}
  - {id: html, title: HTML, hours: 1, resources: [{title: R, url: https://example.org/, kind: notes}]}
";
    let (_, diagnostics) = prereq::input::load::analyze(&SourceFile::new("t.yaml", yaml));
    let helps: Vec<(Code, Option<&str>)> = diagnostics
        .iter()
        .map(|d| (d.code, d.help.as_deref()))
        .collect();
    assert_eq!(
        helps,
        [
            (
                Code::InvalidId,
                Some("use lowercase words joined by dashes, such as `typescript`")
            ),
            (
                Code::InvalidId,
                Some("use lowercase words joined by dashes, such as `responsive-design`")
            ),
            // `typescript` is the fix of `TypeScript`, and the name it claims.
            (
                Code::UnknownPrerequisite,
                Some("did you mean `typescript`?")
            ),
            // `responsive design` claims its name, but is no spelling to copy.
            (
                Code::UnknownPrerequisite,
                Some("add the topic, or remove this entry")
            ),
            (Code::UnknownPrerequisite, Some("write it `html`")),
        ]
    );
}

/// A JSON file with several schema errors reports them all, in file order,
/// each at its key or value, with fixes written as JSON.
#[test]
fn every_json_error_in_one_run() {
    let json = r#"{"version": 1, "topics": [
  {"id": "a", "title": "A", "hours": "2"},
  {"id": "b", "titel": "B", "requires": "a"},
  {"id": "c", "title": 3, "title": "C"}
]}"#;
    let (_, diagnostics) = prereq::input::load::analyze(&SourceFile::new("t.json", json));
    let found: Vec<(String, u32, u32, Option<&str>)> = diagnostics
        .iter()
        .map(|d| {
            (
                d.message.clone(),
                d.pos().line,
                d.pos().column,
                d.help.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "`hours` of topic `a` must be a number, not a string".to_owned(),
                2,
                38,
                Some("write the number alone: `\"hours\": 2`")
            ),
            (
                "topic `b` has no `title`".to_owned(),
                3,
                3,
                Some("add `\"title\": ...` to it")
            ),
            (
                "unknown field `titel` in topic `b`".to_owned(),
                3,
                15,
                Some("did you mean `title`?")
            ),
            (
                "`requires` of topic `b` must be an array, not a string".to_owned(),
                3,
                41,
                Some("write an array: `\"requires\": [\"a\"]`")
            ),
            (
                "`title` of topic `c` must be a string, not a number".to_owned(),
                4,
                24,
                Some("put it in quotes: `\"title\": \"3\"`")
            ),
            (
                "`title` is given twice in topic `c`".to_owned(),
                4,
                27,
                Some("keep one of the two")
            ),
        ]
    );
}

#[test]
fn a_topic_without_hours_or_resources_is_a_warning_each_unless_it_has_an_error() {
    let yaml = "version: 1
topics:
  - {id: a, title: A}
  - {id: b, title: B, hours: 2h, requires: [a]}
  - {id: c, title: C, hours: 1, requires: [a], allow: [missing-resources]}
";
    let report =
        prereq::query::check::check(&SourceFile::new("t.yaml", yaml), &CheckOptions::default());
    let found: Vec<(Code, Vec<String>)> = report
        .diagnostics
        .iter()
        .map(|d| (d.code, d.topics.clone()))
        .collect();
    assert_eq!(
        found,
        [
            (Code::MissingHours, vec!["a".to_owned()]),
            (Code::MissingResources, vec!["a".to_owned()]),
            (Code::Schema, vec!["b".to_owned()]),
        ]
    );
    assert_eq!(report.allowed, 1);
}
