import * as vscode from 'vscode';
import { Log } from '../platform/log';
import { t } from '../core/l10n';

/**
 * A command called with an argument never prompts: what it cannot do is reported
 * here, non-modally, and the command returns undefined.
 */
export function reportArgumentProblem(command: string, message: string, log: Log): undefined {
  log.warn(`${command}: ${message}`);
  // l10n: {0} is the problem, already a sentence.
  void vscode.window.showErrorMessage(t('GREEN-API: {0}', message));
  return undefined;
}

/**
 * The message for an argument that would move stored instance `idInstance` to another
 * host (security review M1): nothing is changed, and the user's own Edit form is the way.
 */
export function hostMoveRefusal(idInstance: string): string {
  return t(
    '{0} is already stored on another host: a command argument may not move it there. Nothing was changed. To move it, use "GREEN-API: Edit Instance".',
    idInstance,
  );
}
