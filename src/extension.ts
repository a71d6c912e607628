import * as vscode from 'vscode';
import { Actions } from './actions/actions';
import { ApiClients } from './services/apiClients';
import { CodeStatusBar } from './ui/codeStatusBar';
import { LinkPoller } from './services/linkPoller';
import { registerCommands } from './commands/registerCommands';
import { followHostMoves } from './core/hostMoves';
import { InstanceRegistry } from './core/instanceRegistry';
import { InstanceStates } from './core/instanceStates';
import { InstanceRecord } from './core/storedInstance';
import { followInstanceSources } from './services/instanceSources';
import { setPluralLocale, setTranslator } from './core/l10n';
import { PendingCodes } from './core/pendingCodes';
import { seedDevelopmentInstances } from './testing/devSeed';
import { checkCredentials } from './flows/instanceEditing';
import { ImportContext, importFromPartner } from './flows/importFromPartner';
import { importFromEnv } from './flows/importFromEnv';
import { Log } from './platform/log';
import { DisposableStore } from './platform/disposable';
import { reportSettingProblemsTo } from './platform/config';
import { ExpectedChanges } from './core/expectedChanges';
import { StateHistory } from './core/stateHistory';
import { InstanceWatch } from './services/instanceWatch';
import { StateChecks } from './services/stateChecks';
import { INSTANCES_VIEW_ID, WALKTHROUGH_ID } from './core/manifestIds';
import { EmptyViewStarts, InstancesViewProvider } from './views/instances/provider';
import { TestProbe, buildTestProbe } from './testing/probe';
import { reportUnreadableInstances } from './ui/reportUnreadable';
import { followWalkthrough } from './ui/walkthrough';
import { PostRecorder } from './base/postRecorder';

export type { TestProbe } from './testing/probe';

/**
 * Builds the services once and registers them; the work happens later, in commands, views and
 * events. One `DisposableStore` owns every service and disposes them in reverse order; it is the
 * only entry in `context.subscriptions`, which VS Code disposes first to last (extHostExtensionService).
 * Returns the test probe in `ExtensionMode.Test` only.
 */
export function activate(context: vscode.ExtensionContext): TestProbe | undefined {
  const activationStarted = performance.now();
  setTranslator((message, ...args) => vscode.l10n.t(message, ...args));
  setPluralLocale(vscode.env.language);
  const owned = new DisposableStore();
  context.subscriptions.push(owned);
  const own = <T extends vscode.Disposable>(disposable: T): T => owned.add(disposable);

  // The log is made next (it needs the registry's tokens); the registry logs only once it loads.
  const registry: InstanceRegistry = own(
    new InstanceRegistry(context.secrets, context.globalState, {
      log: (line) => log.info(line),
      locale: vscode.env.language,
    }),
  );
  const log = own(new Log(() => registry.tokenIndex()));
  reportSettingProblemsTo((message) => log.warn(message));
  followInstanceSources(context, registry, log).forEach(own);
  const states = own(new InstanceStates());
  const pendingCodes = own(new PendingCodes());
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '0');
  const clients = new ApiClients(log, `green-api-link-vscode/${version}`);
  // A Log Out or Reboot asked for here is expected in every window's watch, never a lost link.
  const expected = new ExpectedChanges(context.globalState);
  const stateChecks = own(new StateChecks(registry, states, clients, log, expected));
  // The watch's buttons lead to actions, and the actions dismiss the watch's drops.
  const history = new StateHistory(context.globalState);
  const watch: InstanceWatch = own(
    new InstanceWatch(
      registry,
      states,
      stateChecks,
      history,
      (wayOut, idInstance) => actions.runWayOut(wayOut, idInstance),
      log,
      expected,
    ),
  );
  const testMode = context.extensionMode === vscode.ExtensionMode.Test;
  // Only the tests see what the webviews were sent: a production host keeps none of it (codes, phone numbers).
  const recorder = testMode ? new PostRecorder() : undefined;
  const actions: Actions = own(
    new Actions(registry, states, pendingCodes, stateChecks, log, context.extensionUri, watch, recorder),
  );
  own(forgetOnHostMove(registry, pendingCodes, stateChecks));
  const codeStatusBar = own(new CodeStatusBar(pendingCodes, registry));
  const linkPoller = own(new LinkPoller(pendingCodes, registry, stateChecks, log));
  const imports = importContext({ registry, log, clients, stateChecks, actions });
  const instancesView = own(
    new InstancesViewProvider(
      context.extensionUri,
      registry,
      states,
      pendingCodes,
      actions,
      watch,
      emptyViewStarts(imports),
      log,
      recorder,
    ),
  );
  own(vscode.window.registerWebviewViewProvider(INSTANCES_VIEW_ID, instancesView));

  registerCommands({ actions, registry, states, pendingCodes, log, imports }).forEach(own);
  own(followWalkthrough({ registry, pendingCodes, states, onDidCopyCode: actions.onDidCopyCode }));

  seedInDevelopment(context, registry, log);
  void registry.ready().then(() => reportUnreadableInstances(registry, log));
  const activationMs = performance.now() - activationStarted;
  if (!recorder) return undefined;
  return buildTestProbe({
    context,
    recorder,
    linkPoller,
    codeStatusBar,
    pendingCodes,
    stateChecks,
    instancesView,
    actions,
    watch,
    history,
    activationMs,
    registry,
  });
}

/** Nothing to wait for: everything is in `context.subscriptions`, which VS Code disposes. */
export function deactivate(): void {}

/** A move to another host: the old host's state and code are forgotten, and the new host asked afresh. */
function forgetOnHostMove(
  registry: InstanceRegistry,
  pendingCodes: PendingCodes,
  stateChecks: StateChecks,
): vscode.Disposable {
  const hostMoves = followHostMoves(
    registry,
    (idInstance) => pendingCodes.clear(idInstance, 'removed'),
    (idInstance) => void stateChecks.startAfresh(idInstance),
  );
  return new vscode.Disposable(() => hostMoves.dispose());
}

/** Only development runs (npm run demo, the tests) seed the emulator's instances. */
function seedInDevelopment(context: vscode.ExtensionContext, registry: InstanceRegistry, log: Log): void {
  if (context.extensionMode !== vscode.ExtensionMode.Production && process.env.GREEN_API_DEMO_INSTANCES) {
    registry.holdReadyUntil(seedDevelopmentInstances(registry, log));
  }
}

/** The empty Instances view's links: the imports as their palette commands run them, and the walkthrough beside the view. */
function emptyViewStarts(imports: ImportContext): EmptyViewStarts {
  return {
    importFromEnv: () => importFromEnv(imports, undefined),
    importFromPartner: () => importFromPartner(imports, undefined),
    // VS Code's own command (workbench.action.openWalkthrough): the walkthrough's id, and false to open it in the active editor group.
    openWalkthrough: () =>
      Promise.resolve(vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false)),
  };
}

/** What the two importers work with: the add form's credential check, the host checks, the actions after an import. */
function importContext(parts: {
  registry: InstanceRegistry;
  log: Log;
  clients: ApiClients;
  stateChecks: StateChecks;
  actions: Actions;
}): ImportContext {
  const { registry, log, clients, stateChecks, actions } = parts;
  const editing = actions.editing();
  return {
    registry,
    log,
    clients,
    checkCredentials: checkCredentials.bind(undefined, editing),
    verifyHosts: (instances: readonly InstanceRecord[], signal: AbortSignal) =>
      stateChecks.verifyAll(instances, signal),
    refreshAll: () => actions.refreshAll(),
    addInstance: () => actions.add(undefined),
    runWayOut: actions.runWayOut,
  };
}
