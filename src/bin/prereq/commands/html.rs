use anyhow::Result;
use prereq::catalog::Catalog;
use prereq::dot::{Plan, dot_text, roadmap_of};
use prereq::render::Format;

use super::render::{graphviz_failure, warn_if_large};
use super::{Exit, print};
use crate::cli::HtmlArgs;

pub fn run(catalog: &Catalog, args: &HtmlArgs) -> Result<Exit> {
    let options = match super::dot::options(catalog, &args.diagram, !args.all_edges)? {
        Ok(options) => options,
        Err(exit) => return Ok(exit),
    };
    let plan = Plan::new(catalog, &options);
    warn_if_large(&plan);
    let dot = dot_text(&roadmap_of(catalog, &options, &plan));
    let svg = match prereq::render::graphviz(&dot, Format::Svg) {
        Ok(svg) => String::from_utf8_lossy(&svg).into_owned(),
        Err(err) => return graphviz_failure(err),
    };
    let page = prereq::html::page(catalog, &options, &plan, &svg);
    match prereq::render::write_atomic(&args.output, page.as_bytes()) {
        Ok(()) => print(&prereq::dot::written(
            &args.output.display().to_string(),
            &plan,
        )),
        Err(err) => graphviz_failure(err),
    }
}
