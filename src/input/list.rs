//! Plain-text lists of topics, as in progress files and `--order` lists:
//! one id, alias or title per line. A `#` at the start of a line or after
//! whitespace begins a comment (so `C#` stays a name); blank lines are skipped.

use crate::diagnostic::Pos;
use crate::input::source::SourceFile;

/// One entry of a list: the name written and where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry<'a> {
    /// The name, trimmed, without its comment.
    pub name: &'a str,
    /// Line and column of its first character.
    pub pos: Pos,
}

/// The entries of `list`, in file order.
pub fn entries(list: &SourceFile) -> impl Iterator<Item = Entry<'_>> {
    list.text().lines().enumerate().filter_map(|(index, line)| {
        let content = strip_comment(line);
        let name = content.trim();
        if name.is_empty() {
            return None;
        }
        let leading = content.len() - content.trim_start().len();
        let column = content[..leading].chars().count() + 1;
        Some(Entry {
            name,
            pos: Pos::new(to_u32(index + 1), to_u32(column)),
        })
    })
}

fn strip_comment(line: &str) -> &str {
    let mut previous_blank = true;
    for (at, c) in line.char_indices() {
        if c == '#' && previous_blank {
            return &line[..at];
        }
        previous_blank = c.is_whitespace();
    }
    line
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
