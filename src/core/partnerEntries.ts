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
export function sortPartnerEntries<T extends PartnerEntry>(
  entries: readonly T[],
): { readonly storable: T[]; readonly refused: RefusedEntry[] } {
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
    storable.push({
      ...entry,
      apiTokenInstance: token.value,
      name: Array.from(entry.name).slice(0, MAX_PARTNER_NAME).join(''),
    });
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

/** What sorting a partner list needs of one entry: its messenger (`typeInstance`, `messenger`) and whether it was deleted. */
export interface ListedEntry {
  readonly idInstance: string;
  readonly name: string;
  /** `whatsapp`, `v3` (MAX), `telegram`, `instagram`, … (GREEN-API's getInstances pages); '' in older lists. */
  readonly typeInstance: string;
  /** The same values, in the field GREEN-API's newer pages add; '' when absent. */
  readonly messenger?: string;
  readonly deleted: boolean;
}

/** The instances of one other messenger a partner list held, in list order. */
export interface OtherMessengerEntries {
  /** Its name as users know it: MAX, Telegram, Instagram, or the list's own word for one we do not know. */
  readonly messenger: string;
  readonly entries: readonly { readonly idInstance: string; readonly name: string }[];
}

/** GREEN-API's words for the messengers it serves besides WhatsApp, with their names (Partner getInstances). */
const OTHER_MESSENGERS: Readonly<Record<string, string>> = {
  v3: 'MAX',
  max: 'MAX',
  telegram: 'Telegram',
  instagram: 'Instagram',
};

/** The longest messenger word kept from a list for one this extension does not know. */
const MAX_MESSENGER_WORD = 20;

/**
 * The messenger of a partner entry when it is not WhatsApp, by name ('MAX' for `v3`), or
 * undefined for a WhatsApp one (`whatsapp`, or no word at all, as older lists had). Either
 * field naming another messenger is enough: an instance this extension cannot link is never offered.
 */
export function otherMessengerOf(entry: Pick<ListedEntry, 'typeInstance' | 'messenger'>): string | undefined {
  for (const word of [entry.typeInstance, entry.messenger ?? '']) {
    const key = word.trim().toLowerCase();
    if (key === '' || key === 'whatsapp') continue;
    return OTHER_MESSENGERS[key] ?? Array.from(word.trim()).slice(0, MAX_MESSENGER_WORD).join('');
  }
  return undefined;
}

/**
 * Splits a partner list into what can be offered (active WhatsApp instances), the number of
 * deleted ones, and the active instances of other messengers grouped by messenger (first seen
 * first), so that an import can say which it skipped and why. Order is kept within each part.
 */
export function sortPartnerList<T extends ListedEntry>(
  listed: readonly T[],
): { readonly importable: T[]; readonly deleted: number; readonly otherMessengers: OtherMessengerEntries[] } {
  const importable: T[] = [];
  const groups = new Map<string, { idInstance: string; name: string }[]>();
  let deleted = 0;
  for (const entry of listed) {
    const messenger = otherMessengerOf(entry);
    if (entry.deleted) deleted++;
    else if (messenger === undefined) importable.push(entry);
    else {
      const group = groups.get(messenger) ?? [];
      group.push({ idInstance: entry.idInstance, name: entry.name });
      groups.set(messenger, group);
    }
  }
  return { importable, deleted, otherMessengers: [...groups].map(([messenger, entries]) => ({ messenger, entries })) };
}

/** The longest instance name quoted in a summary of skipped instances. */
const MAX_SKIPPED_NAME = 40;

/**
 * "2 MAX instances (Shop, 7103000002) and 1 Telegram instance (Bot) skipped: this extension links
 * WhatsApp.": each messenger with its count and, when `shown` > 0, at most `shown` of its instances
 * named (the name, or the idInstance of one without). '' for no group.
 */
export function describeOtherMessengers(groups: readonly OtherMessengerEntries[], shown = 3): string {
  const parts = groups.map(({ messenger, entries }) => {
    // l10n: A count of skipped instances of another messenger: "2 MAX instances". {1} (or {0} in the singular) is the messenger's name (MAX, Telegram), kept as is.
    const counted =
      entries.length === 1 ? t('1 {0} instance', messenger) : t('{0} {1} instances', entries.length, messenger);
    if (shown <= 0) return counted;
    const named = entries.slice(0, shown).map((entry) =>
      Array.from(entry.name || entry.idInstance)
        .slice(0, MAX_SKIPPED_NAME)
        .join(''),
    );
    const more = entries.length > shown ? `, ${t('and {0} more', entries.length - shown)}` : '';
    return `${counted} (${named.join(', ')}${more})`;
  });
  if (parts.length === 0) return '';
  // l10n: Joins the last two items of a list: "2 MAX instances, 1 Instagram instance and 1 Telegram instance".
  const list =
    parts.length === 1
      ? (parts[0] as string)
      : t('{0} and {1}', parts.slice(0, -1).join(', '), parts[parts.length - 1] as string);
  // l10n: Why a partner import left instances out. {0} lists them by messenger: "2 MAX instances (Shop, Sales) and 1 Telegram instance (Bot)". MAX and Telegram are other messengers GREEN-API serves.
  return t('{0} skipped: this extension links WhatsApp.', list);
}

/** What a partner import says of what it did not offer: the other messengers' instances, named or counted, and the deleted count. */
export function describeSkipped(
  skipped: { readonly deleted: number; readonly otherMessengers: readonly OtherMessengerEntries[] },
  shown = 3,
): string {
  // l10n: Ends a partner import's message. {0} is a count of deleted instances of the partner account.
  const deleted = skipped.deleted > 0 ? t('Deleted instances not shown: {0}.', skipped.deleted) : '';
  return [describeOtherMessengers(skipped.otherMessengers, shown), deleted].filter(Boolean).join(' ');
}

/** An instance whose suggested host did not answer a partner import's check, and why in words. */
export interface UnansweredEntry {
  readonly idInstance: string;
  readonly apiUrl: string;
  /** The failure's badge wording, such as "unreachable (ENOTFOUND)". */
  readonly reason: string;
}

/**
 * The failures of a partner import's host checks, one part per host and reason (first seen
 * first), joined with "; ": "https://1101.api.greenapi.com: unreachable (ENOTFOUND), 22 instances
 * (1101000001, 1101000002, 1101000003 and 19 more)". At most `groups` parts and `ids` idInstances
 * in each are named; 22 instances that failed alike make one part, not 22 lines.
 */
export function describeUnanswered(failed: readonly UnansweredEntry[], groups = 5, ids = 3): string {
  const byCause = new Map<string, { apiUrl: string; reason: string; ids: string[] }>();
  for (const entry of failed) {
    const key = `${entry.apiUrl}\n${entry.reason}`;
    const group = byCause.get(key) ?? { apiUrl: entry.apiUrl, reason: entry.reason, ids: [] };
    group.ids.push(entry.idInstance);
    byCause.set(key, group);
  }
  const parts = [...byCause.values()].slice(0, groups).map((group) => {
    const named = group.ids.slice(0, ids).join(', ');
    const more = group.ids.length > ids ? ` ${t('and {0} more', group.ids.length - ids)}` : '';
    if (group.ids.length === 1) return `${group.apiUrl}: ${group.reason} (${named})`;
    // l10n: One kind of failure of a partner import's host check. {0} is the host, {1} the failure ("unreachable (ENOTFOUND)"), {2} a count, {3} some of the idInstances: "1101000001, 1101000002 and 20 more".
    return t('{0}: {1}, {2} instances ({3})', group.apiUrl, group.reason, group.ids.length, named + more);
  });
  const left = byCause.size - groups;
  // l10n: Ends a list of kinds of failure: "…; and 2 more". {0} is a count.
  return parts.join('; ') + (left > 0 ? `; ${t('and {0} more', left)}` : '');
}
