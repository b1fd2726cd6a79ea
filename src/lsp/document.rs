//! One open topics file as the server knows it: the text, the check the
//! command line would make of it, and every name written in it (ids,
//! aliases, sections and the references to them) with its place.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Pos};
use crate::input::source::SourceFile;
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

/// Every name written in a file, in file order, from what the loader
/// read: the ids and references it placed, and, in the lines of each
/// topic's entry, its aliases and its section. (Reading the text again as
/// a tree would cost twice what checking it does.)
pub fn names(source: &SourceFile, catalog: Option<&Catalog>) -> Vec<Name> {
    let Some(catalog) = catalog else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for section in &catalog.sections {
        push(
            source,
            &mut out,
            NameKind::SectionId,
            &section.id,
            section.pos,
            None,
        );
    }
    let mut starts: Vec<u32> = catalog.topics.iter().map(|t| t.pos.line).collect();
    starts.push(u32::MAX);
    for (n, topic) in catalog.topics.iter().enumerate() {
        push(
            source,
            &mut out,
            NameKind::TopicId,
            &topic.id,
            topic.pos,
            Some(n),
        );
        for p in &topic.prerequisites {
            let target = catalog.topic(p.topic);
            let written = std::iter::once(&target.id)
                .chain(&target.aliases)
                .filter(|name| written_at(source, p.pos, name))
                .max_by_key(|name| name.len());
            if let Some(name) = written {
                push(
                    source,
                    &mut out,
                    NameKind::TopicRef(p.kind),
                    name,
                    p.pos,
                    Some(n),
                );
            }
        }
        // The entry's own lines: from its id to the next topic's.
        let last = starts[n + 1].saturating_sub(1).max(topic.pos.line);
        let section = topic.section.map(|s| catalog.section(s).id.as_str());
        let mut aliases_from = None;
        for line in topic.pos.line..=last {
            let Some(text) = source.line(line) else {
                break;
            };
            if let Some(section) = section
                && let Some(at) = after_key(text, "section")
                && let Some(column) = find_name(text, at, section)
            {
                push(
                    source,
                    &mut out,
                    NameKind::SectionRef,
                    section,
                    Pos::new(line, column),
                    Some(n),
                );
            }
            if let Some(at) = after_key(text, "aliases") {
                aliases_from = Some((line, at));
            }
        }
        if let Some((first, at)) = aliases_from {
            let mut line = first;
            let mut from = at;
            for alias in &topic.aliases {
                while line <= last {
                    let text = source.line(line).unwrap_or("");
                    if let Some(column) = find_name(text, from, alias) {
                        push(
                            source,
                            &mut out,
                            NameKind::Alias,
                            alias,
                            Pos::new(line, column),
                            Some(n),
                        );
                        from = text
                            .char_indices()
                            .nth(column as usize - 1 + alias.chars().count())
                            .map_or(text.len(), |(i, _)| i);
                        break;
                    }
                    line += 1;
                    from = 0;
                }
            }
        }
    }
    out.sort_by_key(|name| name.pos);
    out.dedup();
    out
}

/// The byte just after `key:` (or `"key":`) on a line, if the key is there.
fn after_key(line: &str, key: &str) -> Option<usize> {
    for pattern in [
        format!("{key}:"),
        format!("\"{key}\":"),
        format!("'{key}':"),
    ] {
        if let Some(at) = line.find(&pattern) {
            let before = line[..at].chars().next_back();
            if before.is_none_or(|c| c.is_whitespace() || matches!(c, '{' | ',' | '-')) {
                return Some(at + pattern.len());
            }
        }
    }
    None
}

/// The 1-based column of `name` written whole in `line` from byte `from`.
fn find_name(line: &str, from: usize, name: &str) -> Option<u32> {
    let is_name = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    let mut at = from.min(line.len());
    while let Some(found) = line.get(at..)?.find(name) {
        let start = at + found;
        let end = start + name.len();
        let before = line[..start].chars().next_back();
        let after = line[end..].chars().next();
        if !before.is_some_and(is_name) && !after.is_some_and(is_name) {
            return Some(line[..start].chars().count() as u32 + 1);
        }
        at = end;
    }
    None
}

/// Whether `name` is written at `pos` (after a quote, if it is quoted).
fn written_at(source: &SourceFile, pos: Pos, name: &str) -> bool {
    let Some((line, range)) = source.line_span(pos, 1) else {
        return false;
    };
    let rest = &line[range.start..];
    let rest = rest.strip_prefix(['"', '\'']).unwrap_or(rest);
    rest.strip_prefix(name).is_some_and(|after| {
        !after.starts_with(|c: char| c.is_alphanumeric() || c == '-' || c == '_')
    })
}

/// Where a name written at `pos` starts: after its quote, if it is quoted
/// (the loader places a JSON string at its quote).
pub fn unquoted(source: &SourceFile, mut pos: Pos) -> Pos {
    if let Some((line, range)) = source.line_span(pos, 1)
        && matches!(&line[range], "\"" | "'")
    {
        pos.column += 1;
    }
    pos
}

fn push(
    source: &SourceFile,
    out: &mut Vec<Name>,
    kind: NameKind,
    text: &str,
    pos: Pos,
    entry: Option<usize>,
) {
    let pos = unquoted(source, pos);
    out.push(Name {
        kind,
        text: text.to_owned(),
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
    /// Every name written in it, found when first asked for: diagnostics
    /// need none, and reading the text as a tree costs more than checking it.
    names: std::sync::OnceLock<Vec<Name>>,
}

impl Analysis {
    /// Checks `source` as `prereq check` does, and finds its names.
    pub fn new(source: SourceFile) -> Analysis {
        let (report, catalog) =
            crate::query::check::check_keeping(&source, &CheckOptions::default());
        Analysis {
            source,
            report,
            catalog,
            names: std::sync::OnceLock::new(),
        }
    }

    /// Whether the text was read as a whole: topics came of it, and no
    /// syntax error, encoding error or limit stopped the reading.
    pub fn well_formed(&self) -> bool {
        use crate::diagnostic::Code;
        self.catalog.is_some()
            && !self.report.diagnostics.iter().any(|d| {
                matches!(
                    d.code,
                    Code::Syntax | Code::Encoding | Code::Limit | Code::Io
                )
            })
    }

    /// Every name written in the text, in file order (none if it is not
    /// well-formed).
    pub fn names(&self) -> &[Name] {
        self.names
            .get_or_init(|| names(&self.source, self.catalog.as_ref()))
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
        let names = self.names();
        let at = names.partition_point(|n| n.pos.line < pos.line);
        names[at..]
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
            .names()
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
