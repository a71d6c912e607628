import * as vscode from 'vscode';
import { Log } from '../log';

/**
 * A command called with an argument never prompts: what it cannot do is reported
 * here, non-modally, and the command returns undefined.
 */
export function reportArgumentProblem(command: string, message: string, log: Log): undefined {
  log.warn(`${command}: ${message}`);
  void vscode.window.showErrorMessage(`GREEN-API: ${message}`);
  return undefined;
}
