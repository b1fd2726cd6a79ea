//! The roadmap page in a second browser engine: headless Firefox, driven
//! over WebDriver BiDi. Its answers equal the command line's, as in
//! Chromium; marks are kept across a reload; the page fits a phone's width.
//! Skipped, with a notice, where Firefox or Graphviz cannot be had.

mod common;

use common::firefox::{Firefox, find_firefox};
use common::roadmap::{agree, build, handbook_page};
use serde_json::json;

#[test]
fn the_roadmap_page_works_in_firefox() {
    let Some(firefox) = find_firefox() else {
        common::skip(
            "the roadmap page's Firefox test",
            "Firefox is",
            "apt-get install firefox-esr",
        );
        return;
    };
    if !common::graphviz_present() {
        common::skip(
            "the roadmap page's Firefox test",
            "Graphviz `dot` is",
            common::INSTALL_GRAPHVIZ,
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut browser = Firefox::launch(&firefox);
    let mut compared = 0;
    for recommended in [false, true] {
        let url = handbook_page(dir.path(), recommended);
        browser.goto(&url);
        compared += agree(dir.path(), recommended, &mut |expression| {
            browser.eval(expression)
        });
    }
    assert!(compared >= 20, "{compared}");

    // Marks, from a click and a key, survive a reload.
    let url = build(
        dir.path(),
        "garden.html",
        &["--topics", "tests/fixtures/pictures/garden.yaml", "html"],
    );
    browser.goto(&url);
    browser.eval("document.getElementById('topic:seeds').dispatchEvent(new MouseEvent('click', {bubbles: true}))");
    browser.eval("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'd', bubbles: true}))");
    assert_eq!(
        browser.eval("prereqRoadmap.marks()"),
        json!({"seeds": "done"})
    );
    browser.reload();
    assert_eq!(
        browser.eval("prereqRoadmap.marks()"),
        json!({"seeds": "done"})
    );
    assert_eq!(
        browser
            .eval("[...document.querySelectorAll('#diagram g.node.known-through')].map(g => g.id)"),
        json!(["topic:soil"])
    );

    // A phone's width: nothing scrolls sideways.
    browser.set_viewport(390, 844);
    assert_eq!(
        browser.eval("(() => { const s = document.getElementById('side'); return [s.scrollWidth <= s.clientWidth, document.documentElement.scrollWidth <= 390]; })()"),
        json!([true, true])
    );
    let errors = browser.errors();
    assert!(errors.is_empty(), "{errors:?}");
}
