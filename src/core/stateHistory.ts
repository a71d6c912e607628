import { isIdInstance } from '../base/ids';
/**
 * The last changes of each instance's `stateInstance`, kept across reloads: states and
 * times only, never a token or a phone number (GREEN-API users asked for exactly this
 * history: green-api/issues #545). Stored as one value in a key-value store (VS Code's
 * `globalState`), written at most once a second however many changes arrive.
 */

/** One change: the state GREEN-API reported, and when it was first seen (epoch ms). */
export interface StateChange {
  readonly state: string;
  readonly at: number;
}

/** What this class needs of `vscode.Memento`: a value per key, and an async write. */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

/** How many changes are kept per instance. */
export const MAX_CHANGES = 50;
/** The globalState key. */
export const HISTORY_KEY = 'greenApi.stateHistory';
/** Changes are gathered this long (ms) before one write. */
const SAVE_DELAY_MS = 1_000;
/** A stored state longer than this is not GREEN-API's (states are short words). */
const MAX_STATE_CHARS = 80;

/** The per-instance histories, newest first, with a bounded, batched write-behind. */
export class StateHistory {
  private readonly byInstance = new Map<string, StateChange[]>();
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private saving: PromiseLike<void> = Promise.resolve();

  constructor(private readonly store: KeyValueStore) {
    this.byInstance = readStored(store.get<unknown>(HISTORY_KEY));
  }

  /** The changes of one instance, newest first (a copy); empty when none are known. */
  list(idInstance: string): StateChange[] {
    return [...(this.byInstance.get(idInstance) ?? [])];
  }

  /** The instances that have a history. */
  ids(): string[] {
    return [...this.byInstance.keys()];
  }

  /** The newest change of one instance, if any. */
  latest(idInstance: string): StateChange | undefined {
    return this.byInstance.get(idInstance)?.[0];
  }

  /**
   * Records `state` seen at `at` (epoch ms) when it differs from the newest change;
   * keeps {@link MAX_CHANGES}. Returns true when it was a change.
   */
  record(idInstance: string, state: string, at: number): boolean {
    const changes = this.byInstance.get(idInstance) ?? [];
    if (changes[0]?.state === state) return false;
    this.byInstance.set(idInstance, [{ state: state.slice(0, MAX_STATE_CHARS), at }, ...changes].slice(0, MAX_CHANGES));
    this.saveSoon();
    return true;
  }

  /** Drops an instance's history (it was removed). */
  forget(idInstance: string): void {
    if (this.byInstance.delete(idInstance)) this.saveSoon();
  }

  /** Writes what is pending now; resolves when the store has it. */
  flush(): PromiseLike<void> {
    if (this.saveTimer !== undefined) {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
      this.saving = this.store.update(HISTORY_KEY, Object.fromEntries(this.byInstance));
    }
    return this.saving;
  }

  /** Writes what is pending and stops the timer. */
  dispose(): void {
    void this.flush();
  }

  private saveSoon(): void {
    this.saveTimer ??= setTimeout(() => void this.flush(), SAVE_DELAY_MS);
  }
}

/** Reads the stored value field by field; anything malformed is left out, never fatal. */
function readStored(value: unknown): Map<string, StateChange[]> {
  const result = new Map<string, StateChange[]>();
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return result;
  for (const [idInstance, changes] of Object.entries(value)) {
    if (!isIdInstance(idInstance) || !Array.isArray(changes)) continue;
    const valid = changes
      .filter((change): change is StateChange => {
        const { state, at } = (change ?? {}) as { state?: unknown; at?: unknown };
        return (
          typeof state === 'string' &&
          state.length > 0 &&
          state.length <= MAX_STATE_CHARS &&
          typeof at === 'number' &&
          Number.isFinite(at)
        );
      })
      .slice(0, MAX_CHANGES)
      .map(({ state, at }) => ({ state, at }));
    if (valid.length > 0) result.set(idInstance, valid);
  }
  return result;
}
