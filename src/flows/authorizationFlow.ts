import { originOf } from '../core/validation';
import { t } from '../core/l10n';
import { AuthorizationCodeAnswer } from '../api/responses';
import { readSettings } from '../platform/config';
import { maskPhoneNumber } from '../core/phoneNumber';
import { PendingCodes } from '../core/pendingCodes';
import { InstanceRecord, displayName } from '../core/storedInstance';
import { StateChecks } from '../services/stateChecks';
import { InstanceRegistry } from '../core/instanceRegistry';
import { Log } from '../platform/log';
import { isGreenApiError } from '../api/errors';
import { CodeRequestsInFlight } from '../core/codeRequests';
import { CodeOutcome } from '../core/codeOutcome';

/** Progress of a request in words, for the surface that shows it (the notification's progress). */
export type ReportProgress = (message: string) => void;

type Answer =
  | { readonly type: 'answer'; readonly answer: AuthorizationCodeAnswer }
  | { readonly type: 'notReady'; readonly state: string }
  | { readonly type: 'cleanupRunning' }
  | { readonly type: 'cancelled' };

/**
 * From "give me a code" to a pending code: checks the state, asks GREEN-API, and hands
 * the code to PendingCodes (whose `issued` event opens the Link panel and the status-bar
 * item; no notification ever holds the code). Shows nothing itself: it returns how the
 * request ended, and the surface that asked words it (`describeOutcome`). Never calls
 * getAuthorizationCode again by itself: a repeat is the user's choice (see README).
 */
export class AuthorizationFlow {
  private readonly inFlight = new CodeRequestsInFlight<CodeOutcome>();

  constructor(
    private readonly registry: InstanceRegistry,
    private readonly pendingCodes: PendingCodes,
    private readonly stateChecks: StateChecks,
    private readonly log: Log,
  ) {}

  /** Whether a request for this instance is under way (the panel shows it as busy). */
  isRequesting(idInstance: string): boolean {
    return this.inFlight.has(idInstance);
  }

  /** Aborts a request under way for this instance (removed, a Cancel button). */
  cancel(idInstance: string): void {
    this.inFlight.cancel(idInstance);
  }

  /**
   * Asks for a code for `phone` (international digits); `report` hears the progress of a
   * request this call starts. A second call for the same instance and number while one is
   * under way joins it: one request, one result. One for another number is refused (`busy`):
   * it would otherwise get the first number's code. Never throws: the outcome says how it ended.
   */
  request(record: InstanceRecord, phone: string, report?: ReportProgress): Promise<CodeOutcome> {
    const start = this.inFlight.request(record.idInstance, phone, (abort) =>
      this.run(record, phone, abort.signal, report),
    );
    if (start.kind === 'refused') {
      this.log.warn(
        `${record.idInstance}: a code for ${maskPhoneNumber(start.phoneInFlight)} is under way; refused one for ${maskPhoneNumber(phone)}.`,
      );
      return Promise.resolve({ type: 'busy', phoneInFlight: start.phoneInFlight, phone });
    }
    if (start.kind === 'joined') {
      this.log.info(`${record.idInstance}: a code request for this number is already under way; joining it.`);
    }
    return start.result;
  }

  /**
   * Reboots the instance (the user's own click, so no confirmation), waits until it has
   * left `starting` (bounded by the code timeout), then asks once more (see {@link request}).
   */
  async rebootAndRetry(record: InstanceRecord, phone: string, report?: ReportProgress): Promise<CodeOutcome> {
    try {
      await this.stateChecks.reboot(record, 'byUser');
      const deadline = Date.now() + readSettings().authorizationCodeTimeoutSeconds * 1000;
      while (Date.now() < deadline && (await this.stateChecks.check(record)) === 'starting') {
        await new Promise((resolve) => setTimeout(resolve, readSettings().statePollIntervalSeconds * 1000));
      }
    } catch (error) {
      this.log.warn(
        `${displayName(record)}: reboot before a new code failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      return { type: 'failed', error };
    }
    return this.request(record, phone, report);
  }

  /** Disposes with the actions: aborts every request under way. */
  dispose(): void {
    this.inFlight.cancelAll();
  }

  private async run(
    record: InstanceRecord,
    phone: string,
    signal: AbortSignal,
    report: ReportProgress | undefined,
  ): Promise<CodeOutcome> {
    const name = displayName(record);
    let answer: Answer;
    try {
      answer = await this.ask(record, phone, signal, report);
    } catch (error) {
      if (isGreenApiError(error) && error.kind === 'cancelled') return { type: 'cancelled' };
      this.log.warn(`${name}: getAuthorizationCode failed: ${error instanceof Error ? error.message : String(error)}`);
      return { type: 'failed', error };
    }
    if (answer.type === 'cleanupRunning' || answer.type === 'cancelled') return answer;
    if (answer.type === 'notReady') {
      this.log.info(`${name}: no code requested, the instance is ${answer.state}.`);
      return { type: 'notReady', state: answer.state };
    }
    if (!answer.answer.status) {
      this.log.warn(`${name}: GREEN-API answered status false: no code issued.`);
      return { type: 'refused' };
    }
    const validityMs = readSettings().codeValiditySeconds * 1000;
    const pending = this.pendingCodes.issue(record.idInstance, answer.answer.code, phone, validityMs);
    this.log.info(
      `${name}: code issued for ${maskPhoneNumber(phone)}, valid until ${new Date(pending.expiresAt).toLocaleTimeString()}.`,
    );
    // Queued and checked against the host the code came from: a move meanwhile keeps the number off the new host (I3).
    void this.registry
      .update(record.idInstance, { lastPhone: phone }, originOf(record.apiUrl))
      .catch((error: unknown) => this.log.warn(`Could not remember the phone number: ${String(error)}`));
    return { type: 'issued', issued: { code: pending.code, expiresAt: pending.expiresAt } };
  }

  /**
   * The state check, the wait for a logout's cleanup (GREEN-API refuses authorization while
   * getWaSettings says `logoutProcess`), then getAuthorizationCode; throws the client's errors.
   */
  private async ask(
    record: InstanceRecord,
    phone: string,
    signal: AbortSignal,
    report?: ReportProgress,
  ): Promise<Answer> {
    // l10n: Progress text under the notification title "GREEN-API: Get Authorization Code".
    report?.(t('checking the instance state…'));
    const stateInstance = await this.stateChecks.check(record, { signal });
    if (stateInstance !== 'notAuthorized') return { type: 'notReady', state: stateInstance };
    const cleanup = await this.stateChecks.waitForCleanup(record, signal, () =>
      // l10n: Progress text under the notification title "GREEN-API: <instance name>" while GREEN-API cleans up after a Log Out; the code is asked for when it ends.
      report?.(
        t(
          "GREEN-API is still cleaning up the instance's data after the logout; the code is asked for once it ends (up to a minute)…",
        ),
      ),
    );
    if (cleanup === 'cancelled') return { type: 'cancelled' };
    if (cleanup === 'stillCleaning') return { type: 'cleanupRunning' };
    // l10n: Progress text under the notification title "GREEN-API: Get Authorization Code". {0} is a masked phone number such as 4412******90.
    report?.(t('requesting an authorization code for {0}. This can take up to 30 s.', maskPhoneNumber(phone)));
    return { type: 'answer', answer: await this.stateChecks.requestAuthorizationCode(record, phone, { signal }) };
  }
}
