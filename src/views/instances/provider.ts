import * as vscode from 'vscode';
import { InstanceStates } from '../../core/instanceStates';
import { pluralCategory, t } from '../../core/l10n';
import { PendingCodes } from '../../core/pendingCodes';
import { InstanceRegistry } from '../../core/instanceRegistry';
import { Log } from '../../platform/log';
import { readInstancesViewSettings, readSettings } from '../../platform/config';
import { SortOrder, orderRows } from '../../core/instanceOrder';
import { HostMessage, InstanceRow, RowAction, WebviewMessage, parseWebviewMessage } from './protocol';
import { Disposable } from '../../platform/disposable';
import { renderWebviewPage } from '../page';
import { WebviewLoadGuard } from '../loadGuard';
import { StateChange } from '../../core/stateHistory';
import { buildRow } from './rowModel';
import { TEST_SEAM } from '../../base/testSeam';
import { PostRecorder } from '../../base/postRecorder';

/** How long the view waits for the stored instances before it draws what it has (ms). */
const READY_WAIT_MS = 5_000;
/** Changes are gathered this long and posted together, so a refresh of 1,000 instances is a few dozen messages. */
const FLUSH_DELAY_MS = 50;

/**
 * What the view asks of the actions (implemented by Actions): the view names the port it
 * calls, so it does not depend on the layer above it.
 */
export interface InstancesViewActions {
  /** A row's button, as the typed action it stands for; destructive ones confirm. */
  runRowAction(action: RowAction, idInstance: string): Promise<unknown>;
  refreshAll(): Promise<unknown>;
  /** The view's own checks: a failure shows in the row, with no notification. */
  refreshQuietly(idInstance: string): Promise<unknown>;
  add(arg: undefined): Promise<unknown>;
}

/**
 * Where the empty view leads besides Add instance: the two imports and the walkthrough
 * (implemented in extension.ts over the import flows and VS Code's openWalkthrough command).
 */
export interface EmptyViewStarts {
  importFromEnv(): Promise<unknown>;
  importFromPartner(): Promise<unknown>;
  openWalkthrough(): Promise<unknown>;
}

/** What the view reads of the background watch: drops (for the badge and the rows) and the state history. */
export interface RowWatch {
  isDropped(idInstance: string): boolean;
  historyOf(idInstance: string): readonly StateChange[];
  readonly onDidChangeDropCount: (listener: (count: number) => void) => { dispose(): void };
}

/**
 * The Instances view, host side. It only reads the registry, the states and the
 * pending codes and follows their events; clicks go straight to the typed actions.
 */
export class InstancesViewProvider extends Disposable implements vscode.WebviewViewProvider {
  private view: vscode.WebviewView | undefined;
  private viewDisposables: vscode.Disposable[] = [];
  private webviewReady = false;
  private loadGuard: WebviewLoadGuard | undefined;
  /** What the webview was last sent per row, to post only rows that changed. */
  private sent = new Map<string, string>();
  /** The problem lines last posted, as JSON: posted again only when they change. */
  private sentProblems = '[]';
  private dirty = new Set<string>();
  private flushTimer: NodeJS.Timeout | undefined;
  private autoRefreshTimer: NodeJS.Timeout | undefined;
  private refreshedOnce = false;
  /** Instances that lost their link and are not linked again: the view's badge. */
  private dropCount = 0;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly registry: InstanceRegistry,
    private readonly states: InstanceStates,
    private readonly pendingCodes: PendingCodes,
    private readonly actions: InstancesViewActions,
    private readonly watch: RowWatch,
    private readonly starts: EmptyViewStarts,
    private readonly log: Log,
    /** Given only in test mode: keeps what is posted and what happens to the webview, for the probe. */
    private readonly recorder: PostRecorder | undefined,
  ) {
    super();
    this.register(registry.onDidChange(() => this.markAll()));
    this.register(states.onDidChange((idInstance) => this.mark(idInstance)));
    this.register(pendingCodes.onDidChange((event) => this.mark(event.code.idInstance)));
    this.register(
      watch.onDidChangeDropCount((count) => {
        this.dropCount = count;
        this.showBadge();
        this.markAll();
      }),
    );
    this.register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('greenApi.autoRefreshSeconds')) this.scheduleAutoRefresh();
        // A new order or density: the whole list again, in its order (the title menu's Sort By, Compact Rows).
        if (event.affectsConfiguration('greenApi.instancesView') && this.webviewReady) void this.sendInit();
      }),
    );
    this.register(
      new vscode.Disposable(() => {
        clearTimeout(this.flushTimer);
        clearTimeout(this.autoRefreshTimer);
        this.disposeView();
      }),
    );
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.disposeView();
    this.view = view;
    this.webviewReady = false;
    this.note(`resolved (visible ${view.visible})`);
    const webviewRoot = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    view.webview.options = { enableScripts: true, localResourceRoots: [webviewRoot] };
    view.webview.html = this.renderHtml(view.webview, webviewRoot);
    this.showBadge();
    const reload = (): void => {
      // The new page asks with 'ready' again; nothing is posted to it before.
      this.webviewReady = false;
      view.webview.html = this.renderHtml(view.webview, webviewRoot);
    };
    // l10n: Names the sidebar view in "GREEN-API: the {0} stayed blank…"; the Russian reads it as a feminine noun phrase (панель «Инстансы»).
    const loadGuard = new WebviewLoadGuard(t('Instances view'), reload, this.log, (event) => this.note(event));
    this.loadGuard = loadGuard;
    this.viewDisposables.push(
      loadGuard,
      view.webview.onDidReceiveMessage((message: unknown) => this.handleMessage(message)),
      view.onDidChangeVisibility(() => {
        // A hidden webview loses its DOM (no retainContextWhenHidden); it asks again with 'ready'.
        this.webviewReady = false;
        this.note(view.visible ? 'shown' : 'hidden');
        loadGuard.shown(view.visible);
        this.scheduleAutoRefresh();
      }),
      view.onDidDispose(() => this.disposeView()),
    );
    loadGuard.shown(view.visible);
  }

  /** The HTML: only our own bundled script runs, styles and fonts only from the extension. */
  renderHtml(webview: vscode.Webview, webviewRoot: vscode.Uri): string {
    return renderWebviewPage(webview, webviewRoot, {
      title: t('GREEN-API instances'),
      stylesheets: ['codicons/codicon.css', 'instances.css'],
      script: 'instances.js',
      allow: { 'font-src': true, 'img-src': true },
      // The translations the webview's own t() reads (none for English).
      bodyAttributes: { 'data-l10n': JSON.stringify(vscode.l10n.bundle ?? {}) },
      // Not a live region: the webview announces only a code's arrival, one minute left, expiry, linking and a filter's result.
      body: '<main id="app"></main>',
    });
  }

  /** Every message from the webview comes through here, validated before anything is done. */
  handleMessage(raw: unknown): void {
    const message: WebviewMessage | undefined = parseWebviewMessage(raw);
    if (!message) {
      this.log.warn(`Instances view: ignored a message that is not in the protocol (${describe(raw)}).`);
      return;
    }
    switch (message.type) {
      case 'ready':
        this.note('ready');
        this.loadGuard?.ready();
        this.webviewReady = true;
        void this.sendInit();
        if (!this.refreshedOnce) {
          this.refreshedOnce = true;
          void this.actions.refreshAll();
        }
        this.scheduleAutoRefresh();
        return;
      case 'addInstance':
        void this.actions.add(undefined);
        return;
      case 'refreshAll':
        void this.actions.refreshAll();
        return;
      case 'importFromEnv':
      case 'importFromPartner':
      case 'openWalkthrough':
        void this.starts[message.type]().catch((error: unknown) => this.log.error(String(error)));
        return;
      case 'rowAction':
        // The action looks the instance up once and ignores (and logs) one that has gone.
        void this.actions
          .runRowAction(message.action, message.idInstance)
          .catch((error: unknown) => this.log.error(String(error)));
        return;
    }
  }

  private async sendInit(): Promise<void> {
    // Bounded: the view draws what the registry holds after at most READY_WAIT_MS, and its
    // change events bring the rest; a storage read that never answers must not leave the
    // view blank for good.
    let timer: NodeJS.Timeout | undefined;
    const waited = await Promise.race([
      this.registry.ready().then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), READY_WAIT_MS))),
    ]);
    clearTimeout(timer);
    if (!waited) {
      this.log.warn(
        `Instances view: the stored instances were not read within ${READY_WAIT_MS / 1000} s; showing what is known.`,
      );
      void this.registry.ready().then(() => this.markAll());
    }
    const view = readInstancesViewSettings();
    this.showOrder(view.sortOrder);
    const rows = orderRows(
      this.registry
        .list()
        .map((instance) => this.rowFor(instance.idInstance))
        .filter((row): row is InstanceRow => row !== undefined),
      view.sortOrder,
    );
    this.sent = new Map(rows.map((row) => [row.idInstance, JSON.stringify(row)]));
    this.dirty.clear();
    const problems = this.problemLines();
    this.sentProblems = JSON.stringify(problems);
    this.post({ type: 'init', rows, problems, view });
  }

  private problemLines(): string[] {
    return [...this.registry.problems(), ...this.registry.conflictProblems()].map((problem) =>
      problem.idInstance ? `${problem.idInstance}: ${problem.problem}` : problem.problem,
    );
  }

  private rowFor(idInstance: string): InstanceRow | undefined {
    const instance = this.registry.entry(idInstance);
    if (!instance) return undefined;
    return buildRow(
      instance,
      this.states.get(idInstance),
      this.pendingCodes.get(idInstance),
      {
        dropped: this.watch.isDropped(idInstance),
        history: this.watch.historyOf(idInstance),
      },
      (code) => this.pendingCodes.remainingMs(code),
    );
  }

  private mark(idInstance: string): void {
    this.dirty.add(idInstance);
    this.flushSoon();
  }

  private markAll(): void {
    for (const id of this.sent.keys()) this.dirty.add(id);
    for (const instance of this.registry.list()) this.dirty.add(instance.idInstance);
    this.flushSoon();
    this.checkNeverChecked();
  }

  /** An instance added while the view is open (another window, a keybinding) is checked at once, not at the next auto-refresh. */
  private checkNeverChecked(): void {
    if (!this.view?.visible || !this.refreshedOnce) return;
    for (const instance of this.registry.list()) {
      const snapshot = this.states.get(instance.idInstance);
      if (snapshot.state === undefined && !snapshot.checking && snapshot.error === undefined) {
        void this.actions.refreshQuietly(instance.idInstance);
      }
    }
  }

  private flushSoon(): void {
    if (this.flushTimer || !this.webviewReady) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.flush();
    }, FLUSH_DELAY_MS);
  }

  private flush(): void {
    if (!this.webviewReady) return;
    const changed: InstanceRow[] = [];
    for (const idInstance of this.dirty) {
      const row = this.rowFor(idInstance);
      if (!row) {
        if (this.sent.delete(idInstance)) this.post({ type: 'removeRow', idInstance });
        continue;
      }
      const text = JSON.stringify(row);
      if (this.sent.get(idInstance) !== text) {
        this.sent.set(idInstance, text);
        changed.push(row);
      }
    }
    this.dirty.clear();
    if (changed.length > 0) this.post({ type: 'rows', rows: changed });
    // A registry change can add or end a conflict (security review M2): its line must show without a reload.
    const problems = this.problemLines();
    const text = JSON.stringify(problems);
    if (text !== this.sentProblems) {
      this.sentProblems = text;
      this.post({ type: 'problems', problems });
    }
  }

  private post(message: HostMessage): void {
    this.recorder?.posted(this, message);
    void this.view?.webview.postMessage(message);
  }

  /**
   * The view container's badge (`WebviewView.badge`): how many instances lost their link. At 0 it is
   * a badge of value 0, which the activity bar hides: `undefined` leaves the last badge on screen,
   * as VS Code's WebviewViewPane ignores it (posit-dev/positron#15567, microsoft/vscode#331019; seen
   * in VS Code 1.90 and 1.100, test/e2e/watch.e2e.ts).
   */
  private showBadge(): void {
    if (!this.view) return;
    this.view.badge = { value: this.dropCount, tooltip: this.dropCount > 0 ? badgeTooltip(this.dropCount) : '' };
  }

  /** The view's description beside its title says an order other than by name, as the title menu cannot check it. */
  private showOrder(order: SortOrder): void {
    // l10n: Beside the Instances view's title while its Sort By menu puts instances needing attention first.
    if (this.view) this.view.description = order === 'attentionFirst' ? t('needs attention first') : undefined;
  }

  /** Auto-refresh runs only while the view is visible, and is re-armed when the setting changes. */
  private scheduleAutoRefresh(): void {
    clearTimeout(this.autoRefreshTimer);
    this.autoRefreshTimer = undefined;
    const seconds = readSettings().autoRefreshSeconds;
    if (!this.view?.visible || !(seconds > 0)) return;
    this.autoRefreshTimer = setTimeout(
      () => {
        void this.actions.refreshAll().finally(() => this.scheduleAutoRefresh());
      },
      Math.max(5, seconds) * 1000,
    );
  }

  /** What the tests check (the posts are in the PostRecorder): whether the page is ready, auto-refresh armed, and the badge. */
  [TEST_SEAM](): {
    readonly isReady: boolean;
    readonly isAutoRefreshArmed: boolean;
    readonly badge: number | undefined;
  } {
    return {
      isReady: this.webviewReady && this.view?.visible === true,
      isAutoRefreshArmed: this.autoRefreshTimer !== undefined,
      badge: this.view?.badge?.value,
    };
  }

  private note(event: string): void {
    this.recorder?.noted(this, event);
  }

  private disposeView(): void {
    if (this.view) this.note('disposed');
    this.viewDisposables.splice(0).forEach((disposable) => disposable.dispose());
    this.view = undefined;
    this.loadGuard = undefined;
    this.webviewReady = false;
    clearTimeout(this.autoRefreshTimer);
    this.autoRefreshTimer = undefined;
  }
}

/** The badge's tooltip for `count` (over 0) drops, worded for the display language's plural category of it. */
function badgeTooltip(count: number): string {
  switch (pluralCategory(count)) {
    case 'one':
      // l10n: The activity bar badge's tooltip, plural category "one" (English 1; Russian 1, 21, 31…). {0} is the number.
      return t('{0} GREEN-API instance lost its WhatsApp link', count);
    case 'few':
      // l10n: The activity bar badge's tooltip, plural category "few" (never used in English; Russian 2–4, 22–24…). {0} is the number.
      return t('{0} GREEN-API instances have lost their WhatsApp link', count);
    default:
      // l10n: The activity bar badge's tooltip, plural categories "many" and "other" (English 0, 2, 3…; Russian 5–20, 25–30…). {0} is the number.
      return t('{0} GREEN-API instances lost their WhatsApp link', count);
  }
}

function describe(value: unknown): string {
  if (typeof value !== 'object' || value === null) return typeof value;
  const type = (value as { type?: unknown }).type;
  return typeof type === 'string' ? `type "${type.slice(0, 40)}"` : 'no type';
}
