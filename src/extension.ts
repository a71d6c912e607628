import * as path from 'node:path';
import * as vscode from 'vscode';
import { setTranslator, t } from './core/l10n';
import { ApiClients } from './apiClients';
import { AuthorizationFlow } from './auth/authorizationFlow';
import { CodeStatusBar } from './auth/codeStatusBar';
import { LinkWatcher } from './auth/linkWatcher';
import { askPhoneNumber, copyAuthorizationCode, getAuthorizationCode } from './commands/codeCommands';
import { addInstance, checkCredentials, editInstance, editInteractively, listInstances, logout, logoutInstance, onInstance, refreshState, removeInstance } from './commands/instanceCommands';
import { InstanceStates } from './core/instanceStates';
import { PendingCodes } from './core/pendingCodes';
import type { Extras } from './extras';
import { InstanceRegistry } from './core/instanceRegistry';
import { Log } from './log';
import { RowAction } from './protocol';
import type { QrView } from './qrProtocol';
import { Services } from './services';
import { INSTANCES_VIEW_ID, InstancesViewProvider } from './sidebar/instancesView';
import { StateRefresher } from './sidebar/stateRefresher';

/** Exported only when VS Code runs the extension's tests: lets them see that a secret is gone, never read one. */
export interface TestProbe {
  hasStoredSecret(key: string): Promise<boolean>;
  readonly linkWatcher: { readonly activeCount: number };
  readonly codeStatusBar: { readonly isTicking: boolean };
  readonly pendingCodes: { readonly timerCount: number };
  readonly refresher: { readonly activeCount: number };
  readonly instancesView: {
    readonly posted: readonly unknown[];
    readonly isAutoRefreshArmed: boolean;
    handleMessage(message: unknown): void;
    renderHtml(webview: vscode.Webview, root: vscode.Uri): string;
  };
  readonly qrPanels: {
    get(idInstance: string): { readonly html: string; readonly currentView: QrView; readonly posted: readonly unknown[]; handleMessage(message: unknown): void; dispose(): void } | undefined;
  };
  /** How long activate() took, in ms; for the benchmark. */
  readonly activationMs: number;
  /** What VS Code does at deactivate: dispose everything the extension registered. */
  disposeAll(): void;
}

/** Builds the services and registers them; all work happens later, in commands and events. */
export function activate(context: vscode.ExtensionContext): TestProbe | undefined {
  const activationStarted = performance.now();
  setTranslator((message, ...args) => vscode.l10n.t(message, ...args));
  const own = <T extends vscode.Disposable>(disposable: T): T => {
    context.subscriptions.push(disposable);
    return disposable;
  };
  // The log is made next (it needs the registry's tokens); the registry logs only once it loads.
  const registry = own(new InstanceRegistry(context.secrets, { log: (line) => log.info(line) }));
  const log = own(new Log(() => registry.tokens()));
  const states = own(new InstanceStates());
  const pendingCodes = own(new PendingCodes());
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '0');
  const clients = new ApiClients(log, `green-api-link-vscode/${version}`);
  const services: Services = {
    registry,
    states,
    pendingCodes,
    clients,
    log,
    flow: own(
      new AuthorizationFlow(registry, pendingCodes, states, clients, log, {
        logout: (record) => logoutInstance(services, record, true),
        edit: (idInstance) => editInteractively(services, idInstance),
      }),
    ),
  };
  const codeStatusBar = own(new CodeStatusBar(pendingCodes, registry));
  const linkWatcher = own(new LinkWatcher(pendingCodes, registry, states, clients, log));

  const refresher = own(new StateRefresher(registry, states, clients, log));
  const runRowAction = async (action: RowAction, idInstance: string): Promise<unknown> => {
    const record = registry.get(idInstance);
    if (!record) return undefined;
    switch (action) {
      case 'getCode': {
        // A click is interactive: the view asks for the number, then runs the command with its argument.
        const phoneNumber = await askPhoneNumber(record);
        return phoneNumber && vscode.commands.executeCommand('greenApi.getAuthorizationCode', { idInstance, phoneNumber });
      }
      case 'copyCode':
        return vscode.commands.executeCommand('greenApi.copyAuthorizationCode', { idInstance });
      case 'refresh':
        return vscode.commands.executeCommand('greenApi.refreshState', { idInstance });
      case 'logout':
        return vscode.commands.executeCommand('greenApi.logout', { idInstance });
      case 'edit':
        return editInteractively(services, idInstance);
      case 'remove':
        return vscode.commands.executeCommand('greenApi.removeInstance', { idInstance });
      case 'showQr':
        return vscode.commands.executeCommand('greenApi.showQrCode', { idInstance });
      case 'reboot':
        // A click is interactive, so it confirms like the palette does.
        return useExtras().rebootInstance(record, false);
      case 'openConsole':
        return vscode.commands.executeCommand('greenApi.openConsole', { idInstance });
    }
  };
  // QR panel and importers: a second bundle, loaded on first use (see src/extras.ts).
  let extras: Extras | undefined;
  const useExtras = (): Extras => {
    if (!extras) {
      // A computed path, so esbuild leaves this require alone and extras.js stays a file of its own.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const load = require(path.join(__dirname, 'extras.js')) as typeof import('./extras');
      extras = own(
        load.loadExtras(context.extensionUri, { ...services, checkCredentials: (record) => checkCredentials(services, record) }, {
          logout: (record) => logoutInstance(services, record, false),
          getCode: (idInstance) => runRowAction('getCode', idInstance),
        }),
      );
    }
    return extras;
  };
  const instancesView = own(
    new InstancesViewProvider(context.extensionUri, registry, states, pendingCodes, refresher, runRowAction, log, context.extensionMode === vscode.ExtensionMode.Test),
  );
  own(vscode.window.registerWebviewViewProvider(INSTANCES_VIEW_ID, instancesView));

  const commands: Record<string, (arg: unknown) => unknown> = {
    'greenApi.refreshAll': () => refresher.refreshAll(),
    'greenApi.addInstance': (arg) => addInstance(services, arg),
    'greenApi.editInstance': (arg) => editInstance(services, arg),
    'greenApi.removeInstance': (arg) => removeInstance(services, arg),
    'greenApi.getAuthorizationCode': (arg) => getAuthorizationCode(services, arg),
    'greenApi.copyAuthorizationCode': (arg) => copyAuthorizationCode(services, arg),
    'greenApi.logout': (arg) => logout(services, arg),
    'greenApi.refreshState': (arg) => refreshState(services, arg),
    'greenApi.reboot': (arg) => onInstance(services, 'greenApi.reboot', arg, t('Which instance do you want to reboot?'), (record, skip) => useExtras().rebootInstance(record, skip)),
    'greenApi.showQrCode': (arg) =>
      onInstance(services, 'greenApi.showQrCode', arg, t('Which instance do you want to link with a QR code?'), (record) => (useExtras().qrPanels.show(record), true)),
    'greenApi.openConsole': (arg) => onInstance(services, 'greenApi.openConsole', arg, t('Which instance do you want to open in the GREEN-API console?'), (record) => useExtras().openInConsole(record)),
    'greenApi.importFromEnv': (arg) => useExtras().importFromEnv(arg),
    'greenApi.importFromPartner': (arg) => useExtras().importFromPartner(arg),
    'greenApi.listInstances': () => listInstances(services),
    'greenApi.showLog': () => log.show(),
  };
  for (const [id, handler] of Object.entries(commands)) {
    own(vscode.commands.registerCommand(id, handler));
  }

  // The walkthrough's last step completes when some instance is seen linked.
  let anyAuthorized = false;
  own(states.onDidChange((idInstance) => {
    if (anyAuthorized || states.get(idInstance).state !== 'authorized') return;
    anyAuthorized = true;
    void vscode.commands.executeCommand('setContext', 'greenApi.anyAuthorized', true);
  }));

  if (context.extensionMode !== vscode.ExtensionMode.Production) {
    // Only development runs (npm run demo, the tests) seed instances; the code for it lives in the extras bundle.
    if (process.env.GREEN_API_DEMO_INSTANCES) registry.holdReadyUntil(useExtras().seedDevelopmentInstances());
  }
  void registry.ready().then(() => reportUnreadableInstances(registry, log));
  const activationMs = performance.now() - activationStarted;

  if (context.extensionMode !== vscode.ExtensionMode.Test) return undefined;
  return {
    hasStoredSecret: async (key) => (await context.secrets.get(key)) !== undefined,
    activationMs,
    linkWatcher,
    codeStatusBar,
    pendingCodes,
    refresher,
    instancesView,
    qrPanels: { get: (idInstance) => extras?.qrPanels.get(idInstance) },
    disposeAll: () => {
      for (const disposable of context.subscriptions.splice(0).reverse()) disposable.dispose();
    },
  };
}

export function deactivate(): void {
  // Everything is in context.subscriptions; VS Code disposes it.
}

function reportUnreadableInstances(registry: InstanceRegistry, log: Log): void {
  const problems = registry.problems();
  if (problems.length === 0) return;
  for (const problem of problems) log.error(`Stored instance ${problem.idInstance || '(list)'} is unreadable: ${problem.problem}.`);
  const ids = problems.map((problem) => problem.idInstance).filter(Boolean);
  void vscode.window
    .showWarningMessage(
      ids.length > 0
        ? t('GREEN-API: the stored data of {0} could not be read. The other instances are fine. Remove and add again what could not be read.', ids.join(', '))
        : `GREEN-API: ${problems[0]?.problem ?? t('the instance list could not be read')}`,
      t('Show Log'),
    )
    .then((chosen) => chosen && log.show());
}
