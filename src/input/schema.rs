//! The serde mirror of a topics file, exactly as written: every value that a
//! diagnostic may point at keeps its source position.

use std::fmt;

use compact_str::CompactString;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::diagnostic::Pos;

/// A value and where it is written. serde-saphyr's `Spanned` keeps two full
/// locations (about a hundred bytes); a file of a million topics holds
/// millions of these, so only the line and column are kept.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Where it is written (line 0 when unknown).
    pub pos: Pos,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Located<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // serde-saphyr offers a value's position as `Spanned<T>`, a newtype it
        // fills from a map of a marker, the value, where it is used and where
        // it is defined. A large file holds millions of positioned values, so
        // this reads the same map but takes only the use site, and without
        // the allocation `Spanned` makes for its marker key. Any other
        // deserializer gives the value with no position, as `Spanned` does.
        deserializer.deserialize_newtype_struct(SPANNED, LocatedVisitor(std::marker::PhantomData))
    }
}

/// The newtype name serde-saphyr answers with a value's positions.
const SPANNED: &str = "__yaml_spanned";

/// The first key of the map serde-saphyr makes for `Spanned`.
const SPANNED_MARKER: &str = "__serde_saphyr_private_spanned";

struct LocatedVisitor<T>(std::marker::PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for LocatedVisitor<T> {
    type Value = Located<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value")
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, inner: D) -> Result<Located<T>, D::Error> {
        inner.deserialize_any(self)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Located<T>, A::Error> {
        match map.next_key::<SpannedKey>()? {
            Some(SpannedKey::Marker) => {}
            // A plain mapping from another deserializer is the value itself.
            Some(SpannedKey::Other(first)) => {
                let rest = PrependKey {
                    first: Some(first),
                    map,
                };
                return unplaced(T::deserialize(de::value::MapAccessDeserializer::new(rest)));
            }
            _ => return unplaced(T::deserialize(de::value::MapAccessDeserializer::new(map))),
        }
        map.next_value::<de::IgnoredAny>()?;
        let mut value = None;
        let mut pos = None;
        while let Some(key) = map.next_key::<SpannedKey>()? {
            match key {
                SpannedKey::Value => value = Some(map.next_value::<T>()?),
                SpannedKey::Referenced => {
                    pos = Some(Pos::from(map.next_value::<serde_saphyr::Location>()?));
                }
                // The definition site comes last and is not needed: the map
                // is left there, which the YAML deserializer allows.
                SpannedKey::Defined if value.is_some() && pos.is_some() => break,
                SpannedKey::Defined => {
                    map.next_value::<serde_saphyr::Location>()?;
                }
                SpannedKey::Marker | SpannedKey::Other(_) => {
                    map.next_value::<de::IgnoredAny>()?;
                }
            }
        }
        let value = value.ok_or_else(|| de::Error::missing_field("value"))?;
        Ok(Located {
            value,
            pos: pos.unwrap_or_default(),
        })
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Located<T>, E> {
        unplaced(T::deserialize(de::value::StrDeserializer::new(v)))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Located<T>, E> {
        unplaced(T::deserialize(de::value::StringDeserializer::new(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Located<T>, E> {
        unplaced(T::deserialize(de::value::U64Deserializer::new(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Located<T>, E> {
        unplaced(T::deserialize(de::value::I64Deserializer::new(v)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Located<T>, E> {
        unplaced(T::deserialize(de::value::F64Deserializer::new(v)))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Located<T>, E> {
        unplaced(T::deserialize(de::value::BoolDeserializer::new(v)))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Located<T>, E> {
        unplaced(T::deserialize(de::value::UnitDeserializer::new()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Located<T>, A::Error> {
        unplaced(T::deserialize(de::value::SeqAccessDeserializer::new(seq)))
    }
}

fn unplaced<T, E>(value: Result<T, E>) -> Result<Located<T>, E> {
    value.map(|value| Located {
        value,
        pos: Pos::default(),
    })
}

/// A key of serde-saphyr's `Spanned` map; any other key is kept, for a
/// plain mapping that turns out to be the value itself.
enum SpannedKey {
    Marker,
    Value,
    Referenced,
    Defined,
    Other(String),
}

impl<'de> Deserialize<'de> for SpannedKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;

        impl Visitor<'_> for KeyVisitor {
            type Value = SpannedKey;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }

            fn visit_str<E: de::Error>(self, key: &str) -> Result<SpannedKey, E> {
                Ok(match key {
                    SPANNED_MARKER => SpannedKey::Marker,
                    "value" => SpannedKey::Value,
                    "referenced" => SpannedKey::Referenced,
                    "defined" => SpannedKey::Defined,
                    other => SpannedKey::Other(other.to_owned()),
                })
            }
        }

        deserializer.deserialize_identifier(KeyVisitor)
    }
}

/// A map with its first key already read.
struct PrependKey<A> {
    first: Option<String>,
    map: A,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for PrependKey<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        match self.first.take() {
            Some(key) => seed
                .deserialize(de::value::StringDeserializer::new(key))
                .map(Some),
            None => self.map.next_key_seed(seed),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }
}

/// A whole topics file as parsed, before validation.
#[derive(Debug)]
pub struct RawFile {
    /// Format version; only `1` exists.
    pub version: Located<u64>,
    /// The curriculum's name.
    pub title: Option<String>,
    /// Sections in reading order.
    pub sections: Vec<RawSection>,
    /// Topics in reading order.
    pub topics: Vec<RawTopic>,
}

/// The parts of a file that are not streamed to a [`FileSink`].
#[derive(Debug)]
pub struct RawHead {
    /// Format version; only `1` exists.
    pub version: Located<u64>,
    /// The curriculum's name.
    pub title: Option<String>,
}

/// Receives a file's sections and topics as a parser reads them, so a list
/// of a million topics is validated as it goes and never held whole.
pub trait FileSink {
    /// About how many topics are coming, before any is read; a hint for
    /// reserving room, which may be wrong either way.
    fn expect(&mut self, _topics: usize) {}
    /// The file's sections, as soon as they are read.
    fn sections(&mut self, sections: Vec<RawSection>);
    /// One topic, in reading order.
    fn topic(&mut self, topic: RawTopic);
}

/// A [`FileSink`] whose work on a topic comes in two steps: one that needs
/// nothing else from the file but its sections, which the threads reading
/// a large file do as they read, and one in reading order, on whichever of
/// those threads holds the sink at the time: hence `Send`.
/// [`FileSink::topic`] must do the same as the two steps together.
pub trait StagedSink: FileSink {
    /// What the first step makes of a topic.
    type Checked: Send;
    /// What the first step needs, shared by the threads.
    type Checks: Sync;
    /// The first step's needs; asked for after [`FileSink::sections`].
    fn checks(&self) -> Self::Checks;
    /// The first step, on any thread.
    fn check(checks: &Self::Checks, topic: RawTopic) -> Self::Checked;
    /// The second step, in reading order.
    fn checked(&mut self, topic: Self::Checked);
}

/// Any sink that may move between threads, in one step: the threads hand
/// each topic on as it was read.
impl StagedSink for dyn FileSink + Send + '_ {
    type Checked = RawTopic;
    type Checks = ();

    fn checks(&self) {}

    fn check((): &(), topic: RawTopic) -> RawTopic {
        topic
    }

    fn checked(&mut self, topic: RawTopic) {
        self.topic(topic);
    }
}

/// A sink that keeps everything, for [`RawFile`].
#[derive(Default)]
pub(crate) struct Collect {
    pub(crate) sections: Vec<RawSection>,
    pub(crate) topics: Vec<RawTopic>,
}

impl FileSink for Collect {
    fn sections(&mut self, sections: Vec<RawSection>) {
        self.sections = sections;
    }

    fn topic(&mut self, topic: RawTopic) {
        self.topics.push(topic);
    }
}

impl RawFile {
    /// Reads a whole file through `read`, which streams into a sink.
    pub fn collect<E>(
        read: impl FnOnce(&mut (dyn FileSink + Send)) -> Result<RawHead, E>,
    ) -> Result<Self, E> {
        let mut parts = Collect::default();
        let head = read(&mut parts)?;
        Ok(RawFile {
            version: head.version,
            title: head.title,
            sections: parts.sections,
            topics: parts.topics,
        })
    }
}

impl RawFile {
    /// Hands the sections and topics to `sink`, as a parser would.
    pub fn feed<S: FileSink + ?Sized>(self, sink: &mut S) -> RawHead {
        sink.sections(self.sections);
        for topic in self.topics {
            sink.topic(topic);
        }
        RawHead {
            version: self.version,
            title: self.title,
        }
    }
}

impl<'de> Deserialize<'de> for RawFile {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        RawFile::collect(|sink| FileSeed(sink).deserialize(deserializer))
    }
}

/// The keys of the top-level mapping.
pub const FILE_FIELDS: &[&str] = &["version", "title", "sections", "topics"];

/// Deserializes a topics file, handing sections and topics to a sink as
/// they are read.
pub struct FileSeed<'s>(pub &'s mut dyn FileSink);

impl<'de> DeserializeSeed<'de> for FileSeed<'_> {
    type Value = RawHead;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<RawHead, D::Error> {
        deserializer.deserialize_struct("RawFile", FILE_FIELDS, self)
    }
}

impl<'de> Visitor<'de> for FileSeed<'_> {
    type Value = RawHead;

    // The name serde's derive would give, which messages translate.
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("struct RawFile")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawHead, A::Error> {
        let (version, title) = visit_file(map, &mut YamlParts(self.0))?;
        Ok(RawHead { version, title })
    }
}

/// How one input format reads the values of the top-level keys; the keys
/// themselves are walked by [`visit_file`] for every format alike.
pub(crate) trait FileParts<'de> {
    /// The version as read, before it is checked.
    type Version;
    /// Reads the value of `version`.
    fn version<A: MapAccess<'de>>(&mut self, map: &mut A) -> Result<Self::Version, A::Error>;
    /// Reads the value of `sections` and hands it on.
    fn sections<A: MapAccess<'de>>(&mut self, map: &mut A) -> Result<(), A::Error>;
    /// Reads the value of `topics`, handing on each topic.
    fn topics<A: MapAccess<'de>>(&mut self, map: &mut A) -> Result<(), A::Error>;
}

/// Walks the top-level mapping: each key at most once, no unknown keys,
/// `version` required. Returns the version and the title.
pub(crate) fn visit_file<'de, A: MapAccess<'de>, P: FileParts<'de>>(
    mut map: A,
    parts: &mut P,
) -> Result<(P::Version, Option<String>), A::Error> {
    let mut version = None;
    let mut title = None;
    let mut sections = false;
    let mut topics = false;
    while let Some(key) = map.next_key::<String>()? {
        match key.as_str() {
            "version" if version.is_some() => return Err(de::Error::duplicate_field("version")),
            "version" => version = Some(parts.version(&mut map)?),
            "title" if title.is_some() => return Err(de::Error::duplicate_field("title")),
            "title" => title = Some(map.next_value::<Option<strict::Text>>()?.map(|t| t.0)),
            "sections" if sections => return Err(de::Error::duplicate_field("sections")),
            "sections" => {
                sections = true;
                parts.sections(&mut map)?;
            }
            "topics" if topics => return Err(de::Error::duplicate_field("topics")),
            "topics" => {
                topics = true;
                parts.topics(&mut map)?;
            }
            other => return Err(de::Error::unknown_field(other, FILE_FIELDS)),
        }
    }
    let version = version.ok_or_else(|| de::Error::missing_field("version"))?;
    Ok((version, title.flatten()))
}

/// The top-level values as YAML gives them: positions come with each value.
struct YamlParts<'s>(&'s mut dyn FileSink);

impl<'de> FileParts<'de> for YamlParts<'_> {
    type Version = Located<u64>;

    fn version<A: MapAccess<'de>>(&mut self, map: &mut A) -> Result<Located<u64>, A::Error> {
        let version = map.next_value::<Located<strict::Whole>>()?;
        Ok(Located {
            value: version.value.0,
            pos: version.pos,
        })
    }

    fn sections<A: MapAccess<'de>>(&mut self, map: &mut A) -> Result<(), A::Error> {
        self.0.sections(
            map.next_value::<Option<Vec<RawSection>>>()?
                .unwrap_or_default(),
        );
        Ok(())
    }

    fn topics<A: MapAccess<'de>>(&mut self, map: &mut A) -> Result<(), A::Error> {
        map.next_value_seed(TopicsSeed(&mut *self.0))
    }
}

/// The list of topics, each handed to the sink once read.
pub(crate) struct TopicsSeed<'s>(pub(crate) &'s mut dyn FileSink);

impl<'de> DeserializeSeed<'de> for TopicsSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de> Visitor<'de> for TopicsSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a sequence")
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
        while let Some(topic) = seq.next_element::<RawTopic>()? {
            self.0.topic(topic);
        }
        Ok(())
    }
}

/// A section as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    /// Kebab-case id that topics name in `section`.
    #[serde(deserialize_with = "strict::located_text")]
    pub id: Located<String>,
    /// Display title.
    #[serde(deserialize_with = "strict::text")]
    pub title: String,
    /// Optional number, such as `II`.
    #[serde(default, deserialize_with = "strict::optional_text")]
    pub number: Option<String>,
    /// One line on what the section is for.
    #[serde(default, deserialize_with = "strict::optional_text")]
    pub goal: Option<String>,
    /// Resources that cover the section as a whole.
    #[serde(default, deserialize_with = "strict::list")]
    pub resources: Vec<RawResource>,
}

/// A topic as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTopic {
    /// Kebab-case id, unique across ids and aliases.
    #[serde(deserialize_with = "strict::located_text")]
    pub id: Located<String>,
    /// Display title.
    #[serde(deserialize_with = "strict::text")]
    pub title: String,
    /// The id of the section the topic belongs to.
    #[serde(default, deserialize_with = "strict::optional_located_text")]
    pub section: Option<Located<String>>,
    /// Other names a learner may type.
    #[serde(default, deserialize_with = "strict::located_texts")]
    pub aliases: Vec<Located<String>>,
    /// Hard prerequisites.
    #[serde(default, deserialize_with = "strict::list")]
    pub requires: Vec<RawEdge>,
    /// Soft prerequisites: worth knowing first, not needed.
    #[serde(default, deserialize_with = "strict::list")]
    pub recommends: Vec<RawEdge>,
    /// Estimated hours of study.
    #[serde(default, deserialize_with = "strict::optional_located_number")]
    pub hours: Option<Located<f64>>,
    /// One or two sentences on what the topic is.
    #[serde(default, deserialize_with = "strict::optional_text")]
    pub summary: Option<String>,
    /// Where to learn it.
    #[serde(default, deserialize_with = "strict::list")]
    pub resources: Vec<RawResource>,
    /// Warning rules silenced for this topic alone.
    #[serde(default, deserialize_with = "strict::located_texts")]
    pub allow: Vec<Located<String>>,
}

impl RawTopic {
    /// Moves every position `lines` lines down: for a topic read from a piece
    /// of a file whose first line is not the file's first.
    pub(crate) fn shift_lines(&mut self, lines: u32) {
        let edges = self.requires.iter_mut().chain(&mut self.recommends);
        let (edges, edge_allows): (Vec<_>, Vec<_>) = edges
            .map(|e| (&mut e.topic.pos, e.allow.iter_mut().map(|a| &mut a.pos)))
            .unzip();
        let positions = [
            Some(&mut self.id.pos),
            self.section.as_mut().map(|s| &mut s.pos),
        ]
        .into_iter()
        .flatten()
        .chain(self.aliases.iter_mut().map(|a| &mut a.pos))
        .chain(edges)
        .chain(edge_allows.into_iter().flatten())
        .chain(self.hours.as_mut().map(|h| &mut h.pos))
        .chain(self.resources.iter_mut().map(|r| &mut r.url.pos))
        .chain(self.allow.iter_mut().map(|a| &mut a.pos));
        for pos in positions {
            // Line 0 means the position is unknown; it stays so.
            if pos.line != 0 {
                pos.line = pos.line.saturating_add(lines);
            }
        }
    }
}

/// A learning resource as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawResource {
    /// The resource's own title.
    #[serde(deserialize_with = "strict::text")]
    pub title: String,
    /// Where it lives; must be http or https.
    #[serde(deserialize_with = "strict::located_text")]
    pub url: Located<String>,
    /// What sort of resource it is.
    pub kind: ResourceKind,
    /// Who made it.
    #[serde(default, deserialize_with = "strict::optional_text")]
    pub author: Option<String>,
    /// Which part to read, or what it is about.
    #[serde(default, deserialize_with = "strict::optional_text")]
    pub note: Option<String>,
}

/// The sorts of learning resource a topics file may list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ResourceKind {
    /// A recorded video or playlist.
    Video,
    /// A blog post.
    Blog,
    /// A research paper.
    Paper,
    /// A book or book chapter.
    Book,
    /// A course.
    Course,
    /// Reference documentation.
    Docs,
    /// A code repository or notebook.
    Code,
    /// Lecture notes.
    Notes,
    /// A recorded talk.
    Talk,
    /// A podcast episode.
    Podcast,
}

impl ResourceKind {
    /// Every kind, in the order the schema lists them.
    pub const ALL: [ResourceKind; 10] = [
        Self::Video,
        Self::Blog,
        Self::Paper,
        Self::Book,
        Self::Course,
        Self::Docs,
        Self::Code,
        Self::Notes,
        Self::Talk,
        Self::Podcast,
    ];

    /// The kind written `name`.
    pub fn named(name: &str) -> Option<ResourceKind> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == name)
    }

    /// The lowercase name used in topics files.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Video => "video",
            Self::Blog => "blog",
            Self::Paper => "paper",
            Self::Book => "book",
            Self::Course => "course",
            Self::Docs => "docs",
            Self::Code => "code",
            Self::Notes => "notes",
            Self::Talk => "talk",
            Self::Podcast => "podcast",
        }
    }
}

/// One prerequisite reference: either `id` or `{topic: id, because: reason}`.
#[derive(Debug)]
pub struct RawEdge {
    /// The referenced topic, with its position. Ids are short, and a file
    /// holds millions of these: an id of up to 24 bytes needs no allocation.
    pub topic: Located<CompactString>,
    /// Why the edge exists.
    pub because: Option<String>,
    /// Warning rules silenced for this edge alone (long form only).
    pub allow: Vec<Located<String>>,
}

/// The fields of an edge written as a mapping.
pub const EDGE_FIELDS: &[&str] = &["topic", "because", "allow"];

/// The two ways an edge may be written, before positions are attached.
enum EdgeForm {
    Short(CompactString),
    Long(RawEdge),
}

impl<'de> Deserialize<'de> for EdgeForm {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // A hand-written visitor rather than an untagged enum: untagged enums
        // lose source positions and report only "did not match any variant".
        struct EdgeVisitor;

        impl<'de> Visitor<'de> for EdgeVisitor {
            type Value = EdgeForm;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a topic id, or a mapping with `topic` and `because`")
            }

            fn visit_str<E: de::Error>(self, id: &str) -> Result<EdgeForm, E> {
                Ok(EdgeForm::Short(CompactString::from(id)))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<EdgeForm, A::Error> {
                let mut topic = None;
                let mut because = None;
                let mut allow = None;
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "topic" if topic.is_some() => {
                            return Err(de::Error::duplicate_field("topic"));
                        }
                        "topic" => {
                            let name = map.next_value::<Located<strict::Text>>()?;
                            topic = Some(Located {
                                value: CompactString::from(name.value.0),
                                pos: name.pos,
                            });
                        }
                        "because" if because.is_some() => {
                            return Err(de::Error::duplicate_field("because"));
                        }
                        "because" => {
                            because = map.next_value::<Option<strict::Text>>()?.map(|t| t.0);
                        }
                        "allow" if allow.is_some() => {
                            return Err(de::Error::duplicate_field("allow"));
                        }
                        "allow" => {
                            let names = map.next_value::<Option<Vec<Located<strict::Text>>>>()?;
                            allow = Some(strict::untext(names.unwrap_or_default()));
                        }
                        other => {
                            return Err(de::Error::unknown_field(other, EDGE_FIELDS));
                        }
                    }
                }
                let topic = topic.ok_or_else(|| de::Error::missing_field("topic"))?;
                Ok(EdgeForm::Long(RawEdge {
                    topic,
                    because,
                    allow: allow.unwrap_or_default(),
                }))
            }
        }

        deserializer.deserialize_any(EdgeVisitor)
    }
}

impl<'de> Deserialize<'de> for RawEdge {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // The position of the node, whichever form it takes.
        let located = Located::<EdgeForm>::deserialize(deserializer)?;
        Ok(match located.value {
            EdgeForm::Short(id) => RawEdge {
                topic: Located {
                    value: id,
                    pos: located.pos,
                },
                because: None,
                allow: Vec::new(),
            },
            EdgeForm::Long(edge) => edge,
        })
    }
}

/// Values read exactly as the JSON Schema types them: a string field takes
/// only a string (YAML's `2001` and `true` are a number and a boolean), a
/// number field only a number (`"2"` is a string), and an empty value in
/// an optional field is the same as leaving the field out.
/// [`crate::input::validate`] writes out the same rules.
pub(crate) mod strict {
    use std::fmt;

    use serde::de::{self, Deserialize, Deserializer, Visitor};

    use super::Located;

    /// A string, and only a string.
    pub(crate) struct Text(pub(crate) String);

    impl<'de> Deserialize<'de> for Text {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct TextVisitor;

            impl Visitor<'_> for TextVisitor {
                type Value = Text;

                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("a string")
                }

                fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                    Ok(Text(v.to_owned()))
                }

                fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
                    Ok(Text(v))
                }
            }

            // Typed, not inferred: the YAML reader's `no_schema` option
            // refuses a plain scalar that reads as a number or boolean, and
            // inferring every value's type costs a tenth of the reading.
            deserializer.deserialize_string(TextVisitor)
        }
    }

    /// A number, and only a number.
    pub(crate) struct Number(pub(crate) f64);

    impl<'de> Deserialize<'de> for Number {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct NumberVisitor;

            impl Visitor<'_> for NumberVisitor {
                type Value = Number;

                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("f64")
                }

                fn visit_f64<E: de::Error>(self, v: f64) -> Result<Number, E> {
                    Ok(Number(v))
                }

                fn visit_u64<E: de::Error>(self, v: u64) -> Result<Number, E> {
                    Ok(Number(v as f64))
                }

                fn visit_i64<E: de::Error>(self, v: i64) -> Result<Number, E> {
                    Ok(Number(v as f64))
                }
            }

            deserializer.deserialize_any(NumberVisitor)
        }
    }

    /// A whole number of zero or more, and only that.
    pub(crate) struct Whole(pub(crate) u64);

    impl<'de> Deserialize<'de> for Whole {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct WholeVisitor;

            impl Visitor<'_> for WholeVisitor {
                type Value = Whole;

                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("u64")
                }

                fn visit_u64<E: de::Error>(self, v: u64) -> Result<Whole, E> {
                    Ok(Whole(v))
                }

                fn visit_f64<E: de::Error>(self, v: f64) -> Result<Whole, E> {
                    if v.fract() == 0.0 && (0.0..1e19).contains(&v) {
                        Ok(Whole(v as u64))
                    } else {
                        Err(de::Error::invalid_type(de::Unexpected::Float(v), &self))
                    }
                }
            }

            deserializer.deserialize_any(WholeVisitor)
        }
    }

    fn located<T>(located: Located<T>, f: impl FnOnce(T) -> f64) -> Located<f64> {
        Located {
            value: f(located.value),
            pos: located.pos,
        }
    }

    pub(crate) fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        Text::deserialize(d).map(|t| t.0)
    }

    pub(crate) fn optional_text<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<String>, D::Error> {
        Option::<Text>::deserialize(d).map(|t| t.map(|t| t.0))
    }

    pub(crate) fn located_text<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Located<String>, D::Error> {
        Located::<Text>::deserialize(d).map(|t| Located {
            value: t.value.0,
            pos: t.pos,
        })
    }

    pub(crate) fn optional_located_text<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Located<String>>, D::Error> {
        Option::<Located<Text>>::deserialize(d).map(|t| {
            t.map(|t| Located {
                value: t.value.0,
                pos: t.pos,
            })
        })
    }

    pub(crate) fn located_texts<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Vec<Located<String>>, D::Error> {
        let texts = Option::<Vec<Located<Text>>>::deserialize(d)?.unwrap_or_default();
        Ok(untext(texts))
    }

    /// The strings of a list of [`Text`]s.
    pub(crate) fn untext(texts: Vec<Located<Text>>) -> Vec<Located<String>> {
        texts
            .into_iter()
            .map(|t| Located {
                value: t.value.0,
                pos: t.pos,
            })
            .collect()
    }

    pub(crate) fn optional_located_number<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Located<f64>>, D::Error> {
        Ok(Option::<Located<Number>>::deserialize(d)?.map(|n| located(n, |n| n.0)))
    }

    /// A list; an empty value is an empty list.
    pub(crate) fn list<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
        d: D,
    ) -> Result<Vec<T>, D::Error> {
        Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
    }
}
