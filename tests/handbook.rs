//! The built-in handbook: complete, acyclic, in a valid reading order, and
//! giving the paths a reader of the handbook expects.

use prereq::input::source::SourceFile;
use prereq::model::catalog::{Catalog, EdgeKind};
use prereq::query::path::{PathOptions, StudyPath};

fn handbook() -> Catalog {
    let source = SourceFile::new(prereq::HANDBOOK_NAME, prereq::HANDBOOK);
    prereq::input::load::catalog(&source).expect("the handbook has no errors")
}

fn hard_path(catalog: &Catalog, goal: &str) -> Vec<String> {
    let goal = catalog.resolve(goal).expect("goal exists");
    StudyPath::to(catalog, &[goal], &PathOptions::default())
        .topics
        .iter()
        .map(|&id| catalog.topic(id).id.clone())
        .collect()
}

#[test]
fn check_finds_no_errors_and_no_warnings() {
    let source = SourceFile::new(prereq::HANDBOOK_NAME, prereq::HANDBOOK);
    let report =
        prereq::query::check::check(&source, &prereq::query::check::CheckOptions::default());
    let messages: Vec<&str> = report
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(messages, Vec::<&str>::new());
    assert_eq!(report.stats.map(|s| s.topics), Some(54));
}

#[test]
fn every_chapter_is_present_with_its_id_title_section_and_order() {
    let catalog = handbook();
    let expected: Vec<(String, String, String)> = include_str!("fixtures/handbook-chapters.tsv")
        .lines()
        .filter(|line| !line.starts_with('#'))
        .map(|line| {
            let mut fields = line.split('\t').map(str::to_owned);
            let mut next = || fields.next().expect("three fields");
            (next(), next(), next())
        })
        .collect();
    let actual: Vec<(String, String, String)> = catalog
        .topics
        .iter()
        .map(|t| {
            let section = catalog.section(t.section.expect("every chapter has a section"));
            (section.id.clone(), t.id.clone(), t.title.clone())
        })
        .collect();
    assert_eq!(actual, expected);
    assert_eq!(catalog.sections.len(), 10);
}

#[test]
fn every_topic_has_hours_a_summary_and_a_web_resource() {
    let catalog = handbook();
    for topic in &catalog.topics {
        assert!(
            topic.hours.is_some_and(|h| h > 0.0),
            "{} has no hours",
            topic.id
        );
        assert!(
            topic.summary.as_ref().is_some_and(|s| s.len() > 20),
            "{} has no summary",
            topic.id
        );
        assert!(
            topic
                .resources
                .iter()
                .any(|r| r.url.starts_with("https://") || r.url.starts_with("http://")),
            "{} has no web resource",
            topic.id
        );
    }
}

#[test]
fn every_edge_has_a_reason() {
    let catalog = handbook();
    for topic in &catalog.topics {
        for p in &topic.prerequisites {
            assert!(
                p.because.as_ref().is_some_and(|b| !b.trim().is_empty()),
                "{} -> {} has no reason",
                catalog.topic(p.topic).id,
                topic.id
            );
        }
    }
}

#[test]
fn reading_order_is_a_study_order() {
    let catalog = handbook();
    for (index, topic) in catalog.topics.iter().enumerate() {
        for p in &topic.prerequisites {
            assert!(
                p.topic.index() < index,
                "{} comes before its prerequisite",
                topic.id
            );
        }
    }
}

#[test]
fn learners_shorthands_resolve() {
    let catalog = handbook();
    for (alias, id) in [
        ("rag", "retrieval-augmented-generation"),
        ("lora", "low-rank-adapters"),
        ("dpo", "direct-preference-optimization"),
        ("rlhf", "reward-models-and-rlhf"),
        ("moe", "mixture-of-experts"),
        ("fsdp", "distributed-training-and-fsdp"),
        ("mamba", "structured-state-space-models"),
        ("vae", "variational-auto-encoders"),
        ("gan", "generative-adversarial-nets"),
        ("vit", "vision-transformers"),
        ("kv-cache", "key-value-caching-and-paged-attention"),
        ("Decoder-Only Transformers", "decoder-only-transformers"),
    ] {
        let found = catalog.resolve(alias).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(catalog.topic(found).id, id, "{alias}");
    }
}

#[test]
fn transformers_do_not_need_recurrent_networks() {
    let catalog = handbook();
    assert_eq!(
        hard_path(&catalog, "decoder-only-transformers"),
        [
            "math",
            "programming",
            "statistical-prediction-and-supervised-learning",
            "statistical-prediction-with-neural-networks",
            "decoder-only-transformers",
        ]
    );
    // Recurrent networks and LSTMs are only recommended on the way.
    let transformers = catalog.resolve("decoder-only-transformers").unwrap();
    let soft: Vec<&str> = catalog
        .topic(transformers)
        .prerequisites
        .iter()
        .filter(|p| p.kind == EdgeKind::Recommends)
        .map(|p| catalog.topic(p.topic).id.as_str())
        .collect();
    assert!(soft.contains(&"lstms-and-grus"), "{soft:?}");
}

#[test]
fn rag_path() {
    assert_eq!(
        hard_path(&handbook(), "rag"),
        [
            "math",
            "programming",
            "statistical-prediction-and-supervised-learning",
            "statistical-prediction-with-neural-networks",
            "embeddings-and-topic-modeling",
            "decoder-only-transformers",
            "prompting-techniques",
            "vector-databases-and-reranking",
            "retrieval-augmented-generation",
        ]
    );
}

#[test]
fn dpo_path_goes_through_rlhf() {
    assert_eq!(
        hard_path(&handbook(), "dpo"),
        [
            "math",
            "programming",
            "statistical-prediction-and-supervised-learning",
            "reinforcement-learning",
            "statistical-prediction-with-neural-networks",
            "decoder-only-transformers",
            "pretraining-recipes",
            "instruct-fine-tuning",
            "reward-models-and-rlhf",
            "direct-preference-optimization",
        ]
    );
}

#[test]
fn diffusion_needs_time_series_but_not_transformers() {
    assert_eq!(
        hard_path(&handbook(), "diffusion-models"),
        [
            "math",
            "programming",
            "statistical-prediction-and-supervised-learning",
            "time-series-analysis",
            "statistical-prediction-with-neural-networks",
            "distribution-modeling",
            "variational-auto-encoders",
            "diffusion-models",
        ]
    );
}

#[test]
fn gans_rest_on_regret_minimization() {
    assert_eq!(
        hard_path(&handbook(), "gan"),
        [
            "math",
            "programming",
            "statistical-prediction-and-supervised-learning",
            "online-learning-and-regret-minimization",
            "statistical-prediction-with-neural-networks",
            "generative-adversarial-nets",
        ]
    );
}

#[test]
fn the_build_time_translation_reads_exactly_as_the_yaml() {
    let source = SourceFile::new(prereq::HANDBOOK_NAME, prereq::HANDBOOK);
    assert!(
        prereq::input::handbook::translation(&source).is_some(),
        "build.rs translated the handbook"
    );
    // Through the translation, as every run without a file reads it.
    let (fast, fast_diagnostics) = prereq::input::load::analyze(&source);
    // Through the YAML parser, as any other file is read.
    let raw = prereq::input::load::parse_yaml(&source).expect("the YAML parses");
    let (slow, slow_diagnostics) = prereq::input::load::from_raw(raw);
    assert_eq!(fast_diagnostics, slow_diagnostics);
    let fast = fast.expect("a catalog");
    // Every field, every position included (the name maps follow from these).
    assert_eq!(fast.title, slow.title);
    assert_eq!(
        format!("{:?}", fast.sections),
        format!("{:?}", slow.sections)
    );
    assert_eq!(format!("{:?}", fast.topics), format!("{:?}", slow.topics));

    // A position is a line and column of topics.yaml.
    let rag = slow.topic(slow.resolve("rag").unwrap());
    let line = prereq::HANDBOOK
        .lines()
        .nth(rag.pos.line as usize - 1)
        .unwrap();
    let column = rag.pos.column as usize - 1;
    assert_eq!(&line[column..], "retrieval-augmented-generation");
}

#[test]
fn a_changed_handbook_is_read_as_yaml() {
    let changed = format!("{}\n# a note\n", prereq::HANDBOOK);
    let source = SourceFile::new("topics.yaml", changed);
    assert!(prereq::input::handbook::translation(&source).is_none());
    assert_eq!(
        prereq::input::load::catalog(&source).unwrap().topics.len(),
        54
    );
}
