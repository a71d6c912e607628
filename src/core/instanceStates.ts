import { Emitter } from './events';
import { isBoundToPhone } from './linkState';

/** What the extension last learned of an instance's authorization state. */
export interface StateSnapshot {
  readonly state: string | undefined;
  /** Epoch ms of the last answer. */
  readonly checkedAt: number | undefined;
  readonly checking: boolean;
  /** A short reason when the last check failed. */
  readonly error: string | undefined;
  /** What fixes that failure: the edit form (token, idInstance, apiUrl at fault), or another check. */
  readonly errorFix?: 'edit' | 'refresh' | undefined;
  /** The linked phone (digits, from getWaSettings), while linked. */
  readonly phone?: string | undefined;
  /** True when the last check failed because GREEN-API refused the apiTokenInstance (401). */
  readonly tokenRefused?: boolean;
  /** True when the last check got no answer at all (a network error, a timeout): nothing can be asked of it now. */
  readonly unreached?: boolean;
}

const UNKNOWN: StateSnapshot = { state: undefined, checkedAt: undefined, checking: false, error: undefined };

/** The one owner of instance states; the status bar, pickers and sidebar only read it. */
export class InstanceStates {
  private readonly snapshots = new Map<string, StateSnapshot>();
  private readonly changes = new Emitter<string>();
  /** Fires with the idInstance whose snapshot changed. */
  readonly onDidChange = this.changes.event;

  get(idInstance: string): StateSnapshot {
    return this.snapshots.get(idInstance) ?? UNKNOWN;
  }

  checking(idInstance: string): void {
    this.update(idInstance, { ...this.get(idInstance), checking: true });
  }

  /** A check whose answer is not the instance's to record ended: the row stops saying "checking", nothing else changes. */
  checkEnded(idInstance: string): void {
    const current = this.get(idInstance);
    if (current.checking) this.update(idInstance, { ...current, checking: false });
  }

  learned(idInstance: string, state: string, at: number = Date.now()): void {
    // The phone stays known while the account stays bound (linked, or restricted).
    const phone = isBoundToPhone(state) ? this.get(idInstance).phone : undefined;
    this.update(idInstance, {
      state,
      checkedAt: at,
      checking: false,
      error: undefined,
      errorFix: undefined,
      phone,
      tokenRefused: false,
      unreached: false,
    });
  }

  learnedPhone(idInstance: string, phone: string): void {
    const current = this.get(idInstance);
    if (current.phone !== phone) this.update(idInstance, { ...current, phone: phone || undefined });
  }

  /** A failed check: the last known state stays, with a short reason, the row's fix, whether the token was refused and whether the host answered at all. */
  failed(
    idInstance: string,
    reason: string,
    at: number = Date.now(),
    how: { readonly fix?: 'edit' | 'refresh'; readonly tokenRefused?: boolean; readonly unreached?: boolean } = {},
  ): void {
    this.update(idInstance, {
      ...this.get(idInstance),
      checkedAt: at,
      checking: false,
      error: reason,
      errorFix: how.fix ?? 'refresh',
      tokenRefused: how.tokenRefused === true,
      unreached: how.unreached === true,
    });
  }

  /** Drops what is known of the instance; true when something was known. */
  forget(idInstance: string): boolean {
    const known = this.snapshots.delete(idInstance);
    if (known) this.changes.fire(idInstance);
    return known;
  }

  dispose(): void {
    this.changes.dispose();
  }

  private update(idInstance: string, snapshot: StateSnapshot): void {
    this.snapshots.set(idInstance, snapshot);
    this.changes.fire(idInstance);
  }
}
