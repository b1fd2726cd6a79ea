use anyhow::Result;
use prereq::model::catalog::Catalog;

use super::{Exit, known, print, text_options};
use crate::cli::{ViewFormat, WhyArgs};

pub fn run(catalog: &Catalog, args: &WhyArgs) -> Result<Exit> {
    let topic = catalog.resolve(&args.topic)?;
    let goal = catalog.resolve(&args.goal)?;
    let known = match known(catalog, &args.known)? {
        Ok(known) => known,
        Err(exit) => return Ok(exit),
    };
    let why = prereq::query::plan::why(catalog, topic, goal, &known);
    print(&match args.format {
        ViewFormat::Text => prereq::view::text::why(catalog, &why, text_options(false)),
        ViewFormat::Markdown => prereq::view::markdown::why(catalog, &why),
        ViewFormat::Json => prereq::view::json::why(catalog, &why),
    })
}
