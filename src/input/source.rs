//! Where a topics file came from, its text, and positions within it.

use std::ops::Range;
use std::sync::OnceLock;

use serde::Serialize;

/// How many lines apart the remembered line starts are.
const LINE_STEP: usize = 64;

/// The text of a topics file and the name to show for it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    name: String,
    text: String,
    // The start of every LINE_STEP-th line, found on the first diagnostic
    // rendered: most runs render none. A line between two is found from the
    // nearest before it; a start for every line took 5 MB on a 100,000-topic
    // YAML file, a tenth of the run's peak.
    line_starts: OnceLock<Vec<usize>>,
}

impl SourceFile {
    /// Wraps `text`, shown as `name` in diagnostics. A UTF-8 byte-order mark is dropped.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let mut text = text.into();
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        Self {
            name: name.into(),
            text,
            line_starts: OnceLock::new(),
        }
    }

    /// The name shown in diagnostics: a path, `<stdin>` or `<built-in handbook>`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The whole text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text of 1-based line `line`, without its line ending.
    pub fn line(&self, line: u32) -> Option<&str> {
        let index = (line as usize).checked_sub(1)?;
        let bytes = self.text.as_bytes();
        let line_starts = self.line_starts.get_or_init(|| {
            let breaks = memchr::memchr_iter(b'\n', bytes).enumerate();
            std::iter::once(0)
                .chain(breaks.filter_map(|(n, at)| ((n + 1) % LINE_STEP == 0).then_some(at + 1)))
                .collect()
        });
        let mut start = *line_starts.get(index / LINE_STEP)?;
        for _ in 0..index % LINE_STEP {
            start += memchr::memchr(b'\n', &bytes[start..])? + 1;
        }
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        let text = &self.text[start..end];
        Some(text.strip_suffix('\r').unwrap_or(text))
    }

    /// The byte offset at which 1-based line `line` starts.
    pub fn line_start(&self, line: u32) -> Option<usize> {
        let text = self.line(line)?;
        Some(text.as_ptr() as usize - self.text.as_ptr() as usize)
    }

    /// The byte offset of `pos`, if it lies on a line of the text.
    pub fn offset(&self, pos: Pos) -> Option<usize> {
        let (line, range) = self.line_span(pos, 0)?;
        Some(line.as_ptr() as usize - self.text.as_ptr() as usize + range.start)
    }

    /// The line at `pos` and the byte range within it that covers `len` characters
    /// from `pos.column`, clamped to the line.
    pub fn line_span(&self, pos: Pos, len: usize) -> Option<(&str, Range<usize>)> {
        let text = self.line(pos.line)?;
        let byte_at = |chars: usize| {
            text.char_indices()
                .nth(chars)
                .map_or(text.len(), |(offset, _)| offset)
        };
        let start = byte_at((pos.column as usize).saturating_sub(1));
        let end = byte_at((pos.column as usize).saturating_sub(1) + len.max(1));
        Some((text, start..end.max(start)))
    }
}

/// A place in the source: 1-based line and column (in characters).
/// Line 0 means the place is unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Pos {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, counted in characters.
    pub column: u32,
}

impl Pos {
    /// A position at `line`, `column`.
    pub fn new(line: u32, column: u32) -> Self {
        Self { line, column }
    }

    /// Whether the position points somewhere real.
    pub fn is_known(self) -> bool {
        self.line > 0
    }
}

impl From<serde_saphyr::Location> for Pos {
    fn from(location: serde_saphyr::Location) -> Self {
        let clamp = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        Pos::new(clamp(location.line()), clamp(location.column()))
    }
}
