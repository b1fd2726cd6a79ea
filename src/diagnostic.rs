//! Problems found in a topics file, and their rendering in the style of rustc.

use std::borrow::Cow;
use std::fmt;

use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

use crate::input::source::SourceFile;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file is wrong; `check` exits 1.
    Error,
    /// The file works but probably not as meant; `check --strict` exits 1.
    Warning,
}

macro_rules! codes {
    ($($variant:ident = $name:literal, $severity:ident, $doc:literal;)*) => {
        /// The stable name of each rule, as printed and as given to `--allow`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(#[doc = $doc] $variant,)*
        }

        impl Code {
            /// Every rule, in the order the README lists them.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The rule's name, such as `unknown-prerequisite`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// The severity the rule reports at.
            pub const fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// One line on what the rule catches.
            pub fn description(self) -> &'static str {
                match self { $(Code::$variant => $doc,)* }
            }

            /// The rules `--allow` and `allow:` may silence: the warnings, in
            /// the order of [`Code::ALL`]. Errors are never allowed.
            pub fn allowable() -> impl Iterator<Item = Code> {
                Code::ALL.iter().copied().filter(|code| code.severity() == Severity::Warning)
            }

            /// Looks a rule up by its name.
            pub fn from_name(name: &str) -> Option<Code> {
                Code::ALL.iter().copied().find(|code| code.as_str() == name)
            }
        }
    };
}

codes! {
    Io = "io", Error, "The file could not be read.";
    Encoding = "encoding", Error, "The file is not valid UTF-8.";
    Syntax = "syntax", Error, "The file is not well-formed YAML or JSON.";
    Schema = "schema", Error, "A field is unknown, missing or of the wrong type.";
    DuplicateKey = "duplicate-key", Error, "A mapping names the same key twice.";
    Limit = "limit", Error, "The file exceeds a safety limit (alias expansion, nesting, size).";
    UnsupportedVersion = "unsupported-version", Error, "`version` is not a version this prereq reads.";
    InvalidId = "invalid-id", Error, "An id or alias is not kebab-case.";
    DuplicateId = "duplicate-id", Error, "Two topics, sections or aliases share a name.";
    UnknownSection = "unknown-section", Error, "A topic names a section that does not exist.";
    UnknownPrerequisite = "unknown-prerequisite", Error, "An edge names a topic that does not exist.";
    UnknownProgressTopic = "unknown-progress-topic", Error, "A progress file names a topic that does not exist.";
    SelfPrerequisite = "self-prerequisite", Error, "A topic lists itself as a prerequisite.";
    Cycle = "cycle", Error, "Topics require each other in a circle.";
    InvalidUrl = "invalid-url", Error, "A resource url is not http or https.";
    InvalidHours = "invalid-hours", Error, "`hours` is not a positive number up to 10000.";
    OutOfOrder = "out-of-order", Warning, "A topic comes before a topic it requires or recommends in reading order.";
    RedundantPrerequisite = "redundant-prerequisite", Warning, "A `requires` edge is already implied by another chain.";
    RequiresAndRecommends = "requires-and-recommends", Warning, "The same topic is both required and recommended.";
    IsolatedTopic = "isolated-topic", Warning, "A topic has no prerequisites and nothing depends on it.";
    EmptySection = "empty-section", Warning, "A section has no topics.";
    SectionCycle = "section-cycle", Warning, "Sections whose topics require each other both ways, directly or around a circle of sections.";
    DuplicateUrl = "duplicate-url", Warning, "A topic lists the same url twice.";
    MissingHours = "missing-hours", Warning, "A topic has no `hours`, so totals count it as zero.";
    MissingResources = "missing-resources", Warning, "A topic lists no resources to learn it from.";
    OrderUnknownTopic = "order-unknown-topic", Error, "An entry of the `--order` list names no topic.";
    OrderBeforePrerequisite = "order-before-prerequisite", Error, "An entry of the `--order` list comes before a topic it requires.";
    OrderMissingPrerequisite = "order-missing-prerequisite", Error, "An entry of the `--order` list requires a topic the list leaves out.";
    OrderDuplicate = "order-duplicate", Warning, "The `--order` list names the same topic twice.";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

pub use crate::input::source::Pos;

/// A marked stretch of one source line with a short message.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    /// Where the stretch starts.
    pub pos: Pos,
    /// How many characters it covers (at least one is drawn).
    pub len: usize,
    /// What the mark says.
    pub message: Cow<'static, str>,
}

impl Label {
    /// A label covering `len` characters at `pos`.
    pub fn new(pos: Pos, len: usize, message: impl Into<Cow<'static, str>>) -> Self {
        Self {
            pos,
            len,
            message: message.into(),
        }
    }
}

/// One problem, with where it is and how to fix it.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// The rule that found it.
    pub code: Code,
    /// Error or warning; normally the rule's own severity.
    pub severity: Severity,
    /// One sentence naming the problem.
    pub message: String,
    /// The places involved; the first is the primary one.
    pub labels: Vec<Label>,
    /// Free-standing notes shown after the source.
    pub notes: Vec<String>,
    /// How to fix it.
    pub help: Option<Cow<'static, str>>,
    /// The ids of the topics involved.
    pub topics: Vec<String>,
    /// Text that fixes the problem when put in place of the primary label's
    /// stretch, where the fix is certain (the one close name for a
    /// misspelt one): what `check --fix` and the editor's quick fix apply.
    pub replacement: Option<String>,
}

/// The most characters a message, label, note or help keeps: a file may hold
/// a 5 MB id, and a diagnostic should still fit on a screen.
pub const MAX_TEXT: usize = 300;

/// `text`, cut to [`MAX_TEXT`] characters with an ellipsis if it is longer.
pub fn clip(text: impl Into<String>) -> String {
    let mut text = text.into();
    match cut(&text) {
        Some(cut) => format!("{}…", &text[..cut]),
        None => {
            // `format!` leaves room to spare, and a check may keep a
            // hundred thousand of these.
            text.shrink_to_fit();
            text
        }
    }
}

/// [`clip`] without a copy of a text short enough.
pub(crate) fn clip_str(text: &str) -> Cow<'_, str> {
    match cut(text) {
        Some(cut) => Cow::Owned(format!("{}…", &text[..cut])),
        None => Cow::Borrowed(text),
    }
}

/// Where [`clip`] cuts `text`, if it does.
fn cut(text: &str) -> Option<usize> {
    text.char_indices().nth(MAX_TEXT).map(|(cut, _)| cut)
}

/// [`clip`] for a text that may be fixed: a fixed text short enough is kept
/// as it is, with nothing allocated, however many diagnostics share it.
fn clip_text(text: Cow<'static, str>) -> Cow<'static, str> {
    match text {
        Cow::Borrowed(fixed) if cut(fixed).is_none() => Cow::Borrowed(fixed),
        text => Cow::Owned(clip(text.into_owned())),
    }
}

/// Pushes `item`, giving an empty list room for exactly one: most
/// diagnostics have one label and a note or two, and a check may hold
/// hundreds of thousands of them, where a first room for four adds up.
fn push_one<T>(list: &mut Vec<T>, item: T) {
    if list.capacity() == 0 {
        list.reserve_exact(1);
    }
    list.push(item);
}

impl Diagnostic {
    /// A diagnostic for `code` at its usual severity, with no places yet.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Self {
            code,
            severity: code.severity(),
            message: clip(message),
            labels: Vec::new(),
            notes: Vec::new(),
            help: None,
            topics: Vec::new(),
            replacement: None,
        }
    }

    /// Adds a marked place.
    pub fn label(mut self, pos: Pos, len: usize, message: impl Into<Cow<'static, str>>) -> Self {
        push_one(
            &mut self.labels,
            Label::new(pos, len, clip_text(message.into())),
        );
        self
    }

    /// Adds a note.
    pub fn note(mut self, note: impl Into<String>) -> Self {
        push_one(&mut self.notes, clip(note));
        self
    }

    /// Sets the repair hint.
    pub fn help(mut self, help: impl Into<Cow<'static, str>>) -> Self {
        self.help = Some(clip_text(help.into()));
        self
    }

    /// Names a topic involved.
    pub fn topic(mut self, id: impl Into<String>) -> Self {
        push_one(&mut self.topics, clip(id));
        self
    }

    /// The primary place, or an unknown one.
    pub fn pos(&self) -> Pos {
        self.labels
            .first()
            .map(|label| label.pos)
            .unwrap_or_default()
    }

    /// Renders the diagnostic as rustc would: header, `--> file:line:column`,
    /// the source line with a caret, notes and help.
    pub fn render(&self, source: &SourceFile, color: bool) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let title = level
            .clone()
            .primary_title(self.message.as_str())
            .id(self.code.as_str());
        let mut snippets = Vec::new();
        for (i, label) in self.labels.iter().enumerate() {
            let Some((line_text, range)) = source.line_span(label.pos, label.len.min(MAX_TEXT))
            else {
                continue;
            };
            // The renderer's cost grows with the line: drop what lies well
            // past the mark (the column is counted from the start, so it stays).
            let tail = line_text[range.end..]
                .char_indices()
                .nth(MAX_TEXT)
                .map_or(line_text.len(), |(offset, _)| range.end + offset);
            let line_text = &line_text[..tail];
            let kind = if i == 0 {
                AnnotationKind::Primary
            } else {
                AnnotationKind::Context
            };
            snippets.push(
                Snippet::source(line_text)
                    .line_start(label.pos.line as usize)
                    .path(source.name())
                    .annotation(kind.span(range).label(label.message.as_ref())),
            );
        }
        if snippets.is_empty() {
            // No line to show: still say which file, as rustc does for whole-file errors.
            let mut group = title.element(annotate_snippets::Origin::path(source.name()));
            group = self.add_footer(group);
            return self.finish(&[group], color);
        }
        let mut group = title.elements(snippets);
        group = self.add_footer(group);
        self.finish(&[group], color)
    }

    /// The diagnostic on one line, as compilers print it for editors:
    /// `file:line:column: warning[code]: message`, without the source line,
    /// notes or help.
    pub fn render_short(&self, source: &SourceFile, color: bool) -> String {
        let mut out = Vec::new();
        // Writing into memory cannot fail.
        let _ = write_short(
            &mut out,
            source,
            self.pos(),
            self.severity,
            self.code,
            &self.message,
            color,
        );
        out.pop();
        String::from_utf8(out).unwrap_or_default()
    }

    fn add_footer<'a>(&'a self, mut group: Group<'a>) -> Group<'a> {
        for note in &self.notes {
            group = group.element(Level::NOTE.message(note.as_str()));
        }
        if let Some(help) = &self.help {
            group = group.element(Level::HELP.message(help.as_ref()));
        }
        group
    }

    fn finish(&self, groups: &[Group<'_>], color: bool) -> String {
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.decor_style(DecorStyle::Ascii).render(groups)
    }
}

/// Writes a diagnostic's one line (see [`Diagnostic::render_short`]) and a
/// line break, without building the diagnostic: a report may have hundreds
/// of thousands of these lines.
pub(crate) fn write_short(
    out: &mut dyn std::io::Write,
    source: &SourceFile,
    pos: Pos,
    severity: Severity,
    code: Code,
    message: &str,
    color: bool,
) -> std::io::Result<()> {
    let (word, style) = match severity {
        Severity::Error => ("error", anstyle::AnsiColor::Red.on_default().bold()),
        Severity::Warning => ("warning", anstyle::AnsiColor::Yellow.on_default().bold()),
    };
    write!(out, "{}", source.name())?;
    if pos.is_known() {
        write!(out, ":{}:{}", pos.line, pos.column)?;
    }
    let code = code.as_str();
    if color {
        writeln!(out, ": {style}{word}[{code}]{style:#}: {message}")
    } else {
        writeln!(out, ": {word}[{code}]: {message}")
    }
}
