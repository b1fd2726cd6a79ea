//! `prereq lsp` with a real editor as its client: Neovim, headless, opens a
//! topics file with the server attached and writes what it received (the
//! diagnostics, a completion list, a definition) to a file this test reads.
//! Skipped, with a notice, where Neovim cannot be had.

mod common;

use std::process::Command;

use serde_json::{Value, json};

const DRIVER: &str = r#"
local out = {}
vim.cmd('edit ' .. vim.fn.fnameescape(FILE))
local id = vim.lsp.start_client({ name = 'prereq', cmd = { BIN, 'lsp' }, root_dir = DIR })
vim.lsp.buf_attach_client(0, id)
vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 20)
out.diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  table.insert(out.diagnostics, { lnum = d.lnum, col = d.col, code = code, message = d.message, severity = d.severity })
end
local doc = vim.lsp.util.make_text_document_params()
local function ask(method, line, character)
  local res = vim.lsp.buf_request_sync(0, method, { textDocument = doc, position = { line = line, character = character } }, 30000)
  for _, r in pairs(res or {}) do
    if r.result then return r.result end
  end
  return vim.NIL
end
local items = ask('textDocument/completion', 14, 15)
out.completion = {}
for _, item in ipairs(items.items or items) do table.insert(out.completion, item.label) end
out.definition = ask('textDocument/definition', 9, 16)
local f = io.open(OUT, 'w')
f:write(vim.fn.json_encode(out))
f:close()
vim.lsp.stop_client(id)
vim.cmd('qa!')
"#;

#[test]
fn neovim_shows_the_diagnostics_completes_and_jumps() {
    if Command::new("nvim").arg("--version").output().is_err() {
        common::skip(
            "the Neovim language server test",
            "Neovim is",
            "apt-get install neovim",
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("topics.yaml");
    std::fs::copy("tests/fixtures/lsp/editor.yaml", &file).unwrap();
    let out = dir.path().join("out.json");
    let lua = |s: &std::path::Path| json!(s.display().to_string()).to_string();
    let script = format!(
        "FILE = {}\nBIN = {}\nDIR = {}\nOUT = {}\n{DRIVER}",
        lua(&file),
        lua(std::path::Path::new(env!("CARGO_BIN_EXE_prereq"))),
        lua(dir.path()),
        lua(&out)
    );
    let driver = dir.path().join("drive.lua");
    std::fs::write(&driver, script).unwrap();
    // A server that never answers must fail the test, not hang it.
    let status = Command::new("timeout")
        .args(["120", "nvim", "--headless", "-u", "NONE", "-c"])
        .arg(format!("luafile {}", driver.display()))
        .status()
        .unwrap();
    assert!(status.success(), "{status:?}");
    let got: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(
        got["diagnostics"],
        json!([{
            "lnum": 11,
            "col": 8,
            "code": "isolated-topic",
            "severity": 2,
            "message": "topic `statistics` has no edges at all\nhelp: connect it with `requires` or `recommends`, or give it `allow: [isolated-topic]`",
        }, {
            "lnum": 14,
            "col": 15,
            "code": "unknown-prerequisite",
            "severity": 1,
            "message": "topic `statistics` requires unknown topic `algbra`\nhelp: did you mean `algebra`?",
        }])
    );
    // Completion in `requires: [`: every topic but statistics itself.
    assert_eq!(got["completion"], json!(["algebra", "calculus"]));
    assert_eq!(
        got["definition"]["range"]["start"],
        json!({"line": 2, "character": 8})
    );
    assert!(
        got["definition"]["uri"]
            .as_str()
            .unwrap()
            .ends_with("/topics.yaml")
    );
}
