//! Names with quotes, backslashes, newlines, percent signs and markup reach
//! every view of a check report intact, escaped as each format needs.

use prereq::input::source::SourceFile;
use prereq::query::check::CheckOptions;
use serde_json::Value;

const TOPICS: &str = r#"version: 1
topics:
  - id: links
    title: "Links <a href=\"x\">"
    resources:
      - title: "Bad \"link\", a back\\slash, 50%\nnext line <b>"
        url: "ftp://example.com/a,b:c"
        kind: docs
    hours: 1
"#;

const TITLE: &str = "Bad \"link\", a back\\slash, 50%\nnext line <b>";

fn report() -> prereq::query::check::Report {
    prereq::query::check::check(
        &SourceFile::new("dir,with:odd%name/topics.yaml", TOPICS),
        &CheckOptions::default(),
    )
}

#[test]
fn json_keeps_every_character() {
    let json: Value = serde_json::from_str(&prereq::view::report::json(&report())).unwrap();
    assert_eq!(json["file"], "dir,with:odd%name/topics.yaml");
    let message = json["diagnostics"][0]["message"].as_str().unwrap();
    assert_eq!(
        message,
        format!(
            "resource `{TITLE}`: the url `ftp://example.com/a,b:c` uses `ftp`; resources are http or https"
        )
    );
}

#[test]
fn github_annotations_escape_data_and_properties() {
    let text = prereq::view::report::github(&report(), false);
    let first = text.lines().next().unwrap();
    assert_eq!(
        first,
        "::error file=dir%2Cwith%3Aodd%25name/topics.yaml,line=7,endLine=7,col=14,endColumn=36,title=prereq invalid-url::\
         resource `Bad \"link\", a back\\slash, 50%25%0Anext line <b>`: the url `ftp://example.com/a,b:c` uses `ftp`; resources are http or https\
         %0Ahelp: link to a web page instead"
    );
    assert_eq!(text.lines().count(), 2, "{text}");
}

#[test]
fn text_shows_the_name_as_written() {
    let source = SourceFile::new("topics.yaml", TOPICS);
    let text = prereq::view::report::text(&report(), &source, None, false);
    assert!(
        text.starts_with("error[invalid-url]: resource `Bad \"link\", a back\\slash, 50%\n"),
        "{text}"
    );
    assert!(
        text.contains(r#"        url: "ftp://example.com/a,b:c""#),
        "{text}"
    );
}

#[test]
fn workflow_command_escaping_follows_the_runner() {
    assert_eq!(
        prereq::view::report::escape_data("a%b\r\nc:d,e"),
        "a%25b%0D%0Ac:d,e"
    );
    assert_eq!(
        prereq::view::report::escape_property("a%b\r\nc:d,e"),
        "a%25b%0D%0Ac%3Ad%2Ce"
    );
}
