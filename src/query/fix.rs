//! The fixes that are safe and unique, as edits of the file's text: a
//! misspelt prerequisite renamed to the one close name, a redundant
//! requirement removed, a topic that comes before its prerequisite moved
//! to just after it. Every other line stays byte for byte. `check --fix`
//! applies them; an editor's quick fixes are the same edits.
//!
//! Only YAML files are edited, and only where the shape of the lines
//! involved is plain (a name in a flow list, a list item on a line of its
//! own, a topic that starts with `- `); anything else is left as reported.

use std::collections::HashMap;
use std::ops::Range;

use crate::diagnostic::{Code, Diagnostic, Pos};
use crate::input::source::SourceFile;
use crate::model::catalog::{Catalog, TopicId};
use crate::query::check::{CheckOptions, Move, Report};

/// One change of the text: the bytes in `range` become `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Which bytes of the source are replaced.
    pub range: Range<usize>,
    /// What they become.
    pub text: String,
}

/// A fix: the edits that make it, and which rule it answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// The rule whose problem it fixes.
    pub code: Code,
    /// Its edits, which do not overlap.
    pub edits: Vec<Edit>,
}

/// Finds the fix for each diagnostic of one check of a file. The moves of
/// out-of-order topics are worked out once, for all of them.
pub struct Fixer<'a> {
    source: &'a SourceFile,
    catalog: &'a Catalog,
    /// Each out-of-order edge's move, by where the edge names its
    /// prerequisite (the place of its diagnostic).
    moves: HashMap<Pos, Move>,
}

impl<'a> Fixer<'a> {
    /// A fixer for `catalog`, read from `source`.
    pub fn new(source: &'a SourceFile, catalog: &'a Catalog) -> Self {
        let moves = crate::query::check::out_of_order_edges(catalog)
            .into_iter()
            .map(|edge| (edge.prerequisite.pos, edge.fix))
            .collect();
        Self {
            source,
            catalog,
            moves,
        }
    }

    /// The fix for one diagnostic, if there is a safe one.
    pub fn fix_for(&self, d: &Diagnostic) -> Option<Fix> {
        if crate::input::format::is_json(self.source) {
            return None;
        }
        let edits = match d.code {
            Code::UnknownPrerequisite => rename(self.source, d.pos(), d.replacement.as_deref()?)?,
            Code::RedundantPrerequisite => return edge_removal(self.source, d.code, d.pos()),
            Code::OutOfOrder => move_topic(self.source, self.catalog, *self.moves.get(&d.pos())?)?,
            _ => return None,
        };
        Some(Fix {
            code: d.code,
            edits,
        })
    }
}

/// The fix that deletes the edge naming its prerequisite at `pos` (as the
/// cycle repair hint and the redundant-edge warning ask), if its line is plain.
pub fn edge_removal(source: &SourceFile, code: Code, pos: Pos) -> Option<Fix> {
    if crate::input::format::is_json(source) {
        return None;
    }
    Some(Fix {
        code,
        edits: remove_edge(source, pos)?,
    })
}

/// The edits of one round of `check --fix`: every rename and removal that
/// does not touch another, or else the first move (a move shifts whole
/// blocks of lines, so it goes alone and the file is checked again).
pub fn round(source: &SourceFile, catalog: &Catalog, report: &Report) -> Vec<Fix> {
    let fixer = Fixer::new(source, catalog);
    let mut fixes: Vec<Fix> = Vec::new();
    let mut first_move = None;
    for (file, d) in report.all() {
        // Only the first move is made, so the others are not worked out.
        if file != source.name() || (d.code == Code::OutOfOrder && first_move.is_some()) {
            continue;
        }
        let Some(fix) = fixer.fix_for(&d) else {
            continue;
        };
        if fix.code == Code::OutOfOrder {
            first_move = Some(fix);
        } else if !fixes.iter().any(|f| overlaps(f, &fix)) {
            fixes.push(fix);
        }
    }
    if fixes.is_empty() {
        fixes.extend(first_move);
    }
    fixes
}

fn overlaps(a: &Fix, b: &Fix) -> bool {
    a.edits.iter().any(|x| {
        b.edits
            .iter()
            .any(|y| x.range.start < y.range.end && y.range.start < x.range.end)
    })
}

/// `text` with `fixes` applied.
pub fn apply(text: &str, fixes: &[Fix]) -> String {
    let mut edits: Vec<&Edit> = fixes.iter().flat_map(|f| &f.edits).collect();
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in edits {
        if edit.range.start < at {
            continue;
        }
        out.push_str(&text[at..edit.range.start]);
        out.push_str(&edit.text);
        at = edit.range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The bytes of the name written at `pos`, quotes included.
fn name_at(source: &SourceFile, pos: Pos) -> Option<Range<usize>> {
    let start = source.offset(pos)?;
    let rest = &source.text()[start..];
    let len = match rest.chars().next()? {
        quote @ ('"' | '\'') => rest[1..].find(quote)? + 2,
        _ => rest
            .find([',', ']', '}', '#', '\n', '\r'])
            .unwrap_or(rest.len()),
    };
    let name = rest[..len].trim_end();
    Some(start..start + name.len())
}

fn rename(source: &SourceFile, pos: Pos, to: &str) -> Option<Vec<Edit>> {
    let range = name_at(source, pos)?;
    let written = &source.text()[range.clone()];
    let text = match written.chars().next()? {
        quote @ ('"' | '\'') => format!("{quote}{to}{quote}"),
        _ => to.to_owned(),
    };
    Some(vec![Edit { range, text }])
}

/// The whole of 1-based line `line`, its line break included.
fn line_range(source: &SourceFile, line: u32) -> Option<Range<usize>> {
    let start = source.line_start(line)?;
    let text = source.text();
    let end = text[start..]
        .find('\n')
        .map_or(text.len(), |i| start + i + 1);
    Some(start..end)
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Removes the edge whose name is written at `pos`: from a flow list with
/// the comma that joins it, or the list item's lines.
fn remove_edge(source: &SourceFile, pos: Pos) -> Option<Vec<Edit>> {
    let name = name_at(source, pos)?;
    let text = source.text();
    let line_start = source.line_start(pos.line)?;
    let line = source.line(pos.line)?;
    let before = text[line_start..name.start].trim_end_matches(' ');
    let after_start = name.end;
    let after = &text[after_start..line_start + line.len()];
    let after_trim = after.trim_start_matches(' ');
    // A name in a flow list: `[a, b]`.
    if before.ends_with('[') || before.ends_with(',') {
        let gap_after = after.len() - after_trim.len();
        if let Some(rest) = after_trim.strip_prefix(',') {
            let next = rest.len() - rest.trim_start_matches(' ').len();
            let end = after_start + gap_after + 1 + next;
            return Some(vec![edit(name.start..end, "")]);
        }
        if after_trim.starts_with(']') {
            let start = if before.ends_with(',') {
                line_start + before.len() - 1
            } else {
                name.start
            };
            return Some(vec![edit(start..name.end, "")]);
        }
        return None;
    }
    // A list item of its own: `- a`, `- {topic: a, ...}`, or `- topic: a`
    // with more of the mapping on the lines below.
    let item = line.trim_start();
    let short = item.strip_prefix("- ").is_some_and(|rest| {
        let rest = rest.trim_end();
        let rest = rest.split(" #").next().unwrap_or(rest).trim_end();
        rest.len() == name.len() || (rest.starts_with('{') && rest.ends_with('}'))
    });
    let block_mapping = item.starts_with("- topic:");
    if !(short || block_mapping) {
        return None;
    }
    let mut lines = line_range(source, pos.line)?;
    if block_mapping {
        let dash = indent(line);
        let mut next = pos.line + 1;
        while let Some(more) = source.line(next) {
            if more.trim().is_empty() || indent(more) <= dash {
                break;
            }
            lines.end = line_range(source, next)?.end;
            next += 1;
        }
    }
    Some(vec![edit(lines, "")])
}

fn edit(range: Range<usize>, text: &str) -> Edit {
    Edit {
        range,
        text: text.to_owned(),
    }
}

/// The lines of topic `id`'s list item: from the line of its `- ` to the
/// last line before the next topic that is not blank or a comment.
fn block(source: &SourceFile, catalog: &Catalog, id: TopicId) -> Option<Range<u32>> {
    let start = item_line(source, catalog.topic(id).pos)?;
    let next = match catalog.topics.get(id.index() + 1) {
        Some(next) => item_line(source, next.pos)?,
        None => {
            // The last topic runs while lines are indented under its dash.
            let dash = indent(source.line(start)?);
            let mut line = start + 1;
            while let Some(text) = source.line(line) {
                if !text.trim().is_empty()
                    && !text.trim_start().starts_with('#')
                    && indent(text) <= dash
                {
                    break;
                }
                line += 1;
            }
            line
        }
    };
    let mut end = next;
    while end > start + 1 {
        let text = source.line(end - 1)?;
        if text.trim().is_empty() || text.trim_start().starts_with('#') {
            end -= 1;
        } else {
            break;
        }
    }
    Some(start..end)
}

/// The line of the `- ` that opens the list item holding the id at `pos`.
fn item_line(source: &SourceFile, pos: Pos) -> Option<u32> {
    let mut line = pos.line;
    loop {
        let text = source.line(line)?;
        if text.trim_start().starts_with("- ") {
            return Some(line);
        }
        line = line.checked_sub(1).filter(|&l| l > 0)?;
    }
}

fn lines_bytes(source: &SourceFile, lines: &Range<u32>) -> Option<Range<usize>> {
    let start = source.line_start(lines.start)?;
    let end = line_range(source, lines.end - 1)?.end;
    Some(start..end)
}

/// Moves one topic's lines as `fix` says; a move that must carry other
/// topics with it is not made.
fn move_topic(source: &SourceFile, catalog: &Catalog, fix: Move) -> Option<Vec<Edit>> {
    let text = source.text();
    let (topic, to, after) = match fix {
        Move::Down {
            topic,
            below,
            with_dependents: false,
        } => (topic, below, true),
        Move::Up { topic, above } => (topic, above, false),
        Move::Down { .. } => return None,
    };
    let moved = lines_bytes(source, &block(source, catalog, topic)?)?;
    let target = lines_bytes(source, &block(source, catalog, to)?)?;
    let mut lines = text[moved.clone()].to_owned();
    if !lines.ends_with('\n') {
        lines.push('\n');
    }
    let at = if after { target.end } else { target.start };
    let mut insert = lines;
    if after && !text[..at].ends_with('\n') {
        insert.insert(0, '\n');
    }
    Some(vec![edit(moved, ""), edit(at..at, &insert)])
}

/// What [`fix_file`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    /// The fixed text (the same as the source's when nothing was fixed).
    pub text: String,
    /// How many problems were fixed, by rule, in the order of [`Code::ALL`].
    pub counts: Vec<(Code, usize)>,
}

impl Fixed {
    /// How many problems were fixed in all.
    pub fn total(&self) -> usize {
        self.counts.iter().map(|(_, n)| n).sum()
    }
}

/// The most rounds of fixing: each is a whole check of the file, and a
/// round that fixes nothing ends it before.
const MAX_ROUNDS: usize = 1_000;

/// Fixes `source` round by round (see [`round`]) until no safe fix is left,
/// checking the text again after each. `None` when the file cannot be read
/// as topics at all (a syntax error, say): such a file is never edited.
pub fn fix_file(source: &SourceFile, options: &CheckOptions<'_>) -> Option<Fixed> {
    let mut text = source.text().to_owned();
    let mut counts: Vec<(Code, usize)> = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let current = SourceFile::new(source.name(), text.as_str());
        let (report, catalog) = crate::query::check::check_keeping(&current, options);
        let catalog = catalog?;
        let fixes = round(&current, &catalog, &report);
        if fixes.is_empty() {
            break;
        }
        let next = apply(&text, &fixes);
        if next == text {
            break;
        }
        for fix in &fixes {
            match counts.iter_mut().find(|(code, _)| *code == fix.code) {
                Some((_, n)) => *n += 1,
                None => counts.push((fix.code, 1)),
            }
        }
        text = next;
    }
    counts.sort_by_key(|(code, _)| Code::ALL.iter().position(|c| c == code));
    Some(Fixed { text, counts })
}

/// The change from `old` to `new` as a unified diff, both sides named `name`.
pub fn unified_diff(name: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(name, name)
        .to_string()
}
