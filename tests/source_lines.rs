//! `SourceFile::line` gives every line of the text, as splitting it at line
//! feeds would, for any number of lines and any line endings.

use prereq::input::source::SourceFile;
use proptest::prelude::*;

fn expected(text: &str) -> Vec<&str> {
    text.split('\n')
        .map(|line| line.strip_suffix('\r').unwrap_or(line))
        .collect()
}

proptest! {
    #[test]
    fn every_line_is_found(
        lines in prop::collection::vec("[a-zé\\r ]{0,6}", 0..300),
        ending in prop::sample::select(vec!["", "\n", "\r\n"]),
    ) {
        let text = format!("{}{ending}", lines.join("\n"));
        let source = SourceFile::new("t.yaml", text.as_str());
        let want = expected(&text);
        // Asked out of order too, and past the end.
        let order = (1..=want.len() + 2).rev().chain(1..=want.len() + 2);
        for line in order {
            let got = source.line(line as u32);
            prop_assert_eq!(got, want.get(line - 1).copied(), "line {} of {:?}", line, text);
        }
        prop_assert_eq!(source.line(0), None);
    }
}

#[test]
fn a_long_file_is_read_at_every_line() {
    let text: String = (1..=1000).map(|i| format!("line {i}\r\n")).collect();
    let source = SourceFile::new("t.yaml", text.as_str());
    for i in 1..=1000 {
        assert_eq!(source.line(i), Some(format!("line {i}").as_str()));
    }
    assert_eq!(source.line(1001), Some(""));
    assert_eq!(source.line(1002), None);
}
