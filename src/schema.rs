//! The serde mirror of a topics file, exactly as written: every value that a
//! diagnostic may point at keeps its source position.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

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
        let spanned = Spanned::<T>::deserialize(deserializer)?;
        Ok(Located {
            value: spanned.value,
            pos: Pos::from(spanned.referenced),
        })
    }
}

/// A whole topics file as parsed, before validation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFile {
    /// Format version; only `1` exists.
    pub version: Located<u64>,
    /// The curriculum's name.
    #[serde(default)]
    pub title: Option<String>,
    /// Sections in reading order.
    #[serde(default)]
    pub sections: Vec<RawSection>,
    /// Topics in reading order.
    #[serde(default)]
    pub topics: Vec<RawTopic>,
}

/// A section as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    /// Kebab-case id that topics name in `section`.
    pub id: Located<String>,
    /// Display title.
    pub title: String,
    /// Optional number, such as `II`.
    #[serde(default)]
    pub number: Option<String>,
    /// One line on what the section is for.
    #[serde(default)]
    pub goal: Option<String>,
    /// Resources that cover the section as a whole.
    #[serde(default)]
    pub resources: Vec<RawResource>,
}

/// A topic as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTopic {
    /// Kebab-case id, unique across ids and aliases.
    pub id: Located<String>,
    /// Display title.
    pub title: Located<String>,
    /// The id of the section the topic belongs to.
    #[serde(default)]
    pub section: Option<Located<String>>,
    /// Other names a learner may type.
    #[serde(default)]
    pub aliases: Vec<Located<String>>,
    /// Hard prerequisites.
    #[serde(default)]
    pub requires: Vec<RawEdge>,
    /// Soft prerequisites: worth knowing first, not needed.
    #[serde(default)]
    pub recommends: Vec<RawEdge>,
    /// Estimated hours of study.
    #[serde(default)]
    pub hours: Option<Located<f64>>,
    /// One or two sentences on what the topic is.
    #[serde(default)]
    pub summary: Option<String>,
    /// Where to learn it.
    #[serde(default)]
    pub resources: Vec<RawResource>,
}

/// A learning resource as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawResource {
    /// The resource's own title.
    pub title: String,
    /// Where it lives; must be http or https.
    pub url: Located<String>,
    /// What sort of resource it is.
    pub kind: ResourceKind,
    /// Who made it.
    #[serde(default)]
    pub author: Option<String>,
    /// Which part to read, or what it is about.
    #[serde(default)]
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
    /// The referenced topic, with its position.
    pub topic: Located<String>,
    /// Why the edge exists.
    pub because: Option<String>,
}

/// The two ways an edge may be written, before positions are attached.
enum EdgeForm {
    Short(String),
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
                Ok(EdgeForm::Short(id.to_owned()))
            }

            fn visit_u64<E: de::Error>(self, id: u64) -> Result<EdgeForm, E> {
                Ok(EdgeForm::Short(id.to_string()))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<EdgeForm, A::Error> {
                let mut topic = None;
                let mut because = None;
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "topic" if topic.is_some() => {
                            return Err(de::Error::duplicate_field("topic"));
                        }
                        "topic" => topic = Some(map.next_value::<Located<String>>()?),
                        "because" if because.is_some() => {
                            return Err(de::Error::duplicate_field("because"));
                        }
                        "because" => because = Some(map.next_value::<String>()?),
                        other => {
                            return Err(de::Error::unknown_field(other, &["topic", "because"]));
                        }
                    }
                }
                let topic = topic.ok_or_else(|| de::Error::missing_field("topic"))?;
                Ok(EdgeForm::Long(RawEdge { topic, because }))
            }
        }

        deserializer.deserialize_any(EdgeVisitor)
    }
}

impl<'de> Deserialize<'de> for RawEdge {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Spanned captures the position of the node whichever form it takes.
        let spanned = Spanned::<EdgeForm>::deserialize(deserializer)?;
        Ok(match spanned.value {
            EdgeForm::Short(id) => RawEdge {
                topic: Located {
                    value: id,
                    pos: Pos::from(spanned.referenced),
                },
                because: None,
            },
            EdgeForm::Long(edge) => edge,
        })
    }
}
