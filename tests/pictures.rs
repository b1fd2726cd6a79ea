//! Roadmap pictures: the DOT options, Graphviz rendering with atomic writes
//! and exit code 3, and the web page's escaping.

mod common;

use std::path::Path;
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;
use prereq::input::source::SourceFile;
use prereq::model::catalog::{Catalog, EdgeKind, TopicId};
use prereq::view::dot::{DotOptions, Plan, RankDir, find_section, quote, to_dot};

const GARDEN: &str = include_str!("fixtures/pictures/garden.yaml");
const GARDEN_PATH: &str = "tests/fixtures/pictures/garden.yaml";

fn garden() -> Catalog {
    prereq::input::load::catalog(&SourceFile::new("garden", GARDEN)).unwrap()
}

fn handbook() -> Catalog {
    prereq::input::load::catalog(&SourceFile::new(prereq::HANDBOOK_NAME, prereq::HANDBOOK)).unwrap()
}

fn id(catalog: &Catalog, name: &str) -> TopicId {
    catalog.resolve(name).unwrap()
}

fn skip_without_graphviz(test: &str) -> bool {
    let missing = !common::graphviz_present();
    if missing {
        common::skip(test, "Graphviz `dot` is", common::INSTALL_GRAPHVIZ);
    }
    missing
}

/// Lays out `text` with the library's own Graphviz runner; a warning from
/// Graphviz counts as a failure.
fn layout(text: &str) -> Result<String, String> {
    let svg = prereq::view::render::graphviz(text, prereq::view::render::Format::Svg)
        .map_err(|e| e.to_string())?;
    if svg.warnings.is_empty() {
        Ok(String::from_utf8_lossy(&svg.bytes).into_owned())
    } else {
        Err(svg.warnings)
    }
}

fn prereq() -> Command {
    let mut cmd = Command::cargo_bin("prereq").unwrap();
    cmd.env("NO_COLOR", "1").env_remove("PREREQ_TOPICS");
    cmd
}

#[test]
fn quote_escapes_everything_graphviz_would_interpret() {
    assert_eq!(quote(r#"plain"#), r#""plain""#);
    assert_eq!(
        quote("say \"hi\"\\n & <b>x</b>\r\nnext\rlast\u{7}"),
        r#""say \"hi\"\\n &amp; <b>x</b>\nnext\nlast""#
    );
    assert_eq!(quote(r"\N \G \L \l"), r#""\\N \\G \\L \\l""#);
    assert_eq!(quote("&amp;"), r#""&amp;amp;""#);
}

#[test]
fn escaped_text_reaches_the_svg_exactly() {
    if skip_without_graphviz("escaped_text_reaches_the_svg_exactly") {
        return;
    }
    let source = SourceFile::new(
        "odd",
        "version: 1\ntitle: T\ntopics:\n  - id: odd\n    title: \"A &lt; B \\\\N \\\"q\\\"\\n<b>bold</b> & co\"\n    summary: \"tip & <i>\"\n    resources:\n      - {title: R, url: \"https://example.com/?a=1&b=2\", kind: docs}\n",
    );
    let catalog = prereq::input::load::catalog(&source).unwrap();
    assert_eq!(
        catalog.topic(TopicId(0)).title,
        "A &lt; B \\N \"q\"\n<b>bold</b> & co"
    );
    let svg = layout(&to_dot(&catalog, &DotOptions::default())).unwrap();
    assert!(
        svg.contains(">A &amp;lt; B \\N &quot;q&quot;</text>"),
        "{svg}"
    );
    assert!(
        svg.contains(">&lt;b&gt;bold&lt;/b&gt; &amp; co</text>"),
        "{svg}"
    );
    assert!(
        svg.contains(r#"xlink:title="tip &amp; &lt;i&gt;""#),
        "{svg}"
    );
    assert!(
        svg.contains(r#"xlink:href="https://example.com/?a=1&amp;b=2""#),
        "{svg}"
    );
}

#[test]
fn dot_accepts_every_option_combination() {
    if skip_without_graphviz("dot_accepts_every_option_combination") {
        return;
    }
    for catalog in [garden(), handbook()] {
        let goal = catalog.ids().last().unwrap();
        let first = catalog.ids().next().unwrap();
        for bits in 0..32u32 {
            let options = DotOptions {
                goals: if bits & 1 != 0 { vec![goal] } else { vec![] },
                recommended: bits & 2 != 0,
                known: if bits & 4 != 0 { vec![first] } else { vec![] },
                reduce: bits & 8 != 0,
                sections: Vec::new(),
                rankdir: if bits & 16 != 0 {
                    RankDir::LeftRight
                } else {
                    RankDir::TopBottom
                },
            };
            layout(&to_dot(&catalog, &options))
                .unwrap_or_else(|e| panic!("{:?} {options:?}: {e}", catalog.title));
        }
        for section in 0..catalog.sections.len() {
            for bits in 0..4u32 {
                let options = DotOptions {
                    sections: vec![prereq::model::catalog::SectionId(section as u32)],
                    reduce: true,
                    recommended: bits & 1 != 0,
                    known: if bits & 2 != 0 { vec![first] } else { vec![] },
                    ..DotOptions::default()
                };
                layout(&to_dot(&catalog, &options))
                    .unwrap_or_else(|e| panic!("{:?} {options:?}: {e}", catalog.title));
            }
        }
    }
}

#[test]
fn plan_reduces_and_filters() {
    let catalog = garden();
    let t = |name| id(&catalog, name);
    let plan = Plan::new(
        &catalog,
        &DotOptions {
            reduce: true,
            ..DotOptions::default()
        },
    );
    assert_eq!(
        plan.edges,
        vec![
            (t("soil"), t("compost"), EdgeKind::Requires),
            (t("soil"), t("seeds"), EdgeKind::Requires),
            (t("seeds"), t("watering"), EdgeKind::Requires),
            (t("watering"), t("planting"), EdgeKind::Requires),
            (t("planting"), t("harvest"), EdgeKind::Requires),
        ]
    );
    assert_eq!(plan.hidden, 3);
    assert_eq!(plan.topics(), 6);

    let plan = Plan::new(
        &catalog,
        &DotOptions {
            goals: vec![t("planting")],
            recommended: true,
            known: vec![t("seeds")],
            sections: vec![find_section(&catalog, "the ground").unwrap()],
            ..DotOptions::default()
        },
    );
    assert_eq!(plan.shown, vec![true, true, false, false, false, false]);
    assert_eq!(plan.known, vec![true, false, true, false, false, false]);
    assert_eq!(plan.goal, vec![false, false, false, false, true, false]);
    assert_eq!(
        plan.edges,
        vec![(t("soil"), t("compost"), EdgeKind::Requires)]
    );
    assert_eq!(plan.hidden, 0);
}

#[test]
fn known_topics_are_greyed_and_listed_in_the_legend() {
    let catalog = garden();
    let options = DotOptions {
        known: vec![id(&catalog, "seeds")],
        ..DotOptions::default()
    };
    let dot = to_dot(&catalog, &options);
    for known in ["soil", "seeds"] {
        let line = dot
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("\"{known}\"[")))
            .unwrap();
        assert!(
            line.ends_with(r##"fillcolor="#e8e8e8" fontcolor="#888888" color="#888888"]"##),
            "{line}"
        );
    }
    let line = dot
        .lines()
        .find(|l| l.trim_start().starts_with("\"watering\"["))
        .unwrap();
    assert_eq!(
        line.trim(),
        r#""watering"[label="Watering" id="topic:watering"]"#
    );
    assert!(dot.contains("known already"));
}

#[test]
fn sections_are_found_by_id_number_or_title() {
    let catalog = garden();
    for name in ["growing", "II", "ii", "Growing", " growing "] {
        assert_eq!(find_section(&catalog, name).unwrap().index(), 1, "{name}");
    }
    let err = find_section(&catalog, "grownig").unwrap_err();
    assert_eq!(
        err.to_string(),
        "no section is named `grownig`; did you mean `growing`? (sections: `ground`, `growing`)"
    );
    let err = find_section(&handbook(), "nothing like it").unwrap_err();
    assert_eq!(
        err.to_string(),
        "no section is named `nothing like it` (sections: `preliminaries`, \
         `foundations-of-sequential-prediction`, `neural-sequential-prediction`, \
         `foundations-for-modern-language-modeling`, `finetuning-methods-for-llms`, \
         `llm-evaluations-and-applications`, `performance-optimizations-for-efficient-inference`, \
         `sub-quadratic-context-scaling`, `generative-modeling-beyond-sequences`, \
         `multimodal-models`)"
    );
    let many: String = (0..14)
        .map(|n| format!("  - {{id: s{n}, title: S{n}}}\n"))
        .collect();
    let source = SourceFile::new(
        "many",
        format!("version: 1\nsections:\n{many}topics:\n  - {{id: a, title: A, section: s0}}\n"),
    );
    let catalog = prereq::input::load::catalog(&source).unwrap();
    let err = find_section(&catalog, "zzz").unwrap_err();
    assert!(
        err.to_string().ends_with("`s10`, `s11` and 2 more)"),
        "{err}"
    );
    let source = SourceFile::new("none", "version: 1\ntopics:\n  - {id: a, title: A}\n");
    let catalog = prereq::input::load::catalog(&source).unwrap();
    assert_eq!(
        find_section(&catalog, "any").unwrap_err().to_string(),
        "no section is named `any` (the topics have no sections)"
    );
}

#[test]
fn large_layouts_are_announced() {
    let small = Plan {
        shown: vec![true; 500],
        context: vec![false; 500],
        known: vec![false; 500],
        goal: vec![false; 500],
        edges: Vec::new(),
        hidden: 0,
    };
    assert_eq!(prereq::view::dot::layout_warning(&small), None);
    let large = Plan {
        shown: vec![true; 501],
        context: vec![false; 501],
        known: vec![false; 501],
        goal: vec![false; 501],
        edges: Vec::new(),
        hidden: 0,
    };
    let warning = prereq::view::dot::layout_warning(&large).unwrap();
    assert!(warning.contains("--goal") && warning.contains("--section"));
}

fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn missing_graphviz_exits_3_and_keeps_the_old_file() {
    let dir = temp_dir();
    for (command, file) in [("render", "roadmap.svg"), ("html", "roadmap.html")] {
        let out_path = dir.path().join(file);
        std::fs::write(&out_path, "old picture").unwrap();
        let out = prereq()
            .args(["--topics", GARDEN_PATH, command, "-o"])
            .arg(&out_path)
            .env("PATH", "")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(3));
        assert_eq!(String::from_utf8_lossy(&out.stdout), "");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "error: Graphviz is not installed (no `dot` program on the PATH); install Graphviz: \
             `apt-get install graphviz` (Debian, Ubuntu), `dnf install graphviz` (Fedora), \
             `brew install graphviz` (macOS), `winget install graphviz` (Windows); \
             `prereq dot | dot -Tsvg -o roadmap.svg` does the same by hand. \
             `prereq mermaid` needs nothing installed: it prints a Mermaid diagram that GitHub \
             and GitLab draw in Markdown\n"
        );
        assert_eq!(std::fs::read_to_string(&out_path).unwrap(), "old picture");
    }
    assert_eq!(entries(dir.path()), vec!["roadmap.html", "roadmap.svg"]);
}

/// Runs `render -o out_path` with a fake `dot` (a shell script that reads its
/// input and then runs `body`) as the only program on the PATH.
#[cfg(unix)]
fn render_with_fake_dot(body: &str, out_path: &Path) -> std::process::Output {
    use std::os::unix::fs::PermissionsExt;
    let bin = temp_dir();
    let fake = bin.path().join("dot");
    std::fs::write(
        &fake,
        format!("#!/bin/sh\nwhile read -r line; do :; done\n{body}"),
    )
    .unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    prereq()
        .args(["--topics", GARDEN_PATH, "render", "-o"])
        .arg(out_path)
        .env("PATH", bin.path())
        .output()
        .unwrap()
}

#[cfg(unix)]
#[test]
fn graphviz_warnings_are_passed_on() {
    let dir = temp_dir();
    let out_path = dir.path().join("roadmap.svg");
    let out = render_with_fake_dot(
        "printf '<svg/>'\necho 'Warning: scaled down' >&2\n",
        &out_path,
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "graphviz: Warning: scaled down\n"
    );
    assert_eq!(std::fs::read_to_string(&out_path).unwrap(), "<svg/>");
}

#[cfg(unix)]
#[test]
fn failing_graphviz_exits_3_and_leaves_no_half_file() {
    let dir = temp_dir();
    let out_path = dir.path().join("roadmap.svg");
    std::fs::write(&out_path, "old picture").unwrap();
    // A `dot` that writes half a picture, complains, and fails.
    let out = render_with_fake_dot(
        "printf '<svg half'\necho 'out of memory' >&2\nexit 2\n",
        &out_path,
    );
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: Graphviz `dot` failed (exit status: 2): out of memory\n"
    );
    assert_eq!(std::fs::read_to_string(&out_path).unwrap(), "old picture");
    assert_eq!(entries(dir.path()), vec!["roadmap.svg"]);
}

#[test]
fn render_writes_each_format() {
    if skip_without_graphviz("render_writes_each_format") {
        return;
    }
    let dir = temp_dir();
    for (file, format, magic) in [
        ("a.svg", None, &b"<?xml"[..]),
        ("b.PNG", None, &b"\x89PNG"[..]),
        ("c.pdf", None, &b"%PDF"[..]),
        ("d.picture", Some("svg"), &b"<?xml"[..]),
    ] {
        let out_path = dir.path().join(file);
        let mut cmd = prereq();
        cmd.args(["--topics", GARDEN_PATH, "render", "--goal", "harvest", "-o"])
            .arg(&out_path);
        if let Some(format) = format {
            cmd.args(["--format", format]);
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            format!(
                "wrote {}: 5 topics, 4 edges (3 implied by longer chains not drawn)\n",
                out_path.display()
            )
        );
        let bytes = std::fs::read(&out_path).unwrap();
        assert!(bytes.starts_with(magic), "{file}");
    }
    // Replacing a file keeps it whole and leaves no temporary files behind.
    let out = prereq()
        .args(["--topics", GARDEN_PATH, "render", "--all-edges", "-o"])
        .arg(dir.path().join("a.svg"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let svg = std::fs::read_to_string(dir.path().join("a.svg")).unwrap();
    assert!(svg.trim_end().ends_with("</svg>"));
    assert!(svg.contains(r#"id="edge:soil:planting""#));
    assert_eq!(
        entries(dir.path()),
        vec!["a.svg", "b.PNG", "c.pdf", "d.picture"]
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("c.pdf"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o644);
    }
}

#[test]
fn page_escapes_everything_from_the_file() {
    let catalog = garden();
    let options = DotOptions::default();
    let plan = Plan::new(&catalog, &options);
    let svg = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<!-- Title: roadmap -->\n<svg width=\"10pt\" height=\"10pt\"><g id=\"topic:soil\" class=\"node\"></g></svg>\n";
    let page = prereq::view::html::page(&catalog, &options, &plan, svg);
    // The doctype and comment before the picture are dropped; the picture is inline.
    assert!(page.contains(
        "<svg width=\"10pt\" height=\"10pt\"><g id=\"topic:soil\" class=\"node\"></g></svg>"
    ));
    assert!(!page.contains("<?xml") && !page.contains("<!DOCTYPE svg"));
    // Exactly two script elements: the data (JSON, never run) and the page's own script.
    assert_eq!(page.matches("<script").count(), 2);
    assert_eq!(page.matches("</script>").count(), 2);
    assert!(page.contains("<script type=\"application/json\" id=\"roadmap-data\">"));
    // Markup from the file reaches the data only as JSON escapes.
    assert!(page.contains(
        r#""summary":"What soil is made of. \u003cscript\u003ealert(\"soil\")\u003c/script\u003e""#
    ));
    assert!(page.contains(r#""title":"Soil \u0026 \"Dirt\" \u003cbasics\u003e""#));
    assert!(page.contains(r#""url":"https://example.com/soil?a=1\u0026b=2""#));
    assert!(!page.contains("<script>alert"));
    assert!(!page.contains("<basics>"));
    // The policy admits only the page's own script, by its hash.
    let script_start = page.rfind("<script>").unwrap() + "<script>".len();
    let script_end = page.rfind("</script>").unwrap();
    let script = &page[script_start..script_end];
    use base64::Engine as _;
    use sha2::Digest as _;
    let hash =
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(script.as_bytes()));
    assert!(page.contains(&format!(
        "content=\"default-src 'none'; script-src 'sha256-{hash}'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\""
    )));
}

#[test]
fn page_title_is_escaped() {
    let source = SourceFile::new(
        "t",
        "version: 1\ntitle: \"</title><script>x</script> & 'q'\"\ntopics:\n  - id: a\n    title: A\n",
    );
    let catalog = prereq::input::load::catalog(&source).unwrap();
    let options = DotOptions::default();
    let plan = Plan::new(&catalog, &options);
    let page = prereq::view::html::page(&catalog, &options, &plan, "<svg></svg>");
    assert!(
        page.contains(
            "<title>&lt;/title&gt;&lt;script&gt;x&lt;/script&gt; &amp; &#39;q&#39;</title>"
        )
    );
    assert!(
        page.contains("<h1>&lt;/title&gt;&lt;script&gt;x&lt;/script&gt; &amp; &#39;q&#39;</h1>")
    );
    assert_eq!(page.matches("<script").count(), 2);
}

#[test]
fn large_pictures_are_announced_before_the_layout() {
    let dir = temp_dir();
    let topics = dir.path().join("big.yaml");
    let curriculum = prereq::generate::generate(&prereq::generate::GenerateOptions::new(501));
    std::fs::write(&topics, curriculum.to_yaml()).unwrap();
    let catalog =
        prereq::input::load::catalog(&SourceFile::new("big", curriculum.to_yaml())).unwrap();
    let edges = Plan::new(
        &catalog,
        &DotOptions {
            reduce: true,
            ..DotOptions::default()
        },
    )
    .edges
    .len();
    // Without Graphviz the run stops right after the warning, so this stays fast.
    let out = prereq()
        .arg("--topics")
        .arg(&topics)
        .args(["render", "-o"])
        .arg(dir.path().join("big.svg"))
        .env("PATH", "")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let first = stderr.lines().next().unwrap();
    assert_eq!(
        first,
        format!(
            "warning: drawing 501 topics and {edges} edges; Graphviz may take a minute or more \
             (layout time grows with the cube of the size). Draw less with --goal GOAL or \
             --section SECTION."
        )
    );
    assert!(
        stderr
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("error: Graphviz is not installed")
    );
}

#[test]
fn reduction_hides_only_edges_whose_chain_is_drawn() {
    // `base -> top` is implied by `base -> mid -> top`, but `mid` is in another
    // section: drawn as context, with no edge into it, so the chain is not
    // in the picture.
    let source = SourceFile::new(
        "chains",
        "version: 1\nsections:\n  - {id: one, title: One}\n  - {id: two, title: Two}\ntopics:\n  \
         - {id: base, title: Base, section: one}\n  \
         - {id: mid, title: Mid, section: two, requires: [base]}\n  \
         - {id: top, title: Top, section: one, requires: [mid, base]}\n",
    );
    let catalog = prereq::input::load::catalog(&source).unwrap();
    let t = |name| id(&catalog, name);
    let section_one = DotOptions {
        reduce: true,
        sections: vec![find_section(&catalog, "one").unwrap()],
        ..DotOptions::default()
    };
    let plan = Plan::new(&catalog, &section_one);
    assert_eq!(plan.context, vec![false, true, false]);
    assert_eq!(
        plan.edges,
        vec![
            (t("mid"), t("top"), EdgeKind::Requires),
            (t("base"), t("top"), EdgeKind::Requires)
        ]
    );
    assert_eq!(plan.hidden, 0);
    // With every section drawn, the chain is visible and the edge goes.
    let all = DotOptions {
        reduce: true,
        ..DotOptions::default()
    };
    let plan = Plan::new(&catalog, &all);
    assert_eq!(
        plan.edges,
        vec![
            (t("base"), t("mid"), EdgeKind::Requires),
            (t("mid"), t("top"), EdgeKind::Requires)
        ]
    );
    assert_eq!(plan.hidden, 1);
}

#[test]
fn a_hard_edge_is_not_hidden_for_a_redundant_soft_twin() {
    // `d` requires and recommends `p`; only the soft edge is implied (by `p ⇢ q ⇢ d`).
    let source = SourceFile::new(
        "twins",
        "version: 1\ntopics:\n  - {id: p, title: P}\n  - {id: q, title: Q, recommends: [p]}\n  \
         - {id: d, title: D, requires: [p], recommends: [q, p]}\n",
    );
    let catalog = prereq::input::load::catalog(&source).unwrap();
    let t = |name| id(&catalog, name);
    let plan = Plan::new(
        &catalog,
        &DotOptions {
            reduce: true,
            recommended: true,
            ..DotOptions::default()
        },
    );
    assert_eq!(
        plan.edges,
        vec![
            (t("p"), t("q"), EdgeKind::Recommends),
            (t("p"), t("d"), EdgeKind::Requires),
            (t("q"), t("d"), EdgeKind::Recommends)
        ]
    );
    assert_eq!(plan.hidden, 0);
}

#[test]
fn a_section_is_drawn_with_the_prerequisites_it_needs_from_others() {
    let catalog = garden();
    let t = |name| id(&catalog, name);
    let growing = find_section(&catalog, "growing").unwrap();
    // Only `requires` edges are drawn, so only what they need comes in:
    // `soil`, not `compost`, which planting and harvest only recommend.
    let plan = Plan::new(
        &catalog,
        &DotOptions {
            sections: vec![growing],
            ..DotOptions::default()
        },
    );
    assert_eq!(plan.shown, vec![true, false, true, true, true, true]);
    assert_eq!(plan.context, vec![true, false, false, false, false, false]);
    assert_eq!((plan.topics(), plan.context_topics()), (5, 1));
    // With `recommends` edges, `compost` comes too; the edge between the
    // two context topics, `soil -> compost`, is not drawn.
    let plan = Plan::new(
        &catalog,
        &DotOptions {
            sections: vec![growing],
            recommended: true,
            ..DotOptions::default()
        },
    );
    assert_eq!(plan.context, vec![true, true, false, false, false, false]);
    assert_eq!(
        plan.edges,
        vec![
            (t("soil"), t("seeds"), EdgeKind::Requires),
            (t("seeds"), t("watering"), EdgeKind::Requires),
            (t("seeds"), t("planting"), EdgeKind::Requires),
            (t("watering"), t("planting"), EdgeKind::Requires),
            (t("soil"), t("planting"), EdgeKind::Requires),
            (t("compost"), t("planting"), EdgeKind::Recommends),
            (t("planting"), t("harvest"), EdgeKind::Requires),
            (t("seeds"), t("harvest"), EdgeKind::Requires),
            (t("compost"), t("harvest"), EdgeKind::Recommends),
        ]
    );
    // A goal's path inside the section brings only what that path needs.
    let plan = Plan::new(
        &catalog,
        &DotOptions {
            sections: vec![growing],
            goals: vec![t("watering")],
            recommended: true,
            ..DotOptions::default()
        },
    );
    assert_eq!(plan.shown, vec![true, false, true, true, false, false]);
    assert_eq!(plan.context, vec![true, false, false, false, false, false]);
    // Every section chosen: nothing is context.
    let plan = Plan::new(
        &catalog,
        &DotOptions {
            sections: vec![find_section(&catalog, "ground").unwrap(), growing],
            recommended: true,
            ..DotOptions::default()
        },
    );
    assert_eq!(plan.context, vec![false; 6]);
    assert_eq!(plan.topics(), 6);
}

#[test]
fn the_page_marks_context_topics() {
    let catalog = garden();
    let options = DotOptions {
        sections: vec![find_section(&catalog, "growing").unwrap()],
        recommended: true,
        ..DotOptions::default()
    };
    let plan = Plan::new(&catalog, &options);
    let page = prereq::view::html::page(&catalog, &options, &plan, "<svg></svg>");
    let start = page.find(r#"id="roadmap-data">"#).unwrap() + r#"id="roadmap-data">"#.len();
    let end = start + page[start..].find("</script>").unwrap();
    let data: serde_json::Value = serde_json::from_str(&page[start..end]).unwrap();
    let marked: Vec<(&str, bool, bool)> = data["topics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["id"].as_str().unwrap(),
                t["drawn"].as_bool().unwrap(),
                t["context"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        marked,
        vec![
            ("soil", true, true),
            ("compost", true, true),
            ("seeds", true, false),
            ("watering", true, false),
            ("planting", true, false),
            ("harvest", true, false),
        ]
    );
}
