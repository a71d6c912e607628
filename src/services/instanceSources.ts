import * as vscode from 'vscode';
import { InstanceRegistry } from '../core/instanceRegistry';
import { INDEX_STATE_KEY } from '../core/instanceStorage';
import { t } from '../core/l10n';
import { SharedInstances, parseSharedInstances } from '../core/sharedInstances';
import { Log } from '../platform/log';

const SETTING = 'greenApi.instances';

/**
 * Where the instance list comes from besides SecretStorage: Settings Sync carries the index
 * (`setKeysForSync`); globalState has no change event, so the registry re-reads it on window
 * focus; `greenApi.instances` gives shared rows, never an untrusted workspace's (it must not point
 * a token at its own host: `restrictedConfigurations` and `isTrusted`). Returns the subscriptions.
 */
export function followInstanceSources(
  context: vscode.ExtensionContext,
  registry: InstanceRegistry,
  log: Log,
): vscode.Disposable[] {
  context.globalState.setKeysForSync([INDEX_STATE_KEY]);
  let warnedAbout = '';
  const readSetting = (): void => {
    const shared = readSharedSetting();
    registry.setShared(shared.entries);
    const warning = shared.withToken.join(',');
    if (warning && warning !== warnedAbout) void warnAboutTokens(shared, log);
    warnedAbout = warning;
    if (shared.ignored > 0) {
      log.warn(`${SETTING}: ${shared.ignored} entr(ies) without a valid idInstance and apiUrl were ignored.`);
    }
  };
  readSetting();
  return [
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SETTING)) readSetting();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(readSetting),
    vscode.window.onDidChangeWindowState((state) => {
      if (state.focused) void registry.reload();
    }),
  ];
}

/** Every scope's value, the most specific first (it wins for a duplicate idInstance). */
function readSharedSetting(): SharedInstances {
  const inspected = vscode.workspace.getConfiguration().inspect<unknown>(SETTING);
  const trusted = vscode.workspace.isTrusted;
  const scopes = [
    trusted ? inspected?.workspaceFolderValue : undefined,
    trusted ? inspected?.workspaceValue : undefined,
    inspected?.globalValue,
  ];
  const rows = scopes.flatMap((value) => (Array.isArray(value) ? value : value === undefined ? [] : [value]));
  return parseSharedInstances(rows);
}

async function warnAboutTokens(shared: SharedInstances, log: Log): Promise<void> {
  log.warn(`${SETTING}: entries ${shared.withToken.join(', ')} carry a token-like key; it was not read.`);
  const open = t('Open Settings');
  const chosen = await vscode.window.showWarningMessage(
    t(
      'The greenApi.instances setting holds a token for {0}. It is never read there: settings sync and get committed. Remove it from the settings file, and paste the token with "GREEN-API: Edit Instance" instead.',
      shared.withToken.join(', '),
    ),
    open,
  );
  if (chosen === open) await vscode.commands.executeCommand('workbench.action.openSettings', SETTING);
}
