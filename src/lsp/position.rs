//! Places in a document as the editor counts them: 0-based lines, and
//! columns in UTF-8 bytes or UTF-16 code units, whichever was agreed at
//! `initialize`. The library's own places are 1-based lines and columns
//! in characters.

use lsp_types::{Position, Range};

use crate::diagnostic::Pos;
use crate::input::source::SourceFile;

/// How columns are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Bytes of UTF-8.
    Utf8,
    /// Code units of UTF-16, the protocol's default.
    Utf16,
}

impl Encoding {
    fn width(self, c: char) -> u32 {
        match self {
            Encoding::Utf8 => c.len_utf8() as u32,
            Encoding::Utf16 => c.len_utf16() as u32,
        }
    }
}

/// The editor's place of `chars` characters into 1-based line `line`
/// (clamped to the line's end; line 0 is the file's start).
pub fn position(source: &SourceFile, line: u32, chars: usize, encoding: Encoding) -> Position {
    let Some(text) = source.line(line) else {
        return Position::new(line.saturating_sub(1), 0);
    };
    let character = text.chars().take(chars).map(|c| encoding.width(c)).sum();
    Position::new(line - 1, character)
}

/// The editor's range of `len` characters from `pos`, kept on its line.
pub fn range(source: &SourceFile, pos: Pos, len: usize, encoding: Encoding) -> Range {
    if !pos.is_known() {
        return Range::default();
    }
    let start = (pos.column as usize).saturating_sub(1);
    Range::new(
        position(source, pos.line, start, encoding),
        position(source, pos.line, start + len, encoding),
    )
}

/// The library's place of the editor's `position`: the character it
/// falls in (or just after the line's end).
pub fn pos(source: &SourceFile, position: Position, encoding: Encoding) -> Pos {
    let line = position.line.saturating_add(1);
    let Some(text) = source.line(line) else {
        return Pos::new(line, 1);
    };
    let mut counted = 0;
    let mut chars = 0;
    for c in text.chars() {
        let width = encoding.width(c);
        if counted + width > position.character {
            break;
        }
        counted += width;
        chars += 1;
    }
    Pos::new(line, chars + 1)
}

/// The byte offset in the whole text of the editor's `position`.
pub fn offset(source: &SourceFile, position: Position, encoding: Encoding) -> usize {
    let place = pos(source, position, encoding);
    source.offset(place).unwrap_or(source.text().len())
}

/// The editor's place of byte `offset` of the whole text.
pub fn position_of_offset(source: &SourceFile, offset: usize, encoding: Encoding) -> Position {
    let text = source.text();
    let offset = offset.min(text.len());
    let before = &text[..floor_boundary(text, offset)];
    let line = before.matches('\n').count() as u32 + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let chars = before[line_start..].chars().count();
    position(source, line, chars, encoding)
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_bytes_or_utf16_units() {
        let source = SourceFile::new("t.yaml", "a: 日本 😀 x\n");
        // `x` is the 9th character.
        let x = Pos::new(1, 9);
        let utf8 = range(&source, x, 1, Encoding::Utf8);
        let utf16 = range(&source, x, 1, Encoding::Utf16);
        assert_eq!(utf8.start, Position::new(0, 3 + 6 + 1 + 4 + 1));
        assert_eq!(utf16.start, Position::new(0, 3 + 2 + 1 + 2 + 1));
        assert_eq!(pos(&source, utf8.start, Encoding::Utf8), x);
        assert_eq!(pos(&source, utf16.start, Encoding::Utf16), x);
        // Inside the emoji's two units, the place is the emoji's.
        assert_eq!(
            pos(&source, Position::new(0, 7), Encoding::Utf16),
            Pos::new(1, 7)
        );
        assert_eq!(
            offset(&source, utf16.start, Encoding::Utf16),
            "a: 日本 😀 ".len()
        );
        assert_eq!(
            position_of_offset(&source, "a: 日本 😀 ".len(), Encoding::Utf16),
            utf16.start
        );
    }
}
