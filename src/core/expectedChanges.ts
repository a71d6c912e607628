import { isIdInstance } from '../base/ids';
import { STUCK_AFTER_MS } from './linkWatch';
import { KeyValueStore } from './stateHistory';

/**
 * The state changes the user caused from this extension (a Log Out, a Reboot), so that the
 * background watch of every window reads them as the user's own and never as a lost link. Kept
 * in VS Code's `globalState`, which every window of the profile reads, each entry bounded in time.
 */

/** What the user asked GREEN-API for: `logout` (ends in `notAuthorized`) or `reboot` (`starting` for a while). */
export type ExpectedKind = 'logout' | 'reboot';

/** The globalState key: `{ [idInstance]: { kind, until } }`, `until` in epoch ms. */
export const EXPECTED_KEY = 'greenApi.expectedChanges';

/**
 * How long a change stays expected (ms, 10 min): a reboot's `starting` may last 5 minutes (GREEN-API's
 * GetStateInstance page), and another window may see it only at its next watch round after that.
 */
export const EXPECTED_FOR_MS = STUCK_AFTER_MS + 5 * 60_000;

/** The states each kind of change leads to. */
const LEADS_TO: Readonly<Record<ExpectedKind, readonly string[]>> = {
  logout: ['notAuthorized'],
  reboot: ['starting'],
};

interface Expectation {
  readonly kind: ExpectedKind;
  readonly until: number;
}

/**
 * The expectations of this window and of the others (read from the store at each question, so a
 * Log Out in one window is known in all). `now` is the wall clock (epoch ms): the windows share no
 * other clock; an entry further ahead than {@link EXPECTED_FOR_MS} (the clock was set back) is ignored.
 */
export class ExpectedChanges {
  /** This window's own entries: an echo of an earlier globalState write may hide them for a moment. */
  private readonly own = new Map<string, Expectation>();
  /** Instances whose expected state this window has seen. */
  private readonly met = new Set<string>();

  constructor(
    private readonly store: KeyValueStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** The user asked for `kind` on the instance: its result is expected in every window for {@link EXPECTED_FOR_MS}. */
  expect(idInstance: string, kind: ExpectedKind): void {
    this.own.set(idInstance, { kind, until: this.now() + EXPECTED_FOR_MS });
    this.save();
  }

  /** The call failed or was refused: nothing changes, so nothing is expected any more. */
  withdraw(idInstance: string): void {
    this.own.delete(idInstance);
    this.save(idInstance);
  }

  /** True when `state` is what a change the user asked for on the instance leads to, within its bound. */
  explains(idInstance: string, state: string): boolean {
    const now = this.now();
    const explained = [this.own.get(idInstance), this.stored().get(idInstance)].some(
      (entry) => entry !== undefined && isCurrent(entry, now) && LEADS_TO[entry.kind].includes(state),
    );
    if (explained) this.met.add(idInstance);
    return explained;
  }

  /**
   * The instance is linked: once its expected state was seen here, the change is over, in every
   * window, so a later unlink on the phone is a drop again. Also for a removed instance (`met` aside).
   */
  settled(idInstance: string, removed = false): void {
    if (!this.met.delete(idInstance) && !removed) return;
    if (this.own.has(idInstance) || this.stored().has(idInstance)) this.withdraw(idInstance);
  }

  /** Writes the current entries of every window, this window's over the others', the expired (and `without`) left out. */
  private save(without?: string): void {
    const now = this.now();
    const merged = new Map([...this.stored(), ...this.own]);
    if (without !== undefined) merged.delete(without);
    for (const [idInstance, entry] of this.own) if (!isCurrent(entry, now)) this.own.delete(idInstance);
    const value = Object.fromEntries([...merged].filter(([, entry]) => isCurrent(entry, now)));
    void Promise.resolve(this.store.update(EXPECTED_KEY, value)).catch(() => undefined);
  }

  /** The stored entries, field by field; anything malformed is left out. */
  private stored(): Map<string, Expectation> {
    const value = this.store.get<unknown>(EXPECTED_KEY);
    const result = new Map<string, Expectation>();
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return result;
    for (const [idInstance, entry] of Object.entries(value as Record<string, unknown>)) {
      const { kind, until } = (entry ?? {}) as { kind?: unknown; until?: unknown };
      if (!isIdInstance(idInstance) || (kind !== 'logout' && kind !== 'reboot')) continue;
      if (typeof until === 'number' && Number.isFinite(until)) result.set(idInstance, { kind, until });
    }
    return result;
  }
}

function isCurrent(entry: Expectation, now: number): boolean {
  return now < entry.until && entry.until - now <= EXPECTED_FOR_MS;
}
