/**
 * The numeric settings, their defaults and ranges: one definition, repeated in package.json's
 * `contributes.configuration` (a unit test keeps them equal). The Settings editor only warns
 * about a value out of range, and settings.json or another extension can write one, so every
 * read goes through `checkNumberSetting`.
 */

export interface NumberSettingSpec {
  readonly default: number;
  readonly min: number;
  readonly max: number;
}

/** Key (without the `greenApi.` section) → bounds, in the unit the key's name says. */
export const NUMBER_SETTINGS = {
  codeValiditySeconds: { default: 150, min: 10, max: 600 },
  statePollIntervalSeconds: { default: 5, min: 1, max: 60 },
  requestTimeoutSeconds: { default: 15, min: 1, max: 120 },
  authorizationCodeTimeoutSeconds: { default: 60, min: 35, max: 300 },
  autoRefreshSeconds: { default: 60, min: 0, max: 3600 },
  refreshConcurrency: { default: 4, min: 1, max: 32 },
  /** 0 = off; 1–9 are read as 10 (see readSettings), the shortest interval the watch allows. */
  watchIntervalSeconds: { default: 120, min: 0, max: 86400 },
} as const satisfies Record<string, NumberSettingSpec>;

export type NumberSettingKey = keyof typeof NUMBER_SETTINGS;

/**
 * Reads one numeric setting (`key` without the section): a whole number within bounds is used;
 * anything else falls back to the default, not to the nearest bound ("poll every second" is
 * rarely what was meant either). Returns the value, and an English log line when `raw` was refused.
 */
export function checkNumberSetting(
  key: NumberSettingKey,
  raw: unknown,
): { readonly value: number; readonly problem: string | undefined } {
  const spec = NUMBER_SETTINGS[key];
  if (raw === undefined || raw === null) return { value: spec.default, problem: undefined };
  if (typeof raw === 'number' && Number.isInteger(raw) && raw >= spec.min && raw <= spec.max) {
    return { value: raw, problem: undefined };
  }
  const shown =
    typeof raw === 'string' ? JSON.stringify(raw.slice(0, 40)) : typeof raw === 'number' ? String(raw) : typeof raw;
  return {
    value: spec.default,
    problem: `The setting greenApi.${key} is ${shown}, outside ${spec.min}–${spec.max} (whole numbers); using the default, ${spec.default}.`,
  };
}

/**
 * Says each problem once: a setting read on every tick must not flood the log. A new
 * wrong value is a new problem and is said again.
 */
export class OnceEach {
  private readonly said = new Set<string>();

  /** @returns true the first time `message` is seen (then the caller says it), false after. */
  first(message: string): boolean {
    if (this.said.has(message)) return false;
    if (this.said.size > 100) this.said.clear();
    this.said.add(message);
    return true;
  }
}
