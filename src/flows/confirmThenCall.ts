import * as vscode from 'vscode';
import { showFailure } from '../failures/showFailure';
import { Log } from '../platform/log';
import { RunWayOut } from '../core/waysOut';

/** The modal question before something destructive: its text, the detail line and the one button that goes ahead. */
export interface Confirmation {
  readonly message: string;
  readonly detail: string;
  readonly button: string;
}

/** What {@link confirmThenCall} needs to know about one destructive call. */
export interface ConfirmedCall<T> {
  /** Asked first, modally, unless undefined (the argument's skipConfirmation, or a click that already confirmed). */
  readonly confirmation: Confirmation | undefined;
  /** The notification shown while the call runs, such as "GREEN-API: logging out Sales…". */
  readonly progressTitle: string;
  /** The instance as shown in a failure, such as "Sales". */
  readonly subject: string;
  readonly call: () => Promise<T>;
  /** Run by the failure's Try Again button; it should not ask again. */
  readonly retry: () => unknown;
  readonly log: Log;
  /** The failure's ways out by the instance's id (`Actions.runWayOut`). */
  readonly runWayOut: RunWayOut;
}

/**
 * Logout and Reboot: a modal confirmation (`showWarningMessage`, `modal: true`), then the call
 * under a notification progress (`withProgress`). Resolves to its result; undefined when the user
 * declined or the call failed, the failure shown with its ways out, never thrown.
 */
export async function confirmThenCall<T>(spec: ConfirmedCall<T>): Promise<T | undefined> {
  if (spec.confirmation) {
    const { message, detail, button } = spec.confirmation;
    if ((await vscode.window.showWarningMessage(message, { modal: true, detail }, button)) !== button) return undefined;
  }
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: spec.progressTitle },
      () => spec.call(),
    );
  } catch (error) {
    showFailure(error, spec.subject, { tryAgain: spec.retry }, spec.log, spec.runWayOut);
    return undefined;
  }
}
