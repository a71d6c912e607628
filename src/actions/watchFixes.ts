import * as vscode from 'vscode';
import { WatchFixes } from '../services/instanceWatch';
import { VIEW_CONTAINER_ID } from '../core/manifestIds';
import type { Actions } from './actions';

/**
 * The fixes the background watch's notifications offer, as typed actions. `actions` is
 * read when a button is clicked: the watch is built before the actions (they dismiss its
 * drops), so it cannot hold them directly.
 */
export function watchFixes(actions: () => Actions): WatchFixes {
  return {
    getCode: (idInstance) => actions().getCode(idInstance, undefined, {}),
    showQr: (idInstance) => actions().showQr(idInstance, {}),
    reboot: (idInstance) => actions().reboot(idInstance, {}),
    logout: (idInstance) => actions().logout(idInstance, {}),
    editToken: (idInstance) => actions().edit(idInstance),
    // VS Code's own command for a view container: `workbench.view.extension.<id>`.
    showInstances: () => vscode.commands.executeCommand(`workbench.view.extension.${VIEW_CONTAINER_ID}`),
  };
}
