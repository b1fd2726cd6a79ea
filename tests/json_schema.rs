//! The JSON Schema names exactly the fields the loader reads, and marks the
//! same ones required.

use prereq::input::schema::RawFile;
use serde_json::Value;

/// The fields serde expects where `yaml` has an unknown one.
fn loader_fields(yaml: &str) -> Vec<String> {
    let err = serde_saphyr::from_str::<RawFile>(yaml).unwrap_err();
    match err.without_snippet() {
        serde_saphyr::Error::SerdeUnknownField { expected, .. } => {
            let mut fields: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
            fields.sort();
            fields
        }
        other => panic!("expected an unknown field error, got {other:?}"),
    }
}

fn schema_fields(schema: &Value, pointer: &str) -> Vec<String> {
    let mut fields: Vec<String> = schema
        .pointer(pointer)
        .and_then(Value::as_object)
        .unwrap()
        .keys()
        .cloned()
        .collect();
    fields.sort();
    fields
}

#[test]
fn every_object_in_the_schema_has_the_loaders_fields() {
    let schema: Value = serde_json::from_str(&prereq::view::json_schema::schema()).unwrap();
    let topic = "version: 1\ntopics:\n  - id: a\n    title: A\n";
    let cases = [
        ("version: 1\nzzz: 1\n", "/properties"),
        (
            "version: 1\nsections:\n  - id: a\n    title: A\n    zzz: 1\n",
            "/$defs/section/properties",
        ),
        (&format!("{topic}    zzz: 1\n"), "/$defs/topic/properties"),
        (
            &format!(
                "{topic}    resources:\n      - title: t\n        url: https://a.org\n        kind: blog\n        zzz: 1\n"
            ),
            "/$defs/resource/properties",
        ),
        (
            &format!("{topic}    requires: [{{topic: a, zzz: 1}}]\n"),
            "/$defs/edge/oneOf/1/properties",
        ),
    ];
    for (yaml, pointer) in cases {
        assert_eq!(
            schema_fields(&schema, pointer),
            loader_fields(yaml),
            "{pointer}"
        );
    }
}

#[test]
fn the_schema_lists_every_resource_kind_and_the_version() {
    let schema = prereq::view::json_schema::value();
    let kinds = schema
        .pointer("/$defs/resource/properties/kind/enum")
        .unwrap();
    assert_eq!(
        kinds,
        &serde_json::json!([
            "video", "blog", "paper", "book", "course", "docs", "code", "notes", "talk", "podcast"
        ])
    );
    assert_eq!(
        schema.pointer("/properties/version/const"),
        Some(&Value::from(1))
    );
    assert_eq!(
        schema.pointer("/required"),
        Some(&serde_json::json!(["version"]))
    );
}
