//! `prereq diff` names every field that changed on a topic both versions
//! have, and says which topics' hours moved a goal's total.

use prereq::input::source::SourceFile;

fn catalog(yaml: &str) -> prereq::model::catalog::Catalog {
    prereq::input::load::catalog(&SourceFile::new("t.yaml", yaml)).expect("a valid file")
}

#[test]
fn every_changed_field_is_named() {
    let old = catalog(
        "version: 1
sections: [{id: one, title: One}, {id: two, title: Two}]
topics:
  - {id: a, title: A, section: one, hours: 1}
  - id: b
    title: B
    section: one
    aliases: [bee]
    summary: Old words.
    requires: [{topic: a, because: old reason}]
    resources: [{title: R, url: 'https://example.com/r', kind: book}]
",
    );
    let new = catalog(
        "version: 1
sections: [{id: one, title: One}, {id: two, title: Two}]
topics:
  - {id: a, title: A, section: one, hours: 1.5}
  - id: b
    title: Bee
    section: two
    aliases: [bee, b2]
    summary: New words.
    hours: 4
    requires: [{topic: a, because: new reason}]
    resources: [{title: R, url: 'https://example.com/s', kind: book}]
",
    );
    let diff = prereq::query::diff::diff(&old, &new, &["b".to_owned()]);
    assert_eq!(
        prereq::view::diff::text(&diff),
        "topics: 0 added, 0 removed, 0 renamed, 2 changed
~ a: hours 1 -> 1.5
~ b: title \"B\" -> \"Bee\"
~ b: section \"one\" -> \"two\"
~ b: hours none -> 4
~ b: aliases [\"bee\"] -> [\"bee\", \"b2\"]
~ b: summary \"Old words.\" -> \"New words.\"
~ b: resources [https://example.com/r] -> [https://example.com/s]
~ b: because of `requires a` \"old reason\" -> \"new reason\"
edges: 0 added, 0 removed
goal b: 2 topics, 1 h -> 2 topics, 5.5 h (+4.5 h)
  ~ a: 1 h -> 1.5 h
  ~ b: no estimate -> 4 h
"
    );
}

#[test]
fn markdown_escapes_titles_and_values() {
    let old = catalog("version: 1\ntopics:\n  - {id: a, title: \"Plain\"}\n");
    let new = catalog(
        "version: 1\ntopics:\n  - {id: a, title: \"*Bold* <b>x</b> [link](y)\"}\n  - {id: b, title: \"_under_ `code`\", requires: [a]}\n",
    );
    let diff = prereq::query::diff::diff(&old, &new, &[]);
    assert_eq!(
        prereq::view::diff::markdown(&diff),
        "### Curriculum changes

**Topics:** 1 added, 0 removed, 0 renamed, 1 changed

- added `b`: \\_under\\_ \\`code\\`
- changed `a`: title \"Plain\" → \"\\*Bold\\* \\<b\\>x\\</b\\> \\[link\\](y)\"

**Edges:** 1 added, 0 removed

- added: `b` requires `a`
"
    );
    let same = prereq::query::diff::diff(&old, &old, &[]);
    assert_eq!(
        prereq::view::diff::markdown(&same),
        "### Curriculum changes\n\nNo changes.\n"
    );
}
