//! The large views stream: `prereq dot`, `prereq path` (as text, Markdown
//! and JSON), `prereq list` and the reports of `prereq check` written to a
//! writer give the same text as built in memory, a writer that fails midway
//! stops them with that error, and a reader that stops reading is no failure.

use std::io::{self, Read, Write};
use std::process::{Command, Stdio};

use prereq::input::source::SourceFile;
use prereq::model::catalog::Catalog;
use prereq::query::path::{PathOptions, StudyPath};
use prereq::query::plan::Layout;
use prereq::view::dot::{DotOptions, Plan, to_dot, to_dot_planned, write_dot};
use prereq::view::text::{self, TextOptions};

fn handbook() -> Catalog {
    let source = SourceFile::new("topics.yaml", prereq::HANDBOOK.to_owned());
    prereq::input::load::catalog(&source).expect("the handbook loads")
}

fn written(catalog: &Catalog, options: &DotOptions) -> String {
    let mut bytes = Vec::new();
    write_dot(&mut bytes, catalog, options, &Plan::new(catalog, options)).unwrap();
    String::from_utf8(bytes).unwrap()
}

#[test]
fn written_text_equals_the_text_in_memory() {
    let catalog = handbook();
    let rag = catalog.resolve("retrieval-augmented-generation").unwrap();
    let attention = catalog.resolve("decoder-only-transformers").unwrap();
    let all = [
        DotOptions::default(),
        DotOptions {
            goals: vec![rag],
            known: vec![attention],
            recommended: true,
            reduce: true,
            ..DotOptions::default()
        },
    ];
    for options in all {
        let text = to_dot(&catalog, &options);
        assert!(text.starts_with("digraph roadmap {\n  graph[rankdir=TB "));
        assert!(text.ends_with("\n}\n"));
        assert!(text.contains(" -> "));
        assert_eq!(written(&catalog, &options), text);
        let plan = Plan::new(&catalog, &options);
        assert_eq!(to_dot_planned(&catalog, &options, &plan), text);
    }
}

/// A writer that takes `room` bytes and then fails.
struct Full {
    room: usize,
    taken: Vec<u8>,
}

impl Write for Full {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.room == 0 {
            return Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"));
        }
        let n = buf.len().min(self.room);
        self.room -= n;
        self.taken.extend_from_slice(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Writes through `write` into writers with room for only part of `whole`:
/// each stops with the writer's error, after exactly what fitted.
fn assert_stops_when_full(whole: &str, write: impl Fn(&mut Full) -> io::Result<()>) {
    for room in [0, 1, 100, whole.len() / 2, whole.len() - 1] {
        let mut out = Full {
            room,
            taken: Vec::new(),
        };
        let err = write(&mut out).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::StorageFull);
        assert_eq!(out.taken, whole.as_bytes()[..room]);
    }
    let mut out = Full {
        room: whole.len(),
        taken: Vec::new(),
    };
    write(&mut out).unwrap();
    assert_eq!(out.taken, whole.as_bytes());
}

#[test]
fn a_failing_writer_stops_the_roadmap_with_its_error() {
    let catalog = handbook();
    let options = DotOptions::default();
    let plan = Plan::new(&catalog, &options);
    assert_stops_when_full(&to_dot(&catalog, &options), |out| {
        write_dot(out, &catalog, &options, &plan)
    });
}

#[test]
fn text_views_stream_the_same_text() {
    let catalog = handbook();
    let rag = catalog.resolve("rag").unwrap();
    let path = StudyPath::to(&catalog, &[rag], &PathOptions::default());
    let weeks = prereq::query::plan::weeks(&catalog, &path, 10.0).unwrap();
    for layout in [Layout::Sections, Layout::Weeks(&weeks)] {
        let options = TextOptions::default();
        let whole = text::path(&catalog, &path, layout, options);
        assert!(whole.starts_with("Study "), "{whole}");
        assert_stops_when_full(&whole, |out| {
            text::write_path(out, &catalog, &path, layout, options)
        });
        let markdown = prereq::view::markdown::path(&catalog, &path, layout);
        assert!(markdown.starts_with("# Study "), "{markdown}");
        assert_stops_when_full(&markdown, |out| {
            prereq::view::markdown::write_path(out, &catalog, &path, layout)
        });
        let json = prereq::view::json::path(&catalog, &path, layout);
        assert!(
            json.starts_with("{\n  \"goals\": [\n    \"retrieval-augmented-generation\"\n  ],"),
            "{json}"
        );
        assert_stops_when_full(&json, |out| {
            prereq::view::json::write_path(out, &catalog, &path, layout)
        });
    }
    let whole = text::list(&catalog);
    assert!(
        whole.starts_with("Preliminaries\n  Math (math)\n"),
        "{whole}"
    );
    assert_stops_when_full(&whole, |out| text::write_list(out, &catalog));
}

#[test]
fn check_reports_stream_the_same_text() {
    let curriculum = prereq::generate::generate(&prereq::generate::GenerateOptions::new(2_000));
    let source = SourceFile::new("generated.json", curriculum.to_json());
    let report =
        prereq::query::check::check(&source, &prereq::query::check::CheckOptions::default());
    // Past the full redundant edges, so compact ones are written too.
    assert!(!report.redundant.is_empty());
    let json = prereq::view::report::json(&report);
    assert!(json.starts_with("{\n  \"format_version\": 1,\n"), "{json}");
    assert!(json.ends_with("}\n"));
    assert_stops_when_full(&json, |out| prereq::view::report::write_json(out, &report));
    let github = prereq::view::report::github(&report, false);
    assert!(
        github.starts_with("::warning file=generated.json,"),
        "{github}"
    );
    assert_stops_when_full(&github, |out| {
        prereq::view::report::write_github(out, &report, false)
    });
    let text = prereq::view::report::text(&report, &source, None, false);
    assert_stops_when_full(&text, |out| {
        prereq::view::report::write_text(out, &report, &source, None, false)
    });
}

/// Runs prereq on a generated file of 5,000 topics with `args`, reads the
/// first bytes of its output and closes the pipe: far more text than a pipe
/// buffers, so the writer meets the closed end.
fn assert_a_closed_pipe_ends_quietly(args: &[&str], head: &str) {
    let options = prereq::generate::GenerateOptions::new(5000);
    let dir = tempfile::tempdir().unwrap();
    let topics = dir.path().join("topics.json");
    std::fs::write(&topics, prereq::generate::generate(&options).to_json()).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_prereq"))
        .arg("--topics")
        .arg(&topics)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut start = vec![0; head.len()];
    child.stdout.take().unwrap().read_exact(&mut start).unwrap();
    assert_eq!(String::from_utf8_lossy(&start), head);
    let output = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    assert_eq!(output.status.code(), Some(0), "{args:?}");
}

#[test]
fn a_closed_pipe_ends_dot_path_and_list_quietly() {
    assert_a_closed_pipe_ends_quietly(&["dot"], "digraph roadmap {");
    assert_a_closed_pipe_ends_quietly(&["path", "t4999"], "Study path to Topic 4999");
    assert_a_closed_pipe_ends_quietly(&["list"], "Section 0\n  Topic 0 (t0)");
    assert_a_closed_pipe_ends_quietly(
        &["path", "t4999", "--format", "markdown"],
        "# Study path to Topic 4999",
    );
    assert_a_closed_pipe_ends_quietly(&["path", "t4999", "--format", "json"], "{\n  \"goals\": [");
}

#[test]
fn a_closed_pipe_ends_check_reports_quietly() {
    assert_a_closed_pipe_ends_quietly(
        &["check", "--format", "json"],
        "{\n  \"format_version\": 1,\n",
    );
    assert_a_closed_pipe_ends_quietly(&["check", "--format", "github"], "::warning file=");
    assert_a_closed_pipe_ends_quietly(&["check"], "warning[");
}
