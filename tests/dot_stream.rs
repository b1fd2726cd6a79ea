//! `prereq dot` streams the roadmap: writing it to a writer gives the same
//! text as building it in memory, a writer that fails midway stops it with
//! that error, and a reader that stops reading is no failure.

use std::io::{self, Read, Write};
use std::process::{Command, Stdio};

use prereq::catalog::Catalog;
use prereq::dot::{DotOptions, Plan, to_dot, to_dot_planned, write_dot};
use prereq::source::SourceFile;

fn handbook() -> Catalog {
    let source = SourceFile::new("topics.yaml", prereq::HANDBOOK.to_owned());
    prereq::load::catalog(&source).expect("the handbook loads")
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

#[test]
fn a_failing_writer_stops_the_roadmap_with_its_error() {
    let catalog = handbook();
    let options = DotOptions::default();
    let plan = Plan::new(&catalog, &options);
    let whole = to_dot(&catalog, &options);
    for room in [0, 1, 100, whole.len() / 2, whole.len() - 1] {
        let mut out = Full {
            room,
            taken: Vec::new(),
        };
        let err = write_dot(&mut out, &catalog, &options, &plan).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::StorageFull);
        assert_eq!(out.taken, whole.as_bytes()[..room]);
    }
    let mut out = Full {
        room: whole.len(),
        taken: Vec::new(),
    };
    write_dot(&mut out, &catalog, &options, &plan).unwrap();
    assert_eq!(out.taken, whole.as_bytes());
}

#[test]
fn a_closed_pipe_ends_dot_quietly() {
    // Far more text than a pipe buffers, so the writer meets the closed end.
    let options = prereq::generate::GenerateOptions::new(5000);
    let dir = tempfile::tempdir().unwrap();
    let topics = dir.path().join("topics.json");
    std::fs::write(&topics, prereq::generate::generate(&options).to_json()).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_prereq"))
        .arg("--topics")
        .arg(&topics)
        .arg("dot")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut head = [0; 17];
    child.stdout.take().unwrap().read_exact(&mut head).unwrap();
    assert_eq!(&head, b"digraph roadmap {");
    let output = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    assert_eq!(output.status.code(), Some(0));
}
