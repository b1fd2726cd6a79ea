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
    let topics = "  - {id: a, title: A, section: one, requires: [b]}
  - {id: b, title: B, section: two, requires: [a]}
";
    assert_eq!(codes(topics), [Code::Cycle]);
}

#[test]
fn sections_that_need_each_other_without_a_topic_cycle_are_a_warning() {
    let topics = "  - {id: a, title: A, section: one}
  - {id: b, title: B, section: two, requires: [a]}
  - {id: c, title: C, section: one, requires: [b]}
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
  - {id: a, title: A, section: one}
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
