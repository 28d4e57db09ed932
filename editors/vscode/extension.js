// The VS Code side of `mediac lsp`. Everything a user sees beyond highlighting (diagnostics,
// formatting, ...) comes from the language server; this file only starts it over stdio for the
// .media files of the workspace and stops it again.
'use strict';

const os = require('os');
const path = require('path');
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

/** @type {LanguageClient | undefined} */
let client;

/**
 * The server binary from the `mediac.path` setting. A bare name (`mediac`) is looked up on PATH
 * by the operating system. A relative path is taken from the first workspace folder: the
 * extension host's working directory has nothing to do with the workspace.
 */
function serverCommand() {
  const configured = (vscode.workspace.getConfiguration('mediac').get('path') || '').trim() || 'mediac';
  if (configured.startsWith('~/')) {
    return path.join(os.homedir(), configured.slice(2));
  }
  if (path.isAbsolute(configured) || !/[\\/]/.test(configured)) {
    return configured;
  }
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  return folder ? path.join(folder.uri.fsPath, configured) : configured;
}

/** @param {vscode.FileSystemWatcher} watcher */
async function startClient(watcher) {
  const command = serverCommand();
  // No `transport` on purpose: with `TransportKind.stdio` vscode-languageclient appends
  // `--stdio` to the arguments, which `mediac lsp` does not take. Without one it still talks
  // over the child's stdin and stdout.
  const serverOptions = { command, args: ['lsp'] };
  const clientOptions = {
    documentSelector: [{ scheme: 'file', language: 'media' }],
    synchronize: {
      // A change to another .media file (an imported module, a claim set, a spec an intent
      // names) can change the diagnostics of the open ones, so the server hears of them all.
      fileEvents: watcher,
    },
  };
  client = new LanguageClient('mediac', 'mediac', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (err) {
    client = undefined;
    const reason = err && err.message ? err.message : String(err);
    // Not awaited: activation must not wait for the user to answer the notification.
    vscode.window
      .showErrorMessage(
        `mediac: could not start \`${command} lsp\` (${reason}). Set "mediac.path" to the mediac binary.`,
        'Open Settings',
      )
      .then((choice) => {
        if (choice) {
          vscode.commands.executeCommand('workbench.action.openSettings', 'mediac.path');
        }
      });
  }
}

async function stopClient() {
  const running = client;
  client = undefined;
  if (running) {
    try {
      await running.stop();
    } catch {
      // A server that has already exited (or never finished starting) has nothing to stop.
    }
  }
}

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.media');
  context.subscriptions.push(watcher);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      // A new binary takes effect at once, without reloading the window.
      if (event.affectsConfiguration('mediac.path')) {
        await stopClient();
        await startClient(watcher);
      }
    }),
  );
  await startClient(watcher);
}

function deactivate() {
  return stopClient();
}

module.exports = { activate, deactivate };
