//! The loader is as strict as `prereq schema`: every field of a topics file
//! is given values of every JSON type (and left out, and joined by a field
//! that does not exist), and the loader, reading the text as JSON and as
//! YAML, accepts exactly the documents a JSON Schema validator (Python's
//! jsonschema) accepts. The documents are built so that only the shape can
//! be wrong: every name they use exists, and no two names clash.

mod common;

use prereq::input::source::SourceFile;
use serde_json::{Value, json};

fn resource() -> Value {
    json!({"title": "R", "url": "https://example.com", "kind": "book", "author": "A", "note": "N"})
}

/// A valid file: a section, and two topics with every field but `section`
/// (so that the section may be taken away), the second naming the first in
/// both edge forms.
fn base() -> Value {
    json!({
        "version": 1,
        "title": "T",
        "sections": [{"id": "s", "title": "S", "number": "I", "goal": "G", "resources": [resource()]}],
        "topics": [
            {"id": "x", "title": "X", "hours": 1},
            {"id": "a", "title": "A", "aliases": ["y"], "requires": ["x"],
             "recommends": [{"topic": "x", "because": "B", "allow": ["out-of-order"]}], "hours": 2, "summary": "S",
             "allow": ["isolated-topic"],
             "resources": [resource()]}
        ]
    })
}

/// Where a value lives in [`base`], and a string that is valid there.
/// A field that names a topic or section takes no other string: the
/// loader would report the unknown name, which the schema cannot see.
const FIELDS: &[(&str, &str)] = &[
    ("/version", "1"),
    ("/title", "T"),
    ("/sections", "s"),
    ("/topics", "x"),
    ("/sections/0", "s"),
    ("/sections/0/id", "s"),
    ("/sections/0/title", "S"),
    ("/sections/0/number", "I"),
    ("/sections/0/goal", "G"),
    ("/sections/0/resources", "x"),
    ("/sections/0/resources/0", "x"),
    ("/topics/1", "x"),
    ("/topics/1/id", "a"),
    ("/topics/1/title", "A"),
    ("/topics/1/section", "s"),
    ("/topics/1/aliases", "y"),
    ("/topics/1/aliases/0", "y"),
    ("/topics/1/requires", "x"),
    ("/topics/1/requires/0", "x"),
    ("/topics/1/recommends/0", "x"),
    ("/topics/1/recommends/0/topic", "x"),
    ("/topics/1/recommends/0/because", "B"),
    ("/topics/1/recommends/0/allow", "out-of-order"),
    ("/topics/1/recommends/0/allow/0", "out-of-order"),
    ("/topics/1/allow", "isolated-topic"),
    ("/topics/1/allow/0", "isolated-topic"),
    ("/topics/1/hours", "2"),
    ("/topics/1/summary", "S"),
    ("/topics/1/resources", "x"),
    ("/topics/1/resources/0", "x"),
    ("/topics/1/resources/0/title", "R"),
    ("/topics/1/resources/0/url", "https://example.com"),
    ("/topics/1/resources/0/kind", "book"),
    ("/topics/1/resources/0/author", "A"),
    ("/topics/1/resources/0/note", "N"),
];

/// The values each field is given, with `name` a string valid there.
fn values(pointer: &str, name: &str) -> Vec<Option<Value>> {
    let names = [
        "/section",
        "/aliases",
        "/requires",
        "/recommends",
        "/topic",
        "/id",
    ];
    let names_something = names.iter().any(|n| pointer.contains(n));
    let mut values: Vec<Option<Value>> = [
        Value::Null,
        json!(true),
        json!(false),
        json!(3),
        json!(2.5),
        json!(0),
        json!(-1),
        json!(name),
        json!(if names_something { name } else { "2" }),
        json!([]),
        json!([name]),
        json!([3]),
        json!({}),
        json!({"topic": name}),
    ]
    .into_iter()
    .map(Some)
    .collect();
    values.push(None);
    values
}

/// `document` with the value at `pointer` replaced, or removed for `None`.
fn with(document: &Value, pointer: &str, value: Option<Value>) -> Value {
    let mut document = document.clone();
    let (parent, last) = pointer.rsplit_once('/').expect("a pointer");
    let parent = document.pointer_mut(parent).expect("the parent exists");
    match (parent, value) {
        (Value::Object(map), Some(value)) => {
            map.insert(last.to_owned(), value);
        }
        (Value::Object(map), None) => {
            map.remove(last);
        }
        (Value::Array(items), Some(value)) => items[last.parse::<usize>().unwrap()] = value,
        (Value::Array(items), None) => {
            items.remove(last.parse::<usize>().unwrap());
        }
        _ => unreachable!("a container"),
    }
    document
}

fn documents() -> Vec<Value> {
    let base = base();
    let mut documents = vec![base.clone()];
    for &(pointer, name) in FIELDS {
        for value in values(pointer, name) {
            documents.push(with(&base, pointer, value));
        }
    }
    for object in [
        "",
        "/sections/0",
        "/topics/1",
        "/topics/1/recommends/0",
        "/topics/1/resources/0",
    ] {
        documents.push(with(&base, &format!("{object}/extra"), Some(json!("x"))));
    }
    documents
}

#[test]
fn the_loader_accepts_exactly_what_the_schema_accepts() {
    let Some(python) = common::python_with("jsonschema") else {
        common::skip(
            "the_loader_accepts_exactly_what_the_schema_accepts",
            "Python's jsonschema is",
            "pip install jsonschema",
        );
        return;
    };
    let documents = documents();
    let mut input = serde_json::to_string(&prereq::view::json_schema::value()).unwrap();
    for document in &documents {
        input.push('\n');
        input.push_str(&serde_json::to_string(document).unwrap());
    }
    let output = common::run_python(&python, "schema_agreement.py", &input);
    let verdicts: Vec<bool> = output.lines().map(|line| line == "1").collect();
    assert_eq!(verdicts.len(), documents.len());

    let mut disagreements = Vec::new();
    for (document, schema_accepts) in documents.iter().zip(&verdicts) {
        let text = serde_json::to_string_pretty(document).unwrap();
        for name in ["t.json", "t.yaml"] {
            let (_, errors) = prereq::input::load::analyze(&SourceFile::new(name, text.as_str()));
            if errors.is_empty() != *schema_accepts {
                let first = errors.first().map_or(String::new(), |d| d.message.clone());
                disagreements.push(format!(
                    "{name}: schema {}, loader {} ({first}):\n{text}",
                    if *schema_accepts {
                        "accepts"
                    } else {
                        "refuses"
                    },
                    if errors.is_empty() {
                        "accepts"
                    } else {
                        "refuses"
                    },
                ));
            }
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n\n"));
    // Both verdicts occur, so the comparison means something.
    let accepted = verdicts.iter().filter(|&&v| v).count();
    assert!(
        accepted > 20 && accepted < documents.len() - 100,
        "{accepted}"
    );
}
