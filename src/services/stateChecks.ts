import * as vscode from 'vscode';
import { InstanceAddress } from '../api/client';
import { failureVerdict, isGreenApiError } from '../api/errors';
import { AuthorizationCodeAnswer } from '../api/responses';
import { ApiClients } from './apiClients';
import { readSettings } from '../platform/config';
import { InstanceRegistry } from '../core/instanceRegistry';
import { InstanceStates } from '../core/instanceStates';
import { isBoundToPhone } from '../core/linkState';
import { originOf } from '../core/validation';
import { FailureVerdict } from '../core/qrPoller';
import { QrAnswer } from '../base/qrAnswer';
import { RefreshQueue, RefreshReport } from '../core/refreshQueue';
import { explain, rowFix } from '../failures/explain';
import { Log } from '../platform/log';
import { TEST_SEAM } from '../base/testSeam';
import { ExpectedChanges } from '../core/expectedChanges';
import { CLEANUP_BOUND_MS, CleanupWait, followHistorySync, waitWhileCleaning } from '../core/waSettingsPolls';

/** Options of one call: a signal to cancel it (an aborted call fails with a `cancelled` GreenApiError). */
export interface CheckOptions {
  readonly signal?: AbortSignal;
}

/**
 * Who asked for a Log Out or a Reboot: `byUser` for a click in this extension's UI or a confirmation
 * the user answered; `byArgument` for a command another extension, a task or a keybinding ran with
 * `skipConfirmation`, which the user never saw. Only the user's own change is expected by the watch.
 */
export type ChangeAskedBy = 'byUser' | 'byArgument';

/** What {@link StateChecks.verifyAll} learned: a reason in words per failed idInstance, a state per answered one. */
export interface HostChecks {
  readonly failures: ReadonlyMap<string, string>;
  readonly states: ReadonlyMap<string, string>;
}

/**
 * The one owner of the calls that ask GREEN-API about an instance or change its link
 * (getStateInstance, getWaSettings, qr, logout, reboot, getAuthorizationCode, as in
 * https://green-api.com/en/docs/api/account/); each records what it learns in InstanceStates,
 * which everything else only reads. Checks of many instances share a RefreshQueue (bounded
 * concurrency, one request per instance, 429s waited out). Throws the GreenApiError kinds.
 */
export class StateChecks implements vscode.Disposable {
  private readonly queue: RefreshQueue;
  /** Signal-less checks under way, per idInstance, so a second one joins the first. */
  private readonly shared = new Map<string, Promise<string>>();
  /** The bound of {@link waitForCleanup}; the tests shorten it through the test seam. */
  private cleanupBoundMs = CLEANUP_BOUND_MS;

  constructor(
    private readonly registry: InstanceRegistry,
    private readonly states: InstanceStates,
    private readonly clients: ApiClients,
    private readonly log: Log,
    /** Where a Log Out's and a Reboot's results are announced as expected, to the watch of every window. */
    private readonly expected?: ExpectedChanges,
  ) {
    this.queue = new RefreshQueue({
      concurrency: () => readSettings().refreshConcurrency,
      // A 429 pauses the host that sent it, not the others.
      hostOf: (idInstance) => hostOf(this.registry.get(idInstance)?.apiUrl) ?? idInstance,
      check: async (idInstance) => {
        const record = this.registry.get(idInstance);
        if (record) await this.check(record);
      },
      rateLimit: (error) =>
        isGreenApiError(error) && error.kind === 'rateLimited'
          ? { retryAfterMs: failureVerdict(error).retryAfterMs }
          : undefined,
    });
  }

  /**
   * Asks for the `stateInstance` of `instance` (stored, or being added or edited), records it,
   * and when linked or restricted learns the phone too (getWaSettings; its failure changes
   * nothing). Resolves to the state name (`creating` for an instance still being created). A
   * check without a signal joins one under way for the same stored instance. Throws the
   * client's GreenApiError after recording it as the instance's failure.
   */
  check(instance: InstanceAddress, options: CheckOptions = {}): Promise<string> {
    const joinable = options.signal === undefined && this.isStored(instance);
    // Keyed by host too: a check of an instance just moved to another host never joins one still asking the old host.
    const key = `${instance.idInstance} ${instance.apiUrl}`;
    const joined = joinable ? this.shared.get(key) : undefined;
    if (joined) return joined;
    const run = this.checkNow(instance, options.signal);
    if (!joinable) return run;
    const tracked = run.finally(() => this.shared.delete(key));
    this.shared.set(key, tracked);
    return tracked;
  }

  /** Checks every stored instance through the queue; resolves with the counts, never throws. */
  async checkAll(): Promise<RefreshReport> {
    await this.registry.ready();
    // A row without its token on this machine is never checked: nothing is sent for it.
    const ids = this.registry
      .list()
      .filter((instance) => !instance.tokenMissing)
      .map((instance) => instance.idInstance);
    const started = Date.now();
    const report = await this.queue.refresh(ids);
    this.log.info(
      `Checked ${report.checked} of ${ids.length} instances in ${Date.now() - started} ms (${report.failed} failed, ${report.rateLimitWaits} rate-limit waits).`,
    );
    return report;
  }

  /**
   * One getStateInstance for each of `instances` (not stored yet: partner import's
   * suggested hosts), at most `greenApi.refreshConcurrency` at a time, recording what it
   * learns. Resolves to the failures by idInstance (the reason in words) and the states of
   * the others (`creating` for one GREEN-API is still creating: its host answered); never
   * throws. An aborted `signal` stops starting new checks and fails the rest as cancelled.
   */
  async verifyAll(instances: readonly InstanceAddress[], signal?: AbortSignal): Promise<HostChecks> {
    const failures = new Map<string, string>();
    const states = new Map<string, string>();
    const concurrency = readSettings().refreshConcurrency;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < instances.length) {
        const instance = instances[next++] as InstanceAddress;
        try {
          states.set(instance.idInstance, await this.check(instance, { signal }));
        } catch (error) {
          failures.set(instance.idInstance, explain(error, instance.idInstance).badge);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, instances.length) }, worker));
    return { failures, states };
  }

  /** Checks one stored instance through the queue (its 429s waited out); never throws. */
  refresh(idInstance: string): Promise<RefreshReport> {
    return this.queue.refresh([idInstance]);
  }

  /**
   * After an instance moved to another host: its state (the old host's) is forgotten, and an
   * instance whose state was known is checked afresh through the queue; never throws. One
   * removed and added again had no state left, and whoever added it checks it (the view, the
   * add flow), so it is not asked twice. A check under way was asking the old host (the queue
   * would join it), so one more follows it.
   */
  async startAfresh(idInstance: string): Promise<void> {
    if (!this.states.forget(idInstance)) return;
    const joined = this.queue.isChecking(idInstance);
    await this.queue.refresh([idInstance]);
    if (joined) await this.queue.refresh([idInstance]);
  }

  /**
   * One `qr` answer for the QR panel's poller; "already logged in" is recorded as
   * `authorized` (the phone scanned the code, or was linked before). Throws the client's
   * GreenApiError.
   */
  async fetchQr(instance: InstanceAddress, options: CheckOptions = {}): Promise<QrAnswer> {
    const answer = await this.clients.for(instance).qr(options);
    if (answer.type === 'alreadyLogged' && this.speaksFor(instance)) {
      this.states.learned(instance.idInstance, 'authorized');
    }
    return answer;
  }

  /**
   * Logs the instance out, then checks its state. Resolves true when GREEN-API
   * answered `isLogout: true` or the instance is now `notAuthorized`; throws the
   * logout call's GreenApiError. `asked` says who wants it: `'byUser'` (a click, or a
   * confirmation the user answered) makes the `notAuthorized` that follows expected in every
   * window ({@link ExpectedChanges}); `'byArgument'` (a command run by another extension
   * without a confirmation) expects nothing, so the watch tells it as it tells any unlink
   * (security review S1: such a Log Out must never hide a lost link).
   */
  async logout(instance: InstanceAddress, asked: ChangeAskedBy): Promise<boolean> {
    // Before the call: the check below (or another window's round) may see `notAuthorized` first.
    if (asked === 'byUser') this.expected?.expect(instance.idInstance, 'logout');
    try {
      const { isLogout } = await this.clients.for(instance).logout();
      this.log.info(`${instance.idInstance}: logout answered isLogout=${isLogout}.`);
      const state = await this.check(instance).catch(() => undefined);
      const loggedOut = isLogout || state === 'notAuthorized';
      if (!loggedOut) this.expected?.withdraw(instance.idInstance);
      return loggedOut;
    } catch (error) {
      this.expected?.withdraw(instance.idInstance);
      throw error;
    }
  }

  /**
   * Waits while getWaSettings says `logoutProcess: true` (GREEN-API: "Authorization to the
   * instance is not possible" until the cleanup after a logout ends): reads it every 2 s for at
   * most 60 s (src/core/waSettingsPolls.ts). `onCleaning` hears once that a wait began. A read
   * that fails ends the wait as `clean`: the request that follows says what is wrong. Never throws.
   */
  async waitForCleanup(instance: InstanceAddress, signal: AbortSignal, onCleaning?: () => void): Promise<CleanupWait> {
    const isCleaning = async (): Promise<boolean> => {
      try {
        return (await this.clients.for(instance).getWaSettings({ signal })).logoutProcess === true;
      } catch (error) {
        if (!signal.aborted) {
          this.log.warn(
            `${instance.idInstance}: getWaSettings before a code or QR failed: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
        return false;
      }
    };
    const result = await waitWhileCleaning(isCleaning, { signal, boundMs: this.cleanupBoundMs }, onCleaning);
    if (result !== 'clean') this.log.info(`${instance.idInstance}: the cleanup after the logout: ${result}.`);
    return result;
  }

  /**
   * Follows getWaSettings' `historySyncProgress` (percent) after a link, every 5 s for at most
   * 5 min, stopping at 100 or when the field is absent (src/core/waSettingsPolls.ts); each
   * value goes to `onProgress`. Resolves to the last percent seen; never throws.
   */
  followHistorySync(
    instance: InstanceAddress,
    signal: AbortSignal,
    onProgress: (percent: number) => void,
  ): Promise<number | undefined> {
    const read = async (): Promise<number | undefined> =>
      (await this.clients.for(instance).getWaSettings({ signal })).historySyncProgress;
    return followHistorySync(read, onProgress, { signal });
  }

  /**
   * Reboots the instance; resolves to GREEN-API's `isReboot`, recording `starting` when true.
   * `asked` as for {@link logout}: only the user's own reboot makes `starting` expected
   * ({@link ExpectedChanges}). Throws GreenApiError.
   */
  async reboot(instance: InstanceAddress, asked: ChangeAskedBy): Promise<boolean> {
    // `starting` is expected from now on, in every window: the phone stays linked.
    if (asked === 'byUser') this.expected?.expect(instance.idInstance, 'reboot');
    try {
      const { isReboot } = await this.clients.for(instance).reboot();
      this.log.info(`${instance.idInstance}: reboot answered isReboot=${isReboot}.`);
      if (isReboot) this.states.learned(instance.idInstance, 'starting');
      else this.expected?.withdraw(instance.idInstance);
      return isReboot;
    } catch (error) {
      this.expected?.withdraw(instance.idInstance);
      throw error;
    }
  }

  /**
   * getAuthorizationCode for `phoneDigits` (international, digits only). Called only on
   * the user's request, never repeated here (see README: repeats can push an instance
   * into `starting`). Throws GreenApiError (a timeout after
   * `greenApi.authorizationCodeTimeoutSeconds`).
   */
  requestAuthorizationCode(
    instance: InstanceAddress,
    phoneDigits: string,
    options: CheckOptions = {},
  ): Promise<AuthorizationCodeAnswer> {
    return this.clients.for(instance).getAuthorizationCode(phoneDigits, options);
  }

  /** What a failure of {@link fetchQr} means for the QR poller: final, or retry after the server's Retry-After. */
  verdictOf(error: unknown): FailureVerdict {
    return failureVerdict(error);
  }

  /** Checks under way in the queue, for the tests of the no-work-left promise. */
  [TEST_SEAM](): { readonly activeCount: number; setCleanupBoundMs(ms: number | undefined): void } {
    return {
      activeCount: this.queue.activeCount,
      setCleanupBoundMs: (ms) => (this.cleanupBoundMs = ms ?? CLEANUP_BOUND_MS),
    };
  }

  /** Stops the queue from starting more checks; what is under way ends by its own timeout. */
  dispose(): void {
    this.queue.dispose();
  }

  private async checkNow(instance: InstanceAddress, signal: AbortSignal | undefined): Promise<string> {
    const client = this.clients.for(instance);
    const id = instance.idInstance;
    const listedAtStart = this.registry.entry(id) !== undefined;
    // An answer for an instance removed while it was on its way is nobody's: one added again with the same id starts clean.
    const speaks = (): boolean => this.speaksFor(instance) && !(listedAtStart && this.registry.entry(id) === undefined);
    const marked = this.speaksFor(instance) && this.carriesStoredToken(instance);
    if (marked) this.states.checking(id);
    try {
      const { stateInstance } = await client.getStateInstance({ signal });
      if (speaks()) this.states.learned(id, stateInstance);
      else if (marked) this.states.checkEnded(id);
      if (isBoundToPhone(stateInstance)) {
        // The linked phone is a nicety for the view: its failure must not fail the check.
        const settings = await client.getWaSettings({ signal }).catch(() => undefined);
        if (settings && speaks()) this.states.learnedPhone(id, settings.phone);
      }
      return stateInstance;
    } catch (error) {
      const words = explain(error, id);
      // A failure of a token being tried (Add or Edit over a stored id) says nothing of the stored one's.
      if (speaks() && this.carriesStoredToken(instance)) {
        this.states.failed(id, words.badge, Date.now(), {
          fix: rowFix(words.fix),
          tokenRefused: words.field === 'apiTokenInstance',
          unreached: words.unreached,
        });
      } else if (marked) this.states.checkEnded(id);
      throw error;
    }
  }

  /** True unless a token is stored for the id and `instance` carries another (new values being checked before a save). */
  private carriesStoredToken(instance: InstanceAddress): boolean {
    const stored = this.registry.get(instance.idInstance);
    return stored === undefined || stored.apiTokenInstance === instance.apiTokenInstance;
  }

  /**
   * Whether an answer about `instance` is the listed instance's: true unless that id is listed
   * on another origin. An Edit's check of a new host (before the save), or an answer of the old
   * host arriving after a move, is not recorded under the id, or the watch would read the other
   * host's state as this instance losing its link (security review M1). Read when the answer
   * arrives, not when the call starts.
   */
  private speaksFor(instance: InstanceAddress): boolean {
    const listed = this.registry.entry(instance.idInstance);
    return listed === undefined || originOf(listed.apiUrl) === originOf(instance.apiUrl);
  }

  /** True when `instance` is exactly what the registry holds (a credential check of new values is not). */
  private isStored(instance: InstanceAddress): boolean {
    const stored = this.registry.get(instance.idInstance);
    return (
      stored !== undefined && stored.apiUrl === instance.apiUrl && stored.apiTokenInstance === instance.apiTokenInstance
    );
  }
}

/** The host of an apiUrl, such as 1103.api.greenapi.com; undefined when it is not a URL. */
function hostOf(apiUrl: string | undefined): string | undefined {
  try {
    return apiUrl === undefined ? undefined : new URL(apiUrl).host;
  } catch {
    return undefined;
  }
}
