//! The learner's questions answered by the library: known topics, next steps,
//! stages, the critical chain, week plans and why, on a small fixture and on
//! the handbook.

use prereq::diagnostic::{Code, Pos};
use prereq::input::list::{self, Entry};
use prereq::input::source::SourceFile;
use prereq::model::catalog::{Catalog, EdgeKind, TopicId};
use prereq::query::path::{PathOptions, StudyPath};
use prereq::query::plan::{self, Layout, Link, Need, NextTopic, Week, WeekItem, WeekPlan, Why};
use prereq::query::progress::{self, KnownError};
use prereq::view::text::{self, ResourceDetail, TextOptions, WIDTH};

fn kitchen() -> Catalog {
    let text = std::fs::read_to_string("tests/fixtures/learner/topics.yaml").unwrap();
    prereq::input::load::catalog(&SourceFile::new("topics.yaml", text)).unwrap()
}

fn handbook() -> Catalog {
    prereq::input::load::catalog(&SourceFile::new("handbook", prereq::HANDBOOK)).unwrap()
}

fn id(catalog: &Catalog, name: &str) -> TopicId {
    catalog.resolve(name).unwrap()
}

fn ids(catalog: &Catalog, names: &[&str]) -> Vec<TopicId> {
    names.iter().map(|n| id(catalog, n)).collect()
}

fn path(catalog: &Catalog, goals: &[&str], known: &[&str], recommended: bool) -> StudyPath {
    StudyPath::to(
        catalog,
        &ids(catalog, goals),
        &PathOptions {
            recommended,
            known: ids(catalog, known),
        },
    )
}

#[test]
fn progress_entries_skip_comments_and_blank_lines() {
    let source = SourceFile::new(
        "progress.txt",
        "# header\n\n  knives   # by alias\nC# basics\r\nHeat Control\n   \n",
    );
    assert_eq!(
        list::entries(&source).collect::<Vec<_>>(),
        vec![
            Entry {
                name: "knives",
                pos: Pos::new(3, 3)
            },
            Entry {
                name: "C# basics",
                pos: Pos::new(4, 1)
            },
            Entry {
                name: "Heat Control",
                pos: Pos::new(5, 1)
            },
        ]
    );
}

#[test]
fn known_topics_merge_names_and_progress_without_repeats() {
    let catalog = kitchen();
    let source = SourceFile::new("p.txt", "stock\nknives\nHEAT CONTROL\n");
    let known = progress::known_topics(
        &catalog,
        &["knife-skills".to_owned(), "stock".to_owned()],
        Some(&source),
    )
    .unwrap();
    assert_eq!(
        known,
        ids(&catalog, &["knife-skills", "stock", "heat-control"])
    );
}

/// `--known stock,` splits into `stock` and an empty name, which names nothing.
#[test]
fn empty_known_names_are_passed_over() {
    let catalog = kitchen();
    let names = ["stock", "", " ", "knife-skills"].map(str::to_owned);
    let known = progress::known_topics(&catalog, &names, None).unwrap();
    assert_eq!(known, ids(&catalog, &["stock", "knife-skills"]));
}

#[test]
fn unknown_progress_entries_are_diagnostics_at_their_place() {
    let catalog = kitchen();
    let source = SourceFile::new("p.txt", "stock\n  heat-contrl # typo\nbread\n");
    let Err(KnownError::Progress(diagnostics)) =
        progress::known_topics(&catalog, &[], Some(&source))
    else {
        panic!("expected progress errors");
    };
    let summary: Vec<_> = diagnostics
        .iter()
        .map(|d| (d.code, d.pos(), d.help.as_deref().map(str::to_owned)))
        .collect();
    assert_eq!(
        summary,
        vec![
            (
                Code::UnknownProgressTopic,
                Pos::new(2, 3),
                Some("did you mean `heat-control`?".to_owned())
            ),
            (
                Code::UnknownProgressTopic,
                Pos::new(3, 1),
                Some("fix the name, or remove the line".to_owned())
            ),
        ]
    );
}

#[test]
fn unknown_known_name_suggests_a_topic() {
    let catalog = kitchen();
    let err = progress::known_topics(&catalog, &["knive-skills".to_owned()], None).unwrap_err();
    assert_eq!(
        err.to_string(),
        "no topic is named `knive-skills`; did you mean `knife-skills`?"
    );
}

#[test]
fn knowing_the_goal_empties_the_path() {
    let catalog = kitchen();
    let path = path(&catalog, &["soup"], &["soup"], false);
    assert!(path.topics.is_empty());
    assert_eq!(path.total_hours.to_bits(), 0.0f64.to_bits());
    assert!(plan::next(&catalog, &path).is_empty());
    assert!(plan::levels(&catalog, &path).is_empty());
    assert_eq!(
        plan::critical_chain(&catalog, &path),
        plan::Chain {
            topics: vec![],
            hours: 0.0
        }
    );
    assert_eq!(
        plan::weeks(&catalog, &path, 5.0).unwrap(),
        WeekPlan {
            pace: 5.0,
            weeks: vec![]
        }
    );
}

#[test]
fn levels_put_each_topic_after_its_prerequisites() {
    let catalog = kitchen();
    let path = path(&catalog, &["soup"], &[], false);
    assert_eq!(
        plan::levels(&catalog, &path),
        vec![
            ids(&catalog, &["knife-skills", "heat-control"]),
            ids(&catalog, &["stock", "sauces"]),
            ids(&catalog, &["soup"]),
        ]
    );
}

#[test]
fn critical_chain_is_the_longest_by_hours() {
    let catalog = kitchen();
    let path = path(&catalog, &["soup"], &[], false);
    assert_eq!(
        plan::critical_chain(&catalog, &path),
        plan::Chain {
            topics: ids(&catalog, &["heat-control", "sauces", "soup"]),
            hours: 11.0
        }
    );
    let handbook = handbook();
    let rlhf = StudyPath::to(
        &handbook,
        &ids(&handbook, &["rlhf"]),
        &PathOptions::default(),
    );
    let chain = plan::critical_chain(&handbook, &rlhf);
    assert_eq!(chain.hours, 43.0);
    assert_eq!(
        chain.topics,
        ids(
            &handbook,
            &[
                "math",
                "statistical-prediction-and-supervised-learning",
                "statistical-prediction-with-neural-networks",
                "decoder-only-transformers",
                "pretraining-recipes",
                "instruct-fine-tuning",
                "reward-models-and-rlhf"
            ]
        )
    );
}

#[test]
fn next_ranks_by_the_chain_each_topic_leads() {
    let catalog = kitchen();
    let path = path(&catalog, &["soup"], &["knives"], false);
    assert_eq!(
        plan::next(&catalog, &path),
        vec![NextTopic {
            topic: id(&catalog, "heat-control"),
            chain_hours: 11.0,
            opens: 2
        }]
    );
    let everything = StudyPath::to(
        &catalog,
        &catalog.ids().collect::<Vec<_>>(),
        &PathOptions::default(),
    );
    let ranked: Vec<(TopicId, f64, usize)> = plan::next(&catalog, &everything)
        .into_iter()
        .map(|n| (n.topic, n.chain_hours, n.opens))
        .collect();
    assert_eq!(
        ranked,
        vec![
            (id(&catalog, "heat-control"), 11.0, 1),
            (id(&catalog, "baking"), 10.0, 0),
            (id(&catalog, "knife-skills"), 8.5, 0),
            (id(&catalog, "tasting"), 0.0, 0),
        ]
    );
}

#[test]
fn next_with_recommendations_waits_for_them() {
    let catalog = kitchen();
    let path = path(&catalog, &["sauces"], &["heat-control"], true);
    assert_eq!(
        plan::next(&catalog, &path),
        vec![NextTopic {
            topic: id(&catalog, "tasting"),
            chain_hours: 6.0,
            opens: 1
        }]
    );
}

#[test]
fn weeks_split_topics_and_merge_runs() {
    let catalog = kitchen();
    let with_tasting = path(&catalog, &["tasting", "baking"], &[], false);
    let path = path(&catalog, &["baking"], &[], false);
    let item = |hours, finished| WeekItem {
        topic: id(&catalog, "baking"),
        hours,
        finished,
    };
    let week = |first, last, items| Week { first, last, items };
    assert_eq!(
        plan::weeks(&catalog, &path, 3.0).unwrap(),
        WeekPlan {
            pace: 3.0,
            weeks: vec![
                week(1, 3, vec![item(3.0, false)]),
                week(4, 4, vec![item(1.0, true)]),
            ]
        }
    );
    assert_eq!(
        plan::weeks(&catalog, &path, 5.0).unwrap().weeks,
        vec![
            week(1, 1, vec![item(5.0, false)]),
            week(2, 2, vec![item(5.0, true)]),
        ]
    );
    assert_eq!(
        plan::weeks(&catalog, &path, 0.0).unwrap_err(),
        plan::InvalidPace(0.0)
    );
    assert!(plan::weeks(&catalog, &path, f64::NAN).is_err());
    // Slower than a tenth of an hour would print as `0 hours a week` and
    // overflow the week numbers.
    assert_eq!(
        plan::weeks(&catalog, &path, 1e-300).unwrap_err(),
        plan::InvalidPace(1e-300)
    );
    assert!(plan::weeks(&catalog, &path, 0.1).is_ok());
    assert!(plan::weeks(&catalog, &path, 168.5).is_err());
    // A topic without hours shares the first week; the run starts after it.
    let tasting = WeekItem {
        topic: id(&catalog, "tasting"),
        hours: 0.0,
        finished: true,
    };
    assert_eq!(
        plan::weeks(&catalog, &with_tasting, 3.0).unwrap().weeks,
        vec![
            week(1, 1, vec![tasting, item(3.0, false)]),
            week(2, 3, vec![item(3.0, false)]),
            week(4, 4, vec![item(1.0, true)]),
        ]
    );
}

#[test]
fn week_plans_add_up_and_never_overfill_a_week() {
    let catalog = handbook();
    let everything: Vec<TopicId> = catalog.ids().collect();
    let path = StudyPath::to(&catalog, &everything, &PathOptions::default());
    for pace in [0.7, 1.0, 2.5, 6.0, 10.0, 37.5, 168.0] {
        let plan = plan::weeks(&catalog, &path, pace).unwrap();
        let mut total = 0.0;
        let mut next_week = 1;
        for week in &plan.weeks {
            assert_eq!(week.first, next_week);
            let runs = (week.last - week.first + 1) as f64;
            let hours: f64 = week.items.iter().map(|i| i.hours).sum();
            assert!(
                hours <= pace + 1e-9,
                "pace {pace}: week {} has {hours} h",
                week.first
            );
            total += hours * runs;
            next_week = week.last + 1;
        }
        assert!(
            (total - path.total_hours).abs() < 1e-6,
            "pace {pace}: {total}"
        );
        assert_eq!(
            plan.total_weeks(),
            (path.total_hours / pace - 1e-9).ceil() as u64
        );
    }
}

#[test]
fn why_gives_the_chain_with_reasons() {
    let catalog = kitchen();
    let link = |dependent: &str, prerequisite: &str, kind, because: Option<&str>| Link {
        dependent: id(&catalog, dependent),
        prerequisite: id(&catalog, prerequisite),
        kind,
        because: because.map(str::to_owned),
    };
    assert_eq!(
        plan::why(&catalog, id(&catalog, "knives"), id(&catalog, "soup"), &[]),
        Why {
            topic: id(&catalog, "knife-skills"),
            goal: id(&catalog, "soup"),
            need: Need::Required,
            chain: vec![
                link(
                    "soup",
                    "stock",
                    EdgeKind::Requires,
                    Some("Most soups are built on a stock.")
                ),
                link(
                    "stock",
                    "knife-skills",
                    EdgeKind::Requires,
                    Some("Stock starts with chopped vegetables.")
                ),
            ],
            known: false,
        }
    );
    let tasting = plan::why(
        &catalog,
        id(&catalog, "tasting"),
        id(&catalog, "soup"),
        &ids(&catalog, &["stock"]),
    );
    assert_eq!(tasting.need, Need::Recommended);
    assert_eq!(
        tasting.chain,
        vec![
            link("soup", "sauces", EdgeKind::Requires, None),
            link(
                "sauces",
                "tasting",
                EdgeKind::Recommends,
                Some("Seasoning a sauce is done by taste.")
            ),
        ]
    );
    assert!(!tasting.known);
    let baking = plan::why(&catalog, id(&catalog, "baking"), id(&catalog, "soup"), &[]);
    assert_eq!((baking.need, baking.chain.len()), (Need::NotNeeded, 0));
    let itself = plan::why(&catalog, id(&catalog, "soup"), id(&catalog, "soup"), &[]);
    assert_eq!(itself.need, Need::Goal);
    let known = plan::why(
        &catalog,
        id(&catalog, "knives"),
        id(&catalog, "soup"),
        &ids(&catalog, &["stock"]),
    );
    assert!(known.known);
}

/// Every text view of every handbook goal fits 80 columns, but for url lines.
#[test]
fn text_views_fit_eighty_columns() {
    let catalog = handbook();
    let options = TextOptions {
        resources: ResourceDetail::All,
        color: false,
    };
    let mut views = Vec::new();
    let all: Vec<TopicId> = catalog.ids().collect();
    for goal in catalog.ids() {
        let path = StudyPath::to(&catalog, &[goal], &PathOptions::default());
        let stages = plan::levels(&catalog, &path);
        let weeks = plan::weeks(&catalog, &path, 3.5).unwrap();
        views.push(text::path(&catalog, &path, Layout::Sections, options));
        views.push(text::path(
            &catalog,
            &path,
            Layout::Levels(&stages),
            options,
        ));
        views.push(text::path(&catalog, &path, Layout::Weeks(&weeks), options));
        let next = plan::next(&catalog, &path);
        views.push(text::next(&catalog, &path, &[goal], &next, options));
        let why = plan::why(&catalog, catalog.ids().next().unwrap(), goal, &[]);
        views.push(text::why(&catalog, &why, options));
        for topic in catalog.topic(goal).prerequisites.iter().map(|p| p.topic) {
            views.push(text::why(
                &catalog,
                &plan::why(&catalog, topic, goal, &[]),
                options,
            ));
        }
    }
    let path = StudyPath::to(&catalog, &all, &PathOptions::default());
    views.push(text::next(
        &catalog,
        &path,
        &all,
        &plan::next(&catalog, &path),
        options,
    ));
    for view in views {
        for line in view.lines() {
            assert!(
                line.contains("://") || line.chars().count() <= WIDTH,
                "too wide: {line:?}"
            );
        }
    }
}

#[test]
fn colour_only_when_asked() {
    let catalog = kitchen();
    let path = path(&catalog, &["soup"], &[], false);
    let plain = text::path(&catalog, &path, Layout::Sections, TextOptions::default());
    assert!(!plain.contains('\x1b'));
    let coloured = text::path(
        &catalog,
        &path,
        Layout::Sections,
        TextOptions {
            color: true,
            ..TextOptions::default()
        },
    );
    assert!(coloured.starts_with("\x1b[1mStudy path to Soup"));
    let stripped: String = {
        let mut out = String::new();
        let mut chars = coloured.chars();
        while let Some(c) = chars.next() {
            if c == '\x1b' {
                for c in chars.by_ref() {
                    if c == 'm' {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    };
    assert_eq!(stripped, plain);
}

#[test]
fn markdown_escapes_markup_but_not_plain_punctuation() {
    assert_eq!(
        prereq::view::markdown::escape("Q&A *bold* [x] &amp; <b> #1 | a_b ~s~ `c` \\"),
        "Q&A \\*bold\\* \\[x\\] \\&amp; \\<b\\> #1 | a\\_b \\~s\\~ \\`c\\` \\\\"
    );
}
