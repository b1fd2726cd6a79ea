use anyhow::Result;
use prereq::model::catalog::Catalog;
use prereq::view::render::Format;

use super::Exit;
use super::render::{Picture, graphviz_failure, report_warnings};
use crate::cli::HtmlArgs;

pub fn run(catalog: &Catalog, args: &HtmlArgs) -> Result<Exit> {
    let picture = match Picture::new(catalog, &args.diagram, args.all_edges)? {
        Ok(picture) => picture,
        Err(exit) => return Ok(exit),
    };
    let svg = match prereq::view::render::graphviz(&picture.dot, Format::Svg) {
        Ok(svg) => {
            report_warnings(&svg.warnings);
            String::from_utf8_lossy(&svg.bytes).into_owned()
        }
        Err(err) => return graphviz_failure(err),
    };
    let page = prereq::view::html::page(catalog, &picture.options, &picture.plan, &svg);
    let result = prereq::view::render::write_atomic(&args.output, page.as_bytes());
    picture.finish(&args.output, result)
}
