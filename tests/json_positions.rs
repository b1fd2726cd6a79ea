//! Every value a diagnostic may point at in a topics.json gets the line and
//! column where it is written, whatever the order of the keys, the spacing
//! and the characters before it; and reading in pieces finds the same.

use prereq::diagnostic::Pos;
use prereq::input::schema::RawFile;
use prereq::input::source::SourceFile;
use proptest::prelude::*;

/// Writes JSON text while keeping the line and column of what it writes.
#[derive(Default)]
struct Writer {
    text: String,
    line: u32,
    column: u32,
}

impl Writer {
    fn new() -> Self {
        Self {
            text: String::new(),
            line: 1,
            column: 1,
        }
    }

    fn push(&mut self, s: &str) {
        for c in s.chars() {
            if c == '\n' {
                self.line += 1;
                self.column = 1;
            } else {
                self.column += 1;
            }
        }
        self.text.push_str(s);
    }

    /// Writes `value` and gives where it starts.
    fn value(&mut self, value: &str) -> Pos {
        let pos = Pos::new(self.line, self.column);
        self.push(value);
        pos
    }
}

/// One topic's fields as generated: which keys, in which order, and the
/// spacing to use between tokens.
#[derive(Debug, Clone)]
struct Shape {
    order: Vec<usize>,
    gaps: Vec<usize>,
    names: Vec<usize>,
}

const GAPS: &[&str] = &["", " ", "\n", "\t", "\r\n  ", "\n\n      ", "\n\t \t"];
const NAMES: &[&str] = &["a", "é-x", "日本", "a\\u00e9", "tab\\tx", "x y", "𝔸b"];

fn shape() -> impl Strategy<Value = Shape> {
    (
        Just((0..8).collect::<Vec<usize>>()).prop_shuffle(),
        prop::collection::vec(0..GAPS.len(), 64),
        prop::collection::vec(0..NAMES.len(), 16),
    )
        .prop_map(|(order, gaps, names)| Shape { order, gaps, names })
}

/// A file of `shapes.len()` topics and the expected position of every
/// located value, in the order `positions` lists them.
fn file(shapes: &[Shape]) -> (String, Vec<Vec<Pos>>) {
    let mut w = Writer::new();
    w.push(
        "{\"version\": 1, \"sections\": [{\"id\": \"s\", \"title\": \"S\"}],\n  \"topics\": [\n",
    );
    let mut expected = Vec::new();
    for (t, shape) in shapes.iter().enumerate() {
        let mut gaps = shape.gaps.iter().cycle().map(|&g| GAPS[g]);
        let mut names = shape.names.iter().cycle().map(|&n| NAMES[n]);
        let mut gap = |w: &mut Writer| w.push(gaps.next().unwrap_or(""));
        // Slots: id, section, aliases, requires, recommends, hours, resources.
        let mut found: [Vec<Pos>; 7] = Default::default();
        if t > 0 {
            w.push(",\n");
        }
        w.push("    {");
        let mut first = true;
        for &key in &shape.order {
            if !first {
                w.push(",");
            }
            first = false;
            gap(&mut w);
            match key {
                0 => {
                    w.push("\"id\":");
                    gap(&mut w);
                    found[0].push(w.value(&format!("\"t{t}-{}\"", names.next().unwrap_or(""))));
                }
                1 => {
                    w.push("\"title\":");
                    gap(&mut w);
                    w.push(&format!("\"Topic {}\"", names.next().unwrap_or("")));
                }
                2 => {
                    w.push("\"section\":");
                    gap(&mut w);
                    found[1].push(w.value("\"s\""));
                }
                3 => {
                    w.push("\"aliases\": [");
                    gap(&mut w);
                    found[2]
                        .push(w.value(&format!("\"alias-{t}-{}\"", names.next().unwrap_or(""))));
                    w.push(",");
                    gap(&mut w);
                    found[2].push(w.value(&format!("\"other-{t}\"")));
                    w.push("]");
                }
                4 | 5 => {
                    let slot = if key == 4 { 3 } else { 4 };
                    w.push(if key == 4 {
                        "\"requires\": ["
                    } else {
                        "\"recommends\": ["
                    });
                    gap(&mut w);
                    found[slot].push(w.value(&format!("\"{}\"", names.next().unwrap_or(""))));
                    w.push(",");
                    gap(&mut w);
                    w.push("{\"because\": \"why\",");
                    gap(&mut w);
                    w.push("\"topic\":");
                    gap(&mut w);
                    found[slot].push(w.value(&format!("\"{}\"", names.next().unwrap_or(""))));
                    w.push("}]");
                }
                6 => {
                    w.push("\"hours\":");
                    gap(&mut w);
                    found[5].push(w.value("2.5"));
                }
                _ => {
                    w.push("\"resources\": [{\"title\": \"R ");
                    w.push(names.next().unwrap_or(""));
                    w.push("\", \"kind\": \"book\",");
                    gap(&mut w);
                    w.push("\"url\":");
                    gap(&mut w);
                    found[6].push(w.value("\"https://example.com/é\""));
                    w.push("}]");
                }
            }
        }
        gap(&mut w);
        w.push("}");
        expected.push(found.concat());
    }
    w.push("\n  ]\n}\n");
    (w.text, expected)
}

/// The position of every located value of each topic, in the slot order
/// [`file`] uses.
fn positions(raw: &RawFile) -> Vec<Vec<Pos>> {
    raw.topics
        .iter()
        .map(|t| {
            std::iter::once(t.id.pos)
                .chain(t.section.iter().map(|s| s.pos))
                .chain(t.aliases.iter().map(|a| a.pos))
                .chain(t.requires.iter().map(|e| e.topic.pos))
                .chain(t.recommends.iter().map(|e| e.topic.pos))
                .chain(t.hours.iter().map(|h| h.pos))
                .chain(t.resources.iter().map(|r| r.url.pos))
                .collect()
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_located_value_has_its_written_position(shapes in prop::collection::vec(shape(), 2..12)) {
        let (text, expected) = file(&shapes);
        let source = SourceFile::new("t.json", text.clone());
        let raw = RawFile::collect(|sink| prereq::input::json_input::parse_json_into(&source, sink))
            .unwrap_or_else(|d| panic!("{}\n{text}", d.message));
        prop_assert_eq!(positions(&raw), expected.clone(), "{}", text);

        // Cut at every item, read on two threads.
        let plan = prereq::input::split::plan_json(&text, text.len());
        let plan = plan.unwrap_or_else(|| panic!("the file is cut\n{text}"));
        let split = RawFile::collect(|sink| prereq::input::split::parse_plan(&plan, sink, 2).ok_or(()));
        let split = split.unwrap_or_else(|()| panic!("the pieces are read\n{text}"));
        prop_assert_eq!(positions(&split), expected, "{}", text);
    }
}

/// A whole number of hours is read directly; it must come out as serde_json
/// reads it, as must every other number.
#[test]
fn hours_read_as_serde_json_reads_them() {
    let texts = [
        "2",
        "7",
        "10000",
        "123456789012345",
        "0",
        "10001",
        "9007199254740993",
        "2.5",
        "1e2",
        "-3",
    ];
    for text in texts {
        let json = format!(
            r#"{{"version": 1, "topics": [{{"id": "a", "title": "A", "hours": {text}}}]}}"#
        );
        let (catalog, diagnostics) = prereq::input::load::analyze(&SourceFile::new("t.json", json));
        let catalog = catalog.expect("the file parses");
        let expected: f64 = serde_json::from_str(text).expect("a JSON number");
        let hours = catalog.topics[0].hours;
        if expected > 0.0 && expected <= 10_000.0 {
            assert_eq!(hours, Some(expected), "{text}");
            assert!(diagnostics.is_empty(), "{text}: {diagnostics:?}");
        } else {
            assert_eq!(hours, None, "{text}");
            let codes: Vec<_> = diagnostics.iter().map(|d| d.code).collect();
            assert_eq!(codes, [prereq::diagnostic::Code::InvalidHours], "{text}");
            assert_eq!(diagnostics[0].labels[0].pos, Pos::new(1, 62), "{text}");
        }
    }
}
