//! Every schema problem of a file in one run: a [`Node`] tree is checked
//! field by field against the shape of a topics file, each problem is
//! reported at the key or value it is about, and whatever can be read is
//! handed on to a [`FileSink`], so the rules run on the readable topics too.
//!
//! The rules here are the fast readers' rules, written out: a file passes
//! here exactly when it passes them (a test holds the two, and the JSON
//! Schema, to the same verdicts).

use std::borrow::Cow;

use compact_str::CompactString;

use crate::diagnostic::{Code, Diagnostic, Pos};
use crate::input::schema::{
    EDGE_FIELDS, FILE_FIELDS, FileSink, Located, RawEdge, RawHead, RawResource, RawSection,
    RawTopic, ResourceKind,
};
use crate::input::source::SourceFile;
use crate::input::tree::{Entry, Node, Value};

/// The fields of a section, in the order messages list them.
const SECTION_FIELDS: &[&str] = &["id", "title", "number", "goal", "resources"];
/// The fields of a topic.
pub const TOPIC_FIELDS: &[&str] = &[
    "id",
    "title",
    "section",
    "aliases",
    "requires",
    "recommends",
    "hours",
    "summary",
    "resources",
    "allow",
];
/// The fields of a resource.
pub const RESOURCE_FIELDS: &[&str] = &["title", "url", "kind", "author", "note"];
/// Checks the tree of a whole file, handing what can be read to `sink`.
/// Returns the head (version 1 if it could not be read, which has been
/// reported), and every problem found; `None` for the head when the file's
/// shape is wrong as a whole (not a mapping, or its topics not a list).
pub fn file(
    source: &SourceFile,
    root: &Node,
    sink: &mut dyn FileSink,
) -> (Option<RawHead>, Vec<Diagnostic>) {
    let mut walk = Walk {
        source,
        json: crate::input::format::is_json(source),
        diagnostics: Vec::new(),
        readable: true,
    };
    let head = walk.file(root, sink);
    (walk.readable.then_some(head), walk.diagnostics)
}

/// What a mapping is, for messages: "a topic", "topic `rag`".
#[derive(Clone)]
struct Owner<'a> {
    /// "topic", "section", "resource", "prerequisite", "topics file".
    kind: &'static str,
    /// The id of the topic or section it is, or belongs to.
    topic: Option<&'a str>,
    /// Its own name, for messages: "topic `rag`", "resource `The book`".
    name: Option<String>,
}

impl Owner<'_> {
    /// "topic `rag`", or "a topic" when it has no readable name.
    fn named(&self) -> String {
        match &self.name {
            Some(name) => format!("{} `{}`", self.kind, crate::diagnostic::clip(name.as_str())),
            None => format!("a {}", self.kind),
        }
    }
}

struct Walk<'s> {
    source: &'s SourceFile,
    /// Whether suggestions are written as JSON.
    json: bool,
    diagnostics: Vec<Diagnostic>,
    /// Whether the file has the shape of a topics file as a whole.
    readable: bool,
}

impl Walk<'_> {
    fn push(&mut self, diagnostic: Diagnostic, owner: &Owner<'_>) {
        let diagnostic = match owner.topic {
            Some(id) => diagnostic.topic(id),
            None => diagnostic,
        };
        self.push_plain(diagnostic);
    }

    fn push_plain(&mut self, mut diagnostic: Diagnostic) {
        if self.json {
            // JSON's own words for the shapes.
            let words = |text: &str| {
                text.replace("a mapping", "an object")
                    .replace("a list", "an array")
            };
            diagnostic.message = words(&diagnostic.message);
            for label in &mut diagnostic.labels {
                label.message = words(&label.message).into();
            }
            diagnostic.help = diagnostic.help.map(|help| words(&help).into());
        }
        self.diagnostics.push(diagnostic);
    }

    /// How many characters of its line the value at `node` takes: a quoted
    /// string with its quotes, a plain scalar to where it ends.
    fn width(&self, node: &Node) -> usize {
        let rest = self.rest_of_line(node.pos);
        let width = match (&node.value, rest.chars().next()) {
            (_, Some(quote @ ('"' | '\''))) => {
                let mut escaped = false;
                let close = rest.char_indices().skip(1).find(|&(_, c)| {
                    let found = c == quote && !escaped;
                    escaped = quote == '"' && c == '\\' && !escaped;
                    found
                });
                close.map_or(rest.chars().count(), |(at, _)| rest[..=at].chars().count())
            }
            (Value::Str(text), _) if rest.starts_with(text.as_str()) => text.chars().count(),
            (Value::Seq(_) | Value::Map(_), Some('[' | '{')) => 1,
            _ => rest
                .find([',', ']', '}', '#'])
                .map_or(rest, |end| &rest[..end])
                .trim_end()
                .chars()
                .count(),
        };
        width.max(1)
    }

    /// The text from `pos` to the end of its line (empty where `pos` is
    /// not in the text).
    fn rest_of_line(&self, pos: Pos) -> &str {
        self.source
            .line_span(pos, 0)
            .map_or("", |(line, range)| &line[range.start..])
    }

    /// The rest of the line at `pos`, for marking a whole entry.
    fn entry_width(&self, pos: Pos) -> usize {
        self.rest_of_line(pos).trim_end().chars().count().max(1)
    }

    /// The text of a scalar as written, for a suggestion.
    fn written(&self, node: &Node) -> String {
        self.rest_of_line(node.pos)
            .chars()
            .take(self.width(node))
            .collect()
    }

    /// `key: value` as the file's format writes it.
    fn field(&self, key: &str, value: &str) -> String {
        if self.json {
            format!("\"{key}\": {value}")
        } else {
            format!("{key}: {value}")
        }
    }

    fn wrong_type(&mut self, key: &str, node: &Node, expected: &str, owner: &Owner<'_>) {
        let found = node.value.kind();
        let mut d = Diagnostic::new(
            Code::Schema,
            format!(
                "`{key}` of {} must be {expected}, not {found}",
                owner.named()
            ),
        )
        .label(
            node.pos,
            self.width(node),
            format!("{found}, not {expected}"),
        );
        let written = self.written(node);
        let help = match (&node.value, expected) {
            (Value::Number(_) | Value::Bool(_), "a string") => Some(format!(
                "put it in quotes: `{}`",
                self.field(key, &format!("\"{written}\""))
            )),
            (Value::Str(text), "a number" | "a whole number") => Some(match leading_number(text) {
                Some(number) => format!("write the number alone: `{}`", self.field(key, &number)),
                None => format!("write a number, such as `{}`", self.field(key, "2")),
            }),
            (Value::Str(text), "a list") => {
                let item = if self.json {
                    format!("[\"{}\"]", crate::diagnostic::clip(text.as_str()))
                } else {
                    format!("[{}]", crate::diagnostic::clip(text.as_str()))
                };
                Some(format!("write a list: `{}`", self.field(key, &item)))
            }
            _ => None,
        };
        if let Some(help) = help {
            d = d.help(help);
        }
        self.push(d, owner);
    }

    /// The entries of a mapping by field, in the order of `fields`; reports
    /// unknown and repeated keys (the first one counts).
    fn fields<'n>(
        &mut self,
        entries: &'n [Entry],
        fields: &[&'static str],
        owner: &Owner<'_>,
    ) -> Vec<Option<&'n Entry>> {
        let mut found: Vec<Option<&Entry>> = vec![None; fields.len()];
        for entry in entries {
            let Value::Str(key) = &entry.key.value else {
                let d = Diagnostic::new(
                    Code::Schema,
                    format!(
                        "a key of {} is {}, not a field name",
                        owner.named(),
                        entry.key.value.kind()
                    ),
                )
                .label(entry.key.pos, self.width(&entry.key), "not a field name");
                self.push(d, owner);
                continue;
            };
            match fields.iter().position(|f| f == key) {
                Some(i) => match found[i] {
                    Some(first) => {
                        let len = key.chars().count();
                        let d = Diagnostic::new(
                            Code::DuplicateKey,
                            format!("`{key}` is given twice in {}", owner.named()),
                        )
                        .label(entry.key.pos, len, "given again here")
                        .label(first.key.pos, len, "first given here")
                        .help("keep one of the two");
                        self.push(d, owner);
                    }
                    None => found[i] = Some(entry),
                },
                None => {
                    let help =
                        match crate::model::catalog::suggest_among(key, fields.iter().copied()) {
                            Some(close) => format!("did you mean `{close}`?"),
                            None => format!(
                                "the fields of a {} are {}",
                                owner.kind,
                                quoted_list(fields)
                            ),
                        };
                    let d = Diagnostic::new(
                        Code::Schema,
                        format!("unknown field `{key}` in {}", owner.named()),
                    )
                    .label(
                        entry.key.pos,
                        key.chars().count(),
                        format!("not a field of a {}", owner.kind),
                    )
                    .help(help);
                    self.push(d, owner);
                }
            }
        }
        found
    }

    /// The title, or for a mapping without one (reported), its id.
    fn title_or_id(
        &mut self,
        title: Option<Located<String>>,
        entry: Option<&Entry>,
        id: &Located<String>,
        at: &Node,
        owner: &Owner<'_>,
    ) -> String {
        match title {
            Some(title) => title.value,
            None => {
                if entry.is_none_or(is_empty) {
                    self.missing("title", at, owner);
                }
                id.value.clone()
            }
        }
    }

    fn missing(&mut self, field: &str, at: &Node, owner: &Owner<'_>) {
        let d = Diagnostic::new(Code::Schema, format!("{} has no `{field}`", owner.named()))
            .label(
                at.pos,
                self.entry_width(at.pos),
                format!("this {} has no `{field}`", owner.kind),
            )
            .help(format!("add `{}` to it", self.field(field, "...")));
        self.push(d, owner);
    }

    /// A string field: `None` when absent or empty, and when of another
    /// type (reported).
    fn text(
        &mut self,
        key: &str,
        entry: Option<&Entry>,
        owner: &Owner<'_>,
    ) -> Option<Located<String>> {
        let node = &entry?.value;
        match &node.value {
            Value::Str(text) => Some(Located {
                value: text.clone(),
                pos: node.pos,
            }),
            Value::Null => None,
            _ => {
                self.wrong_type(key, node, "a string", owner);
                None
            }
        }
    }

    /// A list field: empty when absent or empty; `None` when of another
    /// type (reported).
    fn list<'n>(&mut self, key: &str, entry: Option<&'n Entry>, owner: &Owner<'_>) -> &'n [Node] {
        let Some(entry) = entry else { return &[] };
        match &entry.value.value {
            Value::Seq(items) => items,
            Value::Null => &[],
            _ => {
                self.wrong_type(key, &entry.value, "a list", owner);
                &[]
            }
        }
    }

    /// A mapping in a list, or `None` (reported).
    fn mapping<'n>(&mut self, node: &'n Node, owner: &Owner<'_>) -> Option<&'n [Entry]> {
        match &node.value {
            Value::Map(entries) => Some(entries),
            other => {
                let d = Diagnostic::new(
                    Code::Schema,
                    format!(
                        "each {} must be a mapping of fields, not {}",
                        owner.kind,
                        other.kind()
                    ),
                )
                .label(node.pos, self.width(node), format!("not a {}", owner.kind));
                let d = match (owner.kind, self.json) {
                    ("topic" | "section", false) => d.help(format!(
                        "write a {} as `- id: ...` with `title: ...` under it",
                        owner.kind
                    )),
                    ("topic" | "section", true) => d.help(format!(
                        "write a {} as `{{\"id\": ..., \"title\": ...}}`",
                        owner.kind
                    )),
                    ("resource", false) => d.help(
                        "write a resource as `- title: ...` with `url:` and `kind:` under it",
                    ),
                    ("resource", true) => d.help(
                        "write a resource as `{\"title\": ..., \"url\": ..., \"kind\": ...}`",
                    ),
                    _ => d,
                };
                self.push(d, owner);
                None
            }
        }
    }

    fn file(&mut self, root: &Node, sink: &mut dyn FileSink) -> RawHead {
        let owner = Owner {
            kind: "topics file",
            topic: None,
            name: None,
        };
        let default_version = Located {
            value: 1,
            pos: Pos::default(),
        };
        let Value::Map(entries) = &root.value else {
            let d = Diagnostic::new(
                Code::Schema,
                "a topics file must be a mapping of `version`, `sections` and `topics`",
            )
            .label(root.pos, self.width(root), "not a mapping")
            .help(crate::input::format::SHAPE);
            self.push_plain(d);
            self.readable = false;
            return RawHead {
                version: default_version,
                title: None,
            };
        };
        let found = self.fields(entries, FILE_FIELDS, &owner);
        let version = match found[0] {
            Some(entry) => match &entry.value.value {
                Value::Number(n) if n.fract() == 0.0 && *n >= 0.0 => Located {
                    value: *n as u64,
                    pos: entry.value.pos,
                },
                _ => {
                    self.wrong_type("version", &entry.value, "a whole number", &owner);
                    let help = format!("write `{}`", self.field("version", "1"));
                    if let Some(d) = self.diagnostics.last_mut() {
                        d.help = Some(help.into());
                    }
                    default_version
                }
            },
            None => {
                let first = entries.first().map_or(root.pos, |e| e.key.pos);
                let d = Diagnostic::new(Code::Schema, "the file has no `version`")
                    .label(
                        first,
                        self.width(&entries.first().map_or(root.clone(), |e| e.key.clone())),
                        "`version: 1` goes above this",
                    )
                    .help(if self.json {
                        "add `\"version\": 1,` as the first field of the file"
                    } else {
                        "add `version: 1` as the first line of the file"
                    });
                self.push_plain(d);
                default_version
            }
        };
        let title = self.text("title", found[1], &owner).map(|t| t.value);
        for entry in [found[2], found[3]].into_iter().flatten() {
            if !matches!(entry.value.value, Value::Seq(_) | Value::Null) {
                self.readable = false;
            }
        }
        if let Some(entry) = found[2] {
            let mut sections = Vec::new();
            for node in self.list("sections", Some(entry), &owner) {
                sections.extend(self.section(node));
            }
            sink.sections(sections);
        }
        for node in self.list("topics", found[3], &owner) {
            if let Some(topic) = self.topic(node) {
                sink.topic(topic);
            }
        }
        RawHead { version, title }
    }

    /// The string value of `key` in a mapping (its id, title or topic), read
    /// first so every message can name what it is about.
    fn string_field<'n>(entries: &'n [Entry], key: &str) -> Option<&'n str> {
        entries
            .iter()
            .find_map(|e| match (&e.key.value, &e.value.value) {
                (Value::Str(k), Value::Str(id)) if k == key => Some(id.as_str()),
                _ => None,
            })
    }

    fn section(&mut self, node: &Node) -> Option<RawSection> {
        let mut owner = Owner {
            kind: "section",
            topic: None,
            name: None,
        };
        let entries = self.mapping(node, &owner)?;
        owner.name = Self::string_field(entries, "id").map(str::to_owned);
        let found = self.fields(entries, SECTION_FIELDS, &owner);
        let id = self.text("id", found[0], &owner);
        let title = self.text("title", found[1], &owner);
        let number = self.text("number", found[2], &owner).map(|t| t.value);
        let goal = self.text("goal", found[3], &owner).map(|t| t.value);
        let resources = self.resources(found[4], &owner);
        let Some(id) = id else {
            if found[0].is_none_or(is_empty) {
                self.missing("id", node, &owner);
            }
            return None;
        };
        let title = self.title_or_id(title, found[1], &id, node, &owner);
        Some(RawSection {
            id,
            title,
            number,
            goal,
            resources,
        })
    }

    fn topic(&mut self, node: &Node) -> Option<RawTopic> {
        let mut owner = Owner {
            kind: "topic",
            topic: None,
            name: None,
        };
        let entries = self.mapping(node, &owner)?;
        let known_id = Self::string_field(entries, "id");
        owner.topic = known_id;
        owner.name = known_id.map(str::to_owned);
        let found = self.fields(entries, TOPIC_FIELDS, &owner);
        let id = self.text("id", found[0], &owner);
        let title = self.text("title", found[1], &owner);
        let section = self.text("section", found[2], &owner);
        let aliases = self.texts("aliases", found[3], &owner);
        let requires = self.edges("requires", found[4], &owner);
        let recommends = self.edges("recommends", found[5], &owner);
        let hours = found[6].and_then(|entry| match &entry.value.value {
            Value::Number(hours) => Some(Located {
                value: *hours,
                pos: entry.value.pos,
            }),
            Value::Null => None,
            _ => {
                self.wrong_type("hours", &entry.value, "a number", &owner);
                None
            }
        });
        let summary = self.text("summary", found[7], &owner).map(|t| t.value);
        let resources = self.resources(found[8], &owner);
        let allow = self.texts("allow", found[9], &owner);
        let Some(id) = id else {
            if found[0].is_none_or(is_empty) {
                let d = Diagnostic::new(
                    Code::Schema,
                    match &title {
                        Some(title) => format!(
                            "the topic titled `{}` has no `id`",
                            crate::diagnostic::clip(title.value.as_str())
                        ),
                        None => "a topic has no `id`".to_owned(),
                    },
                )
                .label(
                    node.pos,
                    self.entry_width(node.pos),
                    "this topic has no `id`",
                )
                .help(format!(
                    "add `{}`, a kebab-case name",
                    self.field(
                        "id",
                        if self.json {
                            "\"linear-algebra\""
                        } else {
                            "linear-algebra"
                        }
                    )
                ));
                self.push_plain(d);
            }
            return None;
        };
        let title = self.title_or_id(title, found[1], &id, node, &owner);
        Some(RawTopic {
            id,
            title,
            section,
            aliases,
            requires,
            recommends,
            hours,
            summary,
            resources,
            allow,
        })
    }

    /// A list of strings, each with its place; the others are reported.
    fn texts(
        &mut self,
        key: &str,
        entry: Option<&Entry>,
        owner: &Owner<'_>,
    ) -> Vec<Located<String>> {
        self.list(key, entry, owner)
            .iter()
            .filter_map(|item| match &item.value {
                Value::Str(name) => Some(Located {
                    value: name.clone(),
                    pos: item.pos,
                }),
                _ => {
                    self.wrong_type(key, item, "a string", owner);
                    None
                }
            })
            .collect()
    }

    fn edges(&mut self, key: &str, entry: Option<&Entry>, owner: &Owner<'_>) -> Vec<RawEdge> {
        let mut edges = Vec::new();
        for node in self.list(key, entry, owner) {
            match &node.value {
                Value::Str(name) => edges.push(RawEdge {
                    topic: Located {
                        value: CompactString::from(name.as_str()),
                        pos: node.pos,
                    },
                    because: None,
                    allow: Vec::new(),
                }),
                Value::Map(entries) => {
                    let edge_owner = Owner {
                        kind: "prerequisite",
                        topic: owner.topic,
                        name: Self::string_field(entries, "topic").map(str::to_owned),
                    };
                    let found = self.fields(entries, EDGE_FIELDS, &edge_owner);
                    let topic = self.text("topic", found[0], &edge_owner);
                    let because = self.text("because", found[1], &edge_owner).map(|t| t.value);
                    let allow = self.texts("allow", found[2], &edge_owner);
                    match topic {
                        Some(topic) => edges.push(RawEdge {
                            topic: Located {
                                value: CompactString::from(topic.value),
                                pos: topic.pos,
                            },
                            because,
                            allow,
                        }),
                        None if found[0].is_none_or(is_empty) => {
                            self.missing("topic", node, &edge_owner);
                        }
                        None => {}
                    }
                }
                other => {
                    let found = other.kind();
                    let mut d = Diagnostic::new(
                        Code::Schema,
                        format!(
                            "an entry of `{key}` in {} must be a topic id, or a mapping with `topic` and `because`, not {found}",
                            owner.named()
                        ),
                    )
                    .label(node.pos, self.width(node), format!("{found}, not a topic id"));
                    if matches!(other, Value::Number(_) | Value::Bool(_)) {
                        d = d.help(format!(
                            "put the id in quotes: `\"{}\"`",
                            self.written(node)
                        ));
                    }
                    self.push(d, owner);
                }
            }
        }
        edges
    }

    fn resources(&mut self, entry: Option<&Entry>, parent: &Owner<'_>) -> Vec<RawResource> {
        let mut resources = Vec::new();
        for node in self.list("resources", entry, parent) {
            let mut owner = Owner {
                kind: "resource",
                topic: parent.topic,
                name: None,
            };
            let Some(entries) = self.mapping(node, &owner) else {
                continue;
            };
            let title = Self::string_field(entries, "title").map(crate::diagnostic::clip);
            owner.name = match (title, &parent.name) {
                (Some(title), Some(of)) => Some(format!("{title}` of {} `{of}", parent.kind)),
                (Some(title), None) => Some(title),
                (None, _) => None,
            };
            let found = self.fields(entries, RESOURCE_FIELDS, &owner);
            let title = self.text("title", found[0], &owner);
            let url = self.text("url", found[1], &owner);
            let kind = found[2].and_then(|entry| self.kind(entry, &owner));
            let author = self.text("author", found[3], &owner).map(|t| t.value);
            let note = self.text("note", found[4], &owner).map(|t| t.value);
            for (field, entry) in [("title", found[0]), ("url", found[1]), ("kind", found[2])] {
                if entry.is_none_or(is_empty) {
                    self.missing(field, node, &owner);
                }
            }
            match (title, url, kind) {
                (Some(title), Some(url), Some(kind)) => resources.push(RawResource {
                    title: title.value,
                    url,
                    kind,
                    author,
                    note,
                }),
                // Left out of the catalog, but its url is still checked.
                (title, Some(url), _) => {
                    let title = title.map_or_else(|| url.value.clone(), |t| t.value);
                    if let Some(d) =
                        crate::model::catalog::url_diagnostic(&title, &url, parent.topic)
                    {
                        self.push_plain(d);
                    }
                }
                _ => {}
            }
        }
        resources
    }

    fn kind(&mut self, entry: &Entry, owner: &Owner<'_>) -> Option<ResourceKind> {
        let node = &entry.value;
        let name = match &node.value {
            Value::Str(name) => name,
            Value::Null => return None,
            _ => {
                self.wrong_type("kind", node, "a string", owner);
                return None;
            }
        };
        if let Some(kind) = ResourceKind::named(name) {
            return Some(kind);
        }
        let kinds = ResourceKind::ALL.map(ResourceKind::as_str);
        let help = match crate::model::catalog::suggest_among(name, kinds) {
            Some(close) => format!("did you mean `{close}`?"),
            None => format!("the kinds are {}", quoted_list(&kinds)),
        };
        let d = Diagnostic::new(
            Code::Schema,
            format!(
                "unknown resource kind `{}` in {}",
                crate::diagnostic::clip(name.as_str()),
                owner.named()
            ),
        )
        .label(node.pos, self.width(node), "not a resource kind")
        .help(help);
        self.push(d, owner);
        None
    }
}

/// Whether a field's value is empty (`null`, `~` or nothing), which is
/// as good as leaving the field out.
fn is_empty(entry: &Entry) -> bool {
    entry.value.value == Value::Null
}

/// `a`, `b` and `c`.
fn quoted_list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

/// The number a text such as `2h` or `1.5 hours` starts with.
fn leading_number(text: &str) -> Option<Cow<'_, str>> {
    let text = text.trim();
    let end = text
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == '.'))
        .map_or(text.len(), |(at, _)| at);
    let number = &text[..end];
    number.parse::<f64>().ok().map(|_| Cow::Borrowed(number))
}
