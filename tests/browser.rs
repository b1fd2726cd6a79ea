//! The roadmap web page in a real headless Chromium, driven over the DevTools
//! protocol: the page loads without errors, clicking a topic opens its panel
//! with its resources and highlights its path, and the search box finds a
//! topic by alias. Skipped, with a notice, where Chromium or Graphviz cannot
//! be had (`apt-get install chromium graphviz`).

mod common;

use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;
use common::chromium::{Page, find_chromium, launch};
use serde_json::json;

#[test]
fn roadmap_page_works_in_chromium() {
    let Some(chromium) = find_chromium() else {
        common::skip(
            "the browser test",
            "Chromium is",
            "apt-get install chromium",
        );
        return;
    };
    if !common::graphviz_present() {
        common::skip(
            "the browser test",
            "Graphviz `dot` is",
            common::INSTALL_GRAPHVIZ,
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("roadmap.html");
    let out = Command::cargo_bin("prereq")
        .unwrap()
        .args([
            "--topics",
            "tests/fixtures/pictures/garden.yaml",
            "html",
            "--recommended",
            "-o",
        ])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let url = format!("file://{}", file.display());

    let (_browser, browser_url) = launch(&chromium);
    let mut page = Page::open(&browser_url);
    page.command("Page.enable", json!({}));
    page.command("Runtime.enable", json!({}));
    page.command(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({"source": "window.__violations = []; document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective));"}),
    );
    page.command("Page.navigate", json!({"url": url}));
    page.wait_for("Page.loadEventFired");

    // Only the page's own two script elements, and no policy violations: the
    // script's hash matches the content security policy.
    assert_eq!(
        page.eval("document.querySelectorAll('script').length"),
        json!(2)
    );
    assert_eq!(page.eval("window.__violations"), json!([]));
    assert_eq!(page.eval("document.title"), json!("Kitchen Garden"));
    assert_eq!(
        page.eval("document.getElementById('panel').hidden"),
        json!(true)
    );

    // Click a topic: the panel shows it, with its resources as links, and the
    // path to it is highlighted.
    page.click("topic:planting");
    assert_eq!(
        page.eval("document.getElementById('panel').hidden"),
        json!(false)
    );
    assert_eq!(
        page.eval("document.querySelector('#details h2').textContent"),
        json!("Planting Out")
    );
    assert_eq!(
        page.eval("[...document.querySelectorAll('#details a')].map(a => [a.textContent, a.href, a.target, a.rel])"),
        json!([[
            "Planting <Guide>",
            "https://example.com/planting?x=1&y=2",
            "_blank",
            "noopener noreferrer"
        ]])
    );
    assert_eq!(
        page.eval("[...document.querySelectorAll('#details h3')].map(h => h.textContent)"),
        json!(["Requires", "Recommends", "Unlocks", "Resources"])
    );
    assert_eq!(
        page.eval("document.querySelector('#details .path').textContent"),
        json!("Study path: 5 topics, 6.5 hours (highlighted)")
    );
    assert_eq!(
        page.eval(
            "[...document.querySelectorAll('#diagram g.node.on-path')].map(g => g.id).sort()"
        ),
        json!([
            "topic:compost",
            "topic:planting",
            "topic:seeds",
            "topic:soil",
            "topic:watering"
        ])
    );
    assert_eq!(
        page.eval(
            "[...document.querySelectorAll('#diagram g.edge.on-path')].map(g => g.id).sort()"
        ),
        json!([
            "edge:compost:planting",
            "edge:seeds:watering",
            "edge:soil:compost",
            "edge:soil:seeds",
            "edge:watering:planting"
        ])
    );
    assert_eq!(
        page.eval("document.querySelector('#diagram g.node.selected').id"),
        json!("topic:planting")
    );
    // The highlight is drawn: the path's outline is red.
    assert_eq!(
        page.eval("getComputedStyle(document.querySelector('g.node.on-path path, g.node.on-path polygon')).stroke"),
        json!("rgb(192, 57, 43)")
    );
    assert_eq!(page.eval("location.href"), json!(url));
    page.screenshot("clicked");

    // Search by alias, choose with Enter: the topic whose summary holds a
    // script element shows it as text, and nothing ran.
    page.click("search");
    page.command("Input.insertText", json!({"text": "dirt"}));
    assert_eq!(
        page.eval("[...document.querySelectorAll('#results li')].map(li => li.textContent)"),
        json!(["Soil & \"Dirt\" <basics>soil"])
    );
    assert_eq!(
        page.eval("[...document.querySelectorAll('#diagram g.node.match')].map(g => g.id)"),
        json!(["topic:soil"])
    );
    for kind in ["keyDown", "keyUp"] {
        page.command(
            "Input.dispatchKeyEvent",
            json!({"type": kind, "key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13}),
        );
    }
    assert_eq!(
        page.eval("document.querySelector('#details h2').textContent"),
        json!("Soil & \"Dirt\" <basics>")
    );
    assert_eq!(
        page.eval("document.querySelector('#details .summary').textContent"),
        json!("What soil is made of. <script>alert(\"soil\")</script>")
    );
    assert_eq!(
        page.eval("[...document.querySelectorAll('#details a')].map(a => a.href)"),
        json!(["https://example.com/soil?a=1&b=2"])
    );
    assert_eq!(
        page.eval("document.getElementById('results').hidden"),
        json!(true)
    );
    assert_eq!(
        page.eval("document.querySelectorAll('script').length"),
        json!(2)
    );
    assert_eq!(page.eval("window.__violations"), json!([]));

    page.screenshot("searched");

    let problems = page.problems();
    assert!(problems.is_empty(), "{problems:?}");
}
