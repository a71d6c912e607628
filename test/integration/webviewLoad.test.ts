import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { WebviewLoadGuard } from '../../src/views/loadGuard';
import { TEST_SEAM } from '../../src/base/testSeam';
import { waitFor } from './helpers';

/**
 * A page that says 'ready' the way ours do. Inline script: this is a test page, not one of
 * the extension's (theirs run only by nonce from dist/webview).
 */
const READY_PAGE = `<!DOCTYPE html><html><body><p>ready page</p><script>acquireVsCodeApi().postMessage({ type: 'ready' });</script></body></html>`;
/** What VS Code for the Web shows when the webview's service worker did not serve the page's script: nothing says 'ready'. */
const BLANK_PAGE = '<!DOCTYPE html><html><body><p>blank page</p></body></html>';

describe('a webview page that never says ready (VS Code for the Web before its service worker is ready)', () => {
  const warnings: string[] = [];
  const buttons: unknown[][] = [];
  let restoreWarning: (() => void) | undefined;
  const panels: vscode.WebviewPanel[] = [];

  before(() => {
    const window = vscode.window as unknown as { showWarningMessage: (...args: unknown[]) => unknown };
    const original = window.showWarningMessage;
    window.showWarningMessage = (...args: unknown[]) => {
      warnings.push(String(args[0]));
      buttons.push(args.slice(1));
      return Promise.resolve(undefined);
    };
    restoreWarning = () => (window.showWarningMessage = original);
  });
  after(() => {
    restoreWarning?.();
    panels.splice(0).forEach((panel) => panel.dispose());
  });

  /** A real panel showing `first`, guarded with short waits (ms); each reload loads `reloadWith()`. */
  function guardedPanel(
    first: string,
    reloadWith: () => string,
    waitsMs: readonly number[],
    viewColumn = vscode.ViewColumn.One,
  ) {
    const panel = vscode.window.createWebviewPanel(
      'greenApi.loadGuardTest',
      'Load guard test',
      { viewColumn, preserveFocus: true },
      { enableScripts: true },
    );
    panels.push(panel);
    const events: string[] = [];
    const logged: string[] = [];
    const log = { warn: (line: string) => logged.push(line), error: (line: string) => logged.push(line) };
    const guard = new WebviewLoadGuard(
      'test panel',
      () => (panel.webview.html = reloadWith()),
      log,
      (event) => events.push(event),
      waitsMs,
    );
    panel.webview.onDidReceiveMessage((message: { type?: string }) => {
      if (message?.type === 'ready') {
        events.push('ready');
        guard.ready();
      }
    });
    // As the extension's panels do: a panel in a background tab has no page to wait for.
    panel.onDidChangeViewState(() => guard.shown(panel.visible));
    panel.onDidDispose(() => guard.dispose());
    panel.webview.html = first;
    guard.shown(panel.visible);
    return { panel, guard, events, logged };
  }

  it('loads a blank page again, and the reloaded page is used', async () => {
    const { guard, events, logged } = guardedPanel(BLANK_PAGE, () => READY_PAGE, [500, 10_000, 10_000]);
    await waitFor('the reloaded page to say ready', () => events.includes('ready') || undefined, 20_000);
    assert.deepEqual(events, ['reloaded 1', 'ready']);
    assert.equal(guard[TEST_SEAM]().isWaiting, false, 'a ready page leaves no timer');
    assert.match(
      logged[0] ?? '',
      /test panel: the page did not report within the wait, so it is loaded again \(reload 1\)/,
    );
    assert.deepEqual(warnings, []);
  });

  it('leaves a page that says ready alone', async () => {
    const { guard, events } = guardedPanel(READY_PAGE, () => READY_PAGE, [10_000, 10_000]);
    await waitFor('the page to say ready', () => events.includes('ready') || undefined, 20_000);
    assert.equal(guard[TEST_SEAM]().isWaiting, false);
    assert.deepEqual(events, ['ready']);
  });

  it('gives up after its reloads with one warning that offers Reload Window, and nothing left ticking', async () => {
    const first = guardedPanel(BLANK_PAGE, () => BLANK_PAGE, [200, 200, 200]);
    const second = guardedPanel(BLANK_PAGE, () => BLANK_PAGE, [200, 200], vscode.ViewColumn.Two);
    await waitFor(
      'both to give up',
      () => (first.events.includes('gave up') && second.events.includes('gave up')) || undefined,
      20_000,
    );
    assert.deepEqual(first.events, ['reloaded 1', 'reloaded 2', 'gave up']);
    assert.deepEqual(second.events, ['reloaded 1', 'gave up']);
    assert.equal(warnings.length, 1, 'one warning a window, however many webviews stay blank');
    assert.match(
      warnings[0] ?? '',
      /the test panel stayed blank because VS Code did not load it\. Reload the window to try again\./,
    );
    assert.deepEqual(buttons[0], ['Reload Window']);
    assert.equal(first.guard[TEST_SEAM]().isWaiting || second.guard[TEST_SEAM]().isWaiting, false);
  });
});
