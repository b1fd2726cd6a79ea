//! Warnings stay quiet where an error already covers the problem.

use prereq::check::CheckOptions;
use prereq::diagnostic::Code;
use prereq::source::SourceFile;

fn codes(yaml: &str) -> Vec<Code> {
    let report = prereq::check::check(&SourceFile::new("t.yaml", yaml), &CheckOptions::default());
    report.diagnostics.iter().map(|d| d.code).collect()
}

#[test]
fn a_cycle_across_sections_is_one_error_and_no_warning() {
    let yaml = "version: 1
sections:
  - {id: one, title: One}
  - {id: two, title: Two}
topics:
  - {id: a, title: A, section: one, requires: [b]}
  - {id: b, title: B, section: two, requires: [a]}
";
    assert_eq!(codes(yaml), [Code::Cycle]);
}

#[test]
fn sections_that_need_each_other_without_a_topic_cycle_are_a_warning() {
    let yaml = "version: 1
sections:
  - {id: one, title: One}
  - {id: two, title: Two}
topics:
  - {id: a, title: A, section: one}
  - {id: b, title: B, section: two, requires: [a]}
  - {id: c, title: C, section: one, requires: [b]}
";
    assert_eq!(codes(yaml), [Code::SectionCycle]);
}
