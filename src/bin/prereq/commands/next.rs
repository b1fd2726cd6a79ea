use anyhow::Result;
use prereq::model::catalog::Catalog;

use super::{Exit, print, resolve_all, study_path, text_options};
use crate::cli::{NextArgs, ViewFormat};

pub fn run(catalog: &Catalog, args: &NextArgs) -> Result<Exit> {
    let toward = resolve_all(catalog, &args.toward)?;
    // Without a goal, the whole curriculum is the goal.
    let goals = if toward.is_empty() {
        catalog.ids().collect()
    } else {
        toward.clone()
    };
    let path = match study_path(catalog, &goals, &args.known, args.recommended)? {
        Ok(path) => path,
        Err(exit) => return Ok(exit),
    };
    let next = prereq::query::plan::next(catalog, &path);
    print(&match args.format {
        ViewFormat::Text => {
            prereq::view::text::next(catalog, &path, &toward, &next, text_options(args.resources))
        }
        ViewFormat::Markdown => prereq::view::markdown::next(catalog, &path, &toward, &next),
        ViewFormat::Json => prereq::view::json::next(catalog, &path, &toward, &next),
    })
}
