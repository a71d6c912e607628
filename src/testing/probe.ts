import * as vscode from 'vscode';
import { Actions } from '../actions/actions';
import { CodeStatusBar } from '../ui/codeStatusBar';
import { LinkPoller } from '../services/linkPoller';
import { InstanceRegistry } from '../core/instanceRegistry';
import { InstanceRecord } from '../core/storedInstance';
import { diagnoseCredentials, saveInstance } from '../flows/instanceEditing';
import { PendingCodes } from '../core/pendingCodes';
import type { QrPanel } from '../views/qr/panels';
import type { QrView } from '../views/qr/protocol';
import type { LinkView } from '../views/link/protocol';
import { TEST_SEAM } from '../base/testSeam';
import { PostRecorder } from '../base/postRecorder';
import { StateChange, StateHistory } from '../core/stateHistory';
import { InstanceWatch } from '../services/instanceWatch';
import { StateChecks } from '../services/stateChecks';
import { InstancesViewProvider } from '../views/instances/provider';

/**
 * What `activate()` returns when VS Code runs the extension's tests
 * (`ExtensionMode.Test`), and nothing otherwise: lets the integration tests and the
 * host benchmark see that a secret is gone (never read one), that no timer or request
 * is left, and what reached a webview.
 */
export interface TestProbe {
  hasStoredSecret(key: string): Promise<boolean>;
  /** Writes a secret, as the previous version (or another window) would: for the migration test. */
  storeSecret(key: string, value: string): Promise<void>;
  /** globalState, which holds no secret: to read the synced index and write what Settings Sync would. */
  readonly globalState: { get(key: string): unknown; update(key: string, value: unknown): Thenable<void> };
  /** What the window does when it gains focus: read globalState and the secrets again. */
  reloadInstances(): Promise<void>;
  /** Removes many instances in one batch (the 1,000-instance test's clean-up). */
  removeInstances(ids: readonly string[]): Promise<void>;
  /**
   * What the Edit form does once its fields are filled in and confirmed: the credential check
   * of the new values (diagnoseCredentials), then the save. Resolves to the idInstance saved.
   */
  saveAsTheEditForm(record: InstanceRecord): Promise<string | undefined>;
  readonly linkPoller: { readonly activeCount: number };
  readonly codeStatusBar: { readonly isTicking: boolean; readonly shownCount: number };
  readonly pendingCodes: { readonly timerCount: number };
  readonly refresher: { readonly activeCount: number };
  /** The linked notices: follows of the chat loading under way, and every progress message shown. */
  readonly linkedNotices: {
    readonly activeCount: number;
    readonly shown: readonly { idInstance: string; message: string }[];
  };
  /** Shortens (or, with undefined, restores to 60 s) the wait for the cleanup after a logout. */
  setCleanupBoundMs(ms: number | undefined): void;
  readonly instancesView: {
    readonly posted: readonly unknown[];
    /** Timed webview events: resolved, shown, hidden, ready, disposed. */
    readonly lifecycle: readonly string[];
    /** The view is visible and its webview said 'ready' since it was last shown. */
    readonly isReady: boolean;
    readonly isAutoRefreshArmed: boolean;
    /** The badge on the view (and its activity-bar container), if any. */
    readonly badge: number | undefined;
    handleMessage(message: unknown): void;
    renderHtml(webview: vscode.Webview, root: vscode.Uri): string;
  };
  readonly qrPanels: {
    get(idInstance: string):
      | {
          readonly html: string;
          readonly currentView: QrView;
          readonly posted: readonly unknown[];
          handleMessage(message: unknown): void;
          dispose(): void;
        }
      | undefined;
  };
  readonly linkPanels: {
    get(idInstance: string):
      | {
          readonly html: string;
          readonly currentView: LinkView;
          readonly posted: readonly unknown[];
          readonly visible: boolean;
          handleMessage(message: unknown): Promise<void>;
          dispose(): void;
        }
      | undefined;
  };
  readonly watch: {
    /** Instances that dropped and are not linked again. */
    readonly dropCount: number;
    /** Drops the watch has read since activation, even one forgotten since (a count that only grows). */
    readonly dropsRead: number;
    /** What a window reload would read back: a fresh history over the same globalState, after the pending write. */
    historyAfterReload(idInstance: string): Promise<readonly StateChange[]>;
  };
  /** How long activate() took, in ms; for the benchmark. */
  readonly activationMs: number;
  /** What VS Code does at deactivate: dispose `context.subscriptions` first to last. */
  disposeAll(): void;
}

/** The parts of a running extension the probe looks into. */
export interface ProbedParts {
  readonly context: vscode.ExtensionContext;
  /** What the three webview hosts posted (given to them in test mode only). */
  readonly recorder: PostRecorder;
  readonly linkPoller: LinkPoller;
  readonly codeStatusBar: CodeStatusBar;
  readonly pendingCodes: PendingCodes;
  readonly stateChecks: StateChecks;
  readonly instancesView: InstancesViewProvider;
  readonly actions: Actions;
  readonly watch: InstanceWatch;
  readonly history: StateHistory;
  readonly activationMs: number;
  readonly registry: InstanceRegistry;
}

/** Builds the probe over the running parts, reading each through the test seam; called by `activate()` in test mode only. */
export function buildTestProbe(parts: ProbedParts): TestProbe {
  const { context } = parts;
  const editing = parts.actions.editing();
  return {
    hasStoredSecret: async (key) => (await context.secrets.get(key)) !== undefined,
    storeSecret: async (key, value) => context.secrets.store(key, value),
    globalState: context.globalState,
    reloadInstances: () => parts.registry.reload(),
    removeInstances: (ids) => parts.registry.removeMany(ids),
    saveAsTheEditForm: async (record) =>
      (await diagnoseCredentials(editing, record)) === 'save' ? saveInstance(editing, record) : undefined,
    activationMs: parts.activationMs,
    ...probeTimers(parts),
    instancesView: probeInstancesView(parts),
    qrPanels: probeQrPanels(parts),
    linkPanels: probeLinkPanels(parts),
    watch: probeWatch(parts),
    disposeAll: () => {
      for (const disposable of context.subscriptions.splice(0)) disposable.dispose();
    },
  };
}

/** The counts of what still runs: polls, the status bar's ticker, code timers, state checks. */
function probeTimers(
  parts: ProbedParts,
): Pick<
  TestProbe,
  'linkPoller' | 'codeStatusBar' | 'pendingCodes' | 'refresher' | 'setCleanupBoundMs' | 'linkedNotices'
> {
  return {
    linkPoller: {
      get activeCount() {
        return parts.linkPoller[TEST_SEAM]().activeCount;
      },
    },
    codeStatusBar: {
      get isTicking() {
        return parts.codeStatusBar[TEST_SEAM]().isTicking;
      },
      get shownCount() {
        return parts.codeStatusBar[TEST_SEAM]().shownCount;
      },
    },
    pendingCodes: {
      get timerCount() {
        return parts.pendingCodes[TEST_SEAM]().timerCount;
      },
    },
    refresher: {
      get activeCount() {
        return parts.stateChecks[TEST_SEAM]().activeCount;
      },
    },
    linkedNotices: {
      get activeCount() {
        return parts.actions[TEST_SEAM]().linkedNotices.activeCount;
      },
      get shown() {
        return parts.actions[TEST_SEAM]().linkedNotices.shown;
      },
    },
    setCleanupBoundMs: (ms) => parts.stateChecks[TEST_SEAM]().setCleanupBoundMs(ms),
  };
}

function probeInstancesView(parts: ProbedParts): TestProbe['instancesView'] {
  const { instancesView, recorder } = parts;
  return {
    get posted() {
      return recorder[TEST_SEAM]().posts(instancesView);
    },
    get lifecycle() {
      return recorder[TEST_SEAM]().lifecycle(instancesView);
    },
    get isReady() {
      return instancesView[TEST_SEAM]().isReady;
    },
    get isAutoRefreshArmed() {
      return instancesView[TEST_SEAM]().isAutoRefreshArmed;
    },
    get badge() {
      return instancesView[TEST_SEAM]().badge;
    },
    handleMessage: (message) => instancesView.handleMessage(message),
    renderHtml: (webview, root) => instancesView.renderHtml(webview, root),
  };
}

function probeQrPanels(parts: ProbedParts): TestProbe['qrPanels'] {
  const { recorder } = parts;
  // One view per panel, so a test can tell "the same panel again" by identity.
  const panelViews = new WeakMap<QrPanel, ReturnType<TestProbe['qrPanels']['get']>>();
  return {
    get: (idInstance) => {
      const panel = parts.actions[TEST_SEAM]().qrPanel(idInstance);
      if (!panel) return undefined;
      if (!panelViews.has(panel)) {
        panelViews.set(panel, {
          get html() {
            return panel[TEST_SEAM]().html;
          },
          get currentView() {
            return panel[TEST_SEAM]().currentView;
          },
          get posted() {
            return recorder[TEST_SEAM]().posts(panel);
          },
          handleMessage: (message) => panel.handleMessage(message),
          dispose: () => panel.dispose(),
        });
      }
      return panelViews.get(panel);
    },
  };
}

function probeLinkPanels(parts: ProbedParts): TestProbe['linkPanels'] {
  const { recorder } = parts;
  return {
    get: (idInstance) => {
      const panel = parts.actions[TEST_SEAM]().linkPanel(idInstance);
      return (
        panel && {
          get html() {
            return panel[TEST_SEAM]().html;
          },
          get currentView() {
            return panel[TEST_SEAM]().currentView;
          },
          get posted() {
            return recorder[TEST_SEAM]().posts(panel);
          },
          get visible() {
            return panel[TEST_SEAM]().visible;
          },
          handleMessage: (message) => panel.handleMessage(message),
          dispose: () => panel.dispose(),
        }
      );
    },
  };
}

function probeWatch(parts: ProbedParts): TestProbe['watch'] {
  return {
    get dropCount() {
      return parts.watch[TEST_SEAM]().dropCount;
    },
    get dropsRead() {
      return parts.watch[TEST_SEAM]().dropsRead;
    },
    historyAfterReload: async (idInstance) => {
      await parts.history.flush();
      return new StateHistory(parts.context.globalState).list(idInstance);
    },
  };
}
