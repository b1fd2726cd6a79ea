//! A large YAML file read in pieces on several threads gives exactly what
//! the one-thread parser gives, positions included; a file the cuts could
//! misread is left whole, and a piece that fails sends the file back to the
//! one-thread parser.

use prereq::generate::{GenerateOptions, generate};
use prereq::input::schema::RawFile;
use prereq::input::source::SourceFile;
use prereq::input::split;

/// The one-thread reading of a file called `name`, as text to compare.
fn whole(name: &str, text: &str) -> String {
    format!(
        "{:?}",
        prereq::input::load::parse(&SourceFile::new(name, text))
    )
}

/// How a file called `name` is cut into about `pieces` pieces.
fn plan<'t>(name: &str, text: &'t str, pieces: usize) -> Option<split::Plan<'t>> {
    if name.ends_with(".json") {
        split::plan_json(text, pieces)
    } else {
        split::plan(text, pieces)
    }
}

/// The reading in about `pieces` pieces on `threads` threads; `None` when
/// the file is not cut or a piece failed.
fn in_pieces(name: &str, text: &str, pieces: usize, threads: usize) -> Option<String> {
    let plan = plan(name, text, pieces)?;
    let raw = RawFile::collect(|sink| split::parse_plan(&plan, sink, threads).ok_or(()));
    raw.ok().map(|raw| format!("{:?}", Ok::<_, ()>(raw)))
}

fn assert_same_in_pieces(name: &str, text: &str, pieces: usize) {
    let expected = whole(name, text);
    assert!(
        expected.starts_with("Ok("),
        "the file itself must load: {expected}"
    );
    for threads in [1, 2, 4] {
        let got = in_pieces(name, text, pieces, threads).expect("cut, and every piece parses");
        assert_eq!(got, expected, "{threads} threads, {pieces} pieces");
    }
}

/// One topic with every kind of value that spans lines or looks like an
/// item, written at list indentation `k`.
fn awkward_topic(i: usize, k: usize) -> String {
    let pad = " ".repeat(k);
    format!(
        "{pad}- id: t{i}
{pad}  title: \"Topic {i}, whose title
{pad}     goes on\"
{pad}  aliases: [alias-{i}]
{pad}  hours: {hours}
{pad}  summary: |
{pad}    A block scalar with a line that looks like an item:
{pad}    - id: not-a-topic
{pad}
{pad}    and a blank line above.
# a comment at the left edge
{pad}  # and one indented
{pad}  requires:
{pad}    - topic: t{prev}
{pad}      because: >
{pad}        folded
{pad}        text
{pad}  recommends:
{pad}  - t{prev2}
{pad}  resources:
{pad}    - title: plain scalar
{pad}        over two lines
{pad}      url: https://example.com/{i}
{pad}      kind: blog

",
        hours = i % 7 + 1,
        prev = i.saturating_sub(1),
        prev2 = i.saturating_sub(2),
    )
}

fn awkward_file(k: usize, topics: usize) -> String {
    let mut text = String::from(
        "---\nversion: 1\ntitle: Awkward\nsections:\n- id: s\n  title: S\ntopics:   # the list\n",
    );
    for i in 0..topics {
        text.push_str(&awkward_topic(i, k));
    }
    text
}

#[test]
fn generated_curricula_read_alike_in_pieces() {
    for seed in 1..4 {
        let mut options = GenerateOptions::new(2_000);
        options.seed = seed;
        let curriculum = generate(&options);
        assert_same_in_pieces("t.yaml", &curriculum.to_yaml(), 37);
        assert_same_in_pieces("t.json", &curriculum.to_json(), 37);
    }
}

#[test]
fn values_over_several_lines_read_alike_in_pieces() {
    for k in [0, 2, 4] {
        let text = awkward_file(k, 120);
        // More pieces than topics: a cut before every item.
        assert_same_in_pieces("t.yaml", &text, 500);
        assert_same_in_pieces("t.yaml", &text.replace('\n', "\r\n"), 500);
    }
}

#[test]
fn pieces_start_at_items_and_cover_the_list() {
    let text = awkward_file(2, 50);
    let plan = split::plan(&text, 10).expect("cut");
    let list = text.find("topics:").unwrap();
    assert_eq!(plan.head, &text[..list]);
    let first = text.find("  - id: t0").unwrap();
    let joined: String = plan.pieces.iter().map(|p| p.text).collect();
    assert_eq!(joined, &text[first..]);
    assert!(plan.pieces.len() >= 9, "{} pieces", plan.pieces.len());
    for piece in &plan.pieces {
        assert!(
            piece.text.starts_with("  - id: t"),
            "{:?}",
            &piece.text[..20]
        );
        let at = piece.text.as_ptr() as usize - text.as_ptr() as usize;
        assert_eq!(
            piece.lines_before as usize,
            text[..at].matches('\n').count()
        );
    }
}

fn assert_only_plain_is_cut(name: &str, plain: &str, others: &[String]) {
    assert!(plan(name, plain, 3).is_some(), "the plain shape is cut");
    for text in others {
        assert!(
            plan(name, text, 3).is_none(),
            "cut although it should not be:\n{text}"
        );
    }
}

#[test]
fn files_the_cuts_could_misread_stay_whole() {
    let list =
        "topics:\n  - id: a\n    title: A\n  - id: b\n    title: B\n  - id: c\n    title: C\n";
    let misread = [
        // No list of topics, or one that is not a block sequence.
        "version: 1\nsections: []\n".to_owned(),
        "version: 1\ntopics: []\n".to_owned(),
        "version: 1\ntopics:\n  a: b\n  c: d\n".to_owned(),
        // Something after the list at the top level.
        format!("version: 1\n{list}sections: []\n"),
        format!("version: 1\n{list}...\n"),
        format!("version: 1\n{list}\t- id: d\n"),
        // A second `topics` key, however written.
        format!("version: 1\ntopics: []\n{list}"),
        format!("version: 1\n\"topics\": []\n{list}"),
        format!("version: 1\n? topics\n: []\n{list}"),
        // Anchors, tags and flow collections at the top level.
        format!("&v version: 1\n{list}"),
        format!("!!str version: 1\n{list}"),
        format!("{{version: 1}}\n{list}"),
        format!("version: 1\n---\n{list}"),
    ];
    assert_only_plain_is_cut("t.yaml", &format!("version: 1\n{list}"), &misread);
}

/// A double-quoted title may go on at any indentation, even on a line that
/// looks like the next item; the piece cut there fails, and the file is
/// read on one thread.
#[test]
fn a_cut_inside_a_quoted_value_falls_back() {
    let text =
        "version: 1\ntopics:\n  - id: a\n    title: \"A\n  - id: b\"\n  - id: c\n    title: C\n";
    assert!(split::plan(text, 10).is_some());
    assert_eq!(in_pieces("t.yaml", text, 10, 2), None);
    let catalog = prereq::input::load::catalog(&SourceFile::new("t.yaml", text)).expect("loads");
    assert_eq!(catalog.topics[0].title, "A - id: b");
}

/// An alias may name an anchor in another piece: that piece fails alone,
/// and the whole file reads as it should.
#[test]
fn an_alias_to_another_piece_falls_back() {
    let mut text = String::from("version: 1\ntopics:\n  - id: a\n    title: &shared Shared\n");
    for i in 0..20 {
        text.push_str(&format!("  - id: t{i}\n    title: T\n"));
    }
    text.push_str("  - id: z\n    title: *shared\n");
    assert_eq!(in_pieces("t.yaml", &text, 22, 2), None);
    let catalog = prereq::input::load::catalog(&SourceFile::new("t.yaml", text)).expect("loads");
    assert_eq!(catalog.topics.last().unwrap().title, "Shared");
}

/// Pretty-printed JSON whose topics hold nested objects on lines of their
/// own, and strings with escapes and wide characters before the values
/// that positions point at.
fn awkward_json(topics: usize) -> String {
    let list: Vec<serde_json::Value> = (0..topics)
        .map(|i| {
            serde_json::json!({
                "title": format!("Tópico \"{i}\"\n — ünïcode"),
                "id": format!("t{i}"),
                "aliases": [format!("alias-{i}")],
                "hours": i % 5 + 1,
                "requires": [{"because": "needs it, {really}", "topic": format!("t{}", i.saturating_sub(1))}],
                "recommends": [format!("t{}", i.saturating_sub(2))],
                "resources": [
                    {"title": "one", "url": format!("https://example.com/{i}"), "kind": "blog"},
                    {"title": "two, {x}", "url": "http://example.org/", "kind": "paper"}
                ]
            })
        })
        .collect();
    let file = serde_json::json!({
        "version": 1,
        "title": "Awkward \"topics\": [",
        "sections": [{"id": "s", "title": "S"}],
        "topics": list,
    });
    serde_json::to_string_pretty(&file).unwrap()
}

#[test]
fn nested_json_objects_read_alike_in_pieces() {
    let text = awkward_json(150);
    assert_same_in_pieces("t.json", &text, 400);
    assert_same_in_pieces("t.json", &text.replace('\n', "\r\n"), 400);
    // Every cut is at an item of the list, none at a nested object.
    let plan = split::plan_json(&text, 400).expect("cut");
    assert_eq!(plan.pieces.len(), 150);
}

#[test]
fn json_files_the_cuts_cannot_use_stay_whole() {
    let list = "\"topics\": [\n  {\"id\": \"a\", \"title\": \"A\"},\n  {\"id\": \"b\", \"title\": \"B\"},\n  {\"id\": \"c\", \"title\": \"C\"}\n]";
    let unusable = [
        // Not a list, or no list at all.
        "{\"version\": 1, \"topics\": {}}".to_owned(),
        "{\"version\": 1}".to_owned(),
        // Everything on one line.
        format!("{{\"version\": 1, {}}}", list.replace('\n', "")),
    ];
    assert_only_plain_is_cut(
        "t.json",
        &format!("{{\"version\": 1, {list}}}\n"),
        &unusable,
    );
}

/// A list that does not end at the file's last `]` fails in its last piece,
/// or the head and tail fail, and the file is read whole.
#[test]
fn a_json_list_that_does_not_end_at_the_last_bracket_falls_back() {
    let list = "\"topics\": [\n  {\"id\": \"a\", \"title\": \"A\", \"section\": \"s\"},\n  {\"id\": \"b\", \"title\": \"B\"}\n]";
    let sections = "\"sections\": [{\"id\": \"s\", \"title\": \"S\"}]";
    let loads = format!("{{\"version\": 1, {list}, {sections}}}");
    let fails = format!("{{\"version\": 1, {sections}, {list}}}\n[]");
    for text in [&loads, &fails] {
        assert!(split::plan_json(text, 100).is_some(), "{text}");
        assert_eq!(in_pieces("t.json", text, 100, 2), None, "{text}");
    }
    let catalog = prereq::input::load::catalog(&SourceFile::new("t.json", loads)).expect("loads");
    assert_eq!(catalog.topics.len(), 2);
    let source = SourceFile::new("t.json", fails);
    let report = prereq::query::check::check(&source, &Default::default());
    assert_eq!(
        report.diagnostics,
        vec![*prereq::input::load::parse(&source).unwrap_err()]
    );
    assert_eq!(report.diagnostics[0].message, "trailing characters");
}

/// A large file goes through the pieces; an error anywhere in it is reported
/// exactly as the one-thread parser reports it.
#[test]
fn a_large_file_is_read_in_pieces_and_its_errors_are_the_same() {
    let mut options = GenerateOptions::new(12_000);
    options.seed = 7;
    let curriculum = generate(&options);
    let yaml = curriculum.to_yaml();
    let json = curriculum.to_json();
    for (name, text, typo) in [
        (
            "big.yaml",
            &yaml,
            ("  - id: t9000\n", "  - id: t9000\n    titel: typo\n"),
        ),
        (
            "big.json",
            &json,
            ("{\"id\": \"t9000\",", "{\"id\": \"t9000\", \"titel\": 1,"),
        ),
    ] {
        assert!(text.len() > split::MIN_SPLIT_BYTES);
        let source = SourceFile::new(name, text.as_str());
        let raw = RawFile::collect(|sink| split::parse_on(&source, sink, 2).ok_or(()));
        assert_eq!(format!("{:?}", raw.map_err(|_| ())), whole(name, text));

        let broken = text.replace(typo.0, typo.1);
        assert_ne!(&broken, text);
        let source = SourceFile::new(name, broken.as_str());
        assert!(RawFile::collect(|sink| split::parse_on(&source, sink, 2).ok_or(())).is_err());
        // The one-thread reading stops at the typo; `check` then reads the
        // file again to report every error, and runs the rules on the rest.
        let first = prereq::input::load::parse(&source).expect_err("the typo is an error");
        let report = prereq::query::check::check(&source, &Default::default());
        let errors: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.severity == prereq::diagnostic::Severity::Error)
            .collect();
        assert_eq!(errors.len(), 1, "{name}");
        assert_eq!(errors[0].pos().line, first.pos().line, "{name}");
        assert_eq!(errors[0].topics, ["t9000"], "{name}");
        assert!(errors[0].pos().line > 9_000, "{name}");
    }
}

/// The topics of a large file are checked on the threads that read them and
/// their names settled in reading order, by whichever thread is free: the
/// catalog and every diagnostic, in order, are those of the one-thread
/// reading.
#[test]
fn a_catalog_built_in_pieces_is_the_one_built_on_one_thread() {
    let mut options = GenerateOptions::new(12_000);
    options.seed = 3;
    let mut file: serde_json::Value =
        serde_json::from_str(&generate(&options).to_json()).expect("generated JSON");
    let topics = file["topics"].as_array_mut().expect("a list of topics");
    let ids: Vec<String> = topics
        .iter()
        .map(|t| t["id"].as_str().unwrap_or_default().to_owned())
        .collect();
    for (i, topic) in topics.iter_mut().enumerate().skip(10) {
        let topic = topic.as_object_mut().expect("a topic");
        let mut push = |key: &str, value: serde_json::Value| {
            let list = topic.entry(key).or_insert_with(|| serde_json::json!([]));
            list.as_array_mut().expect("a list").push(value);
        };
        match i % 10 {
            0 if i % 97 == 0 => push("aliases", serde_json::json!(ids[i - 1].to_uppercase())),
            1 if i % 89 == 1 => push("aliases", serde_json::json!(format!("Alias {i}"))),
            2 if i % 83 == 2 => push("requires", serde_json::json!(format!("missing-{i}"))),
            3 if i % 79 == 3 => push("requires", serde_json::json!(ids[i])),
            4 if i % 73 == 4 => push("recommends", serde_json::json!(ids[i + 5])),
            5 if i % 71 == 5 => push(
                "requires",
                serde_json::json!({"topic": ids[i - 3], "because": "tab\there"}),
            ),
            6 if i % 67 == 6 => push(
                "resources",
                serde_json::json!({"title": "R", "url": "ftp://example.com", "kind": "book"}),
            ),
            _ => {}
        }
        match i % 10 {
            7 if i % 61 == 7 => topic["id"] = serde_json::json!(ids[i - 2]),
            8 if i % 59 == 8 => topic["id"] = serde_json::json!(format!("T{i}")),
            9 if i % 53 == 9 => topic["section"] = serde_json::json!("nowhere"),
            1 if i % 47 == 1 => topic["hours"] = serde_json::json!(-2),
            _ => {}
        }
    }
    let text = serde_json::to_string_pretty(&file).expect("JSON");
    assert!(text.len() > split::MIN_SPLIT_BYTES);
    let source = SourceFile::new("big.json", text.as_str());

    let raw = prereq::input::load::parse(&source).expect("the file parses");
    let (whole, expected) = prereq::input::load::from_raw(raw);
    // Whichever thread is free hands the pieces on, so more threads than
    // cores make the most interleavings.
    for threads in [2, 3, 4] {
        let mut builder = prereq::model::catalog::CatalogBuilder::new();
        let head = split::parse_on(&source, &mut builder, threads).expect("read in pieces");
        let (pieces, diagnostics) = builder.finish(head);
        assert_eq!(diagnostics, expected, "{threads} threads");
        assert_eq!(pieces.sections, whole.sections, "{threads} threads");
        assert_eq!(pieces.topics, whole.topics, "{threads} threads");
    }

    let codes: std::collections::BTreeSet<&str> =
        expected.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(
        codes.into_iter().collect::<Vec<_>>(),
        [
            "duplicate-id",
            "invalid-hours",
            "invalid-id",
            "invalid-url",
            "self-prerequisite",
            "unknown-prerequisite",
            "unknown-section"
        ]
    );
    let forward = whole.topics.iter().flat_map(|t| &t.prerequisites);
    assert!(
        forward
            .clone()
            .any(|p| p.because.as_deref() == Some("tab here"))
    );
}
