//! Reading topics.json: the schema of topics.yaml written as JSON, parsed with
//! serde_json, which is several times faster than YAML for machine-made files.
//!
//! serde_json keeps no positions, so every value a diagnostic may point at is
//! first taken as raw text borrowed from the input; where that text lies gives
//! its line and column, found by one cursor moving through the file.

use serde::Deserialize;
use serde::de::value::{Error as ValueError, MapDeserializer};
use serde_json::value::RawValue;
use serde_saphyr::{Location, Spanned};

use crate::diagnostic::{Code, Diagnostic, Pos};
use crate::schema::{RawEdge, RawFile, RawResource, RawSection, RawTopic, ResourceKind};
use crate::source::SourceFile;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonFile<'a> {
    #[serde(borrow)]
    version: &'a RawValue,
    #[serde(default)]
    title: Option<String>,
    #[serde(default, borrow)]
    sections: Vec<JsonSection<'a>>,
    #[serde(default, borrow)]
    topics: Vec<JsonTopic<'a>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonSection<'a> {
    #[serde(borrow)]
    id: &'a RawValue,
    title: String,
    #[serde(default)]
    number: Option<String>,
    #[serde(default)]
    goal: Option<String>,
    #[serde(default, borrow)]
    resources: Vec<JsonResource<'a>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonTopic<'a> {
    #[serde(borrow)]
    id: &'a RawValue,
    #[serde(borrow)]
    title: &'a RawValue,
    #[serde(default, borrow)]
    section: Option<&'a RawValue>,
    #[serde(default, borrow)]
    aliases: Vec<&'a RawValue>,
    #[serde(default, borrow)]
    requires: Vec<&'a RawValue>,
    #[serde(default, borrow)]
    recommends: Vec<&'a RawValue>,
    #[serde(default, borrow)]
    hours: Option<&'a RawValue>,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default, borrow)]
    resources: Vec<JsonResource<'a>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonResource<'a> {
    title: String,
    #[serde(borrow)]
    url: &'a RawValue,
    kind: ResourceKind,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonEdge<'a> {
    #[serde(borrow)]
    topic: &'a RawValue,
    #[serde(default)]
    because: Option<String>,
}

/// Parses JSON text into the raw schema, with the position of every value a
/// diagnostic may point at.
pub fn parse_json(source: &SourceFile) -> Result<RawFile, Box<Diagnostic>> {
    let text = source.text();
    let file: JsonFile<'_> =
        serde_json::from_str(text).map_err(|err| Box::new(json_diagnostic(&err)))?;
    let mut at = Cursor::new(text);
    let mut sections = Vec::with_capacity(file.sections.len());
    for section in file.sections {
        sections.push(RawSection {
            id: at.string(section.id)?,
            title: section.title,
            number: section.number,
            goal: section.goal,
            resources: resources(&mut at, section.resources)?,
        });
    }
    let mut topics = Vec::with_capacity(file.topics.len());
    for topic in file.topics {
        let id = at.string(topic.id)?;
        let title = at.string(topic.title)?;
        let section = topic.section.map(|s| at.string(s)).transpose()?;
        let aliases = topic
            .aliases
            .into_iter()
            .map(|a| at.string(a))
            .collect::<Result<_, _>>()?;
        let requires = edges(&mut at, topic.requires)?;
        let recommends = edges(&mut at, topic.recommends)?;
        let hours = topic.hours.map(|h| at.value::<f64>(h)).transpose()?;
        topics.push(RawTopic {
            id,
            title,
            section,
            aliases,
            requires,
            recommends,
            hours,
            summary: topic.summary,
            resources: resources(&mut at, topic.resources)?,
        });
    }
    Ok(RawFile {
        version: at.value::<u64>(file.version)?,
        title: file.title,
        sections,
        topics,
    })
}

fn resources(
    at: &mut Cursor<'_>,
    raw: Vec<JsonResource<'_>>,
) -> Result<Vec<RawResource>, Box<Diagnostic>> {
    raw.into_iter()
        .map(|r| {
            Ok(RawResource {
                title: r.title,
                url: at.string(r.url)?,
                kind: r.kind,
                author: r.author,
                note: r.note,
            })
        })
        .collect()
}

fn edges(at: &mut Cursor<'_>, raw: Vec<&RawValue>) -> Result<Vec<RawEdge>, Box<Diagnostic>> {
    let mut out = Vec::with_capacity(raw.len());
    for edge in raw {
        let text = edge.get();
        let parsed = if text.starts_with('{') {
            match serde_json::from_str::<JsonEdge<'_>>(text) {
                Ok(long) => RawEdge {
                    topic: at.string(long.topic)?,
                    because: long.because,
                },
                Err(err) => return Err(at.error(edge, &err)),
            }
        } else if let Ok(number) = text.parse::<u64>() {
            // As in YAML, a bare number names the topic with that id.
            let location = at.locate(edge);
            RawEdge {
                topic: Spanned::new(number.to_string(), location, location),
                because: None,
            }
        } else {
            match at.string(edge) {
                Ok(topic) => RawEdge {
                    topic,
                    because: None,
                },
                Err(_) => {
                    let location = at.locate(edge);
                    return Err(Box::new(
                        Diagnostic::new(
                            Code::Schema,
                            format!(
                                "invalid type: `{}`, expected a topic id, or a mapping with `topic` and `because`",
                                shorten(text)
                            ),
                        )
                        .label(Pos::from(location), 1, ""),
                    ));
                }
            }
        };
        out.push(parsed);
    }
    Ok(out)
}

fn shorten(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((end, _)) => format!("{}...", &text[..end]),
        None => text.to_owned(),
    }
}

/// Finds the line and column of byte offsets into the text. Offsets come
/// almost in order, so the cursor moves a short way each time and the whole
/// file is walked about once.
struct Cursor<'t> {
    text: &'t str,
    offset: usize,
    line: u32,
    column: u32,
}

impl<'t> Cursor<'t> {
    fn new(text: &'t str) -> Self {
        Self {
            text,
            offset: 0,
            line: 1,
            column: 1,
        }
    }

    fn locate(&mut self, raw: &RawValue) -> Location {
        let start = raw.get().as_ptr() as usize;
        let base = self.text.as_ptr() as usize;
        match start.checked_sub(base).filter(|&o| o <= self.text.len()) {
            Some(offset) => {
                self.move_to(offset);
                location(self.line, self.column)
            }
            None => Location::UNKNOWN,
        }
    }

    fn move_to(&mut self, offset: usize) {
        let chars = |s: &str| u32::try_from(s.chars().count()).unwrap_or(u32::MAX);
        let newlines =
            |s: &str| u32::try_from(s.bytes().filter(|&b| b == b'\n').count()).unwrap_or(u32::MAX);
        if offset >= self.offset {
            let passed = &self.text[self.offset..offset];
            match passed.rfind('\n') {
                Some(last) => {
                    self.line = self.line.saturating_add(newlines(passed));
                    self.column = 1 + chars(&passed[last + 1..]);
                }
                None => self.column = self.column.saturating_add(chars(passed)),
            }
        } else {
            let back = &self.text[offset..self.offset];
            let lines = newlines(back);
            if lines == 0 {
                self.column = self.column.saturating_sub(chars(back)).max(1);
            } else {
                self.line = self.line.saturating_sub(lines).max(1);
                let line_start = self.text[..offset].rfind('\n').map_or(0, |i| i + 1);
                self.column = 1 + chars(&self.text[line_start..offset]);
            }
        }
        self.offset = offset;
    }

    /// A string value with its position; a JSON string without escapes is
    /// taken as it stands.
    fn string(&mut self, raw: &RawValue) -> Result<Spanned<String>, Box<Diagnostic>> {
        let text = raw.get();
        let plain = text
            .strip_prefix('"')
            .and_then(|t| t.strip_suffix('"'))
            .filter(|inner| !inner.contains('\\'));
        let value = match plain {
            Some(inner) => inner.to_owned(),
            None => serde_json::from_str::<String>(text).map_err(|err| self.error(raw, &err))?,
        };
        let location = self.locate(raw);
        Ok(Spanned::new(value, location, location))
    }

    fn value<T: for<'de> Deserialize<'de>>(
        &mut self,
        raw: &RawValue,
    ) -> Result<Spanned<T>, Box<Diagnostic>> {
        let value = serde_json::from_str::<T>(raw.get()).map_err(|err| self.error(raw, &err))?;
        let location = self.locate(raw);
        Ok(Spanned::new(value, location, location))
    }

    /// A schema error about the value `raw`, pointing at it.
    fn error(&mut self, raw: &RawValue, err: &serde_json::Error) -> Box<Diagnostic> {
        let location = self.locate(raw);
        let message = without_position(&err.to_string());
        Box::new(Diagnostic::new(Code::Schema, message).label(Pos::from(location), 1, ""))
    }
}

/// serde-saphyr's [`Location`] has no public constructor; its `Deserialize`
/// implementation is the way to make one with a given line and column.
fn location(line: u32, column: u32) -> Location {
    let fields = [("line", line), ("column", column)];
    Location::deserialize(MapDeserializer::<_, ValueError>::new(fields.into_iter()))
        .unwrap_or(Location::UNKNOWN)
}

fn json_diagnostic(err: &serde_json::Error) -> Diagnostic {
    let message = without_position(&err.to_string());
    let code = match err.classify() {
        serde_json::error::Category::Data if message.starts_with("duplicate field") => {
            Code::DuplicateKey
        }
        serde_json::error::Category::Data => Code::Schema,
        _ => Code::Syntax,
    };
    let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let pos = Pos::new(clamp(err.line()), clamp(err.column()));
    let diagnostic = Diagnostic::new(code, message);
    if pos.is_known() {
        diagnostic.label(pos, 1, "")
    } else {
        diagnostic
    }
}

// serde_json appends " at line L column C"; the renderer shows the position.
fn without_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}
