//! One open topics file as the server knows it: the text, the check the
//! command line would make of it, and every name written in it (ids,
//! aliases, sections and the references to them) with its place.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Pos};
use crate::input::schema::Located;
use crate::input::source::SourceFile;
use crate::input::tree::{Node, Value};
use crate::model::catalog::{Catalog, EdgeKind, TopicId};
use crate::query::check::{CheckOptions, Report};

/// What a name written in the file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    /// A topic's `id:`.
    TopicId,
    /// One of a topic's `aliases`.
    Alias,
    /// A section's `id:`.
    SectionId,
    /// A topic named in `requires` or `recommends`.
    TopicRef(EdgeKind),
    /// A section named in a topic's `section:`.
    SectionRef,
}

/// A name as written: what it is, its text, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// What it names or defines.
    pub kind: NameKind,
    /// The name, without quotes.
    pub text: String,
    /// Where its first character is.
    pub pos: Pos,
    /// The topic entry it is written in, by its place among the entries.
    pub entry: Option<usize>,
}

impl Name {
    /// How many characters it covers.
    pub fn len(&self) -> usize {
        self.text.chars().count()
    }

    /// Whether it has no characters.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Whether the character at `pos` is part of it (or just after it, where
    /// a cursor at a name's end stands).
    pub fn covers(&self, pos: Pos) -> bool {
        pos.line == self.pos.line
            && pos.column >= self.pos.column
            && (pos.column as usize) <= self.pos.column as usize + self.len()
    }
}

/// Every name written in a file read as a tree, in file order; empty when
/// the text is not well-formed.
pub fn names(source: &SourceFile) -> Vec<Name> {
    let tree = if crate::input::format::is_json(source) {
        crate::input::tree::json(source.text())
    } else {
        crate::input::tree::yaml(source.text()).ok()
    };
    let mut out = Vec::new();
    if let Some(Node {
        value: Value::Map(entries),
        ..
    }) = &tree
    {
        for entry in entries {
            match (key(&entry.key), &entry.value.value) {
                (Some("sections"), Value::Seq(items)) => {
                    for item in items {
                        if let Some(id) = field(item, "id") {
                            push(source, &mut out, NameKind::SectionId, id, None);
                        }
                    }
                }
                (Some("topics"), Value::Seq(items)) => {
                    for (n, item) in items.iter().enumerate() {
                        topic_names(source, &mut out, item, n);
                    }
                }
                _ => {}
            }
        }
    }
    out.sort_by_key(|name| name.pos);
    out
}

fn topic_names(source: &SourceFile, out: &mut Vec<Name>, item: &Node, entry: usize) {
    let Value::Map(fields) = &item.value else {
        return;
    };
    for field in fields {
        let value = &field.value;
        match key(&field.key) {
            Some("id") => push(source, out, NameKind::TopicId, value, Some(entry)),
            Some("section") => push(source, out, NameKind::SectionRef, value, Some(entry)),
            Some("aliases") => {
                if let Value::Seq(items) = &value.value {
                    for alias in items {
                        push(source, out, NameKind::Alias, alias, Some(entry));
                    }
                }
            }
            Some(list @ ("requires" | "recommends")) => {
                let kind = if list == "requires" {
                    EdgeKind::Requires
                } else {
                    EdgeKind::Recommends
                };
                if let Value::Seq(items) = &value.value {
                    for edge in items {
                        let named = field_of(edge, "topic").unwrap_or(edge);
                        push(source, out, NameKind::TopicRef(kind), named, Some(entry));
                    }
                }
            }
            _ => {}
        }
    }
}

fn key(node: &Node) -> Option<&str> {
    match &node.value {
        Value::Str(s) => Some(s),
        _ => None,
    }
}

fn field_of<'a>(node: &'a Node, name: &str) -> Option<&'a Node> {
    match &node.value {
        Value::Map(fields) => fields
            .iter()
            .find(|f| key(&f.key) == Some(name))
            .map(|f| &f.value),
        _ => None,
    }
}

fn field<'a>(node: &'a Node, name: &str) -> Option<&'a Node> {
    field_of(node, name)
}

fn push(
    source: &SourceFile,
    out: &mut Vec<Name>,
    kind: NameKind,
    node: &Located<Value>,
    entry: Option<usize>,
) {
    let Value::Str(text) = &node.value else {
        return;
    };
    let mut pos = node.pos;
    // A quoted name starts after its quote.
    if let Some((line, range)) = source.line_span(pos, 1)
        && matches!(&line[range], "\"" | "'")
    {
        pos.column += 1;
    }
    out.push(Name {
        kind,
        text: text.clone(),
        pos,
        entry,
    });
}

/// What the server knows of one version of a document.
#[derive(Debug)]
pub struct Analysis {
    /// The text, named as the command line names the file.
    pub source: SourceFile,
    /// `prereq check`'s report on it.
    pub report: Report,
    /// The topics that could be read (none when the text is not YAML or JSON).
    pub catalog: Option<Catalog>,
    /// Every name written in it.
    pub names: Vec<Name>,
}

impl Analysis {
    /// Checks `source` as `prereq check` does, and finds its names.
    pub fn new(source: SourceFile) -> Analysis {
        let (report, catalog) =
            crate::query::check::check_keeping(&source, &CheckOptions::default());
        let names = names(&source);
        Analysis {
            source,
            report,
            catalog,
            names,
        }
    }

    /// The diagnostics of the topics file itself, in file order, as `check` reports them.
    pub fn diagnostics(&self) -> Vec<std::borrow::Cow<'_, Diagnostic>> {
        self.report
            .all()
            .filter(|(file, _)| *file == self.source.name())
            .map(|(_, d)| d)
            .collect()
    }

    /// The name written at `pos`, if any.
    pub fn name_at(&self, pos: Pos) -> Option<&Name> {
        let at = self.names.partition_point(|n| n.pos.line < pos.line);
        self.names[at..]
            .iter()
            .take_while(|n| n.pos.line == pos.line)
            .find(|n| n.covers(pos))
    }

    /// The topic a name refers to or defines: ids and aliases match exactly.
    pub fn topic_of(&self, name: &Name) -> Option<TopicId> {
        let catalog = self.catalog.as_ref()?;
        match name.kind {
            NameKind::TopicId | NameKind::Alias | NameKind::TopicRef(_) => {
                let id = catalog.lookup_name(&name.text)?;
                let topic = catalog.topic(id);
                (topic.id == name.text || topic.aliases.contains(&name.text)).then_some(id)
            }
            _ => None,
        }
    }

    /// The topic whose entry is at place `entry` among the entries, by the
    /// id written there.
    pub fn entry_topic(&self, entry: usize) -> Option<TopicId> {
        let name = self
            .names
            .iter()
            .find(|n| n.kind == NameKind::TopicId && n.entry == Some(entry))?;
        self.topic_of(name)
    }

    /// Ids and aliases, exactly as written, to topics.
    pub fn exact_names(&self) -> HashMap<&str, TopicId> {
        let mut map = HashMap::new();
        if let Some(catalog) = &self.catalog {
            for (topic, id) in catalog.topics.iter().zip(catalog.ids()) {
                map.insert(topic.id.as_str(), id);
                for alias in &topic.aliases {
                    map.insert(alias.as_str(), id);
                }
            }
        }
        map
    }
}
