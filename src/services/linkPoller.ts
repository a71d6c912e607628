import * as vscode from 'vscode';
import { isGreenApiError } from '../api/errors';
import { readSettings } from '../platform/config';
import { isBoundToPhone } from '../core/linkState';
import { PendingCodes } from '../core/pendingCodes';
import { InstanceRegistry } from '../core/instanceRegistry';
import { Log } from '../platform/log';
import { StateChecks } from './stateChecks';
import { Disposable } from '../platform/disposable';
import { TEST_SEAM } from '../base/testSeam';

/**
 * While a code waits to be typed, asks GREEN-API for the instance's state every few
 * seconds: the moment it turns authorized is the moment the phone was linked (what
 * GREEN-API's "Account status" notification reports). Polling stops when the code
 * expires, is cleared, the instance is removed, or the extension is deactivated.
 */
export class LinkPoller extends Disposable {
  private readonly polls = new Map<string, { timer: NodeJS.Timeout | undefined; abort: AbortController }>();

  constructor(
    private readonly pendingCodes: PendingCodes,
    private readonly registry: InstanceRegistry,
    private readonly stateChecks: StateChecks,
    private readonly log: Log,
  ) {
    super();
    this.register(
      pendingCodes.onDidChange((event) => {
        if (event.type === 'issued') this.start(event.code.idInstance);
        else this.stop(event.code.idInstance);
      }),
    );
    this.register(new vscode.Disposable(() => [...this.polls.keys()].forEach((id) => this.stop(id))));
  }

  /** How many instances are being watched, for the tests of the no-timer-left promise. */
  [TEST_SEAM](): { readonly activeCount: number } {
    return { activeCount: this.polls.size };
  }

  private start(idInstance: string): void {
    this.stop(idInstance);
    const poll = { timer: undefined as NodeJS.Timeout | undefined, abort: new AbortController() };
    this.polls.set(idInstance, poll);
    this.schedule(idInstance, poll, readSettings().statePollIntervalSeconds * 1000);
  }

  private stop(idInstance: string): void {
    const poll = this.polls.get(idInstance);
    if (!poll) return;
    clearTimeout(poll.timer);
    poll.abort.abort();
    this.polls.delete(idInstance);
  }

  private schedule(
    idInstance: string,
    poll: { timer: NodeJS.Timeout | undefined; abort: AbortController },
    delayMs: number,
  ): void {
    poll.timer = setTimeout(() => void this.check(idInstance, poll), delayMs);
  }

  private async check(
    idInstance: string,
    poll: { timer: NodeJS.Timeout | undefined; abort: AbortController },
  ): Promise<void> {
    const record = this.registry.get(idInstance);
    if (!record || !this.pendingCodes.get(idInstance)) {
      this.stop(idInstance);
      return;
    }
    let nextDelay = readSettings().statePollIntervalSeconds * 1000;
    try {
      // The check also learns the linked phone, for the view.
      const stateInstance = await this.stateChecks.check(record, { signal: poll.abort.signal });
      // Restricted (yellowCard, suspended) still means the code worked: an account is bound now.
      if (isBoundToPhone(stateInstance)) {
        this.pendingCodes.markLinked(idInstance);
        return;
      }
    } catch (error) {
      if (poll.abort.signal.aborted) return;
      if (isGreenApiError(error) && error.kind === 'rateLimited') {
        nextDelay = Math.max(nextDelay, error.retryAfterMs ?? nextDelay * 2);
      }
      // A failed poll is not the user's problem yet: the code is still valid. Log and go on.
      this.log.warn(
        `Checking whether ${idInstance} is linked failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (this.polls.get(idInstance) === poll) this.schedule(idInstance, poll, nextDelay);
  }
}
