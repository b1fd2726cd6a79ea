//! The roadmap as a Mermaid flowchart, which GitHub and GitLab draw in any
//! Markdown file with nothing installed: sections as subgraphs in reading
//! order, hard edges solid, soft edges dashed, goals, known topics and the
//! context topics of a picture by section marked through `classDef`. It
//! draws what [`crate::view::dot::Plan`] plans, so the selection options mean
//! the same as for DOT.
//!
//! Titles are never trusted to be plain: node ids are generated, and every
//! label is quoted with the characters Mermaid would read as syntax, HTML,
//! Markdown, maths or an icon written as entity codes (see [`label`]).

use std::io::{self, Write};

use crate::model::catalog::{Catalog, EdgeKind, TopicId, is_web_url};
use crate::query::path::StudyPath;
use crate::view::dot::{CONTEXT_LINE, DotOptions, Plan, RankDir};

/// How context topics and their section's subgraph look: faded, dashed.
const CONTEXT_STYLE: &str = "fill:#ffffff,color:#888888,stroke:#aaaaaa,stroke-dasharray:4 3";

/// Mermaid's default `maxEdges`: a flowchart with more edges is refused.
pub const MAX_EDGES: usize = 500;

/// Mermaid's default `maxTextSize`, in UTF-16 code units: a longer diagram
/// is refused.
pub const MAX_TEXT_SIZE: usize = 50_000;

/// How big a written diagram is, in the units of Mermaid's limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DiagramSize {
    /// Edges drawn.
    pub edges: usize,
    /// Length of the text in UTF-16 code units, as JavaScript counts it.
    pub text: usize,
}

impl DiagramSize {
    /// What is past Mermaid's default limits, such as `612 edges (Mermaid
    /// draws at most 500)`, if anything is.
    pub fn over_limits(&self) -> Option<String> {
        let mut over = Vec::new();
        if self.edges > MAX_EDGES {
            over.push(format!(
                "{} edges (Mermaid draws at most {MAX_EDGES})",
                self.edges
            ));
        }
        if self.text > MAX_TEXT_SIZE {
            over.push(format!(
                "{} characters (Mermaid reads at most {MAX_TEXT_SIZE})",
                self.text
            ));
        }
        (!over.is_empty()).then(|| over.join(" and "))
    }

    /// A warning, if the diagram is past one of Mermaid's default limits,
    /// which GitHub and GitLab do not let a page raise; it suggests the
    /// options of `options` that would draw less and are not in use yet.
    pub fn limit_warning(&self, options: &DotOptions) -> Option<String> {
        let over = self.over_limits()?;
        let mut unused = Vec::new();
        if options.goals.is_empty() {
            unused.push("--goal GOAL");
        }
        if options.sections.is_empty() {
            unused.push("--section SECTION");
        }
        if !options.reduce {
            unused.push("--reduce");
        }
        let advice = match unused.as_slice() {
            [] => "draw fewer goals or sections".to_owned(),
            [one] => format!("draw less with {one}"),
            [rest @ .., last] => format!("draw less with {} or {last}", rest.join(", ")),
        };
        Some(format!(
            "the diagram has {over}, past Mermaid's default limits, which GitHub and GitLab \
             cannot raise; {advice}"
        ))
    }
}

/// What the diagram of a study path draws: the path to its goals, with the
/// topics the learner knows greyed, `recommends` edges if the path follows
/// them, and edges a longer chain implies left out.
pub fn path_options(path: &StudyPath) -> DotOptions {
    DotOptions {
        goals: path.goals.clone(),
        recommended: path.recommended,
        known: path.known.clone(),
        reduce: true,
        sections: Vec::new(),
        rankdir: RankDir::TopBottom,
    }
}

/// The roadmap for `catalog` as Mermaid text, ending in a newline.
pub fn to_mermaid(catalog: &Catalog, options: &DotOptions) -> String {
    let plan = Plan::new(catalog, options);
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = write_mermaid(&mut out, catalog, options, &plan);
    String::from_utf8(out).expect("the diagram is written from strings")
}

/// Writes the roadmap for `plan` to `out` as Mermaid text, ending in a
/// newline, and tells how big it came out.
pub fn write_mermaid(
    out: &mut impl Write,
    catalog: &Catalog,
    options: &DotOptions,
    plan: &Plan,
) -> io::Result<DiagramSize> {
    let mut out = Counted { out, units: 0 };
    let out = &mut out;
    if let Some(title) = catalog.title.as_deref().filter(|t| title_shown(t)) {
        writeln!(out, "---\ntitle: {}\n---", yaml_string(title))?;
    }
    let direction = match options.rankdir {
        RankDir::TopBottom => "TB",
        RankDir::LeftRight => "LR",
    };
    writeln!(out, "flowchart {direction}")?;
    writeln!(
        out,
        "  classDef goal fill:#ffd966,stroke:#333333,stroke-width:2px"
    )?;
    writeln!(
        out,
        "  classDef known fill:#e8e8e8,color:#888888,stroke:#888888"
    )?;
    let context = plan.context.contains(&true);
    // Only a picture by section has context, so every other diagram stays
    // as it was.
    if context {
        writeln!(out, "  classDef context {CONTEXT_STYLE}")?;
    }

    let mut by_section: Vec<Vec<TopicId>> = vec![Vec::new(); catalog.sections.len()];
    for id in catalog.ids().filter(|id| plan.shown[id.index()]) {
        match catalog.topic(id).section {
            Some(section) => by_section[section.index()].push(id),
            None => write_node(out, "  ", catalog, plan, id)?,
        }
    }
    for (index, members) in by_section.iter().enumerate().filter(|(_, m)| !m.is_empty()) {
        let heading = crate::view::text::section_heading(&catalog.sections[index]);
        writeln!(out, "  subgraph s{index}[{}]", label(&heading))?;
        for &id in members {
            write_node(out, "    ", catalog, plan, id)?;
        }
        writeln!(out, "  end")?;
        // As in DOT, context topics stand in their own section, faded.
        if plan.context[members[0].index()] {
            writeln!(out, "  style s{index} {CONTEXT_STYLE}")?;
        }
    }
    // Mermaid styles an edge by its number, in the order written.
    let mut faded_edges = Vec::new();
    for (n, &(from, to, kind)) in plan.edges.iter().enumerate() {
        let arrow = match kind {
            EdgeKind::Requires => "-->",
            EdgeKind::Recommends => "-.->",
        };
        writeln!(out, "  t{} {arrow} t{}", from.index(), to.index())?;
        if plan.context[from.index()] {
            faded_edges.push(n.to_string());
        }
    }
    if !faded_edges.is_empty() {
        writeln!(
            out,
            "  linkStyle {} stroke:{CONTEXT_LINE}",
            faded_edges.join(",")
        )?;
    }
    for id in catalog.ids().filter(|id| plan.shown[id.index()]) {
        let topic = catalog.topic(id);
        if let Some(resource) = topic.resources.iter().find(|r| is_web_url(&r.url)) {
            writeln!(
                out,
                "  click t{} href \"{}\" _blank",
                id.index(),
                link(&resource.url)
            )?;
        }
    }
    if plan.hidden > 0 {
        writeln!(
            out,
            "  %% {} implied by longer chains not drawn",
            crate::view::text::plural(plan.hidden, "edge", "edges")
        )?;
    }
    Ok(DiagramSize {
        edges: plan.edges.len(),
        text: out.units,
    })
}

/// Writes one topic's node statement.
fn write_node(
    out: &mut impl Write,
    indent: &str,
    catalog: &Catalog,
    plan: &Plan,
    id: TopicId,
) -> io::Result<()> {
    let class = if plan.goal[id.index()] {
        ":::goal"
    } else if plan.known[id.index()] {
        ":::known"
    } else if plan.context[id.index()] {
        // One class a node: a known context topic is shown as known.
        ":::context"
    } else {
        ""
    };
    writeln!(
        out,
        "{indent}t{}[{}]{class}",
        id.index(),
        label(&catalog.topic(id).title)
    )
}

/// `text` as a quoted Mermaid label that shows exactly `text`, with runs of
/// white space (line breaks too) shown as one space and control characters
/// left out.
///
/// Mermaid reads a label as its own syntax, then as Markdown (a leading
/// `1.`, `-` or `#`, `**`, `__`, links), then as HTML, maths (`$$`) and icons
/// (`fa:fa-x`). Every character that could start one of those is written as
/// a Mermaid entity code such as `#35;`, which Mermaid keeps out of its
/// parsers and turns back into the character in the picture. Mermaid's own
/// placeholders for entity codes are `ﬂ°` and `¶ß`: where a title holds
/// either pair, an invisible word joiner (U+2060) keeps the two apart.
pub fn label(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    let chars: Vec<char> = flat(text).chars().collect();
    // A list item starts with `-`, `+` or `*`, or digits then `.` or `)`.
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    let ordered_marker = (digits > 0).then_some(digits);
    for (i, &c) in chars.iter().enumerate() {
        let rest = &chars[i + 1..];
        let escape = match c {
            '"' | '#' | '$' | '%' | '&' | '*' | '<' | '>' | '@' | '[' | '\\' | ']' | '_' | '`'
            | '~' => true,
            '-' | '+' | '=' => i == 0,
            '.' | ')' => Some(i) == ordered_marker || (c == '.' && after_www(&chars[..i])),
            ':' => starts_with(rest, "//") || starts_with(rest, "fa-"),
            _ => false,
        };
        if escape {
            out.push('#');
            out.push_str(&u32::from(c).to_string());
            out.push(';');
        } else {
            out.push(c);
            split_placeholder(&mut out, c, rest.first().copied());
        }
    }
    out.push('"');
    out
}

/// Writes a word joiner between the characters of Mermaid's placeholders.
fn split_placeholder(out: &mut String, c: char, next: Option<char>) {
    if matches!((c, next), ('¶', Some('ß')) | ('ﬂ', Some('°'))) {
        out.push(WORD_JOINER);
    }
}

/// An invisible character that changes nothing in how a line is broken.
const WORD_JOINER: char = '\u{2060}';

/// Whether `before` ends in `www`, as a web address Markdown would link does.
fn after_www(before: &[char]) -> bool {
    before.len() >= 3
        && before[before.len() - 3..]
            .iter()
            .all(|c| c.eq_ignore_ascii_case(&'w'))
}

fn starts_with(chars: &[char], prefix: &str) -> bool {
    let mut rest = chars.iter();
    prefix
        .chars()
        .all(|p| rest.next().is_some_and(|c| c.eq_ignore_ascii_case(&p)))
}

/// `url` as it may stand between the quotes of a `click` statement:
/// characters that would end the string, or that Mermaid could take for an
/// entity code (`#name;`), are percent-encoded.
pub fn link(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '"' => out.push_str("%22"),
            ';' => out.push_str("%3B"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '`' => out.push_str("%60"),
            c if c.is_whitespace() || c.is_control() => {
                let mut buf = [0; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// `text` as a single-quoted YAML string, for the front matter's title:
/// only `'` is special there, written twice. (Mermaid reads no entity
/// codes in the front matter.)
fn yaml_string(text: &str) -> String {
    let chars: Vec<char> = flat(text).chars().collect();
    let mut out = String::from("'");
    for (i, &c) in chars.iter().enumerate() {
        if c == '\'' {
            out.push('\'');
        }
        out.push(c);
        split_placeholder(&mut out, c, chars.get(i + 1).copied());
    }
    out.push('\'');
    out
}

/// Whether Mermaid shows `title` as it is: it shows a diagram's title as
/// HTML source, `&` as `&amp;`.
pub fn title_shown(title: &str) -> bool {
    !title.contains('&')
}

/// `text` with runs of white space as one space, trimmed, and no control
/// characters.
fn flat(text: &str) -> String {
    let kept: String = text
        .chars()
        .filter(|c| !c.is_control() || c.is_whitespace())
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A writer that counts the UTF-16 code units of the UTF-8 text through it.
struct Counted<'w, W> {
    out: &'w mut W,
    units: usize,
}

impl<W: Write> Write for Counted<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.out.write(buf)?;
        // One unit per character, two for those beyond the BMP (four-byte
        // sequences); continuation bytes count nothing, so a character split
        // between two writes is still counted once.
        self.units += buf[..n]
            .iter()
            .map(|&b| match b {
                0x80..=0xBF => 0,
                0xF0..=0xFF => 2,
                _ => 1,
            })
            .sum::<usize>();
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_titles_are_only_quoted() {
        assert_eq!(
            label("Vector Databases and Reranking"),
            "\"Vector Databases and Reranking\""
        );
        assert_eq!(label("RLHF: why (and how)?"), "\"RLHF: why (and how)?\"");
        assert_eq!(
            label("Mixture-of-Experts 2.0"),
            "\"Mixture-of-Experts 2.0\""
        );
    }

    #[test]
    fn syntax_html_and_markdown_become_entity_codes() {
        assert_eq!(label("say \"hi\""), "\"say #34;hi#34;\"");
        assert_eq!(label("<b>&</b>"), "\"#60;b#62;#38;#60;/b#62;\"");
        assert_eq!(label("1. First"), "\"1#46; First\"");
        assert_eq!(label("12) x"), "\"12#41; x\"");
        assert_eq!(label("- x"), "\"#45; x\"");
        assert_eq!(label("a - b"), "\"a - b\"");
        assert_eq!(label("**b**"), "\"#42;#42;b#42;#42;\"");
        assert_eq!(label("__init__"), "\"#95;#95;init#95;#95;\"");
        assert_eq!(label("# x"), "\"#35; x\"");
        assert_eq!(label("> x"), "\"#62; x\"");
        assert_eq!(label("`code`"), "\"#96;code#96;\"");
        assert_eq!(label("a\\b"), "\"a#92;b\"");
        assert_eq!(label("[x](y)"), "\"#91;x#93;(y)\"");
        assert_eq!(label("$$x$$ 100%"), "\"#36;#36;x#36;#36; 100#37;\"");
        assert_eq!(label("see https://a.b"), "\"see https#58;//a.b\"");
        assert_eq!(label("WWW.a.b"), "\"WWW#46;a.b\"");
        assert_eq!(label("fa:fa-car"), "\"fa#58;fa-car\"");
        assert_eq!(label("a@b.c"), "\"a#64;b.c\"");
        assert_eq!(label("¶ß ﬂ° ß¶ °ﬂ"), "\"¶\u{2060}ß ﬂ\u{2060}° ß¶ °ﬂ\"");
    }

    #[test]
    fn white_space_is_flattened() {
        assert_eq!(
            label("  two\nlines\r\n\tand\u{7}bell "),
            "\"two lines andbell\""
        );
        assert_eq!(
            yaml_string(" A \"#1\" \\ it's ¶ß\n"),
            "'A \"#1\" \\ it''s ¶\u{2060}ß'"
        );
        assert_eq!(label("    code?"), "\"code?\"");
        assert_eq!(label(""), "\"\"");
    }

    #[test]
    fn links_stay_inside_their_quotes() {
        assert_eq!(
            link("https://a.b/c?d=\"e\"#f;g h"),
            "https://a.b/c?d=%22e%22#f%3Bg%20h"
        );
        assert_eq!(link("https://a.b/<x>`"), "https://a.b/%3Cx%3E%60");
    }

    #[test]
    fn text_is_counted_in_utf16_units() {
        let mut buf = Vec::new();
        let mut counted = Counted {
            out: &mut buf,
            units: 0,
        };
        counted.write_all("aé日😀".as_bytes()).unwrap();
        assert_eq!(counted.units, 1 + 1 + 1 + 2);
        assert_eq!("aé日😀".encode_utf16().count(), 5);
    }

    #[test]
    fn limits_warn_with_the_counts() {
        let all = DotOptions::default();
        let small = DiagramSize {
            edges: 500,
            text: 50_000,
        };
        assert_eq!(small.limit_warning(&all), None);
        let big = DiagramSize {
            edges: 1012,
            text: 61_234,
        };
        assert_eq!(
            big.limit_warning(&all).unwrap(),
            "the diagram has 1012 edges (Mermaid draws at most 500) and 61234 characters \
             (Mermaid reads at most 50000), past Mermaid's default limits, which GitHub and \
             GitLab cannot raise; draw less with --goal GOAL, --section SECTION or --reduce"
        );
        let long = DiagramSize {
            edges: 10,
            text: 50_001,
        };
        let reduced = DotOptions {
            reduce: true,
            goals: vec![TopicId(0)],
            ..DotOptions::default()
        };
        assert_eq!(
            long.limit_warning(&reduced).unwrap(),
            "the diagram has 50001 characters (Mermaid reads at most 50000), past Mermaid's \
             default limits, which GitHub and GitLab cannot raise; draw less with --section SECTION"
        );
        let narrowed = DotOptions {
            sections: vec![crate::model::catalog::SectionId(0)],
            ..reduced
        };
        assert!(
            long.limit_warning(&narrowed)
                .unwrap()
                .ends_with("cannot raise; draw fewer goals or sections")
        );
    }
}
