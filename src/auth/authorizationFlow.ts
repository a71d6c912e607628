import * as vscode from 'vscode';
import { t } from '../core/l10n';
import { AuthorizationCodeAnswer } from '../api/responses';
import { readSettings } from '../config';
import { formatAuthorizationCode, formatRemaining, isolateLeftToRight } from '../core/countdown';
import { adviseForCode } from '../failures/explain';
import { maskPhoneNumber } from '../core/phoneNumber';
import { CodeRequestsInFlight } from '../core/codeRequests';
import { PendingCodes } from '../core/pendingCodes';
import { InstanceRecord, displayName } from '../core/storedInstance';
import { StateChecks } from '../services/stateChecks';
import { InstanceRegistry } from '../core/instanceRegistry';
import { Log } from '../log';
import { showFailure, showMessage } from '../failures/showFailure';
import { Disposable } from '../util/disposable';

export interface IssuedCode {
  readonly code: string;
  /** Epoch ms. */
  readonly expiresAt: number;
}

function enterCodeSteps(): string {
  return t('On the phone, open WhatsApp → Settings → Linked devices → Link a device → Link with phone number instead, then type the code.');
}

/** The actions the flow's buttons lead to; the typed actions supply them. */
export interface FlowWaysOut {
  /** Logs out after the user's own click on "Log Out and Get a Code", so no second confirmation; resolves true when unlinked. */
  readonly logout: (idInstance: string) => Promise<boolean | undefined>;
  /** The interactive edit form, for "Update Token" and "Edit Instance". */
  readonly edit: (idInstance: string) => Promise<unknown>;
  /** Checks the state now and says what it means. */
  readonly checkState: (idInstance: string) => Promise<unknown>;
  /** Copies the instance's pending code. */
  readonly copyCode: (idInstance: string) => Promise<unknown>;
}

type Outcome =
  | { readonly type: 'issued'; readonly answer: AuthorizationCodeAnswer }
  | { readonly type: 'notReady'; readonly state: string };

/**
 * From "give me a code" to a code on screen: checks the state, asks GREEN-API under a
 * cancellable progress notification, and hands the code to PendingCodes. Never calls
 * getAuthorizationCode again by itself: a repeat is the user's choice (see README).
 */
export class AuthorizationFlow extends Disposable {
  private readonly inFlight = new CodeRequestsInFlight<IssuedCode | undefined>();

  constructor(
    private readonly registry: InstanceRegistry,
    private readonly pendingCodes: PendingCodes,
    private readonly stateChecks: StateChecks,
    private readonly log: Log,
    private readonly waysOut: FlowWaysOut,
  ) {
    super();
    this.register(pendingCodes.onDidChange((event) => {
      const record = this.registry.get(event.code.idInstance);
      const name = record ? displayName(record) : event.code.idInstance;
      if (event.type === 'linked') {
        this.log.info(`${name} (${event.code.idInstance}) is now authorized.`);
        void vscode.window.showInformationMessage(t('{0} is now authorized: WhatsApp is linked.', name));
      } else if (event.type === 'expired' && record) {
        showMessage('warning', t('The code for {0} expired before it was typed in WhatsApp.', name), ['tryAgain'], {
          tryAgain: () => this.request(record, event.code.phone),
        }, this.log);
      }
    }));
    this.register(new vscode.Disposable(() => this.inFlight.cancelAll()));
  }

  /** Aborts a request under way for this instance, for example because it was removed. */
  cancel(idInstance: string): void {
    this.inFlight.cancel(idInstance);
  }

  /**
   * Asks for a code. A second call for the same instance and number while one is under
   * way joins it: one request, one result. One for another number is refused with a
   * message (it would otherwise get the first number's code).
   */
  request(record: InstanceRecord, phone: string): Promise<IssuedCode | undefined> {
    const start = this.inFlight.request(record.idInstance, phone, (abort) => this.run(record, phone, abort));
    if (start.kind === 'refused') {
      this.log.warn(`${record.idInstance}: a code for ${maskPhoneNumber(start.phoneInFlight)} is under way; refused one for ${maskPhoneNumber(phone)}.`);
      void vscode.window.showWarningMessage(
        t('A code for {0} is already being requested for {1}. Wait for it or cancel it, then ask again for {2}.', displayName(record), maskPhoneNumber(start.phoneInFlight), maskPhoneNumber(phone)),
      );
      return Promise.resolve(undefined);
    }
    if (start.kind === 'joined') this.log.info(`${record.idInstance}: a code request for this number is already under way; joining it.`);
    return start.result;
  }

  private async run(record: InstanceRecord, phone: string, abort: AbortController): Promise<IssuedCode | undefined> {
    const name = displayName(record);
    const masked = maskPhoneNumber(phone);
    let outcome: Outcome;
    try {
      outcome = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `GREEN-API: ${name}`, cancellable: true },
        async (progress, cancellation) => {
          const onCancel = cancellation.onCancellationRequested(() => abort.abort());
          try {
            progress.report({ message: t('checking the instance state…') });
            const stateInstance = await this.stateChecks.check(record, { signal: abort.signal });
            if (stateInstance !== 'notAuthorized') return { type: 'notReady', state: stateInstance } as const;
            progress.report({ message: t('requesting an authorization code for {0}. This can take up to 30 s.', masked) });
            return { type: 'issued', answer: await this.stateChecks.requestAuthorizationCode(record, phone, { signal: abort.signal }) } as const;
          } finally {
            onCancel.dispose();
          }
        },
      );
    } catch (error) {
      showFailure(error, name, {
        tryAgain: () => this.request(record, phone),
        updateToken: () => this.waysOut.edit(record.idInstance),
        editInstance: () => this.waysOut.edit(record.idInstance),
        checkState: () => this.waysOut.checkState(record.idInstance),
      }, this.log);
      return undefined;
    }

    if (outcome.type === 'notReady') {
      this.explainNotReady(record, phone, outcome.state);
      return undefined;
    }
    if (!outcome.answer.status) {
      this.log.warn(`${name}: GREEN-API answered status false: no code issued.`);
      showMessage('error', t('GREEN-API could not issue a code for {0}. Try again; if it keeps failing, reboot the instance first.', name), ['tryAgain', 'rebootAndTryAgain', 'checkState'], {
        tryAgain: () => this.request(record, phone),
        rebootAndTryAgain: async () => {
          await this.stateChecks.reboot(record);
          void vscode.window.showInformationMessage(t('{0} is rebooting. Ask for a code again once it is back (a few seconds).', name));
        },
        checkState: () => this.waysOut.checkState(record.idInstance),
      }, this.log);
      return undefined;
    }

    const validityMs = readSettings().codeValiditySeconds * 1000;
    const pending = this.pendingCodes.issue(record.idInstance, outcome.answer.code, phone, validityMs);
    this.log.info(`${name}: code issued for ${masked}, valid until ${new Date(pending.expiresAt).toLocaleTimeString()}.`);
    this.rememberPhone(record.idInstance, phone);
    this.announce(name, record.idInstance, pending.code, validityMs);
    return { code: pending.code, expiresAt: pending.expiresAt };
  }

  /**
   * Remembers the number for the next code, on the record as it is now: an Edit made while
   * the code was on its way stays, and an instance removed meanwhile is not brought back.
   */
  private rememberPhone(idInstance: string, phone: string): void {
    const current = this.registry.get(idInstance);
    if (!current || current.lastPhone === phone) return;
    void this.registry.save({ ...current, lastPhone: phone }).catch((error: unknown) => this.log.warn(`Could not remember the phone number: ${String(error)}`));
  }

  private announce(name: string, idInstance: string, code: string, validityMs: number): void {
    const copy = t('Copy Code');
    const howTo = t('How to Enter It');
    void vscode.window
      .showInformationMessage(t('Code {0} for {1}: type it in WhatsApp within {2}.', isolateLeftToRight(formatAuthorizationCode(code)), name, formatRemaining(validityMs)), copy, howTo)
      .then((chosen) => {
        if (chosen === copy) void this.waysOut.copyCode(idInstance);
        if (chosen === howTo) void vscode.window.showInformationMessage(t('Enter {0} in WhatsApp', isolateLeftToRight(formatAuthorizationCode(code))), { modal: true, detail: enterCodeSteps() });
      });
  }

  private explainNotReady(record: InstanceRecord, phone: string, state: string): void {
    const name = displayName(record);
    const advice = adviseForCode(state, name);
    if (advice.canRequestCode) return;
    this.log.info(`${name}: no code requested, the instance is ${state}.`);
    if (advice.alreadyLinked) {
      const logoutFirst = t('Log Out and Get a Code');
      void vscode.window.showWarningMessage(advice.message, logoutFirst).then(async (chosen) => {
        if (chosen === logoutFirst && (await this.waysOut.logout(record.idInstance))) {
          await this.request(record, phone);
        }
      });
      return;
    }
    const retry = state === 'starting' ? ['tryAgain' as const] : [];
    showMessage('warning', advice.message, [...retry, 'checkState'], {
      tryAgain: () => this.request(record, phone),
      checkState: () => this.waysOut.checkState(record.idInstance),
    }, this.log);
  }
}
