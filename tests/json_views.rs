//! `list --format json` and `show --format json`: the whole curriculum as
//! one document, and each topic as the list has it plus what it unlocks.

use std::process::Command;

use serde_json::Value;

fn json(args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_prereq"))
        .args(["--topics", "handbook"])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_list_holds_every_topic_and_show_agrees_with_it() {
    let list = json(&["list", "--format", "json"]);
    assert_eq!(list["format_version"], 1);
    assert_eq!(list["title"], "Generative AI Handbook");
    assert_eq!(list["sections"].as_array().unwrap().len(), 10);
    let topics = list["topics"].as_array().unwrap();
    assert_eq!(topics.len(), 54);
    let edges: usize = topics
        .iter()
        .map(|t| {
            t["requires"].as_array().unwrap().len() + t["recommends"].as_array().unwrap().len()
        })
        .sum();
    assert_eq!(edges, 121);
    for topic in topics {
        let id = topic["id"].as_str().unwrap();
        let mut shown = json(&["show", id, "--format", "json"]);
        let unlocks = shown.as_object_mut().unwrap().remove("unlocks").unwrap();
        shown.as_object_mut().unwrap().remove("format_version");
        assert_eq!(&shown, topic, "{id}");
        // What it unlocks is every topic that names it, with the edge's kind.
        for unlock in unlocks.as_array().unwrap() {
            let other = topics.iter().find(|t| t["id"] == unlock["id"]).unwrap();
            let kind = unlock["kind"].as_str().unwrap();
            assert!(
                other[kind]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|e| e["id"] == id),
                "{id} {unlock}"
            );
        }
    }
}
