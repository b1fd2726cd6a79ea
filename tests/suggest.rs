//! "Did you mean" suggestions for names that match no topic.

use prereq::input::source::SourceFile;

const TOPICS: &str = "version: 1
topics:
  - id: cat-a
    title: Cats
    aliases: [cat-b, cat-d]
  - id: dog
    title: Dogs
    requires: [cat-a]
";

#[test]
fn equally_close_names_give_the_same_suggestion_every_time() {
    // `cat-c` is one edit from the id and both aliases. The names sit in a hash
    // map whose order differs between catalogs: the tie-break must not.
    for _ in 0..32 {
        let catalog = prereq::input::load::catalog(&SourceFile::new("t.yaml", TOPICS)).unwrap();
        assert_eq!(catalog.suggest("cat-c").as_deref(), Some("cat-a"));
    }
}

#[test]
fn an_id_is_suggested_before_an_equally_close_title() {
    let catalog = prereq::input::load::catalog(&SourceFile::new("t.yaml", TOPICS)).unwrap();
    assert_eq!(catalog.suggest("dogz").as_deref(), Some("dog"));
    assert_eq!(catalog.suggest("Dogs!").as_deref(), Some("Dogs"));
}
