//! What the roadmap page tests in Chromium and Firefox share: building a
//! page, and holding its answers equal to the command line's.

use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;
use serde_json::{Value, json};

pub fn prereq(args: &[&str]) -> std::process::Output {
    Command::cargo_bin("prereq")
        .unwrap()
        .args(args)
        .env_remove("PREREQ_TOPICS")
        .output()
        .unwrap()
}

/// Writes the page `prereq ARGS html -o DIR/NAME` makes and returns its url.
pub fn build(dir: &Path, name: &str, args: &[&str]) -> String {
    let file = dir.join(name);
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["-o", file.to_str().unwrap()]);
    let out = prereq(&all);
    assert!(out.status.success(), "{out:?}");
    format!("file://{}", file.display())
}

/// Every number as a float, so that 12 (from the page) equals 12.0 (from
/// the command line).
pub fn floats(value: &Value) -> Value {
    match value {
        Value::Number(n) => json!(n.as_f64().unwrap()),
        Value::Array(items) => Value::Array(items.iter().map(floats).collect()),
        Value::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), floats(v))).collect())
        }
        other => other.clone(),
    }
}

/// The goal and done-topic combinations held equal between page and CLI.
pub const COMBINATIONS: &[(&[&str], &[&str])] = &[
    (&["rag"], &[]),
    (&["rag"], &["math"]),
    (&["rag"], &["math", "programming"]),
    (&["rag"], &["decoder-only-transformers"]),
    (&["rag"], &["retrieval-augmented-generation"]),
    (&["Diffusion Models"], &[]),
    (&["diffusion-models"], &["variational-auto-encoders"]),
    (&["rag", "diffusion-models"], &["programming"]),
    (
        &["tool-use-and-agents", "mechanistic-interpretability"],
        &["statistical-prediction-with-neural-networks"],
    ),
    (&["flashattention"], &["tokenization"]),
    (&["ring-attention", "hyperattention"], &["math"]),
    (&["reward-models-and-rlhf"], &["instruct-fine-tuning"]),
    (
        &["mixture-of-experts"],
        &["decoder-only-transformers", "math"],
    ),
    (
        &["speculative-decoding", "cpu-offloading"],
        &["pretraining-recipes", "low-rank-adapters"],
    ),
    (&[], &[]),
    (&[], &["math", "programming", "markov-models"]),
];

fn progress_file(dir: &Path, done: &[&str]) -> PathBuf {
    let file = dir.join("done.txt");
    std::fs::write(&file, done.join("\n")).unwrap();
    file
}

pub fn cli_json(args: &[&str]) -> Value {
    let out = prereq(args);
    assert!(out.status.success(), "{args:?}: {out:?}");
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Writes the handbook's page, following `recommends` edges or not, and
/// returns its url.
pub fn handbook_page(dir: &Path, recommended: bool) -> String {
    let mut args = vec!["--topics", "handbook", "html"];
    if recommended {
        args.push("--recommended");
    }
    build(dir, &format!("handbook-{recommended}.html"), &args)
}

/// Compares the page's answers (`eval` runs an expression in it) with
/// `prereq path` and `prereq next` on the handbook for every combination,
/// following `recommends` edges or not as the page was built; returns how
/// many combinations it compared.
pub fn agree(dir: &Path, recommended: bool, eval: &mut dyn FnMut(&str) -> Value) -> usize {
    let mut compared = 0;
    for (goals, done) in COMBINATIONS {
        let progress = progress_file(dir, done);
        let progress = progress.to_str().unwrap();
        let shown = eval(&format!(
            "prereqRoadmap.plan({}, {})",
            json!(goals),
            json!(done)
        ));
        let mut next_args = vec![
            "--topics",
            "handbook",
            "next",
            "--progress",
            progress,
            "--format",
            "json",
        ];
        for goal in *goals {
            next_args.extend(["--toward", goal]);
        }
        if recommended {
            next_args.push("--recommended");
        }
        let next = cli_json(&next_args);
        let expected_next: Vec<Value> = next["next"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| json!({"id": n["id"], "chain_hours": n["chain_hours"], "opens": n["opens"]}))
            .collect();
        let what = format!("goals {goals:?}, done {done:?}, recommended {recommended}");
        assert_eq!(
            floats(&shown["next"]),
            floats(&json!(expected_next)),
            "{what}"
        );
        assert_eq!(
            floats(&shown["total_hours"]),
            floats(&next["remaining_hours"]),
            "{what}"
        );
        assert_eq!(
            shown["path"].as_array().unwrap().len() as u64,
            next["remaining_topics"].as_u64().unwrap(),
            "{what}"
        );
        if !goals.is_empty() {
            let mut path_args = vec!["--topics", "handbook", "path"];
            path_args.extend(goals.iter());
            path_args.extend(["--progress", progress, "--format", "json"]);
            if recommended {
                path_args.push("--recommended");
            }
            let path = cli_json(&path_args);
            let ids: Vec<Value> = path["path"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t["id"].clone())
                .collect();
            assert_eq!(shown["path"], json!(ids), "{what}");
            assert_eq!(
                floats(&shown["total_hours"]),
                floats(&path["total_hours"]),
                "{what}"
            );
            assert_eq!(
                floats(&shown["critical_chain"]),
                floats(&path["critical_chain"]),
                "{what}"
            );
        }
        compared += 1;
    }
    compared
}
