import * as vscode from 'vscode';
import { AuthorizationFlow, ReportProgress } from '../flows/authorizationFlow';
import { CodeOutcome } from '../core/codeOutcome';
import { InstanceRegistry } from '../core/instanceRegistry';
import { t } from '../core/l10n';
import { PendingCodes } from '../core/pendingCodes';
import { InstanceRecord, displayName } from '../core/storedInstance';
import { RunWayOut, WayOut } from '../core/waysOut';
import { describeOutcome } from '../failures/outcomes';
import { WayOutHandlers, showMessage } from '../failures/showFailure';
import { Disposable } from '../platform/disposable';
import { Log } from '../platform/log';
import { LinkedNotices } from '../flows/linkedNotice';

/**
 * The notification surface of the code flow (a command, a row, a notification's button):
 * a cancellable progress notification while GREEN-API is asked, then at most one
 * notification with the outcome's words ({@link describeOutcome}) and its ways out; and the
 * flow's closing notification, linked, or expired with New Code. The Link panel shows the
 * same outcomes in itself, so it asks the flow directly.
 */
export class CodeNotifications extends Disposable {
  constructor(
    private readonly registry: InstanceRegistry,
    pendingCodes: PendingCodes,
    private readonly flow: AuthorizationFlow,
    private readonly log: Log,
    /** Where the buttons lead (`Actions.runWayOut`): the edit form, a state check, the QR panel, a log out. */
    private readonly runWayOut: RunWayOut,
    /** The linked notice: keep WhatsApp open until the chats load, with their progress. */
    linkedNotices: LinkedNotices,
  ) {
    super();
    this.register(
      pendingCodes.onDidChange((event) => {
        const record = this.registry.get(event.code.idInstance);
        const name = record ? displayName(record) : event.code.idInstance;
        // The one outcome notification of a flow: linked, or expired with New Code.
        if (event.type === 'linked') {
          this.log.info(`${name} (${event.code.idInstance}) is now authorized.`);
          const text = t('{0} is now authorized: WhatsApp is linked.', name);
          if (record) linkedNotices.announce(record, text);
          else void vscode.window.showInformationMessage(text);
        } else if (event.type === 'expired' && record) {
          const newCode = t('New Code');
          // l10n: {0} names the instance. A passkey is what WhatsApp may ask the phone to create or confirm while a device is linked.
          const expired = t(
            'The code for {0} expired before the phone was linked. If WhatsApp asked the phone for a passkey, finish that there first; otherwise ask for a new code.',
            name,
          );
          void vscode.window.showWarningMessage(expired, newCode).then((chosen) => {
            if (chosen === newCode) void this.request(record, event.code.phone);
          });
        }
      }),
    );
  }

  /**
   * Asks the flow for a code for `phone` (digits) under the progress notification, and
   * shows how it ended. A request that joined one under way leaves the words to the one
   * that started it (one request, one notification). Never throws.
   */
  request(record: InstanceRecord, phone: string): Promise<CodeOutcome> {
    const joining = this.flow.isRequesting(record.idInstance);
    return this.present(record, phone, joining, (report) => this.flow.request(record, phone, report));
  }

  /** Reboot and Try Again: the flow's reboot, its wait, and the request, shown as {@link request} shows one. */
  private rebootAndRetry(record: InstanceRecord, phone: string): Promise<CodeOutcome> {
    return this.present(record, phone, false, (report) => this.flow.rebootAndRetry(record, phone, report));
  }

  private async present(
    record: InstanceRecord,
    phone: string,
    joining: boolean,
    ask: (report: ReportProgress) => Promise<CodeOutcome>,
  ): Promise<CodeOutcome> {
    const progress = this.progress(record);
    let outcome: CodeOutcome;
    try {
      outcome = await ask(progress.report);
    } finally {
      progress.close();
    }
    if (!joining || outcome.type === 'busy') this.show(record, phone, outcome);
    return outcome;
  }

  private show(record: InstanceRecord, phone: string, outcome: CodeOutcome): void {
    const words = describeOutcome(outcome, displayName(record));
    if (!words) return;
    showMessage(words.severity, words.text, words.waysOut, this.handlers(record, phone, words.waysOut), this.log);
  }

  /** What each button does: ask again (after a reboot, a log out or a saved edit), or the way out for the instance. */
  private handlers(record: InstanceRecord, phone: string, waysOut: readonly WayOut[]): WayOutHandlers {
    const id = record.idInstance;
    const own: WayOutHandlers = {
      tryAgain: () => this.request(record, phone),
      rebootAndTryAgain: () => this.rebootAndRetry(record, phone),
      // Update Token and Edit Instance resume what failed: the same request, with the saved record.
      updateToken: () => this.editThenRetry(record, phone),
      editInstance: () => this.editThenRetry(record, phone),
      logoutAndGetCode: async () => {
        if (await this.runWayOut('logoutAndGetCode', id)) await this.request(record, phone);
      },
    };
    return Object.fromEntries(waysOut.map((wayOut) => [wayOut, own[wayOut] ?? (() => this.runWayOut(wayOut, id))]));
  }

  private async editThenRetry(record: InstanceRecord, phone: string): Promise<void> {
    if (!(await this.runWayOut('editInstance', record.idInstance))) return;
    const saved = this.registry.get(record.idInstance);
    if (saved) await this.request(saved, phone);
  }

  /**
   * The flow's `report`: a cancellable progress notification (`window.withProgress`) that
   * opens at the first message, so a joined or refused request shows none, and stays until
   * `close()`. Its Cancel aborts the instance's request under way.
   */
  private progress(record: InstanceRecord): { report: ReportProgress; close: () => void } {
    let close = (): void => undefined;
    const closed = new Promise<void>((resolve) => (close = resolve));
    let shown: vscode.Progress<{ message?: string }> | undefined;
    let opened = false;
    let latest = '';
    const report: ReportProgress = (message) => {
      latest = message;
      if (shown) return shown.report({ message });
      if (opened) return;
      opened = true;
      void vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: `GREEN-API: ${displayName(record)}`,
          cancellable: true,
        },
        (progress, cancellation) => {
          shown = progress;
          progress.report({ message: latest });
          const onCancel = cancellation.onCancellationRequested(() => this.flow.cancel(record.idInstance));
          return closed.finally(() => onCancel.dispose());
        },
      );
    };
    return { report, close };
  }
}
