//! The roadmap as one web page that works offline: the Graphviz picture
//! inline, a panel describing the clicked topic and its study path, and a
//! search box. Text from the topics file only ever reaches the page as
//! escaped SVG text, as the escaped title, or as JSON that the page's own
//! script puts in place as text; a content security policy lets no other
//! script run.

use base64::Engine as _;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::model::catalog::{Catalog, EdgeKind, TopicId, is_web_url};
use crate::view::dot::{DotOptions, Plan};

const TEMPLATE: &str = include_str!("html/page.html");
const STYLE: &str = include_str!("html/style.css");
const SCRIPT: &str = include_str!("html/script.js");

#[derive(Serialize)]
struct PageData<'a> {
    title: &'a str,
    /// Where the learner's marks are kept: the title and a hash of the ids.
    key: String,
    recommended: bool,
    /// The goals `--goal` preselects.
    goals: Vec<&'a str>,
    /// The topics `--known` and `--progress` name: the first marks, when
    /// the browser keeps none for this curriculum yet.
    known: Vec<&'a str>,
    sections: Vec<SectionData<'a>>,
    topics: Vec<TopicData<'a>>,
}

#[derive(Serialize)]
struct SectionData<'a> {
    id: &'a str,
    heading: String,
}

#[derive(Serialize)]
struct TopicData<'a> {
    id: &'a str,
    title: &'a str,
    aliases: &'a [String],
    section: Option<String>,
    section_id: Option<&'a str>,
    summary: Option<&'a str>,
    hours: Option<f64>,
    drawn: bool,
    /// Drawn faded, as a topic from outside the chosen sections that one
    /// inside them needs.
    context: bool,
    requires: Vec<EdgeData<'a>>,
    recommends: Vec<EdgeData<'a>>,
    unlocks: Vec<&'a str>,
    resources: Vec<ResourceData<'a>>,
}

#[derive(Serialize)]
struct EdgeData<'a> {
    id: &'a str,
    because: Option<&'a str>,
}

#[derive(Serialize)]
struct ResourceData<'a> {
    title: &'a str,
    /// Only http(s) urls; anything else is shown as plain text, never as a link.
    url: Option<&'a str>,
    text: &'a str,
    kind: &'static str,
    author: Option<&'a str>,
    note: Option<&'a str>,
}

/// The web page for `catalog`, around `svg`, the picture Graphviz drew of
/// `plan` (as `dot -Tsvg` prints it).
pub fn page(catalog: &Catalog, options: &DotOptions, plan: &Plan, svg: &str) -> String {
    let title = catalog.title.as_deref().unwrap_or("Roadmap");
    let name = |id: &TopicId| catalog.topic(*id).id.as_str();
    let data = PageData {
        title,
        key: storage_key(catalog, title),
        recommended: options.recommended,
        goals: options.goals.iter().map(name).collect(),
        known: options.known.iter().map(name).collect(),
        sections: catalog
            .sections
            .iter()
            .map(|s| SectionData {
                id: &s.id,
                heading: crate::view::text::section_heading(s),
            })
            .collect(),
        topics: catalog
            .ids()
            .map(|id| topic_data(catalog, id, plan))
            .collect(),
    };
    let json = serde_json::to_string(&data).unwrap_or_else(|_| "null".to_owned());
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(SCRIPT));
    let mut out = String::with_capacity(TEMPLATE.len() + svg.len() + json.len() + SCRIPT.len());
    // Fill the template's slots in one pass, so no filled-in text is ever
    // scanned for further slots.
    let mut rest = TEMPLATE;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start..].find("}}") else {
            break;
        };
        out.push_str(&rest[..start]);
        match &rest[start + 2..start + len] {
            "title" => out.push_str(&escape_text(title)),
            "script-hash" => out.push_str(&hash),
            "style" => out.push_str(STYLE),
            "script" => out.push_str(SCRIPT),
            "data" => out.push_str(&script_safe(&json)),
            "svg" => out.push_str(svg_element(svg)),
            other => {
                out.push_str("{{");
                out.push_str(other);
                out.push_str("}}");
            }
        }
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    out
}

fn topic_data<'a>(catalog: &'a Catalog, id: TopicId, plan: &Plan) -> TopicData<'a> {
    let topic = catalog.topic(id);
    let edges = |kind: EdgeKind| {
        topic
            .prerequisites
            .iter()
            .filter(|p| p.kind == kind)
            .map(|p| EdgeData {
                id: &catalog.topic(p.topic).id,
                because: p.because.as_deref(),
            })
            .collect()
    };
    let unlocks: Vec<TopicId> = catalog
        .unlocks(id)
        .into_iter()
        .filter(|&(_, kind)| kind == EdgeKind::Requires)
        .map(|(t, _)| t)
        .collect();
    TopicData {
        id: &topic.id,
        title: &topic.title,
        aliases: &topic.aliases,
        section: topic
            .section
            .map(|s| crate::view::text::section_heading(catalog.section(s))),
        section_id: topic.section.map(|s| catalog.section(s).id.as_str()),
        summary: topic.summary.as_deref(),
        hours: topic.hours,
        drawn: plan.shown[id.index()],
        context: plan.context[id.index()],
        requires: edges(EdgeKind::Requires),
        recommends: edges(EdgeKind::Recommends),
        unlocks: unlocks
            .into_iter()
            .map(|t| catalog.topic(t).id.as_str())
            .collect(),
        resources: topic
            .resources
            .iter()
            .map(|r| ResourceData {
                title: &r.title,
                url: is_web_url(&r.url).then_some(r.url.as_str()),
                text: &r.url,
                kind: r.kind.as_str(),
                author: r.author.as_deref(),
                note: r.note.as_deref(),
            })
            .collect(),
    }
}

/// The localStorage key of a curriculum's marks: `prereq:v1:`, the title, and
/// the first 16 hex digits of the SHA-256 of its topic ids, one a line. Two
/// curricula share marks only if they have the same title and the same ids;
/// a page finds the marks of an earlier version by the title alone.
pub fn storage_key(catalog: &Catalog, title: &str) -> String {
    let mut hasher = Sha256::new();
    for topic in &catalog.topics {
        hasher.update(topic.id.as_bytes());
        hasher.update(b"\n");
    }
    let digest = hasher.finalize();
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("prereq:v1:{title}:{hex}")
}

/// Escapes text for an HTML element or a quoted attribute.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON that can sit inside a `<script>` element: no `<`, `>` or `&` can
/// close the element or open a comment, and JavaScript's line separators are
/// escaped too.
fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// The `<svg>` element of Graphviz's output, without the XML declaration,
/// doctype and comments before it.
fn svg_element(svg: &str) -> &str {
    match svg.find("<svg") {
        Some(start) => svg[start..].trim_end(),
        None => "",
    }
}
