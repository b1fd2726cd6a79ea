//! The loader's robustness, extended to the language server: a topics file
//! edited at random, as an author half-types, never makes any of the
//! server's answers panic, in either column encoding, at any place.

use lsp_types::{Position, Range, Uri};
use proptest::prelude::*;

use prereq::input::source::SourceFile;
use prereq::lsp::document::Analysis;
use prereq::lsp::features;
use prereq::lsp::position::{self, Encoding};

const BASE: &str = include_str!("fixtures/lsp/editor.yaml");

/// Pieces an author types: syntax, names, multi-byte text.
const PIECES: &[&str] = &[
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    " ",
    "\n",
    "\t",
    "- ",
    "#",
    "\"",
    "'",
    "requires: ",
    "recommends: [",
    "topic: ",
    "section: ",
    "kind: ",
    "allow: [",
    "id: ",
    "algebra",
    "calc",
    "日本語",
    "😀",
    "\r\n",
    "  ",
    "~",
    "&a",
    "*a",
    "\u{0}",
    "é",
];

/// An edit: replace the characters from `at` (a share of the text) for
/// `len` characters with `text`.
fn edit(text: &str, at: f64, len: usize, insert: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let start = ((chars.len() as f64) * at) as usize;
    let end = (start + len).min(chars.len());
    let mut out: String = chars[..start].iter().collect();
    out.push_str(insert);
    out.extend(&chars[end..]);
    out
}

fn ask_everything(before: &Analysis, text: String, line: u32, character: u32) {
    let uri: Uri = "file:///tmp/prereq-props/topics.yaml".parse().unwrap();
    let source = SourceFile::new("/tmp/prereq-props/topics.yaml", text.clone());
    let analysis = Analysis::new(source.clone());
    for encoding in [Encoding::Utf8, Encoding::Utf16] {
        let place = Position::new(line, character);
        let pos = position::pos(&source, place, encoding);
        let _ = position::offset(&source, place, encoding);
        let _ = features::diagnostics(&analysis, &uri, encoding);
        let _ = features::completion(before, &source, pos, encoding);
        let _ = features::completion(&analysis, &source, pos, encoding);
        let _ = features::hover(&analysis, pos, encoding);
        let _ = features::definition(&analysis, &uri, pos, encoding);
        let _ = features::references(&analysis, &uri, pos, true, encoding);
        let _ = features::symbols(&analysis, encoding);
        let _ = features::prepare_rename(&analysis, pos, encoding);
        let _ = features::rename(&analysis, &uri, pos, "new-name", encoding);
        let _ = features::rename(&analysis, &uri, pos, "Bad Name", encoding);
        let everything = Range::new(Position::new(0, 0), Position::new(u32::MAX, 0));
        let _ = features::code_actions(&analysis, &uri, everything, encoding);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_edits_never_panic(
        edits in prop::collection::vec((0.0f64..1.0, 0usize..8, prop::collection::vec(prop::sample::select(PIECES), 0..6)), 1..5),
        line in 0u32..24,
        character in 0u32..90,
    ) {
        let before = Analysis::new(SourceFile::new("/tmp/prereq-props/topics.yaml", BASE));
        let mut text = BASE.to_owned();
        for (at, len, pieces) in edits {
            text = edit(&text, at, len, &pieces.concat());
        }
        ask_everything(&before, text, line, character);
    }
}
