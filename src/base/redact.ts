export const REDACTED = '<token>';

/**
 * Replaces every occurrence of each secret in `text`. Used on anything that leaves the
 * process or reaches a person: log lines, error messages, URLs.
 */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length > 0) {
      result = result.split(secret).join(REDACTED);
    }
  }
  return result;
}

/** A character that may be part of a token: GREEN-API's tokens are long runs of these (hex-like, ~50 characters). */
const TOKEN_RUN = /[A-Za-z0-9_-]+/g;
const TOKEN_SHAPED = /^[A-Za-z0-9_-]+$/;

/**
 * The known secrets, indexed so that redacting a line costs the same for 10 or 10,000: one pass
 * finds the runs of token characters, and each run (or its substrings of a secret's length) is
 * looked up in a Set. Secrets of other characters (few) fall back to a plain search each. Build
 * it once per change of the secrets.
 */
export class SecretIndex {
  private readonly shaped = new Set<string>();
  /** The distinct lengths of the shaped secrets, longest first (so the longest match wins). */
  private readonly lengths: number[];
  private readonly shortest: number;
  private readonly odd: string[] = [];

  /** @param secrets every secret to redact; empty strings are ignored. */
  constructor(secrets: Iterable<string>) {
    const lengths = new Set<number>();
    for (const secret of secrets) {
      if (secret.length === 0) continue;
      if (TOKEN_SHAPED.test(secret)) {
        this.shaped.add(secret);
        lengths.add(secret.length);
      } else if (!this.odd.includes(secret)) {
        this.odd.push(secret);
      }
    }
    this.lengths = [...lengths].sort((a, b) => b - a);
    this.shortest = this.lengths.length > 0 ? (this.lengths[this.lengths.length - 1] as number) : Infinity;
    // Longest first, so that a secret holding a shorter one is replaced whole.
    this.odd.sort((a, b) => b.length - a.length);
  }

  /** `text` with every occurrence of every secret replaced by {@link REDACTED}. Never throws. */
  redact(text: string): string {
    let result = this.odd.length === 0 ? text : redactSecrets(text, this.odd);
    if (this.shaped.size === 0) return result;
    result = result.replace(TOKEN_RUN, (run) => (run.length < this.shortest ? run : this.redactRun(run)));
    return result;
  }

  private redactRun(run: string): string {
    if (this.shaped.has(run)) return REDACTED;
    let out = '';
    let kept = 0;
    let i = 0;
    while (i + this.shortest <= run.length) {
      let matched = 0;
      for (const length of this.lengths) {
        if (i + length <= run.length && this.shaped.has(run.slice(i, i + length))) {
          matched = length;
          break;
        }
      }
      if (matched > 0) {
        out += run.slice(kept, i) + REDACTED;
        i += matched;
        kept = i;
      } else {
        i++;
      }
    }
    return kept === 0 ? run : out + run.slice(kept);
  }
}

/** The URL of a GREEN-API call as it may be shown: the token segment replaced. */
export function redactedMethodUrl(apiUrl: string, idInstance: string, method: string): string {
  return `${apiUrl}/waInstance${idInstance}/${method}/${REDACTED}`;
}

/**
 * A phone number (digits only) as it may be shown or logged: at most the first 4 and the last 2
 * digits stay, never more than half ("4412******90", "6****02"; 4 digits or fewer all hidden), so
 * a short number is not given away by its ends. The result is as long as `digits`.
 */
export function maskPhoneNumber(digits: string): string {
  const chars = Array.from(digits);
  if (chars.length <= 4) return '*'.repeat(chars.length);
  const shown = Math.min(6, Math.floor(chars.length / 2));
  const tail = Math.min(2, shown);
  const head = shown - tail;
  return chars.slice(0, head).join('') + '*'.repeat(chars.length - shown) + chars.slice(chars.length - tail).join('');
}

/**
 * Secrets not stored yet (a partner token, a token under its credential check), held for an
 * exchange so that every log line and shown text redacts them too. Holds are counted (two spans
 * on one secret keep it until both end); the index is rebuilt only when a hold starts or ends.
 */
export class HeldSecrets {
  private readonly counts = new Map<string, number>();
  private index: SecretIndex | undefined;

  /**
   * Holds `secrets` (empty strings ignored) until the returned release is called; calling
   * it again does nothing.
   */
  hold(secrets: Iterable<string>): () => void {
    const held = [...secrets].filter((secret) => secret.length > 0);
    for (const secret of held) this.counts.set(secret, (this.counts.get(secret) ?? 0) + 1);
    if (held.length > 0) this.index = undefined;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const secret of held) {
        const count = (this.counts.get(secret) ?? 1) - 1;
        if (count <= 0) this.counts.delete(secret);
        else this.counts.set(secret, count);
      }
      if (held.length > 0) this.index = undefined;
    };
  }

  /** `text` with every held secret replaced by {@link REDACTED}; `text` itself when none is held. Never throws. */
  redact(text: string): string {
    if (this.counts.size === 0) return text;
    this.index ??= new SecretIndex(this.counts.keys());
    return this.index.redact(text);
  }
}
