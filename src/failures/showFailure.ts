import * as vscode from 'vscode';
import { t } from '../core/l10n';
import { idInstanceOf, isGreenApiError } from '../api/errors';
import { explain } from './explain';
import { RunWayOut, WayOut } from '../core/waysOut';
import { Log } from '../platform/log';

/** What each way out does here, supplied by the caller that knows what failed (Try Again repeats it). */
export type WayOutHandlers = Partial<Record<WayOut, () => unknown>>;

/** The ways out a failure gets from the instance's id alone when its caller supplies none of its own. */
const BY_ID: readonly WayOut[] = ['removeInstance', 'openConsole', 'editInstance'];

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
    case 'logout':
      return t('Log Out');
    case 'logoutAndGetCode':
      return t('Log Out and Get a Code');
    case 'reboot':
      return t('Reboot');
    case 'getCode':
      return t('Get Code');
    case 'openLinkPanel':
      return t('Get Code');
    case 'showInstances':
      return t('Show');
  }
}

/**
 * Shows a failure as a non-modal error with its ways out as buttons. Returns at once:
 * a command never waits for the user to read its error. Remove, Open Console and Edit
 * Instance run through `runWayOut` (`Actions.runWayOut`) for the error's instance unless
 * `handlers` has its own.
 */
export function showFailure(
  error: unknown,
  subject: string,
  handlers: WayOutHandlers,
  log: Log,
  runWayOut: RunWayOut,
): void {
  if (isGreenApiError(error) && error.kind === 'cancelled') {
    log.info(`${subject}: cancelled.`);
    return;
  }
  const explanation = explain(error, subject);
  log.error(`${subject}: ${error instanceof Error ? error.message : String(error)}`);
  // Ways out that only need the instance's id, for callers that do not supply their own.
  const idInstance = isGreenApiError(error) ? idInstanceOf(error) : undefined;
  const defaults: WayOutHandlers = idInstance
    ? Object.fromEntries(BY_ID.map((wayOut) => [wayOut, () => runWayOut(wayOut, idInstance)]))
    : {};
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
    severity === 'error'
      ? vscode.window.showErrorMessage
      : severity === 'warning'
        ? vscode.window.showWarningMessage
        : vscode.window.showInformationMessage;
  // A secret held for an exchange under way (security review L3) is never shown, whatever text carried it here.
  void show(log.redact(message), ...offered.map(label)).then((chosen) => {
    const wayOut = offered.find((candidate) => label(candidate) === chosen);
    if (wayOut) void Promise.resolve(all[wayOut]?.()).catch((error: unknown) => log.error(String(error)));
  });
}
