//! What the server answers, each from an [`Analysis`]: diagnostics exactly
//! as `prereq check` reports them, completion, hover, definitions,
//! references, the outline, renames and quick fixes.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CompletionItem, CompletionItemKind, CompletionTextEdit,
    DiagnosticRelatedInformation, DiagnosticSeverity, DocumentSymbol, Hover, HoverContents,
    Location, MarkupContent, MarkupKind, NumberOrString, Position, Range, SymbolKind, TextEdit,
    Uri, WorkspaceEdit,
};

use crate::diagnostic::{Code, Diagnostic, Pos, Severity};
use crate::input::schema::ResourceKind;
use crate::input::source::SourceFile;
use crate::lsp::document::{Analysis, Name, NameKind};
use crate::lsp::position::{self, Encoding};
use crate::model::catalog::{EdgeKind, TopicId, is_kebab_case};
use crate::query::fix::Fix;
use crate::query::path::{PathOptions, StudyPath};

/// The editor's diagnostics for the document: every one `check` reports for
/// the file, with its code, message, severity and place; its notes and help
/// follow the message, and its other labels are related places.
pub fn diagnostics(
    analysis: &Analysis,
    uri: &Uri,
    encoding: Encoding,
) -> Vec<lsp_types::Diagnostic> {
    analysis
        .diagnostics()
        .iter()
        .map(|d| diagnostic(&analysis.source, uri, d, encoding))
        .collect()
}

/// One diagnostic as the editor shows it.
pub fn diagnostic(
    source: &SourceFile,
    uri: &Uri,
    d: &Diagnostic,
    encoding: Encoding,
) -> lsp_types::Diagnostic {
    let len = d.labels.first().map_or(1, |l| l.len.max(1));
    let mut message = d.message.clone();
    for note in &d.notes {
        message.push_str(&format!("\nnote: {note}"));
    }
    if let Some(help) = &d.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .skip(1)
        .filter(|l| l.pos.is_known())
        .map(|l| DiagnosticRelatedInformation {
            location: Location::new(
                uri.clone(),
                position::range(source, l.pos, l.len.max(1), encoding),
            ),
            message: l.message.to_string(),
        })
        .collect();
    lsp_types::Diagnostic {
        range: position::range(source, d.pos(), len, encoding),
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.code.as_str().to_owned())),
        source: Some("prereq".to_owned()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..Default::default()
    }
}

fn name_range(source: &SourceFile, name: &Name, encoding: Encoding) -> Range {
    position::range(source, name.pos, name.len(), encoding)
}

/// Where a name is defined: a topic's id for a topic or alias named, a
/// section's id for a section named.
pub fn definition(analysis: &Analysis, uri: &Uri, at: Pos, encoding: Encoding) -> Option<Location> {
    let name = analysis.name_at(at)?;
    let catalog = analysis.catalog.as_ref()?;
    let (pos, len) = match name.kind {
        NameKind::SectionRef | NameKind::SectionId => {
            let section = catalog.sections.iter().find(|s| s.id == name.text)?;
            (section.pos, section.id.chars().count())
        }
        _ => {
            let topic = catalog.topic(analysis.topic_of(name)?);
            (topic.pos, topic.id.chars().count())
        }
    };
    let pos = crate::lsp::document::unquoted(&analysis.source, pos);
    Some(Location::new(
        uri.clone(),
        position::range(&analysis.source, pos, len, encoding),
    ))
}

/// Every place that names the topic (or section) at `at`: the references,
/// and with `declaration` its definition too.
pub fn references(
    analysis: &Analysis,
    uri: &Uri,
    at: Pos,
    declaration: bool,
    encoding: Encoding,
) -> Vec<Location> {
    let Some(name) = analysis.name_at(at) else {
        return Vec::new();
    };
    let found: Vec<&Name> = match name.kind {
        NameKind::SectionRef | NameKind::SectionId => analysis
            .names()
            .iter()
            .filter(|n| n.text == name.text)
            .filter(|n| {
                n.kind == NameKind::SectionRef || (declaration && n.kind == NameKind::SectionId)
            })
            .collect(),
        _ => {
            let Some(topic) = analysis.topic_of(name) else {
                return Vec::new();
            };
            analysis
                .names()
                .iter()
                .filter(|n| match n.kind {
                    NameKind::TopicRef(_) => true,
                    NameKind::TopicId => declaration,
                    _ => false,
                })
                .filter(|n| analysis.topic_of(n) == Some(topic))
                .collect()
        }
    };
    found
        .into_iter()
        .map(|n| Location::new(uri.clone(), name_range(&analysis.source, n, encoding)))
        .collect()
}

fn hours(h: f64) -> String {
    let r = (h * 10.0).round() / 10.0;
    let unit = if r == 1.0 { "hour" } else { "hours" };
    if r.fract() == 0.0 {
        format!("{r:.0} {unit}")
    } else {
        format!("{r:.1} {unit}")
    }
}

/// What the name at `at` is: a topic's title, section, hours, summary, its
/// direct prerequisites with their reasons, and the size of its study path.
pub fn hover(analysis: &Analysis, at: Pos, encoding: Encoding) -> Option<Hover> {
    let name = analysis.name_at(at)?;
    let catalog = analysis.catalog.as_ref()?;
    let mut text = String::new();
    match name.kind {
        NameKind::SectionRef | NameKind::SectionId => {
            let (index, section) = catalog
                .sections
                .iter()
                .enumerate()
                .find(|(_, s)| s.id == name.text)?;
            let topics = catalog
                .topics
                .iter()
                .filter(|t| t.section.is_some_and(|s| s.index() == index))
                .count();
            text.push_str(&format!(
                "**{}** (section `{}`)\n\n{topics} topics",
                crate::view::text::section_heading(section),
                section.id
            ));
            if let Some(goal) = &section.goal {
                text.push_str(&format!("\n\n{goal}"));
            }
        }
        _ => {
            let id = analysis.topic_of(name)?;
            let topic = catalog.topic(id);
            text.push_str(&format!("**{}** (`{}`)", topic.title, topic.id));
            if !topic.aliases.is_empty() {
                text.push_str(&format!(", also `{}`", topic.aliases.join("`, `")));
            }
            text.push_str(&format!(
                "\n\n{}",
                crate::view::text::section_heading_of(catalog, topic)
            ));
            match topic.hours {
                Some(h) => text.push_str(&format!(" · {}", hours(h))),
                None => text.push_str(" · no estimate"),
            }
            if let Some(summary) = &topic.summary {
                text.push_str(&format!("\n\n{summary}"));
            }
            for (kind, heading) in [
                (EdgeKind::Requires, "Requires"),
                (EdgeKind::Recommends, "Recommends"),
            ] {
                let edges: Vec<String> = topic
                    .prerequisites
                    .iter()
                    .filter(|p| p.kind == kind)
                    .map(|p| {
                        let other = catalog.topic(p.topic);
                        match &p.because {
                            Some(because) => format!("- `{}` {}: {because}", other.id, other.title),
                            None => format!("- `{}` {}", other.id, other.title),
                        }
                    })
                    .collect();
                if !edges.is_empty() {
                    text.push_str(&format!("\n\n{heading}:\n{}", edges.join("\n")));
                }
            }
            if catalog.graph().cycles().is_empty() {
                let path = StudyPath::to(catalog, &[id], &PathOptions::default());
                let count = path.topics.len();
                text.push_str(&format!(
                    "\n\nStudy path: {count} {}, {}",
                    if count == 1 { "topic" } else { "topics" },
                    hours(path.total_hours)
                ));
            }
        }
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range: Some(name_range(&analysis.source, name, encoding)),
    })
}

/// The outline: sections, each with its topics, then the topics without one.
#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be written.
pub fn symbols(analysis: &Analysis, encoding: Encoding) -> Vec<DocumentSymbol> {
    let Some(catalog) = &analysis.catalog else {
        return Vec::new();
    };
    let symbol = |name: String, detail: Option<String>, kind, pos: Pos, len: usize, children| {
        let pos = crate::lsp::document::unquoted(&analysis.source, pos);
        let range = position::range(&analysis.source, pos, len, encoding);
        DocumentSymbol {
            name,
            detail,
            kind,
            tags: None,
            deprecated: None,
            range,
            selection_range: range,
            children,
        }
    };
    let topic_symbol = |id: TopicId| {
        let topic = catalog.topic(id);
        symbol(
            topic.id.clone(),
            Some(topic.title.clone()),
            SymbolKind::CLASS,
            topic.pos,
            topic.id.chars().count(),
            None,
        )
    };
    let mut out: Vec<DocumentSymbol> = catalog
        .sections
        .iter()
        .enumerate()
        .map(|(index, section)| {
            let children = catalog
                .ids()
                .filter(|&id| {
                    catalog
                        .topic(id)
                        .section
                        .is_some_and(|s| s.index() == index)
                })
                .map(topic_symbol)
                .collect();
            symbol(
                section.id.clone(),
                Some(crate::view::text::section_heading(section)),
                SymbolKind::MODULE,
                section.pos,
                section.id.chars().count(),
                Some(children),
            )
        })
        .collect();
    out.extend(
        catalog
            .ids()
            .filter(|&id| catalog.topic(id).section.is_none())
            .map(topic_symbol),
    );
    out
}

/// Why a rename is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RenameError {
    /// Nothing renamable is at the place.
    #[error("there is no topic id here to rename")]
    NothingHere,
    /// The name at the place is an alias.
    #[error("`{0}` is an alias; rename the topic by its id, or edit its `aliases`")]
    Alias(String),
    /// The new name is not an id.
    #[error("`{0}` is not a valid id: use lowercase words joined by dashes, such as `{1}`")]
    Invalid(String, String),
    /// The new name is taken.
    #[error("`{0}` is already the id or alias of topic `{1}`")]
    Taken(String, String),
}

/// The edits that rename the topic id at `at` to `new`, in its `id:` and
/// in every `requires` and `recommends` naming it.
pub fn rename(
    analysis: &Analysis,
    uri: &Uri,
    at: Pos,
    new: &str,
    encoding: Encoding,
) -> Result<WorkspaceEdit, RenameError> {
    let name = analysis.name_at(at).ok_or(RenameError::NothingHere)?;
    if !matches!(name.kind, NameKind::TopicId | NameKind::TopicRef(_)) {
        return Err(match name.kind {
            NameKind::Alias => RenameError::Alias(name.text.clone()),
            _ => RenameError::NothingHere,
        });
    }
    let catalog = analysis.catalog.as_ref().ok_or(RenameError::NothingHere)?;
    let topic = analysis.topic_of(name).ok_or(RenameError::NothingHere)?;
    let old = catalog.topic(topic).id.clone();
    if name.text != old {
        return Err(RenameError::Alias(name.text.clone()));
    }
    if new == old {
        return Ok(WorkspaceEdit::default());
    }
    if !is_kebab_case(new) {
        return Err(RenameError::Invalid(
            new.to_owned(),
            match crate::model::catalog::kebab(new).as_str() {
                "" => "new-topic".to_owned(),
                k => k.to_owned(),
            },
        ));
    }
    if let Some(&other) = analysis.exact_names().get(new) {
        return Err(RenameError::Taken(
            new.to_owned(),
            catalog.topic(other).id.clone(),
        ));
    }
    let edits: Vec<TextEdit> = analysis
        .names()
        .iter()
        .filter(|n| matches!(n.kind, NameKind::TopicId | NameKind::TopicRef(_)) && n.text == old)
        .filter(|n| analysis.topic_of(n) == Some(topic))
        .map(|n| TextEdit::new(name_range(&analysis.source, n, encoding), new.to_owned()))
        .collect();
    Ok(WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..Default::default()
    })
}

/// The range of the topic id at `at` that a rename would change.
pub fn prepare_rename(analysis: &Analysis, at: Pos, encoding: Encoding) -> Option<Range> {
    let name = analysis.name_at(at)?;
    let topic = analysis.topic_of(name)?;
    let catalog = analysis.catalog.as_ref()?;
    (matches!(name.kind, NameKind::TopicId | NameKind::TopicRef(_))
        && catalog.topic(topic).id == name.text)
        .then(|| name_range(&analysis.source, name, encoding))
}

fn workspace_edit(source: &SourceFile, uri: &Uri, fix: &Fix, encoding: Encoding) -> WorkspaceEdit {
    let edits = fix
        .edits
        .iter()
        .map(|e| {
            TextEdit::new(
                Range::new(
                    position::position_of_offset(source, e.range.start, encoding),
                    position::position_of_offset(source, e.range.end, encoding),
                ),
                e.text.clone(),
            )
        })
        .collect();
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..Default::default()
    }
}

fn overlaps(a: Range, b: Range) -> bool {
    let before = |x: Position, y: Position| (x.line, x.character) <= (y.line, y.character);
    before(a.start, b.end) && before(b.start, a.end)
}

/// The quick fixes for the diagnostics in `range`: the same edits as
/// `check --fix` (a misspelt name's one close match, a redundant edge
/// removed, a topic moved after its last prerequisite), and for a cycle,
/// removing each edge its repair hint names.
pub fn code_actions(
    analysis: &Analysis,
    uri: &Uri,
    range: Range,
    encoding: Encoding,
) -> Vec<CodeAction> {
    let Some(catalog) = &analysis.catalog else {
        return Vec::new();
    };
    let source = &analysis.source;
    let fixer = crate::query::fix::Fixer::new(source, catalog);
    let repairs: HashMap<String, Vec<Pos>> = crate::query::cycles::repair_places(catalog)
        .into_iter()
        .collect();
    let mut out = Vec::new();
    for d in analysis.diagnostics() {
        let shown = diagnostic(source, uri, &d, encoding);
        if !overlaps(shown.range, range) {
            continue;
        }
        let mut fixes: Vec<(String, Fix)> = Vec::new();
        if let Some(fix) = fixer.fix_for(&d) {
            let title = match d.code {
                Code::UnknownPrerequisite => {
                    format!("Change to `{}`", d.replacement.as_deref().unwrap_or(""))
                }
                Code::RedundantPrerequisite => "Remove the redundant prerequisite".to_owned(),
                Code::OutOfOrder => "Move the topic after its last prerequisite".to_owned(),
                _ => "Fix it".to_owned(),
            };
            fixes.push((title, fix));
        }
        if d.code == Code::Cycle
            && let Some(places) = d.topics.first().and_then(|t| repairs.get(t))
        {
            for &place in places {
                if let Some(fix) = crate::query::fix::edge_removal(source, Code::Cycle, place) {
                    let line = source.line(place.line).unwrap_or("").trim();
                    fixes.push((
                        format!(
                            "Remove the edge on line {} to break the cycle ({line})",
                            place.line
                        ),
                        fix,
                    ));
                }
            }
        }
        for (title, fix) in fixes {
            out.push(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![shown.clone()]),
                edit: Some(workspace_edit(source, uri, &fix, encoding)),
                is_preferred: Some(d.code != Code::Cycle),
                ..Default::default()
            });
        }
    }
    out
}

/// The fields a mapping takes, by what it is.
const TOP_FIELDS: &[&str] = &["version", "title", "sections", "topics"];
const SECTION_FIELDS: &[&str] = &["id", "title", "number", "goal", "resources"];
const TOPIC_FIELDS: &[&str] = &[
    "id",
    "title",
    "section",
    "aliases",
    "hours",
    "summary",
    "requires",
    "recommends",
    "resources",
    "allow",
];
const RESOURCE_FIELDS: &[&str] = &["title", "url", "kind", "author", "note"];
const EDGE_FIELDS: &[&str] = &["topic", "because", "allow"];

/// What the cursor is in the middle of writing.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Context {
    /// A prerequisite, in the entry at this place among the entries.
    Topic(Option<usize>),
    Section,
    Kind,
    Allow,
    Key(&'static [&'static str]),
}

/// The key of the list or mapping that line `line` (1-based) sits in: the
/// nearest line above it indented less, read as `key:` (a `- ` item's own
/// list is the key above the dash).
fn container(source: &SourceFile, line: u32, indent: usize) -> Option<(String, usize)> {
    let mut at = line;
    while at > 1 {
        at -= 1;
        let text = source.line(at)?;
        let trimmed = text.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let own = text.len() - trimmed.len();
        if own < indent {
            let body = trimmed.trim_start_matches("- ");
            let key = body.split(':').next()?.trim().to_owned();
            let item = trimmed.starts_with("- ");
            return Some((if item { format!("- {key}") } else { key }, own));
        }
    }
    None
}

/// Which list a line at `indent` belongs to: the key that holds the list
/// of entries it is in.
fn list_key(source: &SourceFile, line: u32, indent: usize) -> Option<String> {
    let (key, own) = container(source, line, indent)?;
    match key.strip_prefix("- ") {
        // The line is a field of an entry: the entry's list is above the dash.
        Some(_) => container(source, line, own).map(|(k, _)| k.trim_start_matches("- ").to_owned()),
        None => Some(key),
    }
}

fn context(analysis: &Analysis, source: &SourceFile, pos: Pos) -> Option<(Context, usize)> {
    let line = source.line(pos.line)?;
    let before: String = line.chars().take(pos.column as usize - 1).collect();
    let word = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
        .count();
    let head = &before[..before.len()
        - before
            .chars()
            .rev()
            .take(word)
            .map(char::len_utf8)
            .sum::<usize>()];
    let trimmed = head.trim_start();
    let indent = head.len() - trimmed.len();
    let entry = entry_at(analysis, pos.line);
    // JSON's quotes say nothing about where the cursor is: `"requires": ["`
    // is read as `requires: [`.
    let plain = head.replace('"', "");
    let head = plain.as_str();
    // A flow list begun after `key:` on this line and not yet closed.
    let flow = |keys: &[&str]| {
        keys.iter().any(|k| {
            head.rfind(&format!("{k}:")).is_some_and(|at| {
                let rest = head[at + k.len() + 1..].trim_start();
                rest.starts_with('[') && !rest.contains(']')
            })
        })
    };
    // A value about to be written after `key:`.
    let value_of = |k: &str| {
        let t = head.trim_end();
        t.strip_suffix(&format!("{k}:"))
            .is_some_and(|before| before.is_empty() || before.ends_with([' ', '{', ',', '-']))
    };
    let context = if flow(&["requires", "recommends"]) || value_of("topic") {
        Context::Topic(entry)
    } else if flow(&["allow"]) {
        Context::Allow
    } else if value_of("section") {
        Context::Section
    } else if value_of("kind") {
        Context::Kind
    } else if trimmed.is_empty() || trimmed == "- " || trimmed == "-" {
        let fields = if indent == 0 && trimmed.is_empty() {
            TOP_FIELDS
        } else {
            match list_key(source, pos.line, indent).as_deref() {
                Some("requires" | "recommends") if !trimmed.is_empty() => {
                    return Some((Context::Topic(entry), word));
                }
                Some("allow") if !trimmed.is_empty() => return Some((Context::Allow, word)),
                Some("topics") => TOPIC_FIELDS,
                Some("sections") => SECTION_FIELDS,
                Some("resources") => RESOURCE_FIELDS,
                Some("requires" | "recommends") => EDGE_FIELDS,
                _ => return None,
            }
        };
        Context::Key(fields)
    } else {
        return None;
    };
    Some((context, word))
}

/// The topic entry line `line` is in: the last topic id written at or above it.
fn entry_at(analysis: &Analysis, line: u32) -> Option<usize> {
    analysis
        .names()
        .iter()
        .rfind(|n| n.kind == NameKind::TopicId && n.pos.line <= line)
        .and_then(|n| n.entry)
}

/// The completions at `at` in `source` (the text now), from the names of
/// `analysis` (the last version that could be read): topic ids and aliases
/// in `requires`/`recommends` (leaving out those that would make a cycle),
/// section ids in `section:`, resource kinds in `kind:`, warning codes in
/// `allow:`, and field names where a key is expected.
pub fn completion(
    analysis: &Analysis,
    source: &SourceFile,
    at: Pos,
    encoding: Encoding,
) -> Vec<CompletionItem> {
    let Some((context, word)) = context(analysis, source, at) else {
        return Vec::new();
    };
    let start = Pos::new(at.line, at.column - word as u32);
    let range = position::range(source, start, word, encoding);
    // In JSON a name goes between quotes: add them where none is open.
    let quoted = crate::input::format::is_json(source)
        && source
            .line(at.line)
            .and_then(|l| l.chars().nth((start.column as usize).checked_sub(2)?))
            != Some('"');
    let item = |label: String, detail: Option<String>, kind: CompletionItemKind| CompletionItem {
        text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
            range,
            if quoted {
                format!("\"{label}\"")
            } else {
                label.clone()
            },
        ))),
        label,
        detail,
        kind: Some(kind),
        ..Default::default()
    };
    match context {
        Context::Topic(entry) => {
            let Some(catalog) = &analysis.catalog else {
                return Vec::new();
            };
            // The topic being written, and every topic that depends on it,
            // would close a cycle.
            let mut blocked = vec![false; catalog.topics.len()];
            if let Some(me) = entry.and_then(|e| analysis.entry_topic(e)) {
                let mut stack = vec![me];
                blocked[me.index()] = true;
                while let Some(t) = stack.pop() {
                    for (d, _) in catalog.graph().dependents(t) {
                        if !blocked[d.index()] {
                            blocked[d.index()] = true;
                            stack.push(d);
                        }
                    }
                }
            }
            let mut out = Vec::new();
            for id in catalog.ids().filter(|id| !blocked[id.index()]) {
                let topic = catalog.topic(id);
                let detail = match topic.hours {
                    Some(h) => format!("{} · {}", topic.title, hours(h)),
                    None => topic.title.clone(),
                };
                out.push(item(
                    topic.id.clone(),
                    Some(detail.clone()),
                    CompletionItemKind::REFERENCE,
                ));
                for alias in &topic.aliases {
                    out.push(item(
                        alias.clone(),
                        Some(format!("{detail} (alias of {})", topic.id)),
                        CompletionItemKind::REFERENCE,
                    ));
                }
            }
            out
        }
        Context::Section => analysis
            .catalog
            .iter()
            .flat_map(|c| c.sections.iter())
            .map(|s| {
                item(
                    s.id.clone(),
                    Some(crate::view::text::section_heading(s)),
                    CompletionItemKind::MODULE,
                )
            })
            .collect(),
        Context::Kind => ResourceKind::ALL
            .iter()
            .map(|k| item(k.as_str().to_owned(), None, CompletionItemKind::ENUM_MEMBER))
            .collect(),
        Context::Allow => Code::allowable()
            .map(|c| {
                item(
                    c.as_str().to_owned(),
                    Some(c.description().to_owned()),
                    CompletionItemKind::ENUM_MEMBER,
                )
            })
            .collect(),
        Context::Key(fields) => fields
            .iter()
            .map(|f| {
                let mut i = item(format!("{f}: "), None, CompletionItemKind::FIELD);
                i.label = (*f).to_owned();
                i
            })
            .collect(),
    }
}
