use anyhow::Result;
use prereq::model::catalog::Catalog;

use super::{Exit, print};
use crate::cli::{Format, ShowArgs};

pub fn run(catalog: &Catalog, args: &ShowArgs) -> Result<Exit> {
    let id = catalog.resolve(&args.topic)?;
    print(&match args.format {
        Format::Text => prereq::view::text::show(catalog, id),
        Format::Json => prereq::view::json::show(catalog, id),
    })
}
