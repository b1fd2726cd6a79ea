//! The loader and every check view never panic: on arbitrary bytes, on
//! YAML-like token soup, and on well-formed YAML whose keys are the schema's own.

use proptest::prelude::*;
use serde_json::{Map, Value};

use prereq::input::source::SourceFile;
use prereq::query::check::CheckOptions;

/// Decodes, checks and renders `bytes` every way `check` can, read both as
/// YAML and as JSON (the loader picks by the file name).
fn check_everything(bytes: Vec<u8>) {
    check_as("prop.json", bytes.clone());
    check_as("prop.yaml", bytes);
}

fn check_as(name: &str, bytes: Vec<u8>) {
    let (source, report) = match prereq::input::load::decode(name, bytes) {
        Ok(source) => {
            let order = SourceFile::new("order.txt", "a\nb\n# c\nA\n");
            let options = CheckOptions {
                allow: Vec::new(),
                order: Some(&order),
            };
            let report = prereq::query::check::check(&source, &options);
            prereq::view::report::text(&report, &source, Some(&order), false);
            (source, report)
        }
        Err((source, diagnostic)) => {
            let report = prereq::query::check::unreadable(&source, *diagnostic);
            (source, report)
        }
    };
    prereq::view::report::text(&report, &source, None, true);
    let json: Value = serde_json::from_str(&prereq::view::report::json(&report)).unwrap();
    assert_eq!(json["format_version"], 1);
    prereq::view::report::github(&report, false);
    if let Ok(catalog) = prereq::input::load::catalog(&source) {
        prereq::view::diff::text(&prereq::query::diff::diff(
            &catalog,
            &catalog,
            &["a".to_owned()],
        ));
    }
}

/// Pieces of topics files, valid and not, to glue together.
const TOKENS: &[&str] = &[
    "version: 1\n",
    "version: ",
    "topics:\n",
    "sections:\n",
    "  - id: ",
    "    title: ",
    "a",
    "b",
    "Bee",
    "    requires: [",
    "    recommends: [",
    "]",
    "[",
    "{",
    "}",
    ", ",
    ": ",
    "\n",
    "  ",
    "    ",
    "\t",
    "~",
    "null",
    "'",
    "\"",
    "#",
    "&x ",
    "*x",
    "- ",
    "---\n",
    "...\n",
    "\r\n",
    "\u{feff}",
    "é",
    "    hours: ",
    "-1",
    "2.5",
    ".nan",
    "    section: ",
    "s",
    "      - topic: ",
    "        because: ",
    "    resources:\n      - title: t\n        url: ",
    "https://x.org",
    "javascript:x",
    "        kind: ",
    "video",
    "    aliases: [",
    "!!str ",
    "<<: ",
    "?",
    "|\n",
    ">-\n",
    "%YAML 1.2\n",
];

/// The schema's field names and some values that fit them, so that random
/// documents get past the parser into validation.
fn keys() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "version",
        "title",
        "sections",
        "topics",
        "id",
        "section",
        "aliases",
        "requires",
        "recommends",
        "hours",
        "summary",
        "resources",
        "url",
        "kind",
        "topic",
        "because",
        "note",
        "author",
        "number",
        "goal",
        "extra",
    ])
    .prop_map(str::to_owned)
}

fn scalars() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-3i64..5).prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        prop::sample::select(vec![
            "a",
            "b",
            "c",
            "A",
            "https://x.org",
            "video",
            "x y",
            "s"
        ])
        .prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
    ]
}

fn documents() -> impl Strategy<Value = Value> {
    scalars().prop_recursive(6, 96, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((keys(), inner), 0..6)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        check_everything(bytes);
    }

    #[test]
    fn token_soup_never_panics(tokens in prop::collection::vec(prop::sample::select(TOKENS), 0..64)) {
        check_everything(tokens.concat().into_bytes());
    }

    #[test]
    fn well_formed_yaml_never_panics(doc in documents(), version in prop::bool::ANY) {
        // JSON is YAML; half the documents get a valid version to go deeper.
        let mut doc = doc;
        if version && let Value::Object(map) = &mut doc {
            map.insert("version".to_owned(), Value::from(1));
        }
        check_everything(serde_json::to_string_pretty(&doc).unwrap().into_bytes());
    }
}

/// A curriculum of `n` topics with random edges (some to unknown or
/// misspelt ids), sections, hours and urls, written as YAML.
fn curricula() -> impl Strategy<Value = String> {
    let topic = (
        prop::collection::vec((0usize..12, any::<bool>()), 0..5),
        prop::option::of(-1.0f64..10.0),
        prop::option::of(0usize..3),
        prop::collection::vec(
            prop::sample::select(vec!["https://a.org", "https://a.org", "ftp://b"]),
            0..3,
        ),
    );
    prop::collection::vec(topic, 1..12).prop_map(|topics| {
        let mut yaml = String::from("version: 1\nsections:\n  - id: s0\n    title: S0\n  - id: s1\n    title: S1\ntopics:\n");
        for (i, (edges, hours, section, urls)) in topics.iter().enumerate() {
            yaml.push_str(&format!("  - id: t{i}\n    title: Topic \"{i}\"\n"));
            if let Some(h) = hours {
                yaml.push_str(&format!("    hours: {h}\n"));
            }
            if let Some(s) = section {
                yaml.push_str(&format!("    section: s{s}\n"));
            }
            for (kind, hard) in [("requires", true), ("recommends", false)] {
                let names: Vec<String> = edges
                    .iter()
                    .filter(|(_, h)| *h == hard)
                    .map(|(t, _)| format!("t{t}"))
                    .collect();
                if !names.is_empty() {
                    yaml.push_str(&format!("    {kind}: [{}]\n", names.join(", ")));
                }
            }
            if !urls.is_empty() {
                yaml.push_str("    resources:\n");
                for url in urls {
                    yaml.push_str(&format!("      - title: r\n        url: {url}\n        kind: blog\n"));
                }
            }
        }
        yaml
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_curricula_never_panic(yaml in curricula()) {
        check_everything(yaml.into_bytes());
    }

    #[test]
    fn removing_the_repair_edges_leaves_no_cycle(yaml in curricula()) {
        let (catalog, _) = prereq::input::load::analyze(&SourceFile::new("r.yaml", yaml));
        let catalog = catalog.unwrap();
        let graph = catalog.graph();
        let mut removed = std::collections::HashSet::new();
        for group in graph.cycles() {
            for edge in graph.cycle_repair(group) {
                removed.insert((edge.prerequisite, edge.dependent, edge.kind));
            }
        }
        let mut kept = petgraph::graph::DiGraph::<(), ()>::new();
        let nodes: Vec<_> = catalog.ids().map(|_| kept.add_node(())).collect();
        for (index, topic) in catalog.topics.iter().enumerate() {
            for p in &topic.prerequisites {
                let dependent = prereq::model::catalog::TopicId(index as u32);
                if !removed.contains(&(p.topic, dependent, p.kind)) {
                    kept.add_edge(nodes[p.topic.index()], nodes[index], ());
                }
            }
        }
        prop_assert!(!petgraph::algo::is_cyclic_directed(&kept));
    }
}

/// The edges (prerequisite, dependent) that point backwards in `order`,
/// leaving out edges inside a cycle.
fn backward_edges(
    catalog: &prereq::model::catalog::Catalog,
    order: &[prereq::model::catalog::TopicId],
) -> std::collections::BTreeSet<(u32, u32)> {
    let mut place = vec![0; order.len()];
    for (at, id) in order.iter().enumerate() {
        place[id.index()] = at;
    }
    let mut group = vec![usize::MAX; order.len()];
    for (n, members) in catalog.graph().cycles().iter().enumerate() {
        for id in members {
            group[id.index()] = n;
        }
    }
    let mut out = std::collections::BTreeSet::new();
    for (index, topic) in catalog.topics.iter().enumerate() {
        for p in &topic.prerequisites {
            let same_cycle = group[index] != usize::MAX && group[index] == group[p.topic.index()];
            if !same_cycle && place[p.topic.index()] > place[index] {
                out.insert((p.topic.0, index as u32));
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_suggested_move_fixes_its_edge_and_breaks_none(yaml in curricula()) {
        use prereq::query::check::Move;
        let (catalog, _) = prereq::input::load::analyze(&SourceFile::new("m.yaml", yaml));
        let catalog = catalog.unwrap();
        let reading: Vec<_> = catalog.ids().collect();
        let before = backward_edges(&catalog, &reading);
        let found = prereq::query::check::out_of_order_edges(&catalog);
        let listed: std::collections::BTreeSet<(u32, u32)> =
            found.iter().map(|e| (e.prerequisite.topic.0, e.dependent.0)).collect();
        prop_assert_eq!(&listed, &before);
        for edge in found {
            let mut order = reading.clone();
            let (moved, anchor, after) = match edge.fix {
                Move::Down { with_dependents: true, .. } => continue,
                Move::Down { topic, below, .. } => (topic, below, true),
                Move::Up { topic, above } => (topic, above, false),
            };
            order.retain(|&id| id != moved);
            let at = order.iter().position(|&id| id == anchor).unwrap();
            order.insert(if after { at + 1 } else { at }, moved);
            let now = backward_edges(&catalog, &order);
            prop_assert!(!now.contains(&(edge.prerequisite.topic.0, edge.dependent.0)));
            prop_assert!(now.is_subset(&before), "{:?} made {:?} from {:?}", edge.fix, now, before);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// `check --fix` on random curricula: the fixed text is still a topics
    /// file, no problem it could fix is left, the topics are the same, and
    /// fixing again changes nothing.
    #[test]
    fn fixing_leaves_nothing_fixable(yaml in curricula()) {
        let source = SourceFile::new("f.yaml", yaml.as_str());
        let options = CheckOptions::default();
        let fixed = prereq::query::fix::fix_file(&source, &options).expect("readable");
        let after = SourceFile::new("f.yaml", fixed.text.as_str());
        let (report, catalog) = prereq::query::check::check_keeping(&after, &options);
        let catalog = catalog.expect("still a topics file");
        let fixer = prereq::query::fix::Fixer::new(&after, &catalog);
        for (_, d) in report.all() {
            prop_assert!(
                fixer.fix_for(&d).is_none(),
                "{:?} left in\n{}", d.message, fixed.text
            );
        }
        let (before, _) = prereq::input::load::analyze(&source);
        let ids = |c: &prereq::model::catalog::Catalog| {
            let mut ids: Vec<String> = c.topics.iter().map(|t| t.id.clone()).collect();
            ids.sort();
            ids
        };
        prop_assert_eq!(ids(&before.unwrap()), ids(&catalog));
        let again = prereq::query::fix::fix_file(&after, &options).expect("readable");
        prop_assert_eq!(again.text, fixed.text);
    }
}
