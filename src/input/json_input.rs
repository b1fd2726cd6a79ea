//! Reading topics.json: the schema of topics.yaml written as JSON, parsed with
//! serde_json, which is several times faster than YAML for machine-made files.
//!
//! serde_json keeps no positions, so every value a diagnostic may point at is
//! first taken as raw text borrowed from the input; where that text lies gives
//! its line and column, found by one cursor moving through the file. Topics
//! are converted as they are read, so the borrowed form of the whole file
//! never exists at once.

use std::fmt;

use compact_str::CompactString;
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use crate::diagnostic::{Code, Diagnostic, Pos};
use crate::input::handbook::Translation;
use crate::input::schema::{
    FileParts, FileSink, Located, RawEdge, RawHead, RawResource, RawSection, RawTopic,
    ResourceKind, strict, visit_file,
};
use crate::input::source::SourceFile;

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
    #[serde(default, borrow, deserialize_with = "strict::list")]
    resources: Vec<Mapping<JsonResource<'a>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonTopic<'a> {
    #[serde(borrow)]
    id: &'a RawValue,
    title: String,
    #[serde(default, borrow)]
    section: Option<&'a RawValue>,
    #[serde(default, borrow, deserialize_with = "strict::list")]
    aliases: Vec<&'a RawValue>,
    #[serde(default, borrow, deserialize_with = "strict::list")]
    requires: Vec<&'a RawValue>,
    #[serde(default, borrow, deserialize_with = "strict::list")]
    recommends: Vec<&'a RawValue>,
    #[serde(default, borrow)]
    hours: Option<&'a RawValue>,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default, borrow, deserialize_with = "strict::list")]
    resources: Vec<Mapping<JsonResource<'a>>>,
    #[serde(default, borrow, deserialize_with = "strict::list")]
    allow: Vec<&'a RawValue>,
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
    #[serde(default, borrow, deserialize_with = "strict::list")]
    allow: Vec<&'a RawValue>,
}

/// `T` read only from a JSON object. serde's derive also takes a list and
/// fills the fields by position, which a topics file never means (and the
/// YAML reader refuses).
struct Mapping<T>(T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Mapping<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectOnly<T>(std::marker::PhantomData<T>);

        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for ObjectOnly<T> {
            type Value = T;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object of named fields")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(serde::de::value::MapAccessDeserializer::new(map))
            }
        }

        deserializer
            .deserialize_map(ObjectOnly(std::marker::PhantomData))
            .map(Mapping)
    }
}

/// Parses JSON text, handing sections and topics to `sink` as they are read,
/// with the position of every value a diagnostic may point at.
pub fn parse_json_into(
    source: &SourceFile,
    sink: &mut dyn FileSink,
) -> Result<RawHead, Box<Diagnostic>> {
    parse_json_text(source.text(), sink)
}

/// Parses JSON text as [`parse_json_into`] does.
pub(crate) fn parse_json_text(
    text: &str,
    sink: &mut dyn FileSink,
) -> Result<RawHead, Box<Diagnostic>> {
    parse_text(Cursor::new(text), sink)
}

/// Reads one piece of a list of topics cut by [`crate::input::split`]: `piece`, a
/// part of `text` that starts at an item, holds whole items separated by
/// commas, and ends with a comma unless it is the `last`; `lines_before` lines
/// of the file come before it. `None` on anything else, with no diagnostic:
/// the caller then reads the whole file.
pub(crate) fn parse_piece(
    text: &str,
    piece: &str,
    lines_before: u32,
    last: bool,
    sink: &mut dyn FileSink,
) -> Option<()> {
    let start = (piece.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    let mut at = Cursor::at(text, start, lines_before.checked_add(1)?);
    let bytes = piece.as_bytes();
    let mut pos = 0;
    loop {
        let mut items =
            serde_json::Deserializer::from_str(&piece[pos..]).into_iter::<Mapping<JsonTopic<'_>>>();
        let Mapping(topic) = items.next()?.ok()?;
        pos += items.byte_offset();
        sink.topic(topic_of(&mut at, topic).ok()?);
        pos = skip_space(bytes, pos);
        if pos == bytes.len() {
            return last.then_some(());
        }
        if bytes[pos] != b',' {
            return None;
        }
        pos = skip_space(bytes, pos + 1);
        if pos == bytes.len() {
            // The comma before the next piece; the list's last item takes none.
            return (!last).then_some(());
        }
    }
}

/// Whether `byte` is JSON white space.
pub(crate) fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r')
}

/// The first offset from `at` on that is not JSON white space.
pub(crate) fn skip_space(bytes: &[u8], at: usize) -> usize {
    at + bytes
        .get(at..)
        .unwrap_or_default()
        .iter()
        .take_while(|&&b| is_space(b))
        .count()
}

/// Parses a JSON translation of another file (see [`crate::input::handbook`]); the
/// positions given are those of the values in the other file.
pub fn parse_translated(
    translation: Translation,
    sink: &mut dyn FileSink,
) -> Result<RawHead, Box<Diagnostic>> {
    let mut at = Cursor::new(translation.json);
    at.translated = translation.positions;
    parse_text(at, sink)
}

fn parse_text(at: Cursor<'_>, sink: &mut dyn FileSink) -> Result<RawHead, Box<Diagnostic>> {
    let text = at.text;
    let mut reader = Reader {
        at,
        failure: None,
        sink,
    };
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let parsed = deserializer
        .deserialize_map(FileVisitor(&mut reader))
        .and_then(|file| deserializer.end().map(|()| file));
    parsed.map_err(|err| {
        reader
            .failure
            .take()
            .unwrap_or_else(|| Box::new(json_diagnostic(&err)))
    })
}

/// The conversion state shared by the visitors: the position cursor, and the
/// diagnostic that stopped the parse, if one did.
struct Reader<'t, 's> {
    at: Cursor<'t>,
    failure: Option<Box<Diagnostic>>,
    sink: &'s mut dyn FileSink,
}

impl Reader<'_, '_> {
    /// Keeps `diagnostic` and returns an error that stops serde_json.
    fn fail<E: de::Error>(&mut self, diagnostic: Box<Diagnostic>) -> E {
        self.failure = Some(diagnostic);
        E::custom("invalid value")
    }
}

/// The top-level mapping. Topics are converted one by one as serde_json
/// reads them, so the borrowed form of the whole list never exists at once.
struct FileVisitor<'r, 't, 's>(&'r mut Reader<'t, 's>);

impl<'de> Visitor<'de> for FileVisitor<'_, '_, '_> {
    type Value = RawHead;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a topics file: a mapping of `version`, `sections` and `topics`")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawHead, A::Error> {
        let reader = self.0;
        let (version, title) = visit_file(map, &mut JsonParts(&mut *reader))?;
        let version = reader
            .at
            .value::<u64>(version)
            .map_err(|d| reader.fail(d))?;
        Ok(RawHead { version, title })
    }
}

/// The top-level values as JSON gives them: raw text, located afterwards.
struct JsonParts<'r, 't, 's>(&'r mut Reader<'t, 's>);

impl<'de> FileParts<'de> for JsonParts<'_, '_, '_> {
    type Version = &'de RawValue;

    fn version<A: MapAccess<'de>>(&mut self, map: &mut A) -> Result<&'de RawValue, A::Error> {
        map.next_value()
    }

    fn sections<A: MapAccess<'de>>(&mut self, map: &mut A) -> Result<(), A::Error> {
        let reader = &mut *self.0;
        let raw: Vec<Mapping<JsonSection<'de>>> =
            map.next_value::<Option<_>>()?.unwrap_or_default();
        let mut converted = Vec::with_capacity(raw.len());
        for Mapping(section) in raw {
            converted.push(section_of(&mut reader.at, section).map_err(|d| reader.fail(d))?);
        }
        reader.sink.sections(converted);
        Ok(())
    }

    fn topics<A: MapAccess<'de>>(&mut self, map: &mut A) -> Result<(), A::Error> {
        map.next_value_seed(TopicsSeed(&mut *self.0))
    }
}

struct TopicsSeed<'r, 't, 's>(&'r mut Reader<'t, 's>);

impl<'de> DeserializeSeed<'de> for TopicsSeed<'_, '_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de> Visitor<'de> for TopicsSeed<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of topics")
    }

    // An empty `topics:` is an empty list.
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let reader = self.0;
        while let Some(Mapping(topic)) = seq.next_element::<Mapping<JsonTopic<'de>>>()? {
            let topic = topic_of(&mut reader.at, topic).map_err(|d| reader.fail(d))?;
            reader.sink.topic(topic);
        }
        Ok(())
    }
}

fn section_of(
    at: &mut Cursor<'_>,
    section: JsonSection<'_>,
) -> Result<RawSection, Box<Diagnostic>> {
    Ok(RawSection {
        id: at.string(section.id)?,
        title: section.title,
        number: section.number,
        goal: section.goal,
        resources: resources(at, section.resources)?,
    })
}

fn topic_of(at: &mut Cursor<'_>, topic: JsonTopic<'_>) -> Result<RawTopic, Box<Diagnostic>> {
    let JsonTopic {
        id,
        title,
        section,
        mut aliases,
        mut requires,
        mut recommends,
        hours,
        summary,
        resources: mut raw_resources,
        mut allow,
    } = topic;
    // The fields are located in the order the file writes them, whatever
    // that is, so the cursor only ever moves forward.
    let first = |value: Option<&RawValue>| value.map_or(usize::MAX, |v| v.get().as_ptr() as usize);
    let starts = [
        first(Some(id)),
        first(section),
        first(aliases.first().copied()),
        first(requires.first().copied()),
        first(recommends.first().copied()),
        first(hours),
        first(raw_resources.first().map(|r| r.0.url)),
        first(allow.first().copied()),
    ];
    let mut order = [0, 1, 2, 3, 4, 5, 6, 7];
    order.sort_unstable_by_key(|&field| starts[field]);
    let mut located = RawTopic {
        id: Located {
            value: String::new(),
            pos: Pos::default(),
        },
        title,
        section: None,
        aliases: Vec::new(),
        requires: Vec::new(),
        recommends: Vec::new(),
        hours: None,
        summary,
        resources: Vec::new(),
        allow: Vec::new(),
    };
    for field in order {
        match field {
            0 => located.id = at.string(id)?,
            1 => located.section = section.map(|s| at.string(s)).transpose()?,
            2 => {
                located.aliases = std::mem::take(&mut aliases)
                    .into_iter()
                    .map(|a| at.string(a))
                    .collect::<Result<_, _>>()?;
            }
            3 => located.requires = edges(at, std::mem::take(&mut requires))?,
            4 => located.recommends = edges(at, std::mem::take(&mut recommends))?,
            5 => located.hours = hours.map(|h| at.hours(h)).transpose()?,
            6 => located.resources = resources(at, std::mem::take(&mut raw_resources))?,
            _ => {
                located.allow = std::mem::take(&mut allow)
                    .into_iter()
                    .map(|a| at.string(a))
                    .collect::<Result<_, _>>()?;
            }
        }
    }
    Ok(located)
}

fn resources(
    at: &mut Cursor<'_>,
    raw: Vec<Mapping<JsonResource<'_>>>,
) -> Result<Vec<RawResource>, Box<Diagnostic>> {
    raw.into_iter()
        .map(|Mapping(r)| {
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
            match serde_json::from_str::<Mapping<JsonEdge<'_>>>(text).map(|Mapping(edge)| edge) {
                Ok(long) => RawEdge {
                    topic: at.name(long.topic)?,
                    because: long.because,
                    allow: long
                        .allow
                        .into_iter()
                        .map(|a| at.string(a))
                        .collect::<Result<_, _>>()?,
                },
                Err(err) => return Err(at.error(edge, &err)),
            }
        } else {
            match at.name(edge) {
                Ok(topic) => RawEdge {
                    topic,
                    because: None,
                    allow: Vec::new(),
                },
                Err(_) => {
                    let pos = at.locate(edge);
                    return Err(Box::new(
                        Diagnostic::new(
                            Code::Schema,
                            format!(
                                "invalid type: `{}`, expected a topic id, or a mapping with `topic` and `because`",
                                shorten(text)
                            ),
                        )
                        .label(pos, 1, ""),
                    ));
                }
            }
        };
        out.push(parsed);
    }
    Ok(out)
}

/// Moves a line and column past `byte`.
fn step(line: &mut u32, column: &mut u32, byte: u8) {
    if byte == b'\n' {
        *line = line.saturating_add(1);
        *column = 1;
    } else if !is_continuation(byte) {
        *column = column.saturating_add(1);
    }
}

/// Whether eight bytes are all ASCII and none is a line feed.
fn plain_ascii(word: u64) -> bool {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    const FEEDS: u64 = u64::from_le_bytes([b'\n'; 8]);
    // A byte of `feeds` is zero where `word` has a line feed; for ASCII
    // bytes the classic test for a zero byte has no false positives.
    let feeds = word ^ FEEDS;
    word & HIGH == 0 && feeds.wrapping_sub(ONES) & !feeds & HIGH == 0
}

/// Whether `byte` continues a UTF-8 character rather than starting one.
fn is_continuation(byte: u8) -> bool {
    byte & 0xC0 == 0x80
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
    /// For a translation: (offset, line, column) in the original of every value.
    translated: &'t [(u32, u32, u32)],
}

impl<'t> Cursor<'t> {
    fn new(text: &'t str) -> Self {
        Self::at(text, 0, 1)
    }

    /// A cursor at `offset`, the start of line `line`.
    fn at(text: &'t str, offset: usize, line: u32) -> Self {
        let line_start = memchr::memrchr(b'\n', &text.as_bytes()[..offset]).map_or(0, |i| i + 1);
        let before = text[line_start..offset].chars().count();
        Self {
            text,
            offset,
            line,
            column: u32::try_from(before + 1).unwrap_or(u32::MAX),
            translated: &[],
        }
    }

    fn locate(&mut self, raw: &RawValue) -> Pos {
        let start = raw.get().as_ptr() as usize;
        let base = self.text.as_ptr() as usize;
        match start.checked_sub(base).filter(|&o| o <= self.text.len()) {
            Some(offset) if !self.translated.is_empty() => {
                let found = self
                    .translated
                    .binary_search_by_key(&offset, |&(at, _, _)| at as usize);
                found.map_or_else(
                    |_| Pos::default(),
                    |i| Pos::new(self.translated[i].1, self.translated[i].2),
                )
            }
            Some(offset) => {
                self.move_to(offset);
                Pos::new(self.line, self.column)
            }
            None => Pos::default(),
        }
    }

    fn move_to(&mut self, offset: usize) {
        let bytes = self.text.as_bytes();
        if offset >= self.offset {
            // Values are a line or two apart: one pass over the bytes between
            // them, counting line breaks and the characters after the last.
            // Eight bytes at a time where they hold neither a line break nor
            // a byte of a multi-byte character, as most do.
            let mut line = self.line;
            let mut column = self.column;
            let mut words = bytes[self.offset..offset].chunks_exact(8);
            for word in &mut words {
                let mut eight = [0; 8];
                eight.copy_from_slice(word);
                if plain_ascii(u64::from_le_bytes(eight)) {
                    column = column.saturating_add(8);
                } else {
                    word.iter().for_each(|&b| step(&mut line, &mut column, b));
                }
            }
            let rest = words.remainder();
            rest.iter().for_each(|&b| step(&mut line, &mut column, b));
            self.line = line;
            self.column = column;
        } else {
            let back = &bytes[offset..self.offset];
            let lines = u32::try_from(memchr::memchr_iter(b'\n', back).count()).unwrap_or(u32::MAX);
            let chars = |b: &[u8]| {
                u32::try_from(b.iter().filter(|&&b| !is_continuation(b)).count())
                    .unwrap_or(u32::MAX)
            };
            if lines == 0 {
                self.column = self.column.saturating_sub(chars(back)).max(1);
            } else {
                self.line = self.line.saturating_sub(lines).max(1);
                let line_start = memchr::memrchr(b'\n', &bytes[..offset]).map_or(0, |i| i + 1);
                self.column = 1u32.saturating_add(chars(&bytes[line_start..offset]));
            }
        }
        self.offset = offset;
    }

    /// A string value with its position; a JSON string without escapes is
    /// taken as it stands.
    fn string(&mut self, raw: &RawValue) -> Result<Located<String>, Box<Diagnostic>> {
        self.text_as(raw, str::to_owned)
    }

    /// [`Cursor::string`] for a topic named by an edge: a short one is kept
    /// without an allocation.
    fn name(&mut self, raw: &RawValue) -> Result<Located<CompactString>, Box<Diagnostic>> {
        self.text_as(raw, |text| CompactString::from(text))
    }

    fn text_as<T: From<String>>(
        &mut self,
        raw: &RawValue,
        plain_text: impl FnOnce(&str) -> T,
    ) -> Result<Located<T>, Box<Diagnostic>> {
        let text = raw.get();
        let plain = text
            .strip_prefix('"')
            .and_then(|t| t.strip_suffix('"'))
            .filter(|inner| !inner.contains('\\'));
        let value = match plain {
            Some(inner) => plain_text(inner),
            None => serde_json::from_str::<String>(text)
                .map_err(|err| self.error(raw, &err))?
                .into(),
        };
        Ok(Located {
            value,
            pos: self.locate(raw),
        })
    }

    /// A number of hours: a whole number of up to 15 digits, as generated
    /// files write it, is read directly (exactly, as serde_json reads it);
    /// anything else goes through serde_json.
    fn hours(&mut self, raw: &RawValue) -> Result<Located<f64>, Box<Diagnostic>> {
        let text = raw.get();
        let whole = (1..=15).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit());
        match whole.then(|| text.parse::<u64>()) {
            Some(Ok(whole)) => Ok(Located {
                value: whole as f64,
                pos: self.locate(raw),
            }),
            _ => self.value(raw),
        }
    }

    fn value<T: for<'de> Deserialize<'de>>(
        &mut self,
        raw: &RawValue,
    ) -> Result<Located<T>, Box<Diagnostic>> {
        let value = serde_json::from_str::<T>(raw.get()).map_err(|err| self.error(raw, &err))?;
        Ok(Located {
            value,
            pos: self.locate(raw),
        })
    }

    /// A schema error about the value `raw`, pointing at it.
    fn error(&mut self, raw: &RawValue, err: &serde_json::Error) -> Box<Diagnostic> {
        let pos = self.locate(raw);
        let message = without_position(&err.to_string());
        Box::new(Diagnostic::new(Code::Schema, message).label(pos, 1, ""))
    }
}

/// The diagnostic for an error of serde_json's, at its place.
pub(crate) fn json_diagnostic(err: &serde_json::Error) -> Diagnostic {
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
