//! A topics file as a tree of values, each with its position, whatever
//! shape it has. The fast readers stop at the first value of the wrong
//! shape; a file that has one is read again into this tree, so that
//! [`crate::input::validate`] can report every problem in one run.
//!
//! YAML is read by serde-saphyr (so its values have the same types as in
//! the fast reader), with repeated keys passed through so that both places
//! of a duplicate can be shown. JSON is read by a small reader of its own,
//! run only on text that serde_json has already found well-formed.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::diagnostic::Pos;
use crate::input::schema::Located;

/// A value of the file and where it starts.
pub type Node = Located<Value>;

/// One `key: value` of a mapping, in the order written.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The key (a string, unless the file wrote another scalar).
    pub key: Node,
    /// The value.
    pub value: Node,
}

/// A value of any shape.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`, `~` or nothing.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, whole or not.
    Number(f64),
    /// A string, quoted or plain.
    Str(String),
    /// A list.
    Seq(Vec<Node>),
    /// A mapping, every entry kept (a repeated key too).
    Map(Vec<Entry>),
}

impl Value {
    /// The value's kind, as a message names it: "a number", "a list".
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "an empty value",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v as f64))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v as f64))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Value, E> {
        Ok(Value::Number(v as f64))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Value, E> {
        Ok(Value::Number(v as f64))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Number(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Value, E> {
        Ok(Value::Str(String::from_utf8_lossy(v).into_owned()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, inner: D) -> Result<Value, D::Error> {
        inner.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Node>()? {
            items.push(item);
        }
        Ok(Value::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Node>()? {
            let value = map.next_value::<Node>()?;
            entries.push(Entry { key, value });
        }
        Ok(Value::Map(entries))
    }
}

/// Reads YAML text into a tree; serde-saphyr's error where the text is
/// not well-formed (or breaks a limit).
pub fn yaml(text: &str) -> Result<Node, serde_saphyr::Error> {
    let mut options = crate::input::format::yaml_options(text.len());
    options.duplicate_keys = serde_saphyr::options::DuplicateKeyPolicy::PassThrough;
    serde_saphyr::from_str_with_options::<Node>(text, options)
}

/// Reads well-formed JSON text into a tree; `None` if it is not
/// well-formed after all.
pub fn json(text: &str) -> Option<Node> {
    let mut reader = JsonReader {
        bytes: text.as_bytes(),
        text,
        at: 0,
        line: 1,
        column: 1,
        depth: 0,
    };
    reader.space();
    let node = reader.value()?;
    reader.space();
    (reader.at == text.len()).then_some(node)
}

/// The most levels of nesting the JSON reader follows; serde_json, which
/// read the text first, stops at 128.
const MAX_DEPTH: usize = 128;

struct JsonReader<'t> {
    text: &'t str,
    bytes: &'t [u8],
    at: usize,
    line: u32,
    column: u32,
    depth: usize,
}

impl JsonReader<'_> {
    fn pos(&self) -> Pos {
        Pos::new(self.line, self.column)
    }

    /// Moves past `n` bytes that hold no line break.
    fn advance(&mut self, n: usize) {
        let end = (self.at + n).min(self.bytes.len());
        let chars = self.text.get(self.at..end).map_or(n, |s| s.chars().count());
        self.column = self
            .column
            .saturating_add(u32::try_from(chars).unwrap_or(u32::MAX));
        self.at = end;
    }

    fn space(&mut self) {
        while let Some(&b) = self.bytes.get(self.at) {
            match b {
                b'\n' => {
                    self.line = self.line.saturating_add(1);
                    self.column = 1;
                    self.at += 1;
                }
                b' ' | b'\t' | b'\r' => self.advance(1),
                _ => break,
            }
        }
    }

    fn value(&mut self) -> Option<Node> {
        let pos = self.pos();
        let value = match *self.bytes.get(self.at)? {
            b'{' => self.nested(Self::object)?,
            b'[' => self.nested(Self::array)?,
            b'"' => Value::Str(self.string()?),
            b't' => self.word("true", Value::Bool(true))?,
            b'f' => self.word("false", Value::Bool(false))?,
            b'n' => self.word("null", Value::Null)?,
            _ => self.number()?,
        };
        Some(Located { value, pos })
    }

    fn nested(&mut self, read: fn(&mut Self) -> Option<Value>) -> Option<Value> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        let value = read(self);
        self.depth -= 1;
        value
    }

    fn word(&mut self, word: &str, value: Value) -> Option<Value> {
        self.bytes[self.at..]
            .starts_with(word.as_bytes())
            .then(|| self.advance(word.len()))?;
        Some(value)
    }

    fn number(&mut self) -> Option<Value> {
        let len = self.bytes[self.at..]
            .iter()
            .take_while(|b| matches!(b, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
            .count();
        let number = self.text.get(self.at..self.at + len)?.parse::<f64>().ok()?;
        self.advance(len);
        Some(Value::Number(number))
    }

    fn string(&mut self) -> Option<String> {
        let start = self.at;
        let mut end = start + 1;
        loop {
            match *self.bytes.get(end)? {
                b'\\' => end += 2,
                b'"' => break,
                b'\n' => return None,
                _ => end += 1,
            }
        }
        let raw = self.text.get(start..=end)?;
        let value = if raw.contains('\\') {
            serde_json::from_str::<String>(raw).ok()?
        } else {
            raw[1..raw.len() - 1].to_owned()
        };
        self.advance(end + 1 - start);
        Some(value)
    }

    fn array(&mut self) -> Option<Value> {
        self.advance(1);
        let mut items = Vec::new();
        self.space();
        if self.bytes.get(self.at) == Some(&b']') {
            self.advance(1);
            return Some(Value::Seq(items));
        }
        loop {
            self.space();
            items.push(self.value()?);
            self.space();
            match *self.bytes.get(self.at)? {
                b',' => self.advance(1),
                b']' => {
                    self.advance(1);
                    return Some(Value::Seq(items));
                }
                _ => return None,
            }
        }
    }

    fn object(&mut self) -> Option<Value> {
        self.advance(1);
        let mut entries = Vec::new();
        self.space();
        if self.bytes.get(self.at) == Some(&b'}') {
            self.advance(1);
            return Some(Value::Map(entries));
        }
        loop {
            self.space();
            let pos = self.pos();
            if self.bytes.get(self.at) != Some(&b'"') {
                return None;
            }
            let key = Located {
                value: Value::Str(self.string()?),
                pos,
            };
            self.space();
            if self.bytes.get(self.at) != Some(&b':') {
                return None;
            }
            self.advance(1);
            self.space();
            let value = self.value()?;
            entries.push(Entry { key, value });
            self.space();
            match *self.bytes.get(self.at)? {
                b',' => self.advance(1),
                b'}' => {
                    self.advance(1);
                    return Some(Value::Map(entries));
                }
                _ => return None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(node: &Node) -> String {
        let at = format!("{}:{}", node.pos.line, node.pos.column);
        match &node.value {
            Value::Seq(items) => {
                let items: Vec<String> = items.iter().map(shape).collect();
                format!("[{}]@{at}", items.join(", "))
            }
            Value::Map(entries) => {
                let entries: Vec<String> = entries
                    .iter()
                    .map(|e| format!("{}: {}", shape(&e.key), shape(&e.value)))
                    .collect();
                format!("{{{}}}@{at}", entries.join(", "))
            }
            Value::Str(s) => format!("{s:?}@{at}"),
            other => format!("{other:?}@{at}"),
        }
    }

    #[test]
    fn yaml_keeps_every_key_with_its_place() {
        let text = "topics:\n  - id: a\n    title: \"x\"\n    id: 2\n  - {id: c, hours: 2.5}\n";
        assert_eq!(
            shape(&yaml(text).expect("well-formed")),
            "{\"topics\"@1:1: [{\"id\"@2:5: \"a\"@2:9, \"title\"@3:5: \"x\"@3:12, \"id\"@4:5: Number(2.0)@4:9}@2:5, \
             {\"id\"@5:6: \"c\"@5:10, \"hours\"@5:13: Number(2.5)@5:20}@5:5]@2:3}@1:1"
        );
    }

    #[test]
    fn json_keeps_every_key_with_its_place() {
        let text = "{\"topics\": [\n  {\"id\": \"a\\u00e9\", \"id\": 2, \"é\": null},\n  {\"t\": [true, -1e2]}\n]}";
        assert_eq!(
            shape(&json(text).unwrap()),
            "{\"topics\"@1:2: [{\"id\"@2:4: \"aé\"@2:10, \"id\"@2:21: Number(2.0)@2:27, \"é\"@2:30: Null@2:35}@2:3, \
             {\"t\"@3:4: [Bool(true)@3:10, Number(-100.0)@3:16]@3:9}@3:3]@1:12}@1:1"
        );
    }

    #[test]
    fn json_that_is_not_well_formed_gives_none() {
        for text in [
            "",
            "{",
            "[1,]",
            "{\"a\" 1}",
            "\"a\nb\"",
            "{} x",
            "tru",
            "[\"\\",
        ] {
            assert_eq!(json(text), None, "{text:?}");
        }
    }
}
