//! The roadmap page as a learner's own tool, in a real headless Chromium:
//! marks kept across a reload and a restart, progress files exported and
//! imported, plans in the address, a changed curriculum, bad input of every
//! kind, print and phone widths; and the page's paths, next topics, hours and
//! critical chains held equal to the command line's on the handbook.
//! Skipped, with a notice, where Chromium or Graphviz cannot be had.

mod common;

use std::path::{Path, PathBuf};

use common::chromium::{Browser, Page, find_chromium, launch, launch_with_profile};
use common::roadmap::{agree, build, cli_json, handbook_page, prereq};
use serde_json::{Value, json};

/// Chromium's path, or None after saying why the test skips.
fn browser_or_skip(test: &str) -> Option<PathBuf> {
    let Some(chromium) = find_chromium() else {
        common::skip(test, "Chromium is", "apt-get install chromium");
        return None;
    };
    if !common::graphviz_present() {
        common::skip(test, "Graphviz `dot` is", common::INSTALL_GRAPHVIZ);
        return None;
    }
    Some(chromium)
}

/// A page with the violation recorder every test reads at the end.
fn open(browser_url: &str, url: &str) -> Page {
    let mut page = Page::open(browser_url);
    page.command("Page.enable", json!({}));
    page.command("Runtime.enable", json!({}));
    page.command(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({"source": "window.__violations = []; document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective));"}),
    );
    page.goto(url);
    page
}

/// No policy violation, no exception, no dialog of the browser's own.
fn assert_clean(page: &mut Page) {
    assert_eq!(page.eval("window.__violations"), json!([]));
    let problems = page.problems();
    assert!(problems.is_empty(), "{problems:?}");
}

/// Puts `file` in the import's file picker, as choosing it would.
fn choose_file(page: &mut Page, file: &Path) {
    page.click("import");
    let document = page.command("DOM.getDocument", json!({}));
    let input = page.command(
        "DOM.querySelector",
        json!({"nodeId": document["root"]["nodeId"], "selector": "#file-pick"}),
    );
    page.command(
        "DOM.setFileInputFiles",
        json!({"files": [file.to_str().unwrap()], "nodeId": input["nodeId"]}),
    );
}

/// The newest notice, once one naming `name` has appeared: the file is read
/// asynchronously.
fn wait_for_notice(page: &mut Page, name: &str) -> Value {
    page.eval(&format!(
        "new Promise(r => {{ const t = () => {{ const all = [...document.querySelectorAll('#notices li')].map(li => li.firstChild.textContent); const last = all[all.length - 1]; if (last && last.includes({})) r(last); else setTimeout(t, 10); }}; t(); }})",
        json!(name)
    ))
}

fn notices(page: &mut Page) -> Value {
    page.eval("[...document.querySelectorAll('#notices li')].map(li => li.firstChild.textContent)")
}

fn marks(page: &mut Page) -> Value {
    page.eval("prereqRoadmap.marks()")
}

fn classes(page: &mut Page, class: &str) -> Value {
    page.eval(&format!(
        "[...document.querySelectorAll('#diagram g.node.{class}')].map(g => g.id.slice(6)).sort()"
    ))
}

/// Hours as the page writes them: to a tenth, without a trailing `.0`.
fn hours(value: &Value) -> String {
    let h = (value.as_f64().unwrap() * 10.0).round() / 10.0;
    if h.fract() == 0.0 {
        format!("{h:.0}")
    } else {
        format!("{h:.1}")
    }
}

const GARDEN: &str = "tests/fixtures/pictures/garden.yaml";

#[test]
fn marks_are_kept_across_a_reload_and_a_restart() {
    let Some(chromium) = browser_or_skip("the roadmap page's marks test") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let url = build(dir.path(), "garden.html", &["--topics", GARDEN, "html"]);
    let profile = dir.path().join("profile");
    let (browser, browser_url) = launch_with_profile(&chromium, &profile);
    let mut page = open(&browser_url, &url);
    assert_eq!(marks(&mut page), json!({}));

    // From the keyboard, and from the panel's buttons.
    page.click("topic:seeds");
    page.press("d");
    page.click("topic:compost");
    page.click("mark-doing");
    page.click("topic:watering");
    page.press("s");
    page.click("topic:soil");
    page.press("p");
    page.press("x");
    assert_eq!(
        marks(&mut page),
        json!({"seeds": "done", "compost": "doing", "watering": "skipped"})
    );
    // Done never marks a prerequisite, but shows it as known through it.
    assert_eq!(classes(&mut page, "mark-done"), json!(["seeds"]));
    assert_eq!(classes(&mut page, "known-through"), json!(["soil"]));
    assert_eq!(classes(&mut page, "mark-doing"), json!(["compost"]));
    assert_eq!(classes(&mut page, "mark-skipped"), json!(["watering"]));
    // Progress: done and known through, for the whole roadmap and each section.
    assert_eq!(
        page.eval("[...document.querySelectorAll('#progress .progress')].map(p => p.querySelector('.progress-label').textContent + ': ' + p.querySelector('.progress-figures').textContent + ' ' + p.querySelector('.fill').style.width)"),
        json!([
            "Whole roadmap: 3 of 7.5 hours, 2 of 6 topics done 40%",
            "I. The Ground: 2 of 3 hours, 1 of 2 topics done 66.7%",
            "II. Growing: 1 of 4.5 hours, 1 of 4 topics done 22.2%"
        ])
    );
    assert_eq!(
        page.eval("document.querySelector('#details .status').textContent"),
        json!("Known through seeds.")
    );
    // The diagram's colours are the legend's.
    assert_eq!(
        page.eval("[getComputedStyle(document.querySelector('g.node.mark-done polygon, g.node.mark-done path')).fill, getComputedStyle(document.querySelector('#mark-legend .done')).backgroundColor]"),
        json!(["rgb(168, 220, 176)", "rgb(168, 220, 176)"])
    );

    page.reload();
    assert_eq!(
        marks(&mut page),
        json!({"seeds": "done", "compost": "doing", "watering": "skipped"})
    );
    assert_eq!(notices(&mut page), json!([]));
    assert_clean(&mut page);
    browser.quit(&mut page);

    let (browser, browser_url) = launch_with_profile(&chromium, &profile);
    let mut page = open(&browser_url, &url);
    assert_eq!(
        marks(&mut page),
        json!({"seeds": "done", "compost": "doing", "watering": "skipped"})
    );
    assert_clean(&mut page);

    // Another curriculum in the same browser has marks of its own.
    let other = build(
        dir.path(),
        "cyclic-free.html",
        &["--topics", "tests/fixtures/basic/small.yaml", "html"],
    );
    page.goto(&other);
    assert_eq!(marks(&mut page), json!({}));
    assert_clean(&mut page);
    drop(browser);
}

#[test]
fn a_progress_file_goes_out_and_comes_back_and_the_command_line_reads_it() {
    let Some(chromium) = browser_or_skip("the roadmap page's progress file test") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let url = build(dir.path(), "garden.html", &["--topics", GARDEN, "html"]);
    let (_browser, browser_url) = launch(&chromium);
    let mut page = open(&browser_url, &url);
    // The goal, chosen in the page by alias.
    page.eval("document.getElementById('goal-search').focus()");
    page.command("Input.insertText", json!({"text": "transplanting"}));
    page.press("Enter");
    assert_eq!(page.eval("prereqRoadmap.goals()"), json!(["planting"]));
    page.click("topic:seeds");
    page.press("d");
    page.click("topic:compost");
    page.press("p");
    page.click("topic:watering");
    page.press("s");
    page.press("Escape");
    let kept = marks(&mut page);

    page.click("export");
    let exported = page.eval("document.getElementById('file-text').value");
    let exported = exported.as_str().unwrap().to_owned();
    let lines: Vec<&str> = exported.lines().collect();
    assert_eq!(lines[0], "# prereq progress: Kitchen Garden");
    assert!(lines[1].starts_with("# curriculum "), "{exported}");
    assert_eq!(
        &lines[2..],
        [
            "# Done topics, one a line, as `prereq path --progress FILE` reads them.",
            "seeds",
            "# in progress: compost",
            "# skipped: watering",
        ]
    );
    assert_eq!(
        page.eval("document.getElementById('file-download').href.slice(0, 5)"),
        json!("blob:")
    );

    // The command line reads the file and gives the page's path.
    let file = dir.path().join("progress.txt");
    std::fs::write(&file, &exported).unwrap();
    let out = prereq(&[
        "--topics",
        GARDEN,
        "path",
        "planting",
        "--progress",
        file.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{out:?}");
    let cli: Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<Value> = cli["path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].clone())
        .collect();
    let shown = page.eval("prereqRoadmap.plan(prereqRoadmap.goals(), Object.keys(prereqRoadmap.marks()).filter(k => prereqRoadmap.marks()[k] === 'done'))");
    assert_eq!(shown["path"], json!(ids));
    assert_eq!(
        page.eval("[...document.querySelectorAll('#diagram g.node.on-path')].map(g => g.id.slice(6)).sort()"),
        json!(["planting", "watering"])
    );

    // Clear, then import it by pasting: the same marks.
    page.click("clear-marks");
    assert_eq!(
        page.eval("document.querySelector('#dialog p').textContent"),
        json!("Clear all 1 done, 1 in progress, 1 skipped? Export them first to keep a copy.")
    );
    page.eval("[...document.querySelectorAll('#dialog button')].find(b => b.textContent === 'Clear them').click()");
    assert_eq!(marks(&mut page), json!({}));
    page.click("import");
    page.click("file-text");
    page.command("Input.insertText", json!({"text": exported}));
    page.click("file-import");
    assert_eq!(marks(&mut page), kept);
    assert_eq!(
        notices(&mut page),
        json!(["Imported 1 done, 1 in progress, 1 skipped from the pasted text."])
    );

    // Unknown names are named by line and the rest kept; over marks already
    // there, the page asks first.
    page.click("import");
    page.click("file-text");
    page.command(
        "Input.insertText",
        json!({"text": "# mine\nsoil\nsoill\n\nPlanting Out  # by title\nnot a topic\n"}),
    );
    page.click("file-import");
    assert_eq!(marks(&mut page), kept);
    assert_eq!(
        page.eval("document.querySelector('#dialog p').textContent"),
        json!("the pasted text has 2 done; you have 1 done, 1 in progress, 1 skipped.")
    );
    page.eval("[...document.querySelectorAll('#dialog button')].find(b => b.textContent === 'Add to mine').click()");
    assert_eq!(
        marks(&mut page),
        json!({"seeds": "done", "compost": "doing", "watering": "skipped", "soil": "done", "planting": "done"})
    );
    assert_eq!(
        notices(&mut page).as_array().unwrap().last().unwrap(),
        &json!(
            "Imported 2 done from the pasted text; these name no topic and were left out: line 3 (“soill”), line 6 (“not a topic”)."
        )
    );
    assert_clean(&mut page);
}

#[test]
fn a_link_carries_goals_and_marks_and_asks_before_replacing() {
    let Some(chromium) = browser_or_skip("the roadmap page's link test") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let url = build(
        dir.path(),
        "garden.html",
        &["--topics", GARDEN, "html", "--recommended"],
    );
    let (_browser, browser_url) = launch(&chromium);
    // Nothing kept yet: the link's plan is taken as it is, by id, alias or title.
    let mut page = open(
        &browser_url,
        &format!("{url}#goal=transplanting&done=dirt,Seeds&doing=watering"),
    );
    assert_eq!(page.eval("prereqRoadmap.goals()"), json!(["planting"]));
    assert_eq!(
        marks(&mut page),
        json!({"soil": "done", "seeds": "done", "watering": "doing"})
    );
    assert_eq!(
        notices(&mut page),
        json!(["Opened the plan in the link: goal planting, 2 done, 1 in progress."])
    );
    assert_eq!(page.eval("location.hash"), json!(""));
    assert_eq!(
        page.eval("document.querySelector('#goal-summary .left').textContent"),
        json!("Left to reach Planting Out: 3 topics, 3.5 hours.")
    );
    // The link the page gives back is the plan it has.
    page.click("share");
    assert_eq!(
        page.eval("document.getElementById('file-text').value"),
        json!(format!(
            "{url}#goal=planting&done=soil,seeds&doing=watering"
        ))
    );

    // Marks kept and a link with others: it asks, and keeping mine keeps them.
    page.goto(&format!("{url}#done=compost"));
    assert_eq!(
        page.eval("document.querySelector('#dialog p').textContent"),
        json!(
            "This link carries a plan (1 done). You have 2 done, 1 in progress kept in this browser. Replace them with the link's?"
        )
    );
    page.eval("[...document.querySelectorAll('#dialog button')].find(b => b.textContent === 'Keep mine').click()");
    assert_eq!(
        marks(&mut page),
        json!({"soil": "done", "seeds": "done", "watering": "doing"})
    );
    page.goto(&format!("{url}#done=compost"));
    page.eval("[...document.querySelectorAll('#dialog button')].find(b => b.textContent === \"Use the link's plan\").click()");
    assert_eq!(marks(&mut page), json!({"compost": "done"}));
    page.reload();
    assert_eq!(marks(&mut page), json!({"compost": "done"}));
    // Several goals, and no marks: the goals change, the marks stay.
    page.goto(&format!("{url}#goal=planting,harvest"));
    assert_eq!(
        page.eval("prereqRoadmap.goals()"),
        json!(["planting", "harvest"])
    );
    assert_eq!(marks(&mut page), json!({"compost": "done"}));
    assert_eq!(
        page.eval("document.getElementById('dialog').hidden"),
        json!(true)
    );

    // Garbage and unknown names are named and passed over.
    page.goto(&format!(
        "{url}#goal=%E0%A4%A,nowhere&done=seeds,,x%20y&colour=red"
    ));
    assert_eq!(
        page.eval("document.querySelector('#dialog p').textContent"),
        json!(
            "This link carries a plan (1 done). You have 1 done kept in this browser. Replace them with the link's? Ignored from the link: “%E0%A4%A”, which is not a name, “nowhere”, which names no topic, “x y”, which names no topic, “colour”, which the page does not know."
        )
    );
    page.eval("[...document.querySelectorAll('#dialog button')].find(b => b.textContent === \"Use the link's plan\").click()");
    assert_eq!(marks(&mut page), json!({"seeds": "done"}));
    page.goto(&format!("{url}#%%%&&=="));
    assert_eq!(marks(&mut page), json!({"seeds": "done"}));
    assert_eq!(
        notices(&mut page),
        json!([
            "The link carries no plan this roadmap can use. Ignored from the link: “%%%”, which the page does not know, “”, which the page does not know."
        ])
    );
    assert_clean(&mut page);
}

#[test]
fn bad_storage_a_changed_curriculum_and_hostile_imports_lose_nothing() {
    let Some(chromium) = browser_or_skip("the roadmap page's bad input test") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let url = build(dir.path(), "garden.html", &["--topics", GARDEN, "html"]);
    let (_browser, browser_url) = launch(&chromium);
    let mut page = open(&browser_url, &url);
    let key = page.eval("JSON.parse(document.getElementById('roadmap-data').textContent).key");
    let key = key.as_str().unwrap().to_owned();
    assert!(key.starts_with("prereq:v1:Kitchen Garden:"), "{key}");

    // A corrupted entry: set aside, said, and the page works.
    page.eval(&format!(
        "localStorage.setItem({}, '{{not json')",
        json!(key)
    ));
    page.reload();
    assert_eq!(
        notices(&mut page),
        json!([format!(
            "The marks kept for this roadmap could not be read, so the page starts without them. What was kept is saved under “{key}:unreadable” in the browser's storage."
        )])
    );
    assert_eq!(
        page.eval(&format!(
            "localStorage.getItem({})",
            json!(format!("{key}:unreadable"))
        )),
        json!("{not json")
    );
    page.click("topic:soil");
    page.press("d");
    assert_eq!(marks(&mut page), json!({"soil": "done"}));

    // A foreign entry: only what fits is used.
    page.eval(&format!(
        "localStorage.setItem({}, JSON.stringify({{version: 1, marks: {{soil: 'eaten', seeds: 'done', moon: 'done'}}, goals: ['moon', 3, 'planting']}}))",
        json!(key)
    ));
    page.reload();
    assert_eq!(marks(&mut page), json!({"seeds": "done"}));
    assert_eq!(page.eval("prereqRoadmap.goals()"), json!(["planting"]));
    assert_eq!(
        notices(&mut page),
        json!(["Ignored 2 kept marks for topics this roadmap does not have."])
    );

    // Binary bytes and megabytes pasted as a progress file.
    page.click("import");
    page.eval("document.getElementById('file-text').value = 'seeds\\u0000\\u0001\\u0002'");
    page.click("file-import");
    assert_eq!(
        notices(&mut page).as_array().unwrap().last().unwrap(),
        &json!("Nothing was imported from the pasted text: it is not a text file.")
    );
    page.click("import");
    page.eval("document.getElementById('file-text').value = 'compost\\n' + '# padding\\n'.repeat(300000) + 'watering\\n'");
    page.click("file-import");
    // It asks first, since marks are there.
    assert_eq!(
        page.eval("document.querySelector('#dialog p').textContent"),
        json!("the pasted text has 1 done; you have 1 done.")
    );
    page.eval("[...document.querySelectorAll('#dialog button')].find(b => b.textContent === 'Add to mine').click()");
    assert_eq!(
        notices(&mut page).as_array().unwrap().last().unwrap(),
        &json!(
            "Imported 1 done from the pasted text; ignored everything past its first megabyte (it has 2.9 MB)."
        )
    );
    assert_eq!(
        marks(&mut page),
        json!({"seeds": "done", "compost": "done"})
    );
    assert_clean(&mut page);

    // The same from files chosen with the picker: binary bytes, then a text
    // file of megabytes.
    let binary: Vec<u8> = (0..3_000_000u32).map(|i| (i % 256) as u8).collect();
    let binary_file = dir.path().join("binary.bin");
    std::fs::write(&binary_file, binary).unwrap();
    choose_file(&mut page, &binary_file);
    assert_eq!(
        wait_for_notice(&mut page, "binary.bin"),
        json!("Nothing was imported from “binary.bin”: it is not a text file.")
    );
    let big = dir.path().join("big.txt");
    std::fs::write(
        &big,
        format!("harvest\n{}watering\n", "# padding\n".repeat(300_000)),
    )
    .unwrap();
    choose_file(&mut page, &big);
    page.eval("new Promise(r => { const t = () => document.getElementById('dialog').hidden ? setTimeout(t, 10) : r(); t(); })");
    page.eval("[...document.querySelectorAll('#dialog button')].find(b => b.textContent === 'Add to mine').click()");
    assert_eq!(
        wait_for_notice(&mut page, "big.txt"),
        json!(
            "Imported 1 done from “big.txt”; ignored everything past its first megabyte (it has 2.9 MB)."
        )
    );
    assert_eq!(
        marks(&mut page),
        json!({"seeds": "done", "compost": "done", "harvest": "done"})
    );

    // A changed curriculum of the same title keeps the marks of the topics it
    // still has and says how many it dropped.
    let text = std::fs::read_to_string(GARDEN).unwrap();
    let changed = text
        .replace("  - id: compost\n", "  - id: compost-heap\n")
        .replace(
            "recommends:\n      - topic: compost\n",
            "recommends:\n      - topic: compost-heap\n",
        )
        .replace("recommends: [compost]", "recommends: [compost-heap]");
    assert_ne!(changed, text);
    let file = dir.path().join("garden-changed.yaml");
    std::fs::write(&file, changed).unwrap();
    page.eval(&format!(
        "localStorage.setItem({}, JSON.stringify({{version: 1, marks: {{seeds: 'done', compost: 'done', watering: 'doing'}}, goals: [], saved: '2026-12-06T00:00:00Z'}}))",
        json!(key)
    ));
    let second = build(
        dir.path(),
        "garden-changed.html",
        &["--topics", file.to_str().unwrap(), "html"],
    );
    page.goto(&second);
    assert_eq!(
        marks(&mut page),
        json!({"seeds": "done", "watering": "doing"})
    );
    assert_eq!(
        notices(&mut page),
        json!([
            "This roadmap has changed since you last marked it: kept 2 marks, dropped 1 mark for topics it no longer has."
        ])
    );
    // The old curriculum's marks are still there.
    page.goto(&url);
    assert_eq!(
        marks(&mut page),
        json!({"seeds": "done", "compost": "done", "watering": "doing"})
    );
    assert_clean(&mut page);
}

#[test]
fn the_panel_counts_what_is_known_and_the_page_opens_on_the_goal() {
    let Some(chromium) = browser_or_skip("the roadmap page's goal test") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let progress = dir.path().join("progress.txt");
    std::fs::write(
        &progress,
        "math\nstatistical-prediction-with-neural-networks\n",
    )
    .unwrap();
    let progress = progress.to_str().unwrap();
    let url = build(
        dir.path(),
        "handbook.html",
        &[
            "--topics",
            "handbook",
            "html",
            "--goal",
            "diffusion-models",
            "--progress",
            progress,
            "--recommended",
        ],
    );
    let (_browser, browser_url) = launch(&chromium);
    let mut page = open(&browser_url, &url);
    // The build's known topics are the first marks.
    assert_eq!(
        marks(&mut page),
        json!({"math": "done", "statistical-prediction-with-neural-networks": "done"})
    );
    // `--goal` preselects the goal, and its bar counts what the path lost.
    assert_eq!(
        page.eval("prereqRoadmap.goals()"),
        json!(["diffusion-models"])
    );
    let all = cli_json(&[
        "--topics",
        "handbook",
        "path",
        "diffusion-models",
        "--recommended",
        "--format",
        "json",
    ]);
    let left = cli_json(&[
        "--topics",
        "handbook",
        "path",
        "diffusion-models",
        "--recommended",
        "--progress",
        progress,
        "--format",
        "json",
    ]);
    let topics = |v: &Value| v["path"].as_array().unwrap().len();
    let done_hours = all["total_hours"].as_f64().unwrap() - left["total_hours"].as_f64().unwrap();
    assert_eq!(
        page.eval("document.querySelector('#progress .progress .progress-figures').textContent"),
        json!(format!(
            "{} of {} hours, {} of {} topics done",
            hours(&json!(done_hours)),
            hours(&all["total_hours"]),
            topics(&all) - topics(&left),
            topics(&all)
        ))
    );
    // Opened fitted to the goal's path: the goal is in view.
    let inside = page.eval(
        "(() => { const d = document.getElementById('diagram').getBoundingClientRect(); \
         const g = document.getElementById('topic:diffusion-models').getBoundingClientRect(); \
         return g.left >= d.left && g.right <= d.right && g.top >= d.top && g.bottom <= d.bottom; })()",
    );
    assert_eq!(inside, json!(true));
    page.screenshot("roadmap-goal");

    // A click shows the topic's path as `prereq path` does, known topics left out.
    page.click("topic:variational-auto-encoders");
    let out = prereq(&[
        "--topics",
        "handbook",
        "path",
        "variational-auto-encoders",
        "--recommended",
        "--progress",
        progress,
        "--format",
        "json",
    ]);
    let cli: Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<String> = cli["path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_owned())
        .collect();
    let full = prereq(&[
        "--topics",
        "handbook",
        "path",
        "variational-auto-encoders",
        "--recommended",
        "--format",
        "json",
    ]);
    let full: Value = serde_json::from_slice(&full.stdout).unwrap();
    let known = full["path"].as_array().unwrap().len() - ids.len();
    assert!(known >= 3, "{known}");
    assert_eq!(
        page.eval("document.querySelector('#details .path').textContent"),
        json!(format!(
            "Study path: {} topics, {} hours left, {known} known (highlighted)",
            ids.len(),
            hours(&cli["total_hours"])
        ))
    );
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(
        page.eval("[...document.querySelectorAll('#diagram g.node.on-path')].map(g => g.id.slice(6)).sort()"),
        json!(sorted)
    );
    // The panel leaves the legend in view.
    let apart = page.eval(
        "(() => { const l = document.getElementById('legend').getBoundingClientRect(); \
         const p = document.getElementById('side').getBoundingClientRect(); return l.right <= p.left; })()",
    );
    assert_eq!(apart, json!(true));
    page.screenshot("roadmap-marks");

    // Print: the goal's path as a checklist, urls written out.
    page.command("Emulation.setEmulatedMedia", json!({"media": "print"}));
    assert_eq!(
        page.eval("[getComputedStyle(document.querySelector('main')).display, getComputedStyle(document.getElementById('print-view')).display]"),
        json!(["none", "block"])
    );
    let printed = page.eval("document.getElementById('print-view').innerText");
    let printed = printed.as_str().unwrap();
    let goal = prereq(&[
        "--topics",
        "handbook",
        "path",
        "diffusion-models",
        "--recommended",
        "--progress",
        progress,
        "--format",
        "json",
    ]);
    let goal: Value = serde_json::from_slice(&goal.stdout).unwrap();
    let steps = goal["path"].as_array().unwrap();
    assert_eq!(
        printed.matches('\u{2610}').count(),
        steps.len(),
        "{printed}"
    );
    assert!(
        printed.contains(&format!(
            "{} topics, {} hours left.",
            steps.len(),
            hours(&goal["total_hours"])
        )),
        "{printed}"
    );
    assert!(printed.contains("https://"), "{printed}");
    page.command("Emulation.setEmulatedMedia", json!({"media": ""}));

    // A phone's width: the side panel does not scroll sideways, nor the page.
    page.command(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": true}),
    );
    let widths = page.eval(
        "(() => { const s = document.getElementById('side'); return [s.scrollWidth <= s.clientWidth, document.documentElement.scrollWidth <= 390]; })()",
    );
    assert_eq!(widths, json!([true, true]));
    page.screenshot("roadmap-phone");
    assert_clean(&mut page);
}

#[test]
fn the_pages_paths_next_topics_and_hours_are_the_command_lines() {
    let Some(chromium) = browser_or_skip("the roadmap page's agreement test") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (_browser, browser_url): (Browser, String) = launch(&chromium);
    let mut compared = 0;
    for recommended in [false, true] {
        let url = handbook_page(dir.path(), recommended);
        let mut page = open(&browser_url, &url);
        compared += agree(dir.path(), recommended, &mut |expression| {
            page.eval(expression)
        });
        // What the page shows for a goal is those numbers too.
        page.eval("document.getElementById('goal-search').focus()");
        page.command("Input.insertText", json!({"text": "rag"}));
        page.press("Enter");
        let path = cli_json(&["--topics", "handbook", "path", "rag", "--format", "json"]);
        let steps = path["path"].as_array().unwrap().len();
        if !recommended {
            assert_eq!(
                page.eval("document.querySelector('#goal-summary .left').textContent"),
                json!(format!(
                    "Left to reach Retrieval-Augmented Generation: {steps} topics, {} hours.",
                    hours(&path["total_hours"])
                ))
            );
        }
        assert_clean(&mut page);
    }
    assert!(compared >= 20, "{compared}");
}

#[test]
fn a_sections_page_marks_the_prerequisites_from_other_sections() {
    let Some(chromium) = browser_or_skip("the roadmap page's section test") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (_browser, browser_url): (Browser, String) = launch(&chromium);
    let url = build(
        dir.path(),
        "growing.html",
        &[
            "--topics",
            GARDEN,
            "html",
            "--section",
            "growing",
            "--recommended",
        ],
    );
    let mut page = open(&browser_url, &url);
    assert_eq!(classes(&mut page, "context"), json!(["compost", "soil"]));
    // The section's bar counts its own topics only, not what it expects.
    assert_eq!(
        page.eval(
            "document.querySelector('#progress [data-section=growing] .progress-figures').textContent"
        ),
        json!("0 of 4.5 hours, 0 of 4 topics done")
    );
    page.click("topic:soil");
    assert_eq!(
        page.eval("document.querySelector('#details .context').textContent"),
        json!("Drawn faded: a prerequisite from outside the sections in this picture.")
    );
    assert_clean(&mut page);

    // Drawn by section, the page still plans as the command line does.
    let url = build(
        dir.path(),
        "handbook-iv.html",
        &["--topics", "handbook", "html", "--section", "IV"],
    );
    let mut page = open(&browser_url, &url);
    assert_eq!(
        classes(&mut page, "context"),
        json!([
            "positional-encoding",
            "pretraining-recipes",
            "reinforcement-learning"
        ])
    );
    let compared = agree(dir.path(), false, &mut |expression| page.eval(expression));
    assert!(compared >= 10, "{compared}");
    assert_clean(&mut page);
}
