import * as vscode from 'vscode';
import { t } from '../core/l10n';
import { idInstanceOf, isGreenApiError } from '../api/errors';
import { WayOut, explainFailure } from './explain';
import { Log } from '../platform/log';

/** What each way out does, supplied by whoever knows the instance. */
export type WayOutHandlers = Partial<Record<WayOut, () => unknown>>;

let instanceWaysOut: (idInstance: string) => WayOutHandlers = () => ({});

/**
 * The ways out that need only the instance's id (Remove, Open Console, Edit), for failures
 * whose caller supplies no handler of its own; set once at activation to the typed actions.
 */
export function useInstanceWaysOut(provider: (idInstance: string) => WayOutHandlers): void {
  instanceWaysOut = provider;
}

/** Button labels; a function, since the translator is plugged in at activation. */
function label(wayOut: WayOut): string {
  switch (wayOut) {
    case 'tryAgain':
      return t('Try Again');
    case 'updateToken':
      return t('Update Token');
    case 'editInstance':
      return t('Edit Instance');
    case 'removeInstance':
      return t('Remove Instance');
    case 'openConsole':
      return t('Open Console');
    case 'checkState':
      return t('Check State');
    case 'rebootAndTryAgain':
      return t('Reboot and Try Again');
    case 'useQr':
      return t('Use QR Instead');
    case 'openSettings':
      return t('Open Settings');
    case 'showLog':
      return t('Show Log');
  }
}

/**
 * Shows a failure as a non-modal error with its ways out as buttons. Returns at once:
 * a command never waits for the user to read its error.
 */
export function showFailure(error: unknown, subject: string, handlers: WayOutHandlers, log: Log): void {
  if (isGreenApiError(error) && error.kind === 'cancelled') {
    log.info(`${subject}: cancelled.`);
    return;
  }
  const explanation = isGreenApiError(error)
    ? explainFailure(error, subject)
    : { message: error instanceof Error ? error.message : String(error), waysOut: ['showLog'] as WayOut[] };
  log.error(`${subject}: ${error instanceof Error ? error.message : String(error)}`);
  // Ways out that only need the instance's id, for callers that do not supply their own.
  const idInstance = isGreenApiError(error) ? idInstanceOf(error) : undefined;
  const defaults: WayOutHandlers = idInstance ? instanceWaysOut(idInstance) : {};
  showMessage('error', explanation.message, explanation.waysOut, { ...defaults, ...handlers }, log);
}

/** A message with ways out; only those with a handler (and the log) become buttons. */
export function showMessage(
  severity: 'error' | 'warning' | 'info',
  message: string,
  waysOut: readonly WayOut[],
  handlers: WayOutHandlers,
  log: Log,
): void {
  const all: WayOutHandlers = {
    showLog: () => log.show(),
    openSettings: () => vscode.commands.executeCommand('workbench.action.openSettings', 'greenApi'),
    ...handlers,
  };
  const offered = waysOut.filter((wayOut) => all[wayOut] !== undefined);
  const show =
    severity === 'error' ? vscode.window.showErrorMessage : severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  // A secret held for an exchange under way (security review L3) is never shown, whatever text carried it here.
  void show(log.redact(message), ...offered.map(label)).then((chosen) => {
    const wayOut = offered.find((candidate) => label(candidate) === chosen);
    if (wayOut) void Promise.resolve(all[wayOut]?.()).catch((error: unknown) => log.error(String(error)));
  });
}
