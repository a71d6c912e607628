import { randomBytes, randomInt } from 'node:crypto';

/**
 * The emulated side of GREEN-API: instances and their authorization state machine.
 *
 *   notAuthorized --getAuthorizationCode--> notAuthorized + pending code (valid `codeValiditySeconds`)
 *   notAuthorized + pending code --link (the user types the code in WhatsApp)--> authorized
 *   authorized / yellowCard / suspended / sleepMode --logout--> notAuthorized (then `logoutProcess` for `logoutCleanupSeconds`)
 *   any --reboot--> starting (for `rebootSeconds`) --> the state it had (yellowCard --> authorized)
 *   authorized --restrict--> yellowCard or suspended; being created (`creatingSeconds`, getStateInstance `null`) --> its state
 *
 * Its choices where GREEN-API's documentation is silent: CONTRIBUTING.md, "The emulator".
 */

export interface PendingCode {
  readonly code: string;
  readonly phone: string;
  readonly expiresAt: number;
}

/** One injected misbehaviour. Rules are tried in order; the first that matches applies. */
export interface FaultRule {
  /** Only requests to this GREEN-API method; all methods when absent. */
  readonly method?: string;
  /** How many matching requests it applies to; forever when absent. */
  times?: number;
  /** Applies to this share of matching requests (0..1), drawn from the emulator's seeded generator. */
  readonly probability?: number;
  /** Wait this long before answering (or before the fault below). */
  readonly delayMs?: number;
  /** Answer this HTTP status instead of the real one. */
  readonly status?: number;
  readonly retryAfter?: string;
  /** `malformed` JSON, an `html` error page, an `empty` body, or this literal text. */
  readonly body?: 'malformed' | 'html' | 'empty' | { readonly raw: string };
  readonly contentType?: string;
  /** Destroy the connection without answering. */
  readonly reset?: boolean;
  /**
   * Never answer (`headers`), send headers and half a body and then hang (`body`), or
   * send 3 MB of a promised 4 MB body and then hang (`oversized`).
   */
  readonly stall?: 'headers' | 'body' | 'oversized';
}

export interface EmulatedInstance {
  readonly idInstance: string;
  apiTokenInstance: string;
  name: string;
  state: string;
  /** The linked phone, digits only, while authorized. */
  phone: string | undefined;
  pendingCode: PendingCode | undefined;
  /** Added to every answer of this instance. */
  latencyMs: number;
  faults: FaultRule[];
  /** Requests seen per GREEN-API method, faults included. */
  readonly calls: Record<string, number>;
  /** When the last request of each GREEN-API method arrived (epoch ms). */
  readonly lastCallAt: Record<string, number>;
  /** Phone numbers getAuthorizationCode was asked for, in order. */
  readonly codeRequests: string[];
  /** Epoch ms until which the instance is still being created (getStateInstance answers `null`). */
  creatingUntil: number | undefined;
  /** How long (s) the data cleanup (`logoutProcess: true` in getWaSettings) runs after each logout; 0 for none. */
  logoutCleanupSeconds: number;
  /** Over how many seconds (s) getWaSettings' `historySyncProgress` rises from 0 to 100 after each link; 0: the field is absent. */
  historySyncSeconds: number;
  /** Epoch ms of the last link (by code or QR), while linked. */
  linkedAt: number | undefined;
  /** Epoch ms until which the cleanup of the last logout runs. */
  logoutProcessUntil: number | undefined;
  /** When true, qr on an unlinked instance answers `passkeyRequired` (WhatsApp asks the phone for a passkey). */
  passkeyRequired: boolean;
  /**
   * The messenger the Partner API's getInstances lists it as: `whatsapp`, `v3` (MAX), `telegram`
   * or any other text. Only the partner list reads it; the instance answers WhatsApp methods all the same.
   */
  readonly typeInstance: string;
  /**
   * The latest requests (at most {@link REQUEST_LOG_LIMIT}), oldest first: method, arrival (epoch
   * ms), time to answer (ms, to the last byte handed to the socket) and HTTP status (both undefined
   * while unanswered or stalled). For the bench: rates per instance, the server's share of a command.
   */
  readonly requestLog: EmulatedRequest[];
}

/** One request as {@link EmulatedInstance.requestLog} keeps it. */
export interface EmulatedRequest {
  readonly method: string;
  readonly arrivedAt: number;
  answeredMs: number | undefined;
  status: number | undefined;
}

/** How many requests each instance's requestLog keeps, so a long-running emulator stays bounded. */
export const REQUEST_LOG_LIMIT = 10_000;

export interface NewInstance {
  readonly idInstance?: string;
  readonly apiTokenInstance?: string;
  readonly name?: string;
  readonly state?: string;
  readonly phone?: string;
  readonly latencyMs?: number;
  /** Plays an instance still being created for this long (s): getStateInstance answers `null` meanwhile. */
  readonly creatingSeconds?: number;
  /** See {@link EmulatedInstance.logoutCleanupSeconds}. */
  readonly logoutCleanupSeconds?: number;
  /** See {@link EmulatedInstance.typeInstance}; `whatsapp` when absent. */
  readonly typeInstance?: string;
}

export type LinkResult =
  | { readonly ok: true; readonly instance: EmulatedInstance }
  | {
      readonly ok: false;
      readonly reason: 'unknownInstance' | 'noPendingCode' | 'codeExpired' | 'wrongCode' | 'noQrShown';
    };

/** WhatsApp's pairing codes are 8 letters and digits; leave out the ones people misread. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export interface InstanceStoreOptions {
  readonly codeValiditySeconds?: number;
  readonly rebootSeconds?: number;
  /** How often the `qr` image changes; GREEN-API rotates it every 20 s. */
  readonly qrRotationSeconds?: number;
  readonly now?: () => number;
  /** Seed for the fault `probability` draws, so a run can be repeated. */
  readonly seed?: number;
  /** The default {@link EmulatedInstance.logoutCleanupSeconds} of new instances (0: no cleanup). */
  readonly logoutCleanupSeconds?: number;
  /** The default {@link EmulatedInstance.historySyncSeconds} of new instances (0: no `historySyncProgress`). */
  readonly historySyncSeconds?: number;
}

export class InstanceStore {
  private readonly instances = new Map<string, EmulatedInstance>();
  private readonly codeValidityMs: number;
  private readonly rebootMs: number;
  private readonly qrRotationMs: number;
  private readonly now: () => number;
  private readonly logoutCleanupSeconds: number;
  private readonly historySyncSeconds: number;
  private randomState: number;
  private nextId = 1101000001;
  private readonly rebootTimers = new Set<NodeJS.Timeout>();

  constructor(options: InstanceStoreOptions = {}) {
    this.codeValidityMs = (options.codeValiditySeconds ?? 150) * 1000;
    this.rebootMs = (options.rebootSeconds ?? 2) * 1000;
    this.qrRotationMs = (options.qrRotationSeconds ?? 20) * 1000;
    this.now = options.now ?? Date.now;
    this.logoutCleanupSeconds = options.logoutCleanupSeconds ?? 0;
    this.historySyncSeconds = options.historySyncSeconds ?? 0;
    this.randomState = options.seed ?? 0x9e3779b9;
  }

  add(spec: NewInstance = {}): EmulatedInstance {
    let idInstance = spec.idInstance;
    while (idInstance === undefined || (spec.idInstance === undefined && this.instances.has(idInstance))) {
      idInstance = String(this.nextId++);
    }
    const instance: EmulatedInstance = {
      idInstance,
      apiTokenInstance: spec.apiTokenInstance ?? randomBytes(25).toString('hex'),
      name: spec.name ?? `Emulated ${idInstance}`,
      state: spec.state ?? 'notAuthorized',
      phone: spec.phone,
      pendingCode: undefined,
      latencyMs: spec.latencyMs ?? 0,
      faults: [],
      calls: {},
      lastCallAt: {},
      codeRequests: [],
      creatingUntil: spec.creatingSeconds ? this.now() + boundedSeconds(spec.creatingSeconds) * 1000 : undefined,
      logoutCleanupSeconds: boundedSeconds(spec.logoutCleanupSeconds ?? this.logoutCleanupSeconds),
      logoutProcessUntil: undefined,
      historySyncSeconds: boundedSeconds(this.historySyncSeconds),
      linkedAt: undefined,
      passkeyRequired: false,
      typeInstance: spec.typeInstance ?? 'whatsapp',
      requestLog: [],
    };
    this.instances.set(idInstance, instance);
    return instance;
  }

  get(idInstance: string): EmulatedInstance | undefined {
    return this.instances.get(idInstance);
  }

  list(): EmulatedInstance[] {
    return [...this.instances.values()];
  }

  remove(idInstance: string): boolean {
    return this.instances.delete(idInstance);
  }

  setState(idInstance: string, state: string): EmulatedInstance | undefined {
    const instance = this.instances.get(idInstance);
    if (instance) {
      instance.state = state;
      if (state === 'notAuthorized') instance.phone = undefined;
      if (state !== 'notAuthorized') instance.pendingCode = undefined;
    }
    return instance;
  }

  /** Whether GREEN-API is still creating the instance (getStateInstance answers `null`). */
  isBeingCreated(instance: EmulatedInstance): boolean {
    return instance.creatingUntil !== undefined && instance.creatingUntil > this.now();
  }

  /** Whether the data cleanup of the last logout still runs (getWaSettings `logoutProcess: true`). */
  isCleaningUp(instance: EmulatedInstance): boolean {
    return instance.logoutProcessUntil !== undefined && instance.logoutProcessUntil > this.now();
  }

  /**
   * getWaSettings' `historySyncProgress` (percent, rising evenly over `historySyncSeconds` after
   * the last link, then 100); undefined when the control is off or no link was played.
   */
  historySyncProgress(instance: EmulatedInstance): number | undefined {
    if (instance.historySyncSeconds <= 0 || instance.linkedAt === undefined || instance.state !== 'authorized') {
      return undefined;
    }
    return Math.min(100, Math.floor(((this.now() - instance.linkedAt) / (instance.historySyncSeconds * 1000)) * 100));
  }

  /**
   * Plays WhatsApp restricting the account: `yellowCard` (sending suspended for spam; GREEN-API:
   * reboot to continue) or `suspended` (restricted by the messenger). The phone stays. False for
   * an unknown instance.
   */
  restrict(idInstance: string, state: 'yellowCard' | 'suspended'): boolean {
    const instance = this.instances.get(idInstance);
    if (!instance) return false;
    instance.state = state;
    instance.pendingCode = undefined;
    return true;
  }

  /** A code still waiting to be typed, if it has not expired. */
  livePendingCode(instance: EmulatedInstance): PendingCode | undefined {
    const pending = instance.pendingCode;
    return pending && pending.expiresAt > this.now() ? pending : undefined;
  }

  issueCode(instance: EmulatedInstance, phone: string): PendingCode {
    let code = '';
    for (let i = 0; i < 8; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
    instance.pendingCode = { code, phone, expiresAt: this.now() + this.codeValidityMs };
    return instance.pendingCode;
  }

  /** What happens when the user types the code in WhatsApp. Without `code`, the pending code is used. */
  link(idInstance: string, code?: string): LinkResult {
    const instance = this.instances.get(idInstance);
    if (!instance) return { ok: false, reason: 'unknownInstance' };
    const pending = instance.pendingCode;
    if (!pending) return { ok: false, reason: 'noPendingCode' };
    if (pending.expiresAt <= this.now()) return { ok: false, reason: 'codeExpired' };
    if (code !== undefined && normalizeCode(code) !== pending.code) return { ok: false, reason: 'wrongCode' };
    instance.state = 'authorized';
    instance.phone = pending.phone;
    instance.pendingCode = undefined;
    instance.linkedAt = this.now();
    return { ok: true, instance };
  }

  /** What happens when the phone scans the QR: only an unlinked instance shows one. */
  scanQr(idInstance: string, phone = '79001234567'): LinkResult {
    const instance = this.instances.get(idInstance);
    if (!instance) return { ok: false, reason: 'unknownInstance' };
    if (instance.state !== 'notAuthorized') return { ok: false, reason: 'noQrShown' };
    instance.state = 'authorized';
    instance.phone = phone;
    instance.pendingCode = undefined;
    instance.linkedAt = this.now();
    return { ok: true, instance };
  }

  logout(instance: EmulatedInstance): boolean {
    const hadAccount = holdsAccount(instance.state);
    instance.state = 'notAuthorized';
    instance.phone = undefined;
    instance.pendingCode = undefined;
    instance.linkedAt = undefined;
    if (hadAccount && instance.logoutCleanupSeconds > 0) {
      instance.logoutProcessUntil = this.now() + instance.logoutCleanupSeconds * 1000;
    }
    return hadAccount;
  }

  /**
   * Plays a dropped link: the phone unlinked the instance (WhatsApp → Linked devices →
   * Log out), so it is `notAuthorized` again. False when it held no account.
   */
  unlink(idInstance: string): boolean {
    const instance = this.instances.get(idInstance);
    return instance ? this.logout(instance) : false;
  }

  /**
   * Plays an instance stuck in `starting` for `seconds` (GREEN-API's reported restarts),
   * after which it returns to the state it had. False for an unknown instance.
   */
  startFor(idInstance: string, seconds: number): boolean {
    const instance = this.instances.get(idInstance);
    if (!instance) return false;
    const before = instance.state === 'starting' ? 'notAuthorized' : instance.state;
    instance.state = 'starting';
    const timer = setTimeout(
      () => {
        this.rebootTimers.delete(timer);
        if (instance.state === 'starting') instance.state = before;
      },
      Math.max(0, Math.min(seconds, 3600)) * 1000,
    );
    timer.unref();
    this.rebootTimers.add(timer);
    return true;
  }

  /** Which QR picture is current: it changes every rotation, as GREEN-API's does. */
  qrSeed(instance: EmulatedInstance): string {
    return `${instance.idInstance}:${Math.floor(this.now() / this.qrRotationMs)}`;
  }

  reboot(instance: EmulatedInstance): void {
    // GREEN-API: yellowCard needs "a reboot of the instance" to continue; the account comes back linked.
    const before =
      instance.state === 'starting' ? 'notAuthorized' : instance.state === 'yellowCard' ? 'authorized' : instance.state;
    instance.state = 'starting';
    instance.pendingCode = undefined;
    const timer = setTimeout(() => {
      this.rebootTimers.delete(timer);
      if (instance.state === 'starting') instance.state = before;
    }, this.rebootMs);
    timer.unref();
    this.rebootTimers.add(timer);
  }

  /** The first fault rule that applies to this request, used up by one. */
  takeFault(instance: EmulatedInstance, method: string): FaultRule | undefined {
    for (const rule of instance.faults) {
      if (rule.method !== undefined && rule.method !== method) continue;
      if (rule.times !== undefined && rule.times <= 0) continue;
      if (rule.probability !== undefined && this.nextRandom() >= rule.probability) continue;
      if (rule.times !== undefined) rule.times -= 1;
      return rule;
    }
    return undefined;
  }

  dispose(): void {
    for (const timer of this.rebootTimers) clearTimeout(timer);
    this.rebootTimers.clear();
  }

  /** mulberry32: small, fast and repeatable for a given seed. */
  private nextRandom(): number {
    this.randomState = (this.randomState + 0x6d2b79f5) | 0;
    let t = this.randomState;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}

/** The states in which an account is bound to the instance, so a logout unlinks something. */
export function holdsAccount(state: string): boolean {
  return state === 'authorized' || state === 'yellowCard' || state === 'suspended' || state === 'sleepMode';
}

/** A control's seconds, kept between 0 and an hour. */
function boundedSeconds(seconds: number): number {
  return Number.isFinite(seconds) ? Math.max(0, Math.min(seconds, 3600)) : 0;
}

function normalizeCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}
