import * as vscode from 'vscode';
import { t } from '../core/l10n';
import { InstanceRecord, displayName } from '../core/storedInstance';
import { RunWayOut } from '../core/waysOut';
import { showMessage } from '../failures/showFailure';
import { Log } from '../platform/log';
import { StateChecks } from '../services/stateChecks';

/**
 * After a Log Out: waits while GREEN-API cleans up the instance's data (getWaSettings
 * `logoutProcess`; "Authorization to the instance is not possible" meanwhile), under a
 * cancellable progress notification (`window.withProgress`) opened only when a cleanup runs.
 * Past the 60 s bound it says so with Try Again, which waits again and then offers Get Code
 * and the QR. Resolves true once clean (a code or QR may be asked for), false otherwise.
 */
export async function waitOutCleanup(
  stateChecks: StateChecks,
  record: InstanceRecord,
  log: Log,
  runWayOut: RunWayOut,
): Promise<boolean> {
  const name = displayName(record);
  const abort = new AbortController();
  let close = (): void => undefined;
  const closed = new Promise<void>((resolve) => (close = resolve));
  const onCleaning = (): void => {
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `GREEN-API: ${name}`, cancellable: true },
      (progress, cancellation) => {
        // l10n: Progress text under the title "GREEN-API: <instance name>", right after a Log Out. GREEN-API refuses codes and QR codes until its cleanup ends.
        progress.report({
          message: t(
            "GREEN-API is still cleaning up the instance's data after the logout. A code or QR code can be had once it ends (up to a minute)…",
          ),
        });
        const onCancel = cancellation.onCancellationRequested(() => abort.abort());
        return closed.finally(() => onCancel.dispose());
      },
    );
  };
  let result;
  try {
    result = await stateChecks.waitForCleanup(record, abort.signal, onCleaning);
  } finally {
    close();
  }
  if (result === 'stillCleaning') offerTryAgain(stateChecks, record, log, runWayOut);
  return result === 'clean';
}

/** Past the bound: the explanation and Try Again; a wait that then ends offers Get Code and the QR. */
function offerTryAgain(stateChecks: StateChecks, record: InstanceRecord, log: Log, runWayOut: RunWayOut): void {
  const name = displayName(record);
  // l10n: {0} names the instance. Shown when GREEN-API's cleanup after a Log Out runs longer than the extension waits (a minute).
  const text = t(
    'GREEN-API is still cleaning up the data of {0} after the logout, over a minute now. No code or QR code can be had until it ends. Try again in a minute.',
    name,
  );
  showMessage(
    'warning',
    text,
    ['tryAgain'],
    {
      tryAgain: async () => {
        if (!(await waitOutCleanup(stateChecks, record, log, runWayOut))) return;
        // l10n: {0} names the instance. Shown when a cleanup the user waited for again has ended; the buttons are "Get Code" and "Use QR Instead".
        showMessage(
          'info',
          t('GREEN-API has finished cleaning up {0}: it can be linked again.', name),
          ['openLinkPanel', 'useQr'],
          {
            openLinkPanel: () => runWayOut('openLinkPanel', record.idInstance),
            useQr: () => runWayOut('useQr', record.idInstance),
          },
          log,
        );
      },
    },
    log,
  );
}
