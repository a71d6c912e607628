import * as vscode from 'vscode';
import { followHostMoves } from '../core/hostMoves';
import { InstanceRegistry } from '../core/instanceRegistry';
import { InstanceRecord } from '../core/storedInstance';
import { PostRecorder } from '../base/postRecorder';
import { TEST_SEAM } from '../base/testSeam';
import { Disposable } from '../platform/disposable';
import { Log } from '../platform/log';
import { WebviewLoadGuard } from './loadGuard';

/** What every panel is made with. */
export interface PanelHost {
  /** The extension's folder: the pages' files are under `dist/webview`, the icon under `media`. */
  readonly extensionUri: vscode.Uri;
  readonly log: Log;
  /** Given only in test mode (see PostRecorder); each panel records its posts in it. */
  readonly recorder: PostRecorder | undefined;
}

/** How one panel is made: its view type, tab title, where it opens, its page, and what it hears. */
export interface PanelSpec {
  readonly viewType: string;
  /** The tab's title. */
  readonly title: string;
  /** Where it opens (`createWebviewPanel`'s `showOptions`). */
  readonly showOptions: vscode.ViewColumn | { readonly viewColumn: vscode.ViewColumn; readonly preserveFocus: boolean };
  /** Names the panel in the load guard's log and warning (translated). */
  readonly guardTitle: string;
  /** The page's html (see renderWebviewPage), rendered again when the load guard reloads it. */
  readonly render: (webview: vscode.Webview, webviewRoot: vscode.Uri) => string;
  /** Every message from the page, not yet validated. */
  readonly onMessage: (raw: unknown) => void;
  /** The owner's part of closing (its poller, its place in a collection): runs once, first. */
  readonly onDispose: () => void;
}

/**
 * The scaffolding of one webview panel (`vscode.window.createWebviewPanel`) that the QR and
 * Link panels share: scripts allowed only from `dist/webview`, the icon, the page and its load
 * guard (a hidden tab loses its page and loads it again when shown), posts recorded under
 * `owner` in test mode (see PostRecorder), and one disposal, whether the user closed the tab
 * or the owner did.
 */
export class PanelShell {
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly loadGuard: WebviewLoadGuard;
  private readonly recorder: PostRecorder | undefined;
  private isDisposed = false;

  constructor(
    { extensionUri, log, recorder }: PanelHost,
    private readonly spec: PanelSpec,
    /** The panel the posts are recorded under: the test probe reads them by it. */
    private readonly owner: object,
  ) {
    this.recorder = recorder;
    const webviewRoot = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
    this.panel = vscode.window.createWebviewPanel(spec.viewType, spec.title, spec.showOptions, {
      enableScripts: true,
      localResourceRoots: [webviewRoot],
    });
    this.panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    const render = (): void => {
      this.panel.webview.html = spec.render(this.panel.webview, webviewRoot);
    };
    render();
    this.loadGuard = new WebviewLoadGuard(spec.guardTitle, render, log);
    this.disposables.push(
      this.loadGuard,
      // A panel in a background tab loses its page (no retainContextWhenHidden) and loads it again when shown.
      this.panel.onDidChangeViewState(() => this.loadGuard.shown(this.panel.visible)),
      this.panel.webview.onDidReceiveMessage((raw: unknown) => spec.onMessage(raw)),
      this.panel.onDidDispose(() => this.dispose()),
    );
    this.loadGuard.shown(this.panel.visible);
  }

  /** The page's current html (for the test seam). */
  get html(): string {
    return this.panel.webview.html;
  }

  get visible(): boolean {
    return this.panel.visible;
  }

  /** True once closed, by the user or by the owner. */
  get disposed(): boolean {
    return this.isDisposed;
  }

  /** Posts `message` to the page (and records it in test mode); nothing once closed. */
  post(message: unknown): void {
    if (this.isDisposed) return;
    this.recorder?.posted(this.owner, message);
    void this.panel.webview.postMessage(message);
  }

  /** The page said 'ready': its load guard stops waiting. */
  ready(): void {
    this.loadGuard.ready();
  }

  /** Brings the panel to the front in its column; `preserveFocus` keeps the focus where it is. */
  reveal(preserveFocus?: boolean): void {
    this.panel.reveal(undefined, preserveFocus);
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    this.spec.onDispose();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    this.panel.dispose();
  }
}

/** A panel of one instance, as {@link InstancePanels} keeps it; `follow` hears the instance's edits. */
export interface InstancePanel {
  dispose(): void;
  follow?(record: InstanceRecord): void;
}

/**
 * One panel per idInstance (the QR panels, the Link panels): opening it again reveals the one
 * open; an edit is passed to the panel's `follow`; a removed instance, or one moved to another
 * host (its panel showed the old host's QR or code), takes its panel with it; all close on dispose.
 */
export class InstancePanels<P extends InstancePanel> extends Disposable {
  private readonly panels = new Map<string, P>();

  constructor(
    /** What the panels are made with. */
    protected readonly host: PanelHost,
    registry: InstanceRegistry,
  ) {
    super();
    this.register(followHostMoves(registry, (idInstance) => this.panels.get(idInstance)?.dispose()));
    this.register(
      registry.onDidChange(() => {
        for (const [idInstance, panel] of this.panels) {
          const current = registry.get(idInstance);
          if (!current) panel.dispose();
          else panel.follow?.(current);
        }
      }),
    );
    this.register(
      new vscode.Disposable(() => {
        for (const panel of [...this.panels.values()]) panel.dispose();
      }),
    );
  }

  /** The panel open for an instance. */
  get(idInstance: string): P | undefined {
    return this.panels.get(idInstance);
  }

  /** The panel open for the instance, through `reveal`; else a new one by `create`, given the callback that forgets it when it closes. */
  protected open(idInstance: string, reveal: (panel: P) => void, create: (forget: () => void) => P): P {
    const open = this.panels.get(idInstance);
    if (open) {
      reveal(open);
      return open;
    }
    const panel = create(() => this.panels.delete(idInstance));
    this.panels.set(idInstance, panel);
    return panel;
  }

  /** The panel open for an instance, for the tests. */
  [TEST_SEAM](): { panel(idInstance: string): P | undefined } {
    return { panel: (idInstance) => this.panels.get(idInstance) };
  }
}
