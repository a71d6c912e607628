import * as vscode from 'vscode';
import { t } from '../core/l10n';
import { InstanceRecord, displayName } from '../core/storedInstance';
import { Disposable } from '../platform/disposable';
import { StateChecks } from '../services/stateChecks';
import { TEST_SEAM } from '../base/testSeam';
import { InstanceRegistry } from '../core/instanceRegistry';

/**
 * The notice when a phone has just linked (by code or QR): says to keep WhatsApp open on the
 * phone until the chats finish loading, since GREEN-API reports instant logouts when that is
 * interrupted (green-api/issues#603), then follows getWaSettings' `historySyncProgress` (every
 * 5 s, at most 5 min; StateChecks.followHistorySync) in a cancellable progress notification
 * showing the percent, while GREEN-API reports it. One follow per instance; it ends when the
 * instance is removed or moved, and all end on dispose.
 */
export class LinkedNotices extends Disposable {
  private readonly follows = new Map<string, { readonly apiUrl: string; readonly abort: AbortController }>();
  /** Every percent shown, for the tests. */
  private readonly shown: { idInstance: string; message: string }[] = [];

  constructor(
    private readonly stateChecks: StateChecks,
    registry: InstanceRegistry,
  ) {
    super();
    // Removed, or moved to another host: its follow stops, so no request goes out with a token that is gone.
    this.register(
      registry.onDidChange(() => {
        for (const [idInstance, follow] of this.follows) {
          if (registry.get(idInstance)?.apiUrl !== follow.apiUrl) follow.abort.abort();
        }
      }),
    );
    this.register(new vscode.Disposable(() => [...this.follows.values()].forEach((follow) => follow.abort.abort())));
  }

  /** Shows `linkedText` ("… is now authorized …") with the advice, then the loading progress. */
  announce(record: InstanceRecord, linkedText: string): void {
    // l10n: {0} is the sentence "<name> is now authorized: WhatsApp is linked." (or "…: the phone scanned the QR code."). GREEN-API may log the device out again if loading the chats on the phone is interrupted.
    void vscode.window.showInformationMessage(
      t('{0} Keep WhatsApp open on the phone until your chats finish loading.', linkedText),
    );
    this.follows.get(record.idInstance)?.abort.abort();
    const follow = { apiUrl: record.apiUrl, abort: new AbortController() };
    this.follows.set(record.idInstance, follow);
    void this.follow(record, follow.abort).finally(() => {
      if (this.follows.get(record.idInstance) === follow) this.follows.delete(record.idInstance);
    });
  }

  /** Follows under way and the messages shown, for the tests of the no-timer-left promise. */
  [TEST_SEAM](): { readonly activeCount: number; readonly shown: readonly { idInstance: string; message: string }[] } {
    return { activeCount: this.follows.size, shown: this.shown };
  }

  private async follow(record: InstanceRecord, abort: AbortController): Promise<void> {
    let report: ((message: string) => void) | undefined;
    let close = (): void => undefined;
    const closed = new Promise<void>((resolve) => (close = resolve));
    const onProgress = (percent: number): void => {
      // l10n: Progress text under the title "GREEN-API: <instance name>" right after a link; {0} is a percent (0–100) of the chat history GREEN-API has loaded.
      const message = t('Loading chats: {0}%. Keep WhatsApp open on the phone until it finishes.', percent);
      this.shown.push({ idInstance: record.idInstance, message });
      if (report) return report(message);
      if (percent >= 100) return;
      let first = message;
      report = (next) => (first = next);
      void vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: `GREEN-API: ${displayName(record)}`,
          cancellable: true,
        },
        (progress, cancellation) => {
          report = (next) => progress.report({ message: next });
          progress.report({ message: first });
          const onCancel = cancellation.onCancellationRequested(() => abort.abort());
          return closed.finally(() => onCancel.dispose());
        },
      );
    };
    try {
      await this.stateChecks.followHistorySync(record, abort.signal, onProgress);
    } finally {
      close();
    }
  }
}
