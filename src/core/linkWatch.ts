import { isBeingCreated, isLinked } from './linkState';
import { WayOut } from './waysOut';

/**
 * The vscode-free half of the background watch: when to check (a schedule with a fast
 * lane after a link and a catch-up after sleep) and what a new answer means (a dropped
 * link, a relink, an instance stuck in `starting`, one being created). GREEN-API's users
 * asked to be told when an instance loses its link (green-api/issues #369); #763 reports drops
 * 2–3 minutes after a phone-number link, #518/#299 instances stuck in `starting`, and #1062
 * linked instances landing in `yellowCard` (a drop here: it is not linked and working).
 */

/** Why a linked instance is no longer linked. */
export type DropCause = { readonly kind: 'state'; readonly state: string } | { readonly kind: 'tokenRefused' };

/** What one new snapshot of an instance means. */
export type LinkTransition =
  /**
   * `announce`: 'drop' for a drop to tell, 'flapping' for the second drop within
   * {@link FLAP_WINDOW_MS} (told once, as flapping), 'quiet' for later ones in that window.
   */
  | { readonly type: 'dropped'; readonly cause: DropCause; readonly announce: 'drop' | 'flapping' | 'quiet' }
  /**
   * Newly linked (a code or QR worked), or linked again after a drop (`relinked`); `flapping`
   * when it dropped more than once within {@link FLAP_WINDOW_MS} (no fast lane for it then).
   */
  | { readonly type: 'linked'; readonly state: string; readonly relinked: boolean; readonly flapping: boolean }
  | { readonly type: 'stuck'; readonly state: 'starting'; readonly forMs: number }
  /** First seen being created (a `null` getStateInstance body): worth checking often until it is ready. */
  | { readonly type: 'creating' };

/** The ways out the watch's notices offer, each run by `Actions.runWayOut` with the instance's id. */
export type WatchWayOut = Extract<WayOut, 'updateToken' | 'getCode' | 'useQr' | 'reboot' | 'logout'>;

/**
 * The ways out a drop's notice offers, most likely first: the token box for a refused token;
 * a code, a QR and Reboot for `notAuthorized` (GREEN-API's tracker: an instance can show
 * notAuthorized wrongly until a reboot, #777); Reboot and Log Out for `yellowCard` (GREEN-API:
 * "To continue running the instance, you need to do a reboot"); Log Out for `suspended`
 * (restricted by the messenger, the account still there); Reboot for any other state.
 */
export function waysOutOfDrop(cause: DropCause): readonly WatchWayOut[] {
  if (cause.kind === 'tokenRefused') return ['updateToken'];
  switch (cause.state) {
    case 'notAuthorized':
      return ['getCode', 'useQr', 'reboot'];
    case 'yellowCard':
      return ['reboot', 'logout'];
    case 'suspended':
      return ['logout'];
    default:
      return ['reboot'];
  }
}

/** The ways out of an instance stuck in `starting` past {@link STUCK_AFTER_MS}: GREEN-API's reboot, then a new link. */
export const WAYS_OUT_OF_STUCK: readonly WatchWayOut[] = ['reboot', 'logout'];

/** The part of a state snapshot the watch reads. */
export interface ObservedState {
  readonly state: string | undefined;
  readonly checking: boolean;
  readonly tokenRefused?: boolean;
}

/**
 * An instance that drops twice within this window (ms, 30 min) for the same cause flaps: it is
 * announced once as such, and its later drops of that cause and its relinks in the window are
 * neither announced nor fast-checked. A drop of another cause is told as a drop, with its fix.
 */
export const FLAP_WINDOW_MS = 30 * 60_000;

/**
 * How long `starting` may last before it is called stuck (ms, 5 minutes): GREEN-API's
 * GetStateInstance page says "It may take up to 5 minutes for the account state to be set to
 * authorized", and to reboot only past that.
 */
export const STUCK_AFTER_MS = 5 * 60_000;

/**
 * Turns snapshots into transitions, each reported once: a drop when an instance known
 * linked is seen in any other state (or its token refused), a link (a relink when a dropped one
 * is linked again), "stuck" once per episode of `starting` past {@link STUCK_AFTER_MS},
 * "creating" once per episode of being created.
 */
export class LinkDrops {
  private readonly lastState = new Map<string, string>();
  private readonly droppedAt = new Map<string, { readonly cause: DropCause; readonly at: number }>();
  private readonly startingSince = new Map<string, number>();
  private readonly stuckReported = new Set<string>();
  /** Drops (monotonic ms, cause) within the last {@link FLAP_WINDOW_MS}, and when flapping was last told. */
  private readonly recentDrops = new Map<string, { readonly at: number; readonly cause: string }[]>();
  private readonly flapToldAt = new Map<string, number>();
  /** Instances linked when a Reboot the user asked for put them in `starting`: still linked, until they leave it. */
  private readonly rebooting = new Set<string>();

  /** What was last known before this session (the stored history), so a drop while VS Code was closed is noticed too. */
  seed(idInstance: string, state: string): void {
    if (!this.lastState.has(idInstance)) this.lastState.set(idInstance, state);
  }

  /**
   * Reads one snapshot at `nowMs` (a monotonic clock); returns what it means, if anything.
   * `expected` says whether a state is what the user asked for (a Log Out's `notAuthorized`, a
   * Reboot's `starting`): such a change is no drop, and a Log Out supersedes a drop told before. An instance
   * linked before an expected `starting` that then ends in another unlinked state did drop.
   */
  observe(
    idInstance: string,
    observed: ObservedState,
    nowMs: number,
    expected: (state: string) => boolean = () => false,
  ): LinkTransition | undefined {
    if (observed.checking) return undefined;
    const previous = this.lastState.get(idInstance);
    const wasLinked = isLinked(previous) || this.rebooting.has(idInstance);
    if (observed.tokenRefused) {
      this.lastState.delete(idInstance);
      this.rebooting.delete(idInstance);
      return wasLinked ? this.drop(idInstance, { kind: 'tokenRefused' }, nowMs) : undefined;
    }
    const state = observed.state;
    if (state === undefined) return undefined;
    this.lastState.set(idInstance, state);
    if (isLinked(state)) {
      this.clearStarting(idInstance);
      this.rebooting.delete(idInstance);
      const relinked = this.droppedAt.delete(idInstance);
      return relinked || (previous !== undefined && !isLinked(previous))
        ? { type: 'linked', state, relinked, flapping: this.flapsNow(idInstance, nowMs) }
        : undefined;
    }
    if (expected(state)) {
      if (state === 'starting') {
        // A reboot: a drop told before stands until the instance is linked again.
        if (wasLinked) this.rebooting.add(idInstance);
      } else {
        // The user's own Log Out. An earlier drop stands here: the caller clears it once told (dismiss),
        // or a Log Out run just after a drop would hide it (security review S1).
        this.rebooting.delete(idInstance);
      }
      return this.checkStuck(idInstance, state, nowMs);
    }
    if (state === 'starting' && this.rebooting.has(idInstance)) return this.checkStuck(idInstance, state, nowMs);
    this.rebooting.delete(idInstance);
    if (wasLinked) return this.drop(idInstance, { kind: 'state', state }, nowMs);
    if (isBeingCreated(state)) {
      this.clearStarting(idInstance);
      return isBeingCreated(previous) ? undefined : { type: 'creating' };
    }
    return this.checkStuck(idInstance, state, nowMs);
  }

  /** The instances that dropped and are not linked again, with why and when (monotonic ms). */
  dropped(): ReadonlyMap<string, { readonly cause: DropCause; readonly at: number }> {
    return this.droppedAt;
  }

  /** The user dismissed the drop of one instance (or of all, without an id). */
  dismiss(idInstance?: string): void {
    if (idInstance === undefined) this.droppedAt.clear();
    else this.droppedAt.delete(idInstance);
  }

  /** The instance was removed: nothing about it is kept. */
  forget(idInstance: string): void {
    this.lastState.delete(idInstance);
    this.droppedAt.delete(idInstance);
    this.recentDrops.delete(idInstance);
    this.flapToldAt.delete(idInstance);
    this.rebooting.delete(idInstance);
    this.clearStarting(idInstance);
  }

  private drop(idInstance: string, cause: DropCause, nowMs: number): LinkTransition {
    this.droppedAt.set(idInstance, { cause, at: nowMs });
    if (cause.kind === 'state' && cause.state === 'starting') this.startingSince.set(idInstance, nowMs);
    const recent = this.dropsWithin(idInstance, nowMs);
    const kind = flapCause(cause);
    recent.push({ at: nowMs, cause: kind });
    this.recentDrops.set(idInstance, recent);
    // A drop into another state (linked -> notAuthorized, then -> yellowCard) asks for another fix: told with it.
    if (recent.filter((drop) => drop.cause === kind).length < 2) return { type: 'dropped', cause, announce: 'drop' };
    const told = this.flapToldAt.get(idInstance);
    if (told !== undefined && nowMs - told < FLAP_WINDOW_MS) return { type: 'dropped', cause, announce: 'quiet' };
    this.flapToldAt.set(idInstance, nowMs);
    return { type: 'dropped', cause, announce: 'flapping' };
  }

  /** Whether the instance's last drop repeats a cause of the window (its relink then re-arms nothing). */
  private flapsNow(idInstance: string, nowMs: number): boolean {
    const recent = this.dropsWithin(idInstance, nowMs);
    const last = recent[recent.length - 1];
    return last !== undefined && recent.filter((drop) => drop.cause === last.cause).length > 1;
  }

  /** The instance's drops still within {@link FLAP_WINDOW_MS} of `nowMs` (a new array). */
  private dropsWithin(idInstance: string, nowMs: number): { readonly at: number; readonly cause: string }[] {
    return (this.recentDrops.get(idInstance) ?? []).filter((drop) => nowMs - drop.at < FLAP_WINDOW_MS);
  }

  private checkStuck(idInstance: string, state: string, nowMs: number): LinkTransition | undefined {
    if (state !== 'starting') {
      this.clearStarting(idInstance);
      return undefined;
    }
    const since = this.startingSince.get(idInstance) ?? nowMs;
    this.startingSince.set(idInstance, since);
    if (nowMs - since <= STUCK_AFTER_MS || this.stuckReported.has(idInstance)) return undefined;
    this.stuckReported.add(idInstance);
    return { type: 'stuck', state: 'starting', forMs: nowMs - since };
  }

  private clearStarting(idInstance: string): void {
    this.startingSince.delete(idInstance);
    this.stuckReported.delete(idInstance);
  }
}

/** What a heartbeat should do now. */
export interface WatchTick {
  /** Check every instance (the interval is up, or the machine just woke). */
  readonly fullRound: boolean;
  /** Instances linked in the last few minutes whose fast check is due. */
  readonly fast: readonly string[];
}

/** The schedule's knobs, all in ms. */
export interface WatchScheduleOptions {
  /** The interval of full rounds; 0 turns the watch off. Read on every tick, so a changed setting applies at once. */
  readonly intervalMs: () => number;
  /** How often an instance linked recently is checked (15 s). */
  readonly fastIntervalMs?: number;
  /** How long after a link the fast lane lasts (5 min). */
  readonly fastWindowMs?: number;
  /** The heartbeat the adapter ticks at (5 s); a wall-clock gap well past it means the machine slept. */
  readonly heartbeatMs?: number;
}

/** The default heartbeat of the watch, in ms. */
export const WATCH_HEARTBEAT_MS = 5_000;

/**
 * When to check. Ticked every {@link WATCH_HEARTBEAT_MS} with a monotonic clock (for
 * intervals) and the wall clock (a monotonic clock stops while the machine sleeps, the
 * wall clock does not: a wall gap far beyond the heartbeat is a wake, and gets one
 * catch-up round).
 */
export class WatchSchedule {
  private readonly linkedAt = new Map<string, number>();
  private readonly lastFast = new Map<string, number>();
  private lastRound: number | undefined;
  private lastWall: number | undefined;

  constructor(private readonly options: WatchScheduleOptions) {}

  /** The instance was just seen linked: check it every fast interval for the fast window. */
  noteLinked(idInstance: string, nowMs: number): void {
    this.linkedAt.set(idInstance, nowMs);
    this.lastFast.set(idInstance, nowMs);
  }

  /**
   * The instance is being created (up to 5 minutes): check it every fast interval for the fast
   * window too, so its row turns "not linked" soon after it is ready, not a full round later.
   */
  noteCreating(idInstance: string, nowMs: number): void {
    this.noteLinked(idInstance, nowMs);
  }

  /** The instance was removed. */
  forget(idInstance: string): void {
    this.linkedAt.delete(idInstance);
    this.lastFast.delete(idInstance);
  }

  /** What is due at `nowMs` (monotonic) and `wallMs` (epoch); the caller then does it. */
  tick(nowMs: number, wallMs: number): WatchTick {
    const interval = this.options.intervalMs();
    const heartbeat = this.options.heartbeatMs ?? WATCH_HEARTBEAT_MS;
    const woke = this.lastWall !== undefined && wallMs - this.lastWall > heartbeat * 3 + 30_000;
    this.lastWall = wallMs;
    if (!(interval > 0)) return { fullRound: false, fast: [] };
    const fullRound = woke || this.lastRound === undefined || nowMs - this.lastRound >= interval;
    if (fullRound) this.lastRound = nowMs;
    return { fullRound, fast: fullRound ? [] : this.dueFast(nowMs) };
  }

  private dueFast(nowMs: number): string[] {
    const window = this.options.fastWindowMs ?? 5 * 60_000;
    const every = this.options.fastIntervalMs ?? 15_000;
    const due: string[] = [];
    for (const [idInstance, since] of this.linkedAt) {
      if (nowMs - since > window) {
        this.forget(idInstance);
        continue;
      }
      if (nowMs - (this.lastFast.get(idInstance) ?? 0) >= every) {
        this.lastFast.set(idInstance, nowMs);
        due.push(idInstance);
      }
    }
    return due;
  }
}

/**
 * The cause a drop is counted under for flapping: each state with a fix of its own apart, every
 * other state one cause, so a server naming a new state each time cannot make each drop news.
 */
function flapCause(cause: DropCause): string {
  if (cause.kind === 'tokenRefused') return 'tokenRefused';
  return ['notAuthorized', 'yellowCard', 'suspended', 'blocked', 'starting'].includes(cause.state)
    ? cause.state
    : 'other';
}
