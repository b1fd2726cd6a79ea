//! JSON views for machines: study paths (check reports are in [`crate::report`]).

use serde::Serialize;

use crate::catalog::Catalog;
use crate::path::StudyPath;

/// The version of the JSON layouts below; bumped on any incompatible change.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct PathJson<'a> {
    goals: Vec<&'a str>,
    path: Vec<PathStepJson<'a>>,
    total_hours: f64,
}

#[derive(Serialize)]
struct PathStepJson<'a> {
    id: &'a str,
    title: &'a str,
    section: Option<&'a str>,
    hours: Option<f64>,
}

/// `{"goals": [ids], "path": [{"id", "title", "section", "hours"}], "total_hours"}`.
pub fn path(catalog: &Catalog, path: &StudyPath) -> String {
    let doc = PathJson {
        goals: path
            .goals
            .iter()
            .map(|&g| catalog.topic(g).id.as_str())
            .collect(),
        path: path
            .topics
            .iter()
            .map(|&id| {
                let topic = catalog.topic(id);
                PathStepJson {
                    id: &topic.id,
                    title: &topic.title,
                    section: topic.section.map(|s| catalog.section(s).id.as_str()),
                    hours: topic.hours,
                }
            })
            .collect(),
        total_hours: path.total_hours,
    };
    to_string(&doc)
}

fn to_string(value: &impl Serialize) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("JSON views serialize plain data");
    text.push('\n');
    text
}
