import * as vscode from 'vscode';
import { t } from '../core/l10n';
import { WEBVIEW_LOAD_WAITS_MS, WebviewLoadWatchdog } from '../core/webviewLoad';
import { Log } from '../platform/log';
import { TEST_SEAM } from '../base/testSeam';

/** One warning a window at most, however many webviews stay blank: the fix (a reload) is the same. */
let warnedThisWindow = false;

/**
 * Keeps one webview view or panel from staying blank: when its page does not say 'ready' in
 * time (waits in ms, WEBVIEW_LOAD_WAITS_MS), `reload` gives it a fresh `webview.html`; when every
 * wait ran out, the log says so and "Reload Window" is offered, once a window. `title` names the
 * webview (translated). Call `shown(visible)` after setting the html and on every visibility
 * change, and `ready()` when the page says 'ready'. See CONTRIBUTING.md, Field notes: A blank webview in VS Code for the Web.
 */
export class WebviewLoadGuard implements vscode.Disposable {
  private readonly watchdog: WebviewLoadWatchdog;
  private visible: boolean | undefined;

  constructor(
    title: string,
    reload: () => void,
    log: Pick<Log, 'warn' | 'error'>,
    note: (event: string) => void = () => undefined,
    waitsMs: readonly number[] = WEBVIEW_LOAD_WAITS_MS,
  ) {
    this.watchdog = new WebviewLoadWatchdog(
      {
        reload: (attempt) => {
          log.warn(`${title}: the page did not report within the wait, so it is loaded again (reload ${attempt}).`);
          note(`reloaded ${attempt}`);
          reload();
        },
        giveUp: (reloads) => {
          log.error(
            `${title}: the page did not report after ${reloads} reloads. VS Code did not load it (in VS Code for the Web, its service worker may not be ready).`,
          );
          note('gave up');
          if (warnedThisWindow) return;
          warnedThisWindow = true;
          // l10n: A button: VS Code's own command name; use VS Code's translation of it.
          const reloadWindow = t('Reload Window');
          // l10n: {0} is the name of a view or panel, such as "Instances view".
          void vscode.window
            .showWarningMessage(
              t(
                'GREEN-API: the {0} stayed blank because VS Code did not load it. Reload the window to try again.',
                title,
              ),
              reloadWindow,
            )
            .then((choice) => {
              if (choice === reloadWindow) void vscode.commands.executeCommand('workbench.action.reloadWindow');
            });
        },
      },
      waitsMs,
    );
  }

  /**
   * The webview's visibility, after the html is set and on every change event; only a change
   * counts (a panel's view-state event also fires when it merely becomes active). Visible: its
   * page loads, so the wait starts. Hidden: nothing to wait for.
   */
  shown(visible: boolean): void {
    if (visible === this.visible) return;
    this.visible = visible;
    if (visible) this.watchdog.loading();
    else this.watchdog.stop();
  }

  /** The page said 'ready'. */
  ready(): void {
    this.watchdog.ready();
  }

  /** What the tests check: whether a wait (a timer) is under way. */
  [TEST_SEAM](): { readonly isWaiting: boolean } {
    return { isWaiting: this.watchdog.isWaiting };
  }

  dispose(): void {
    this.watchdog.stop();
  }
}
