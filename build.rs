//! Translates the built-in handbook (topics.yaml) into JSON once, at build
//! time, with the YAML line and column of every value. Parsing 95 kB of YAML
//! costs several milliseconds on every run; the JSON costs a tenth of one,
//! and diagnostics still point into topics.yaml (see `prereq::input::handbook`).
//!
//! The translation knows nothing of the schema beyond which keys hold
//! numbers; the library checks it against the YAML reading in its tests, and
//! falls back to the YAML if the JSON is ever refused.

use std::fmt::{self, Write as _};
use std::path::PathBuf;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

/// A YAML node: scalars keep their text, as a string field would read it.
enum Node {
    Null,
    Scalar(String),
    Seq(Vec<Spanned<Node>>),
    Map(Vec<(String, Spanned<Node>)>),
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NodeVisitor;

        impl<'de> Visitor<'de> for NodeVisitor {
            type Value = Node;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any YAML node")
            }

            fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }

            fn visit_none<E: de::Error>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }

            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Node, E> {
                Ok(Node::Scalar(v.to_string()))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Node, E> {
                Ok(Node::Scalar(v.to_string()))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
                Ok(Node::Scalar(v.to_string()))
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node, E> {
                Ok(Node::Scalar(v.to_string()))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
                Ok(Node::Scalar(v.to_owned()))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Node::Seq(items))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Node::Map(entries))
            }
        }

        deserializer.deserialize_any(NodeVisitor)
    }
}

/// The keys whose values the schema reads as numbers; every other scalar is
/// written as a JSON string, as a YAML reader would give it to a string field.
const NUMBER_KEYS: &[&str] = &["version", "hours"];

struct Translation {
    json: String,
    /// (byte offset in `json`, YAML line, YAML column) of every value, in order.
    positions: Vec<(usize, u64, u64)>,
}

impl Translation {
    fn node(&mut self, node: &Spanned<Node>, key: Option<&str>) {
        self.positions.push((
            self.json.len(),
            node.referenced.line(),
            node.referenced.column(),
        ));
        match &node.value {
            Node::Null => self.json.push_str("null"),
            Node::Scalar(text) => match key {
                Some(key) if NUMBER_KEYS.contains(&key) && text.parse::<f64>().is_ok() => {
                    self.json.push_str(text)
                }
                _ => self.string(text),
            },
            Node::Seq(items) => {
                self.json.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.json.push(',');
                    }
                    self.node(item, None);
                }
                self.json.push(']');
            }
            Node::Map(entries) => {
                self.json.push('{');
                for (i, (key, value)) in entries.iter().enumerate() {
                    if i > 0 {
                        self.json.push(',');
                    }
                    self.string(key);
                    self.json.push(':');
                    self.node(value, Some(key));
                }
                self.json.push('}');
            }
        }
    }

    fn string(&mut self, text: &str) {
        self.json
            .push_str(&serde_json::to_string(text).expect("a string is JSON"));
    }
}

fn main() {
    println!("cargo::rerun-if-changed=topics.yaml");
    println!("cargo::rerun-if-changed=build.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let yaml = std::fs::read_to_string("topics.yaml").expect("topics.yaml is readable");

    // A handbook that does not parse gets no translation: the library then
    // reads the YAML and reports the problem with its usual diagnostics.
    let mut translation = Translation {
        json: String::new(),
        positions: Vec::new(),
    };
    if let Ok(root) = serde_saphyr::from_str::<Spanned<Node>>(&yaml) {
        translation.node(&root, None);
    }
    let mut table = String::from("&[\n");
    for (offset, line, column) in &translation.positions {
        let _ = writeln!(table, "    ({offset}, {line}, {column}),");
    }
    table.push(']');
    std::fs::write(out.join("handbook.json"), &translation.json).expect("OUT_DIR is writable");
    std::fs::write(out.join("handbook_positions.rs"), table).expect("OUT_DIR is writable");
}
