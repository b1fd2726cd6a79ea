use anyhow::Result;
use prereq::catalog::Catalog;

use super::{Exit, known, print, text_options};
use crate::cli::{ViewFormat, WhyArgs};

pub fn run(catalog: &Catalog, args: &WhyArgs) -> Result<Exit> {
    let topic = catalog.resolve(&args.topic)?;
    let goal = catalog.resolve(&args.goal)?;
    let known = match known(catalog, &args.known)? {
        Ok(known) => known,
        Err(exit) => return Ok(exit),
    };
    let why = prereq::plan::why(catalog, topic, goal, &known);
    print(&match args.format {
        ViewFormat::Text => prereq::text::why(catalog, &why, text_options(false)),
        ViewFormat::Markdown => prereq::markdown::why(catalog, &why),
        ViewFormat::Json => prereq::json::why(catalog, &why),
    })
}
