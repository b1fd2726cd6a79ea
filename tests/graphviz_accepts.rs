//! Graphviz's `dot` must accept every DOT output: the handbook, each fixture,
//! and the path-only diagrams. CI installs Graphviz, so there this always runs.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use prereq::input::source::SourceFile;
use prereq::view::dot::{DotOptions, to_dot};

fn layout(text: &str) -> Result<String, String> {
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if out.status.success() && out.stderr.is_empty() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

#[test]
fn dot_accepts_every_diagram() {
    if !common::graphviz_present() {
        common::skip(
            "dot_accepts_every_diagram",
            "Graphviz `dot` is",
            common::INSTALL_GRAPHVIZ,
        );
        return;
    }
    let files = [
        (
            prereq::HANDBOOK_NAME.to_owned(),
            prereq::HANDBOOK.to_owned(),
        ),
        (
            "small".to_owned(),
            include_str!("fixtures/basic/small.yaml").to_owned(),
        ),
        (
            "escaping".to_owned(),
            include_str!("fixtures/basic/escaping.yaml").to_owned(),
        ),
    ];
    for (name, text) in files {
        let catalog = prereq::input::load::catalog(&SourceFile::new(name.as_str(), text)).unwrap();
        let full = to_dot(&catalog, &DotOptions::default());
        layout(&full).unwrap_or_else(|e| panic!("{name}: {e}"));
        for goal in catalog.ids() {
            let options = DotOptions {
                goals: vec![goal],
                ..DotOptions::default()
            };
            layout(&to_dot(&catalog, &options))
                .unwrap_or_else(|e| panic!("{name}, goal {goal:?}: {e}"));
        }
    }
}

#[test]
fn titles_reach_the_svg_exactly() {
    if !common::graphviz_present() {
        common::skip(
            "titles_reach_the_svg_exactly",
            "Graphviz `dot` is",
            common::INSTALL_GRAPHVIZ,
        );
        return;
    }
    let source = SourceFile::new("escaping", include_str!("fixtures/basic/escaping.yaml"));
    let catalog = prereq::input::load::catalog(&source).unwrap();
    let svg = layout(&to_dot(&catalog, &DotOptions::default())).unwrap();
    // The title `Say "hi"` + line break + `then \N <br> & go` is drawn as two
    // text lines, with XML escaping by Graphviz and no \N expansion.
    assert!(svg.contains(">Say &quot;hi&quot;</text>"), "{svg}");
    assert!(
        svg.contains(">then \\N &lt;br&gt; &amp; go</text>"),
        "{svg}"
    );
}
