use anyhow::Result;
use prereq::catalog::Catalog;
use prereq::path::{PathOptions, StudyPath};
use prereq::text::ResourceDetail;

use super::{Exit, print, resolve_all};
use crate::cli::{Format, PathArgs};

pub fn run(catalog: &Catalog, args: &PathArgs) -> Result<Exit> {
    let goals = resolve_all(catalog, &args.goals)?;
    let options = PathOptions {
        recommended: args.recommended,
        ..PathOptions::default()
    };
    let path = StudyPath::to(catalog, &goals, &options);
    let detail = if args.resources {
        ResourceDetail::All
    } else {
        ResourceDetail::First
    };
    print(&match args.format {
        Format::Text => prereq::text::path(catalog, &path, detail),
        Format::Json => prereq::json::path(catalog, &path),
    })
}
