//! Reading a topics file: bytes to text to [`RawFile`], with every failure
//! turned into a [`Diagnostic`] that points at the place.

use serde::de::DeserializeSeed;
use serde_saphyr::Error as YamlError;

use crate::diagnostic::{Code, Diagnostic, Pos};
use crate::input::format::{SHAPE, expected_topics, is_json, yaml_options};
pub use crate::input::format::{budget_for, replay_limit};
use crate::input::schema::{FileSeed, FileSink, RawFile, RawHead};
use crate::input::source::SourceFile;
use crate::model::catalog::{Catalog, CatalogBuilder};

/// Decodes `bytes` as UTF-8 (a byte-order mark is dropped). On failure, the
/// text with invalid bytes replaced, and a diagnostic at the first invalid byte.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<SourceFile, (SourceFile, Box<Diagnostic>)> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(name, text)),
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let bytes = err.as_bytes();
            let before = String::from_utf8_lossy(&bytes[..valid]);
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            let diagnostic = Diagnostic::new(
                Code::Encoding,
                format!(
                    "invalid UTF-8: byte 0x{:02x} at offset {valid}",
                    bytes[valid]
                ),
            )
            .label(Pos::new(to_u32(line), to_u32(column)), 1, "not UTF-8")
            .help("save the file as UTF-8");
            let lossy = SourceFile::new(name, String::from_utf8_lossy(bytes).into_owned());
            Err((lossy, Box::new(diagnostic)))
        }
    }
}

/// Parses the text into the raw schema: as JSON when the file name ends in
/// `.json`, else as YAML.
pub fn parse(source: &SourceFile) -> Result<RawFile, Box<Diagnostic>> {
    RawFile::collect(|sink| parse_into(source, sink))
}

/// Parses the text as [`parse`] does, handing sections and topics to `sink`
/// as they are read.
pub fn parse_into(
    source: &SourceFile,
    sink: &mut dyn FileSink,
) -> Result<RawHead, Box<Diagnostic>> {
    if source.text().trim().is_empty() {
        return Err(Box::new(
            Diagnostic::new(Code::Schema, "the file is empty")
                .label(Pos::new(1, 1), 1, "")
                .help(SHAPE),
        ));
    }
    if let Some(translation) = crate::input::handbook::translation(source) {
        // The handbook is small: read whole, then handed on, so that if the
        // translation were ever refused the YAML could still be read.
        let parsed =
            RawFile::collect(|raw| crate::input::json_input::parse_translated(translation, raw));
        if let Ok(raw) = parsed {
            return Ok(raw.feed(sink));
        }
    }
    let is_json = is_json(source);
    sink.expect(expected_topics(source.text(), is_json));
    if is_json {
        crate::input::json_input::parse_json_into(source, sink)
    } else {
        parse_yaml_into(source, sink)
    }
}

/// Parses YAML text into the raw schema.
///
/// The parser's safety budget grows with the size of the input, so large honest
/// files load, while the limits on alias expansion stay fixed and stop
/// "billion laughs" files early.
pub fn parse_yaml(source: &SourceFile) -> Result<RawFile, Box<Diagnostic>> {
    RawFile::collect(|sink| parse_yaml_into(source, sink))
}

/// Parses YAML text, handing sections and topics to `sink` as they are read.
pub fn parse_yaml_into(
    source: &SourceFile,
    sink: &mut dyn FileSink,
) -> Result<RawHead, Box<Diagnostic>> {
    let options = yaml_options(source.text().len());
    serde_saphyr::with_deserializer_from_str_with_options(source.text(), options, |de| {
        FileSeed(sink).deserialize(de)
    })
    .map_err(|err| Box::new(yaml_diagnostic(&err, source)))
}

fn yaml_diagnostic(err: &YamlError, source: &SourceFile) -> Diagnostic {
    let err = err.without_snippet();
    if let YamlError::AliasError { error, .. } = err {
        return yaml_diagnostic(error, source);
    }
    let mut pos = err.location().map(Pos::from).unwrap_or_default();
    let key = key_at(source, pos);
    let named = |what: &str| match key {
        Some(key) => format!("`{key}` must be {what}"),
        None => format!("expected {what}"),
    };
    let first = first_content(source);
    let at_top = pos.is_known() && pos == first;
    // What the mark under the place says; most errors say it in the message.
    let mut label = "";
    let (code, message, help): (Code, String, Option<String>) = match err {
        YamlError::Eof { .. } if at_top || first == Pos::default() => (
            Code::Schema,
            "the file holds no topics".to_owned(),
            Some(SHAPE.to_owned()),
        ),
        YamlError::Unexpected { .. } | YamlError::SerdeInvalidType { .. } if at_top => (
            Code::Schema,
            "a topics file must be a mapping of `version`, `sections` and `topics`".to_owned(),
            Some(SHAPE.to_owned()),
        ),
        YamlError::Unexpected { expected, .. } | YamlError::InvalidScalar { ty: expected, .. } => {
            let expected = match (*expected, key) {
                ("string scalar", Some("version")) => "u64",
                ("string scalar", Some("hours")) => "f64",
                (other, _) => other,
            };
            (Code::Schema, named(&describe_expected(expected)), None)
        }
        YamlError::SerdeInvalidType {
            unexpected,
            expected,
            ..
        }
        | YamlError::SerdeInvalidValue {
            unexpected,
            expected,
            ..
        } => (
            Code::Schema,
            format!(
                "{}, not {}",
                named(&describe_expected(expected)),
                describe_unexpected(unexpected)
            ),
            None,
        ),
        YamlError::NullIntoString { .. } => (Code::Schema, named("a string, not empty"), None),
        YamlError::QuotingRequired { value, .. } => (
            Code::Schema,
            format!("{}, not `{value}`", named("a string")),
            Some("put it in quotes".to_owned()),
        ),
        YamlError::SerdeUnknownVariant {
            variant, expected, ..
        } => (
            Code::Schema,
            format!("unknown value `{variant}`"),
            Some(did_you_mean(variant, expected)),
        ),
        YamlError::SerdeUnknownField {
            field, expected, ..
        } => (
            Code::Schema,
            format!("unknown field `{field}`"),
            Some(did_you_mean(field, expected)),
        ),
        YamlError::SerdeMissingField { field, .. } => (
            Code::Schema,
            format!("missing field `{field}`"),
            Some(format!("add `{field}: ...` to this entry")),
        ),
        YamlError::DuplicateMappingKey { key, .. } => (
            Code::DuplicateKey,
            match key {
                Some(key) => format!("`{key}` is given twice in one mapping"),
                None => "a key is given twice in one mapping".to_owned(),
            },
            Some("keep one of the two".to_owned()),
        ),
        YamlError::Budget { breach, .. } => (
            Code::Limit,
            format!(
                "the file exceeds a safety limit: {}",
                describe_breach(breach)
            ),
            None,
        ),
        YamlError::AliasReplayLimitExceeded { .. }
        | YamlError::AliasExpansionLimitExceeded { .. }
        | YamlError::AliasReplayStackDepthExceeded { .. }
        | YamlError::AliasReplayCounterOverflow { .. } => (
            Code::Limit,
            "YAML aliases here expand to more data than prereq reads".to_owned(),
            Some("write the values out instead of nesting aliases".to_owned()),
        ),
        YamlError::UnknownAnchor { .. } => (
            Code::Syntax,
            "this alias names an anchor that is not defined before it".to_owned(),
            None,
        ),
        YamlError::MultipleDocuments { .. } => (
            Code::Syntax,
            "the file holds more than one YAML document".to_owned(),
            Some("keep one document: remove the `---` lines after the first".to_owned()),
        ),
        other => {
            let text = first_line(&other.to_string());
            if text.contains("tabs disallowed") || text.contains("found a tab") {
                // The scanner names the place of the token it was reading,
                // which may be the line before: point at the tab itself.
                if let Some(tab) = tab_from(source, pos) {
                    pos = tab;
                }
                label = "a tab";
                (
                    Code::Syntax,
                    "a tab indents this line; YAML indents with spaces only".to_owned(),
                    Some("replace the tab with spaces".to_owned()),
                )
            } else if text.contains("recursion limit exceeded") {
                (
                    Code::Limit,
                    "the file nests deeper than prereq reads".to_owned(),
                    None,
                )
            } else {
                (Code::Syntax, text, None)
            }
        }
    };
    let mut diagnostic = Diagnostic::new(code, message);
    if pos.is_known() {
        diagnostic = diagnostic.label(pos, 1, label);
    }
    if let Some(help) = help {
        diagnostic = diagnostic.help(help);
    }
    diagnostic
}

fn did_you_mean(name: &str, expected: &[&str]) -> String {
    match crate::model::catalog::suggest_among(name, expected.iter().copied()) {
        Some(close) => format!("did you mean `{close}`?"),
        None if expected.is_empty() => "remove it".to_owned(),
        None => {
            let names: Vec<String> = expected.iter().map(|e| format!("`{e}`")).collect();
            format!("expected one of {}", names.join(", "))
        }
    }
}

/// serde's names for what it wanted, in the words of a topics file.
fn describe_expected(expected: &str) -> String {
    let text = match expected {
        "u64" | "u32" | "i64" | "u8" | "u16" | "usize" => "a whole number",
        "f64" | "f32" => "a number",
        "a string" | "string" | "str" => "a string",
        "struct RawFile" => "a mapping of `version`, `sections` and `topics`",
        "struct RawTopic" => "a topic: a mapping with `id` and `title`",
        "struct RawSection" => "a section: a mapping with `id` and `title`",
        "struct RawResource" => "a resource: a mapping with `title`, `url` and `kind`",
        "a sequence" | "sequence start" => "a list",
        "mapping start" => "a mapping of `key: value` lines",
        "string scalar" => "a string",
        "floating point" => "a number",
        other if other.starts_with("struct ") => "a mapping",
        other => return other.to_owned(),
    };
    text.to_owned()
}

/// serde's names for what it found, in the words of a topics file.
fn describe_unexpected(unexpected: &str) -> &str {
    match unexpected {
        "sequence" => "a list",
        "map" => "a mapping",
        "unit value" => "an empty value",
        other => other,
    }
}

fn describe_breach(breach: &serde_saphyr::budget::BudgetBreach) -> String {
    use serde_saphyr::budget::BudgetBreach as B;
    match breach {
        B::Depth { depth } => format!("nesting deeper than {depth} levels"),
        B::Aliases { aliases } => format!("more than {aliases} aliases"),
        B::Anchors { anchors } => format!("more than {anchors} anchors"),
        B::Events { events } => format!("more than {events} YAML events"),
        B::Documents { .. } => "more than one document".to_owned(),
        other => format!("{other:?}"),
    }
}

/// The first tab at or after `pos`, where the scanner found one.
fn tab_from(source: &SourceFile, pos: Pos) -> Option<Pos> {
    let mut line = pos.line;
    let mut skip = (pos.column as usize).saturating_sub(1);
    while let Some(text) = source.line(line) {
        if let Some(column) = text.chars().skip(skip).position(|c| c == '\t') {
            return Some(Pos::new(line, to_u32(skip + column + 1)));
        }
        // A tab the scanner stopped at is on its line or the next.
        if line > pos.line {
            return None;
        }
        line += 1;
        skip = 0;
    }
    None
}

/// The mapping key written on the line of `pos`, before its column, if any:
/// `topics` for an error at `{` in `topics: {}`.
fn key_at(source: &SourceFile, pos: Pos) -> Option<&str> {
    let line = source.line(pos.line)?;
    let end = line
        .char_indices()
        .nth((pos.column as usize).saturating_sub(1))
        .map_or(line.len(), |(offset, _)| offset);
    // Skip an anchor or tag between the key and the value: `title: &a [..]`.
    let mut before = line[..end].trim_end();
    while let Some((head, last)) = before.rsplit_once(' ')
        && (last.starts_with('&') || last.starts_with('!'))
    {
        before = head.trim_end();
    }
    // The key is the last word before the colon, in block (`  - id:`) and
    // flow (`{topic: a, because:`) style alike.
    let key = before
        .strip_suffix(':')?
        .rsplit([' ', '{', '[', ','])
        .next()?;
    (!key.is_empty() && !key.contains(['"', '\'', ':'])).then_some(key)
}

/// Where the document's first node starts: the first line that is not
/// blank, a comment, a directive or `---`.
fn first_content(source: &SourceFile) -> Pos {
    for (index, line) in source.text().lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with('%') {
            continue;
        }
        let content = match trimmed.strip_prefix("---") {
            Some(rest) if rest.trim().is_empty() || rest.trim_start().starts_with('#') => continue,
            Some(rest) => rest.trim_start(),
            None => trimmed,
        };
        let skipped = line.len() - content.len();
        let column = line[..skipped].chars().count() + 1;
        return Pos::new(to_u32(index + 1), to_u32(column));
    }
    Pos::default()
}

// serde-saphyr's plain message starts with the text and may append the
// position; the position is shown by the renderer instead.
fn first_line(message: &str) -> String {
    let line = message.lines().next().unwrap_or(message);
    match line.rfind(" at line ") {
        Some(at) => line[..at].to_owned(),
        None => line.to_owned(),
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Parses and validates `source`: the catalog (unless the file could not be
/// parsed at all) and every error found, cycles included.
pub fn analyze(source: &SourceFile) -> (Option<Catalog>, Vec<Diagnostic>) {
    // Topics are validated as they are parsed, so the raw list never exists whole.
    let mut builder = CatalogBuilder::new();
    let parsed = match crate::input::split::parse(source, &mut builder) {
        Some(head) => Ok(head),
        None => {
            // Whatever the pieces handed on is dropped: the one-thread parse
            // starts afresh and gives the exact diagnostic.
            builder = CatalogBuilder::new();
            parse_into(source, &mut builder)
        }
    };
    match parsed {
        Ok(head) => {
            let (catalog, diagnostics) = finish(builder, head);
            (Some(catalog), diagnostics)
        }
        Err(diagnostic) if matches!(diagnostic.code, Code::Schema | Code::DuplicateKey) => {
            recover(source, *diagnostic)
        }
        Err(diagnostic) => (None, vec![*diagnostic]),
    }
}

/// Reads a file the fast reader stopped in at `first`, a value of the wrong
/// shape, again as a tree: every schema problem is reported, in file order
/// with the other errors, and the rules run on the topics that could be read.
fn recover(source: &SourceFile, first: Diagnostic) -> (Option<Catalog>, Vec<Diagnostic>) {
    if source.text().trim().is_empty() {
        return (None, vec![first]);
    }
    // A syntax error after the first wrong value stops the reading there.
    let tree = if is_json(source) {
        match crate::input::tree::json(source.text()) {
            Some(tree) => tree,
            None => {
                let syntax = serde_json::from_str::<serde::de::IgnoredAny>(source.text())
                    .err()
                    .map_or(first, |err| crate::input::json_input::json_diagnostic(&err));
                return (None, vec![syntax]);
            }
        }
    } else {
        match crate::input::tree::yaml(source.text()) {
            Ok(tree) => tree,
            Err(err) => {
                // Both: the wrong value the fast reader met first, and
                // where the reading had to stop (only that, at one place).
                let mut both = vec![yaml_diagnostic(&err, source), first];
                both.dedup_by_key(|d| d.pos());
                both.sort_by_key(file_order);
                return (None, both);
            }
        }
    };
    let mut builder = CatalogBuilder::new();
    let (head, mut diagnostics) = crate::input::validate::file(source, &tree, &mut builder);
    if diagnostics.is_empty() {
        // The two readers disagree; the fast reader's word stands.
        diagnostics.push(first);
    }
    let Some(head) = head else {
        return (None, diagnostics);
    };
    let (catalog, rest) = finish(builder, head);
    diagnostics.extend(rest);
    diagnostics.sort_by_key(file_order);
    (Some(catalog), diagnostics)
}

/// Where a diagnostic comes in file order; one with no place (none today)
/// comes last.
fn file_order(d: &Diagnostic) -> (bool, Pos) {
    let pos = d.pos();
    (!pos.is_known(), pos)
}

/// Validates a parsed file. Returns the catalog (with invalid references
/// dropped) and every problem found, cycles included.
pub fn from_raw(raw: RawFile) -> (Catalog, Vec<Diagnostic>) {
    let mut builder = CatalogBuilder::new();
    let head = raw.feed(&mut builder);
    finish(builder, head)
}

/// The catalog `builder` has built, and its problems with the cycles last.
fn finish(builder: CatalogBuilder, head: RawHead) -> (Catalog, Vec<Diagnostic>) {
    let (catalog, mut diagnostics) = builder.finish(head);
    diagnostics.extend(crate::query::cycles::cycle_diagnostics(&catalog));
    (catalog, diagnostics)
}

/// Parses and validates `source`, failing with every error if there is any.
pub fn catalog(source: &SourceFile) -> Result<Catalog, Vec<Diagnostic>> {
    match analyze(source) {
        (Some(catalog), diagnostics) if diagnostics.is_empty() => Ok(catalog),
        (_, diagnostics) => Err(diagnostics),
    }
}
