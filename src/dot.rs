//! The roadmap as a Graphviz graph: one cluster per section in reading order,
//! hard edges solid, soft edges dashed.

use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph as DotGraph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph,
    Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

use crate::catalog::{Catalog, EdgeKind, TopicId};
use crate::path::{PathOptions, StudyPath};

/// What to draw.
#[derive(Debug, Clone, Default)]
pub struct DotOptions {
    /// Draw only the study path to these goals, and highlight them.
    pub goals: Vec<TopicId>,
    /// With goals: follow `recommends` edges into the path too.
    pub recommended: bool,
}

/// Quotes `text` as a DOT string whose label shows exactly `text`.
///
/// Graphviz reads backslash sequences in labels (`\n`, `\l`, `\N`, ...), so a
/// backslash is doubled, a quote escaped and a line break becomes `\n`.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn esc(text: &str) -> Id {
    Id::Escaped(quote(text))
}

fn plain(text: &str) -> Id {
    Id::Plain(text.to_owned())
}

fn attr(key: &str, value: Id) -> Attribute {
    Attribute(plain(key), value)
}

/// The roadmap graph for `catalog`.
pub fn roadmap(catalog: &Catalog, options: &DotOptions) -> DotGraph {
    let shown = shown_topics(catalog, options);
    let mut stmts: Vec<Stmt> = vec![
        GraphAttributes::Graph(vec![
            attr("rankdir", plain("TB")),
            attr("newrank", plain("true")),
            attr("fontname", esc("Helvetica")),
            attr("label", esc(catalog.title.as_deref().unwrap_or("Roadmap"))),
            attr("labelloc", plain("t")),
        ])
        .into(),
        GraphAttributes::Node(vec![
            attr("shape", plain("box")),
            attr("style", esc("rounded,filled")),
            attr("fillcolor", esc("#ffffff")),
            attr("fontname", esc("Helvetica")),
        ])
        .into(),
    ];

    let mut by_section: Vec<Vec<TopicId>> = vec![Vec::new(); catalog.sections.len()];
    for id in catalog.ids().filter(|id| shown[id.index()]) {
        match catalog.topic(id).section {
            Some(section) => by_section[section.index()].push(id),
            None => stmts.push(node(catalog, id, options).into()),
        }
    }
    for (index, members) in by_section.iter().enumerate().filter(|(_, m)| !m.is_empty()) {
        let section = &catalog.sections[index];
        let label = match &section.number {
            Some(number) => format!("{number}. {}", section.title),
            None => section.title.clone(),
        };
        let mut inner: Vec<Stmt> = vec![
            attr("label", esc(&label)).into(),
            attr("style", esc("rounded")).into(),
            attr("color", esc("#999999")).into(),
        ];
        inner.extend(
            members
                .iter()
                .map(|&t| Stmt::from(node(catalog, t, options))),
        );
        stmts.push(
            Subgraph {
                id: plain(&format!("cluster_{index}")),
                stmts: inner,
            }
            .into(),
        );
    }

    for id in catalog.ids().filter(|id| shown[id.index()]) {
        for p in &catalog.topic(id).prerequisites {
            if !shown[p.topic.index()] {
                continue;
            }
            let mut attributes = Vec::new();
            if p.kind == EdgeKind::Recommends {
                attributes.push(attr("style", plain("dashed")));
                attributes.push(attr("color", esc("#888888")));
            }
            stmts.push(
                Edge {
                    ty: EdgeTy::Pair(vertex(catalog, p.topic), vertex(catalog, id)),
                    attributes,
                }
                .into(),
            );
        }
    }

    DotGraph::DiGraph {
        id: plain("roadmap"),
        strict: false,
        stmts,
    }
}

/// The roadmap as DOT text.
pub fn to_dot(catalog: &Catalog, options: &DotOptions) -> String {
    let mut text = roadmap(catalog, options).print(&mut PrinterContext::default());
    text.push('\n');
    text
}

fn shown_topics(catalog: &Catalog, options: &DotOptions) -> Vec<bool> {
    if options.goals.is_empty() {
        return vec![true; catalog.topics.len()];
    }
    let path_options = PathOptions {
        recommended: options.recommended,
        ..PathOptions::default()
    };
    let path = StudyPath::to(catalog, &options.goals, &path_options);
    let mut shown = vec![false; catalog.topics.len()];
    for id in path.topics {
        shown[id.index()] = true;
    }
    shown
}

fn vertex(catalog: &Catalog, topic: TopicId) -> Vertex {
    Vertex::N(NodeId(esc(&catalog.topic(topic).id), None))
}

fn node(catalog: &Catalog, topic_id: TopicId, options: &DotOptions) -> Node {
    let topic = catalog.topic(topic_id);
    let mut attributes = vec![attr("label", esc(&topic.title))];
    if let Some(summary) = &topic.summary {
        attributes.push(attr("tooltip", esc(summary)));
    }
    if let Some(resource) = topic.resources.first() {
        attributes.push(attr("URL", esc(&resource.url)));
    }
    if options.goals.contains(&topic_id) {
        attributes.push(attr("fillcolor", esc("#ffd966")));
        attributes.push(attr("penwidth", plain("2")));
    }
    Node::new(NodeId(esc(&topic.id), None), attributes)
}
