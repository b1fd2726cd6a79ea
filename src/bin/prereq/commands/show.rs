use anyhow::Result;
use prereq::model::catalog::Catalog;

use super::{Exit, print};
use crate::cli::ShowArgs;

pub fn run(catalog: &Catalog, args: &ShowArgs) -> Result<Exit> {
    let id = catalog.resolve(&args.topic)?;
    print(&prereq::view::text::show(catalog, id))
}
