import { abortableSleep, clampWaitMs } from '../base/delays';
import { QrAnswer } from '../base/qrAnswer';

/** What a failed call means for polling: stop for good, or go on after a wait the server may have named. */
export interface FailureVerdict {
  /** True when asking again cannot help until the user changes something (a wrong token, say). */
  readonly final: boolean;
  /** The server's Retry-After, in ms, when it gave one. */
  readonly retryAfterMs?: number | undefined;
}

/** What the QR panel learns from one `qr` answer, or from a failed call. */
export type QrUpdate =
  | { readonly kind: 'image'; readonly pngBase64: string }
  /** The account is linked: at the start, "log out first"; after an image, "linked". */
  | { readonly kind: 'alreadyLogged' }
  /** GREEN-API answered `type: "error"`, such as stale auth data ("make log out"). */
  | { readonly kind: 'serverMessage'; readonly message: string }
  /** WhatsApp asks the phone to create or confirm a passkey (`passkeyRequired`); said once per run of such answers. */
  | { readonly kind: 'passkey' }
  /** A `type` this extension does not know: its name and message, neutralized by the API layer. */
  | { readonly kind: 'otherAnswer'; readonly name: string; readonly message: string }
  /** The call failed; `retryInMs` is undefined when polling stopped for good (a wrong token, say). */
  | { readonly kind: 'failed'; readonly error: unknown; readonly retryInMs: number | undefined };

export interface QrPollerOptions {
  readonly fetchQr: (signal: AbortSignal) => Promise<QrAnswer>;
  readonly onUpdate: (update: QrUpdate) => void;
  /** Tells a final failure from a passing one; the poller knows nothing of the API's errors. */
  readonly classifyFailure: (error: unknown) => FailureVerdict;
  /** Pause between answers; GREEN-API recommends 1 s (the image rotates every 20 s). */
  readonly intervalMs?: number;
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const MAX_BACKOFF_MS = 30_000;
/** While the phone is busy with a passkey: often enough to see the link soon after, gently on the rate limit. */
const PASSKEY_POLL_MS = 3_000;
/** While GREEN-API answers an error or a type we do not know: the answer rarely changes faster. */
const MESSAGE_POLL_MS = 5_000;

/**
 * Asks for the QR image again and again while someone looks at it, as GREEN-API
 * recommends. Stops by itself once the account is linked, or on a failure that a
 * retry cannot fix; backs off on the others and honours Retry-After.
 */
export class QrPoller {
  private readonly controller = new AbortController();
  private running: Promise<void> | undefined;
  private lastImage: string | undefined;
  /** The type of the last answer, so that a passkey step is said once, not every 3 s. */
  private lastType: QrAnswer['type'] | undefined;

  constructor(private readonly options: QrPollerOptions) {}

  get stopped(): boolean {
    return this.controller.signal.aborted;
  }

  /** Starts polling; the promise settles when polling ends. Calling it again joins the same run. */
  start(): Promise<void> {
    this.running ??= this.loop();
    return this.running;
  }

  stop(): void {
    this.controller.abort();
  }

  private async loop(): Promise<void> {
    const { signal } = this.controller;
    // Every pause within [1 s, 10 min]: a Retry-After of 0 or a tiny interval once asked 100–240 times a second.
    const interval = clampWaitMs(this.options.intervalMs ?? 1000);
    let failures = 0;
    while (!signal.aborted) {
      let waitMs: number;
      try {
        const answer = await this.options.fetchQr(signal);
        if (signal.aborted) return;
        failures = 0;
        const previous = this.lastType;
        this.lastType = answer.type;
        if (answer.type === 'alreadyLogged') {
          this.options.onUpdate({ kind: 'alreadyLogged' });
          return;
        }
        waitMs = this.report(answer, previous, interval);
      } catch (error) {
        if (signal.aborted) return;
        const verdict = this.options.classifyFailure(error);
        if (verdict.final) {
          this.options.onUpdate({ kind: 'failed', error, retryInMs: undefined });
          return;
        }
        failures++;
        waitMs = clampWaitMs(verdict.retryAfterMs ?? Math.min(MAX_BACKOFF_MS, interval * 2 ** Math.min(failures, 16)));
        this.lastImage = undefined;
        this.lastType = undefined;
        this.options.onUpdate({ kind: 'failed', error, retryInMs: waitMs });
      }
      await (this.options.sleep ?? abortableSleep)(waitMs, signal);
    }
  }

  /** Tells the panel what one answer (not alreadyLogged) means; returns the pause before the next, in ms. */
  private report(
    answer: Exclude<QrAnswer, { type: 'alreadyLogged' }>,
    previous: QrAnswer['type'] | undefined,
    interval: number,
  ): number {
    if (answer.type === 'qrCode') {
      // The same image again is not news; the view keeps what it shows.
      if (answer.pngBase64 !== this.lastImage) this.options.onUpdate({ kind: 'image', pngBase64: answer.pngBase64 });
      this.lastImage = answer.pngBase64;
      return interval;
    }
    this.lastImage = undefined;
    if (answer.type === 'passkeyRequired') {
      // The phone is busy with the passkey; keep asking, so the link (alreadyLogged) or a fresh QR shows soon after.
      if (previous !== 'passkeyRequired') this.options.onUpdate({ kind: 'passkey' });
      return Math.max(interval, PASSKEY_POLL_MS);
    }
    this.options.onUpdate(
      answer.type === 'unknown'
        ? { kind: 'otherAnswer', name: answer.name, message: answer.message }
        : { kind: 'serverMessage', message: answer.message },
    );
    return Math.max(interval, MESSAGE_POLL_MS);
  }
}
