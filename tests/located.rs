//! `Located` takes positions from serde-saphyr, and from any other
//! deserializer reads the plain value with an unknown position.

use prereq::diagnostic::Pos;
use prereq::input::schema::RawFile;

#[test]
fn another_deserializer_gives_values_without_positions() {
    let json = r#"{"version": 1, "topics": [{"id": "b", "title": "B", "hours": -1,
        "requires": [{"topic": "a", "because": "x"}, "a"]}]}"#;
    let raw: RawFile = serde_json::from_str(json).expect("serde_json reads the schema");
    let topic = &raw.topics[0];
    assert_eq!(topic.id.value, "b");
    assert_eq!(topic.hours.as_ref().map(|h| h.value), Some(-1.0));
    let edges: Vec<(&str, Option<&str>, Pos)> = topic
        .requires
        .iter()
        .map(|e| (e.topic.value.as_str(), e.because.as_deref(), e.topic.pos))
        .collect();
    assert_eq!(
        edges,
        [
            ("a", Some("x"), Pos::default()),
            ("a", None, Pos::default()),
        ]
    );
    assert_eq!(raw.version.pos, Pos::default());
}

#[test]
fn serde_saphyr_gives_the_use_site() {
    let yaml =
        "version: 1\ntopics:\n  - id: b\n    title: B\n    requires: [a, {topic: c, because: x}]\n";
    let raw: RawFile = serde_saphyr::from_str(yaml).expect("the YAML parses");
    let topic = &raw.topics[0];
    assert_eq!(topic.id.pos, Pos::new(3, 9));
    let positions: Vec<Pos> = topic.requires.iter().map(|e| e.topic.pos).collect();
    assert_eq!(positions, [Pos::new(5, 16), Pos::new(5, 27)]);
}
