import { t } from './l10n';
import { parseApiToken, parseIdInstance } from './validation';

/** What the partner importer needs of one `getInstances` entry (GREEN-API Partner API). */
export interface PartnerEntry {
  readonly idInstance: string;
  readonly name: string;
  readonly apiTokenInstance: string;
}

/** An entry that cannot be stored, and why, in words for the import's summary. */
export interface RefusedEntry {
  readonly idInstance: string;
  readonly reason: string;
}

/** The longest name kept from a partner list; longer ones are cut (the server's words are data). */
export const MAX_PARTNER_NAME = 80;

/**
 * Splits a partner list into the entries that can be stored and those that cannot, each with its
 * reason (an idInstance not of 6–15 digits, or not a token): one bad entry never stops the others,
 * nor reaches the stored list (it would make the whole list unreadable). `storable` has names cut
 * to {@link MAX_PARTNER_NAME} characters; `refused` is in list order.
 */
export function sortPartnerEntries<T extends PartnerEntry>(entries: readonly T[]): { readonly storable: T[]; readonly refused: RefusedEntry[] } {
  const storable: T[] = [];
  const refused: RefusedEntry[] = [];
  for (const entry of entries) {
    const shownId = String(entry.idInstance).slice(0, 20);
    if (!parseIdInstance(entry.idInstance).ok) {
      // l10n: Why a partner instance was not imported, shown in brackets after its idInstance: "12ab (the idInstance is not 6 to 15 digits)".
      refused.push({ idInstance: shownId, reason: t('the idInstance is not 6 to 15 digits') });
      continue;
    }
    const token = parseApiToken(entry.apiTokenInstance);
    if (!token.ok) {
      // l10n: Why a partner instance was not imported, shown in brackets after its idInstance. apiTokenInstance is a GREEN-API field name.
      refused.push({ idInstance: shownId, reason: t('the list gave no usable apiTokenInstance') });
      continue;
    }
    storable.push({ ...entry, apiTokenInstance: token.value, name: Array.from(entry.name).slice(0, MAX_PARTNER_NAME).join('') });
  }
  return { storable, refused };
}

/** "2 not imported: 12ab (the idInstance is not 6 to 15 digits); 1101000009 (…)", at most `shown` named. */
export function describeRefused(refused: readonly RefusedEntry[], shown = 5): string {
  const named = refused.slice(0, shown).map((entry) => `${entry.idInstance} (${entry.reason})`);
  // l10n: Ends a list of refused instances: "…; and 3 more". {0} is a count.
  const more = refused.length > shown ? `; ${t('and {0} more', refused.length - shown)}` : '';
  return t('{0} not imported: {1}', refused.length, named.join('; ') + more);
}
