import * as vscode from 'vscode';
import { t } from '../core/l10n';
import { InstanceRecord, displayName } from '../core/storedInstance';
import { Services } from '../services';
import { showFailure } from '../ui/failures';

/** Reboot and the console link: troubleshooting commands, in the lazily loaded extras bundle. */

/** Restarts the instance (the documented way out of a stuck `starting` or a code that keeps failing); the phone stays linked. */
export async function rebootInstance(services: Services, record: InstanceRecord, skipConfirmation: boolean): Promise<boolean> {
  const name = displayName(record);
  if (!skipConfirmation) {
    const rebootLabel = t('Reboot');
    const answer = await vscode.window.showWarningMessage(
      t('Reboot {0} ({1})?', name, record.idInstance),
      { modal: true, detail: t('The instance restarts and is "starting" for a short while; a linked phone stays linked.') },
      rebootLabel,
    );
    if (answer !== rebootLabel) return false;
  }
  try {
    const { isReboot } = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: t('GREEN-API: rebooting {0}…', name) },
      () => services.clients.for(record).reboot(),
    );
    services.log.info(`${name}: reboot answered isReboot=${isReboot}.`);
    if (isReboot) services.states.learned(record.idInstance, 'starting');
    return isReboot;
  } catch (error) {
    showFailure(error, name, { tryAgain: () => rebootInstance(services, record, true) }, services.log);
    return false;
  }
}

/** GREEN-API's console. No per-instance address is documented, so the console opens at its start and the idInstance goes to the clipboard for its search box. */
export const CONSOLE_URL = 'https://console.green-api.com/';

export async function openInConsole(record: InstanceRecord): Promise<boolean> {
  await vscode.env.clipboard.writeText(record.idInstance);
  const opened = await vscode.env.openExternal(vscode.Uri.parse(CONSOLE_URL));
  if (opened) void vscode.window.setStatusBarMessage(`$(link-external) ${t('GREEN-API console opened; {0} copied for its search', record.idInstance)}`, 5000);
  return opened;
}
