import { originOf } from '../core/validation';
import * as vscode from 'vscode';
import { t } from '../core/l10n';
import { AuthorizationCodeAnswer } from '../api/responses';
import { readSettings } from '../platform/config';
import { adviseForCode } from '../failures/explain';
import { maskPhoneNumber } from '../core/phoneNumber';
import { PendingCodes } from '../core/pendingCodes';
import { InstanceRecord, displayName } from '../core/storedInstance';
import { StateChecks } from '../services/stateChecks';
import { InstanceRegistry } from '../core/instanceRegistry';
import { Log } from '../platform/log';
import { showFailure, showMessage } from '../failures/showFailure';
import { Disposable } from '../platform/disposable';
import { isGreenApiError } from '../api/errors';
import { CodeRequestsInFlight } from '../core/codeRequests';
import { RunWayOut } from '../core/waysOut';

export interface IssuedCode {
  readonly code: string;
  /** Epoch ms. */
  readonly expiresAt: number;
}

/**
 * How one request for a code ended. `refused` is GREEN-API's `status: false`; `notReady`
 * carries the `stateInstance` that forbids a code; `failed` the error thrown.
 */
export type CodeOutcome =
  | { readonly type: 'issued'; readonly issued: IssuedCode }
  | { readonly type: 'refused' }
  | { readonly type: 'notReady'; readonly state: string }
  | { readonly type: 'failed'; readonly error: unknown }
  /** Refused here: a request for another number (`phoneInFlight`, digits) is under way. */
  | { readonly type: 'busy'; readonly phoneInFlight: string }
  | { readonly type: 'cancelled' };

/**
 * Where the request was asked for. `notification`: a command or a row; it runs under the
 * cancellable progress notification and ends in at most one notification. `panel`: the
 * Link panel shows the progress and the outcome itself, so no notification at all.
 */
export type CodeSurface = 'notification' | 'panel';

type Answer = { readonly type: 'answer'; readonly answer: AuthorizationCodeAnswer } | { readonly type: 'notReady'; readonly state: string };

/**
 * From "give me a code" to a pending code: checks the state, asks GREEN-API, and hands
 * the code to PendingCodes (whose `issued` event opens the Link panel and the status-bar
 * item; no notification ever holds the code). Never calls getAuthorizationCode again by
 * itself: a repeat is the user's choice (see README).
 */
export class AuthorizationFlow extends Disposable {
  private readonly inFlight = new CodeRequestsInFlight<CodeOutcome>();

  constructor(
    private readonly registry: InstanceRegistry,
    private readonly pendingCodes: PendingCodes,
    private readonly stateChecks: StateChecks,
    private readonly log: Log,
    /** What the flow's buttons lead to (`Actions.runWayOut`): the edit form, a state check, the QR panel, a log out. */
    private readonly runWayOut: RunWayOut,
  ) {
    super();
    this.register(pendingCodes.onDidChange((event) => {
      const record = this.registry.get(event.code.idInstance);
      const name = record ? displayName(record) : event.code.idInstance;
      // The one outcome notification of a flow: linked, or expired with New Code.
      if (event.type === 'linked') {
        this.log.info(`${name} (${event.code.idInstance}) is now authorized.`);
        void vscode.window.showInformationMessage(t('{0} is now authorized: WhatsApp is linked.', name));
      } else if (event.type === 'expired' && record) {
        const newCode = t('New Code');
        void vscode.window.showWarningMessage(t('The code for {0} expired before it was typed in WhatsApp.', name), newCode).then((chosen) => {
          if (chosen === newCode) void this.request(record, event.code.phone, 'notification');
        });
      }
    }));
    this.register(new vscode.Disposable(() => this.inFlight.cancelAll()));
  }

  /** Whether a request for this instance is under way (the panel shows it as busy). */
  isRequesting(idInstance: string): boolean {
    return this.inFlight.has(idInstance);
  }

  /** Aborts a request under way for this instance (removed, or the panel's Cancel). */
  cancel(idInstance: string): void {
    this.inFlight.cancel(idInstance);
  }

  /**
   * Asks for a code for `phone` (international digits). A second call for the same
   * instance and number while one is under way joins it: one request, one result. One for
   * another number is refused (`busy`, said in a warning on the notification surface): it
   * would otherwise get the first number's code. Never throws: the outcome says how it
   * ended, and on the `notification` surface a failure has already been shown with its
   * ways out.
   */
  request(record: InstanceRecord, phone: string, surface: CodeSurface): Promise<CodeOutcome> {
    const start = this.inFlight.request(record.idInstance, phone, (abort) => this.run(record, phone, surface, abort));
    if (start.kind === 'refused') {
      this.log.warn(`${record.idInstance}: a code for ${maskPhoneNumber(start.phoneInFlight)} is under way; refused one for ${maskPhoneNumber(phone)}.`);
      if (surface === 'notification') {
        void vscode.window.showWarningMessage(
          t('A code for {0} is already being requested for {1}. Wait for it or cancel it, then ask again for {2}.', displayName(record), maskPhoneNumber(start.phoneInFlight), maskPhoneNumber(phone)),
        );
      }
      return Promise.resolve({ type: 'busy', phoneInFlight: start.phoneInFlight });
    }
    if (start.kind === 'joined') this.log.info(`${record.idInstance}: a code request for this number is already under way; joining it.`);
    return start.result;
  }

  private async run(record: InstanceRecord, phone: string, surface: CodeSurface, abort: AbortController): Promise<CodeOutcome> {
    const name = displayName(record);
    let answer: Answer;
    try {
      answer = surface === 'panel' ? await this.ask(record, phone, abort.signal) : await this.askUnderProgress(record, phone, abort);
    } catch (error) {
      if (isGreenApiError(error) && error.kind === 'cancelled') return { type: 'cancelled' };
      if (surface === 'notification') this.showFailed(record, phone, error);
      else this.log.warn(`${name}: getAuthorizationCode failed: ${error instanceof Error ? error.message : String(error)}`);
      return { type: 'failed', error };
    }
    if (answer.type === 'notReady') {
      this.log.info(`${name}: no code requested, the instance is ${answer.state}.`);
      if (surface === 'notification') this.explainNotReady(record, phone, answer.state);
      return { type: 'notReady', state: answer.state };
    }
    if (!answer.answer.status) {
      this.log.warn(`${name}: GREEN-API answered status false: no code issued.`);
      if (surface === 'notification') this.showRefused(record, phone);
      return { type: 'refused' };
    }
    const validityMs = readSettings().codeValiditySeconds * 1000;
    const pending = this.pendingCodes.issue(record.idInstance, answer.answer.code, phone, validityMs);
    this.log.info(`${name}: code issued for ${maskPhoneNumber(phone)}, valid until ${new Date(pending.expiresAt).toLocaleTimeString()}.`);
    // Queued and checked against the host the code came from: a move meanwhile keeps the number off the new host (I3).
    void this.registry.update(record.idInstance, { lastPhone: phone }, originOf(record.apiUrl)).catch((error: unknown) => this.log.warn(`Could not remember the phone number: ${String(error)}`));
    return { type: 'issued', issued: { code: pending.code, expiresAt: pending.expiresAt } };
  }

  /** The state check, then getAuthorizationCode; throws the client's errors. */
  private async ask(record: InstanceRecord, phone: string, signal: AbortSignal, report?: (message: string) => void): Promise<Answer> {
    // l10n: Progress text under the notification title "GREEN-API: Get Authorization Code".
    report?.(t('checking the instance state…'));
    const stateInstance = await this.stateChecks.check(record, { signal });
    if (stateInstance !== 'notAuthorized') return { type: 'notReady', state: stateInstance };
    // l10n: Progress text under the notification title "GREEN-API: Get Authorization Code". {0} is a masked phone number such as 4412******90.
    report?.(t('requesting an authorization code for {0}. This can take up to 30 s.', maskPhoneNumber(phone)));
    return { type: 'answer', answer: await this.stateChecks.requestAuthorizationCode(record, phone, { signal }) };
  }

  private askUnderProgress(record: InstanceRecord, phone: string, abort: AbortController): Thenable<Answer> {
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `GREEN-API: ${displayName(record)}`, cancellable: true },
      async (progress, cancellation) => {
        const onCancel = cancellation.onCancellationRequested(() => abort.abort());
        try {
          return await this.ask(record, phone, abort.signal, (message) => progress.report({ message }));
        } finally {
          onCancel.dispose();
        }
      },
    );
  }

  private showFailed(record: InstanceRecord, phone: string, error: unknown): void {
    showFailure(error, displayName(record), {
      tryAgain: () => this.request(record, phone, 'notification'),
      // Update Token and Edit Instance resume what failed: the same request, with the saved record.
      updateToken: () => this.editThenRetry(record, phone),
      editInstance: () => this.editThenRetry(record, phone),
      checkState: () => this.runWayOut('checkState', record.idInstance),
    }, this.log, this.runWayOut);
  }

  private async editThenRetry(record: InstanceRecord, phone: string): Promise<void> {
    if (!(await this.runWayOut('editInstance', record.idInstance))) return;
    const saved = this.registry.get(record.idInstance);
    if (saved) await this.request(saved, phone, 'notification');
  }

  /** `status: false`: GREEN-API's known workaround is a reboot, then ask again, or the QR (see README). */
  private showRefused(record: InstanceRecord, phone: string): void {
    showMessage('error', t('GREEN-API could not issue a code for {0}. Reboot the instance and try again, or link with a QR code.', displayName(record)), ['rebootAndTryAgain', 'useQr'], {
      rebootAndTryAgain: () => this.rebootAndRetry(record, phone, 'notification'),
      useQr: () => this.runWayOut('useQr', record.idInstance),
    }, this.log);
  }

  /**
   * Reboots the instance (the user's own click, so no confirmation), waits until it has
   * left `starting` (bounded by the code timeout), then asks once more.
   */
  async rebootAndRetry(record: InstanceRecord, phone: string, surface: CodeSurface): Promise<CodeOutcome> {
    try {
      await this.stateChecks.reboot(record);
      const deadline = Date.now() + readSettings().authorizationCodeTimeoutSeconds * 1000;
      while (Date.now() < deadline && (await this.stateChecks.check(record)) === 'starting') {
        await new Promise((resolve) => setTimeout(resolve, readSettings().statePollIntervalSeconds * 1000));
      }
    } catch (error) {
      if (surface === 'notification') this.showFailed(record, phone, error);
      return { type: 'failed', error };
    }
    return this.request(record, phone, surface);
  }

  private explainNotReady(record: InstanceRecord, phone: string, state: string): void {
    const advice = adviseForCode(state, displayName(record));
    if (advice.canRequestCode) return;
    if (advice.alreadyLinked) {
      showMessage('warning', advice.message, ['logoutAndGetCode'], {
        logoutAndGetCode: async () => {
          if (await this.runWayOut('logoutAndGetCode', record.idInstance)) await this.request(record, phone, 'notification');
        },
      }, this.log);
      return;
    }
    const retry = state === 'starting' ? ['tryAgain' as const] : [];
    showMessage('warning', advice.message, [...retry, 'checkState'], {
      tryAgain: () => this.request(record, phone, 'notification'),
      checkState: () => this.runWayOut('checkState', record.idInstance),
    }, this.log);
  }
}
