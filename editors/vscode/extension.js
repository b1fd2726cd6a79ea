// Starts `prereq lsp` for topics files: the server does all the work.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("prereq").get("path", "prereq");
  const server = { command, args: ["lsp"] };
  client = new LanguageClient(
    "prereq",
    "prereq",
    { run: server, debug: server },
    {
      documentSelector: [
        { scheme: "file", pattern: "**/topics.yaml" },
        { scheme: "file", pattern: "**/topics.json" },
      ],
    },
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
