import * as vscode from 'vscode';
import { PartnerClient } from '../api/client';
import { isGreenApiError } from '../api/errors';
import { PartnerInstance } from '../api/responses';
import { readSettings } from '../platform/config';
import { parseImportPartnerArgs } from '../core/importArgs';
import { InstanceRecord } from '../core/storedInstance';
import { t } from '../core/l10n';
import {
  OtherMessengerEntries,
  RefusedEntry,
  describeRefused,
  describeSkipped,
  describeUnanswered,
  otherMessengerOf,
  sortPartnerEntries,
  sortPartnerList,
} from '../core/partnerEntries';
import { isBeingCreated } from '../core/linkState';
import { displayName } from '../core/instanceOrder';
import { originOf, parseApiToken, parseApiUrl } from '../core/validation';
import { argumentMayStore, describeHostMoves, hostMovesOf } from '../core/hostMoves';
import { ApiClients } from '../services/apiClients';
import type { HostChecks } from '../services/stateChecks';
import { hostMoveRefusal, reportArgumentProblem } from '../failures/argumentProblem';
import { COMMAND } from '../core/manifestIds';
import { InstanceRegistry } from '../core/instanceRegistry';
import { apiUrlForUnanswered, isUniversalHost, partnerSuggestedApiUrl } from '../core/instanceHost';
import { showFailure } from '../failures/showFailure';
import { withCancellableProgress } from '../ui/cancellableProgress';
import { RunWayOut } from '../core/waysOut';
import { CredentialVerdict } from './instanceEditing';
import { Log } from '../platform/log';

/** What the two importers work with. */
export interface ImportContext {
  readonly registry: InstanceRegistry;
  readonly log: Log;
  /** For the partner client's timeouts, logging and user agent (the partner API is not an instance's). */
  readonly clients: ApiClients;
  /** The interactive credential check of the add form. */
  readonly checkCredentials: (record: InstanceRecord) => Promise<CredentialVerdict>;
  /** One getStateInstance per suggested host before a partner import saves it (StateChecks.verifyAll). */
  readonly verifyHosts: (instances: readonly InstanceRecord[], signal: AbortSignal) => Promise<HostChecks>;
  /** Checks every instance's state after an import. */
  readonly refreshAll: () => unknown;
  /** The add form, offered when there is nothing to import. */
  readonly addInstance: () => unknown;
  /** A failure's ways out by the instance's id (`Actions.runWayOut`). */
  readonly runWayOut: RunWayOut;
}

/** Where a partner import stands once the user (or the argument) said what to import from. */
/** What a partner list held besides the instances offered: deleted ones, and other messengers' by messenger. */
interface Skipped {
  readonly deleted: number;
  readonly otherMessengers: readonly OtherMessengerEntries[];
}

interface PartnerRequest {
  readonly partnerApiUrl: string;
  readonly partnerToken: string;
  /** The apiUrl for every imported instance, from the argument; otherwise each gets its own suggested host, checked. */
  readonly apiUrl: string | undefined;
  /** The idInstances an argument asked for; all active ones when undefined. */
  readonly wanted: readonly string[] | undefined;
}

/**
 * Imports instances of a partner account: asks for the access (or reads the argument),
 * lists the instances with one Partner API `getInstances` call, lets the user choose,
 * and stores each with its token. The partner token is used for that one call and kept
 * nowhere. Resolves to the idInstances imported, or undefined when nothing was done.
 */
export async function importFromPartner(services: ImportContext, arg: unknown): Promise<string[] | undefined> {
  await services.registry.ready();
  const interactive = arg === undefined;
  const request = await askPartnerRequest(services, arg);
  if (!request) return undefined;
  // The partner token, and then each listed token before it is saved, are redacted from every line for the whole import (security review L3).
  const hold = services.log.holdSecrets([request.partnerToken]);
  try {
    return await importListed(services, arg, request, interactive);
  } finally {
    hold.dispose();
  }
}

async function importListed(
  services: ImportContext,
  arg: unknown,
  request: PartnerRequest,
  interactive: boolean,
): Promise<string[] | undefined> {
  const listed = await listPartnerInstances(services, request, arg);
  if (!listed) return undefined;
  // Deleted instances and other messengers' (MAX, Telegram) cannot be linked here: they are not offered, and the import says so.
  const { importable, ...skipped } = sortPartnerList(listed);
  const chosen = interactive
    ? await choosePartnerInstances(services, importable, skipped)
    : chooseByArgument(services, importable, listed, request.wanted);
  if (!chosen) return chosen === null ? [] : undefined;
  const records = usableRecords(services, chosen.instances, request);
  const tokens = services.log.holdSecrets(records.usable.map((record) => record.apiTokenInstance));
  // An argument that named its instances asked nothing of the others.
  const notes = request.wanted ? [] : [describeSkipped(skipped)].filter(Boolean);
  if (skipped.otherMessengers.length > 0) {
    const counts = skipped.otherMessengers.map((group) => `${group.messenger} ${group.entries.length}`);
    services.log.info(`importFromPartner: skipped other messengers' instances: ${counts.join(', ')}.`);
  }
  try {
    return await placeAndSave(services, request, records, interactive, notes);
  } finally {
    tokens.dispose();
  }
}

async function placeAndSave(
  services: ImportContext,
  request: PartnerRequest,
  records: { usable: InstanceRecord[]; refused: RefusedEntry[] },
  interactive: boolean,
  notes: readonly string[],
): Promise<string[] | undefined> {
  const own =
    request.apiUrl === undefined
      ? await placeOnOwnHosts(services, records.usable, interactive, request.partnerApiUrl)
      : { placed: records.usable, creating: [] as string[] };
  if (!own) return undefined;
  const placed = interactive ? await confirmHostMoves(services, own.placed) : own.placed;
  if (!placed) return undefined;
  if (!interactive) {
    // An argument never moves a stored instance to another host (security review M1).
    const moved = placed.filter(
      (record) => !argumentMayStore(services.registry.entry(record.idInstance)?.apiUrl, record.apiUrl),
    );
    if (moved.length > 0) {
      return reportArgumentProblem(
        COMMAND.importFromPartner,
        hostMoveRefusal(moved.map((record) => record.idInstance).join(', ')),
        services.log,
      );
    }
  }
  // Those GREEN-API is still creating answered on their host, so they are among the placed ones.
  const { creating } = own;
  const more = creating.length > 5 ? `, ${t('and {0} more', creating.length - 5)}` : '';
  // l10n: Ends a partner import's summary. {0} lists idInstances GREEN-API has not finished creating; the import keeps them on their own host.
  const creatingNote =
    creating.length > 0
      ? [
          t(
            'Still being created by GREEN-API (this can take up to 5 minutes), and checked until ready: {0}.',
            creating.slice(0, 5).join(', ') + more,
          ),
        ]
      : [];
  const imported = await savePartnerInstances(services, placed, records.refused, interactive, [
    ...creatingNote,
    ...notes,
  ]);
  if (imported.length > 0) void services.refreshAll();
  return imported;
}

/**
 * The records to save, each on the argument's apiUrl or its suggested host (partnerSuggestedApiUrl:
 * a loopback partnerApiUrl suggests itself); an entry that cannot be stored (a malformed idInstance
 * or token, see sortPartnerEntries) is refused with its reason before any host is derived from it.
 */
function usableRecords(
  services: ImportContext,
  chosen: readonly PartnerInstance[],
  request: Pick<PartnerRequest, 'apiUrl' | 'partnerApiUrl'>,
): { usable: InstanceRecord[]; refused: RefusedEntry[] } {
  const { storable, refused } = sortPartnerEntries(chosen);
  const usable = storable.map((instance): InstanceRecord => {
    const previous = services.registry.get(instance.idInstance);
    const target = request.apiUrl ?? partnerSuggestedApiUrl(instance.idInstance, request.partnerApiUrl);
    return {
      apiUrl: target,
      idInstance: instance.idInstance,
      apiTokenInstance: instance.apiTokenInstance,
      name: instance.name || services.registry.entry(instance.idInstance)?.name || '',
      // The last phone number stays only on the same host.
      ...(previous?.lastPhone && originOf(previous.apiUrl) === originOf(target)
        ? { lastPhone: previous.lastPhone }
        : {}),
    };
  });
  return { usable, refused };
}

/**
 * Each instance on its own host, as GREEN-API asks: the suggested host is checked with
 * one getStateInstance per instance before anything is saved. What fails is never saved
 * silently: with an argument it is left out and reported; a person is asked (another
 * apiUrl for those, save them anyway, or skip them). An instance GREEN-API is still creating
 * (getStateInstance `null`) answered: it stays on its host, and its idInstance is in `creating`.
 * Undefined when the user cancelled.
 */
async function placeOnOwnHosts(
  services: ImportContext,
  records: InstanceRecord[],
  interactive: boolean,
  partnerApiUrl: string,
): Promise<{ placed: InstanceRecord[]; creating: string[] } | undefined> {
  const { failures, states } = await withCancellableProgress(
    t("GREEN-API: checking each instance's own host…"),
    (signal) => services.verifyHosts(records, signal),
  );
  const creating = [...states].filter(([, state]) => isBeingCreated(state)).map(([id]) => id);
  const placed = await confirmUnanswered(services, records, failures, interactive, partnerApiUrl);
  return placed && { placed, creating };
}

/**
 * The records to save once some suggested hosts did not answer: asks a person (the failures
 * grouped by host and reason), reports to an argument. Undefined on cancel.
 */
async function confirmUnanswered(
  services: ImportContext,
  records: InstanceRecord[],
  failures: ReadonlyMap<string, string>,
  interactive: boolean,
  partnerApiUrl: string,
): Promise<InstanceRecord[] | undefined> {
  if (failures.size === 0) return records;
  const verified = records.filter((record) => !failures.has(record.idInstance));
  const failed = records.filter((record) => failures.has(record.idInstance));
  const list = describeUnanswered(
    failed.map((record) => ({
      idInstance: record.idInstance,
      apiUrl: record.apiUrl,
      reason: failures.get(record.idInstance) ?? '',
    })),
  );
  services.log.warn(
    `importFromPartner: ${failed.length} suggested host(s) did not answer; not saved without the user's word.`,
  );
  const question = services.log.redact(
    t(
      '{0} of {1} instances did not answer on their suggested host, so they are not saved yet: {2}',
      failed.length,
      records.length,
      list,
    ),
  );
  if (!interactive) {
    void vscode.window.showWarningMessage(
      t('{0} {1}', question, t('Give "apiUrl" in the argument, or import them from the palette.')),
    );
    return verified;
  }
  const enter = t('Enter apiUrl…');
  const anyway = t('Save Anyway');
  const skip = t('Skip Them');
  const answer = await vscode.window.showWarningMessage(
    question,
    { modal: true, detail: t("The console shows each instance's apiUrl on its page.") },
    enter,
    anyway,
    skip,
  );
  if (answer === undefined) return undefined;
  if (answer === skip) return verified;
  if (answer === anyway) return records;
  const apiUrl = await askSharedApiUrl(apiUrlForUnanswered(partnerApiUrl, readSettings().defaultApiUrl));
  return apiUrl === undefined ? undefined : [...verified, ...failed.map((record) => ({ ...record, apiUrl }))];
}

/**
 * The records to save once the user said where the stored ones go: a record that would move an
 * instance already stored to another origin (a loopback partner's suggestion, an own host, the
 * apiUrl typed for the unanswered ones) moves only with the user's yes, as the Edit form's move
 * does, in one modal for all of them naming their hosts. "Keep" saves those on their stored
 * apiUrl with the partner's token (their last phone kept); undefined on Cancel (nothing saved).
 */
async function confirmHostMoves(
  services: ImportContext,
  records: InstanceRecord[],
): Promise<InstanceRecord[] | undefined> {
  const moves = hostMovesOf(records, (id) => services.registry.entry(id)?.apiUrl);
  if (moves.length === 0) return records;
  const single = moves.length === 1 ? moves[0] : undefined;
  const stored = single && services.registry.entry(single.idInstance);
  const move = single ? t('Move It') : t('Move Them');
  const keep = single ? t('Keep Its Host') : t('Keep Their Hosts');
  const answer = await vscode.window.showWarningMessage(
    single
      ? t('Move {0} from {1} to {2}?', stored ? displayName(stored) : single.idInstance, single.from, single.to)
      : // l10n: A partner import's question before it moves instances already in VS Code. {0} is a count; the details name the hosts.
        t('Move {0} instances already in VS Code to other hosts?', moves.length),
    {
      modal: true,
      detail: single
        ? t(
            'Its state, history and any pending code are for the old host and start afresh. Move it only if you set up this instance on the new host yourself.',
          )
        : `${describeHostMoves(moves)}\n\n${t(
            'Their state, history and any pending codes are for the old hosts and start afresh. Move them only if you set up these instances on the new hosts yourself. Kept on their hosts, they get the new token there.',
          )}`,
    },
    move,
    keep,
  );
  if (answer === undefined) return undefined;
  services.log.info(
    `importFromPartner: ${moves.length} stored instance(s) on another host: ${answer === move ? 'moved' : 'kept on their hosts'} by the user.`,
  );
  if (answer === move) return records;
  const moving = new Set(moves.map((entry) => entry.idInstance));
  return records.map((record) => {
    if (!moving.has(record.idInstance)) return record;
    const current = services.registry.entry(record.idInstance);
    if (!current) return record;
    const lastPhone = services.registry.get(record.idInstance)?.lastPhone;
    return { ...record, apiUrl: current.apiUrl, ...(lastPhone ? { lastPhone } : {}) };
  });
}

/** The partner access: the argument's, or asked in two boxes. Undefined after a reported problem or Escape. */
async function askPartnerRequest(services: ImportContext, arg: unknown): Promise<PartnerRequest | undefined> {
  if (arg === undefined) {
    const asked = await askPartnerAccess();
    return asked && { ...asked, apiUrl: undefined, wanted: undefined };
  }
  const parsed = parseImportPartnerArgs(arg);
  if (!parsed.ok) return reportArgumentProblem(COMMAND.importFromPartner, parsed.message, services.log);
  const { partnerApiUrl, partnerToken, apiUrl, idInstances } = parsed.value;
  return { partnerApiUrl, partnerToken, apiUrl, wanted: idInstances };
}

/** One `getInstances` call under a cancellable progress; undefined after showing why it failed. */
async function listPartnerInstances(
  services: ImportContext,
  request: PartnerRequest,
  arg: unknown,
): Promise<PartnerInstance[] | undefined> {
  try {
    return await withCancellableProgress(t("GREEN-API: listing the partner account's instances…"), (signal) =>
      new PartnerClient(request.partnerApiUrl, request.partnerToken, services.clients.options()).getInstances({
        signal,
      }),
    );
  } catch (error) {
    if (isGreenApiError(error) && error.kind === 'invalidCredentials') {
      services.log.error('importFromPartner: the partner token was refused.');
      void vscode.window.showErrorMessage(
        t(
          "GREEN-API refused this partner token. Copy it again from the console's Profile section (partnerToken), then retry.",
        ),
      );
    } else {
      showFailure(
        error,
        t('The partner account'),
        { tryAgain: () => importFromPartner(services, arg) },
        services.log,
        services.runWayOut,
      );
    }
    return undefined;
  }
}

/**
 * The user's multi-select of the active instances, its placeholder counting what was skipped and
 * why (other messengers, deleted); null when there is nothing to choose (the message then names
 * the skipped ones), undefined on Escape.
 */
async function choosePartnerInstances(
  services: ImportContext,
  importable: readonly PartnerInstance[],
  skipped: Skipped,
): Promise<{ instances: PartnerInstance[] } | null | undefined> {
  if (importable.length === 0) {
    void vscode.window.showInformationMessage(
      [t('The partner account has no active WhatsApp instance to import.'), describeSkipped(skipped)]
        .filter(Boolean)
        .join(' '),
    );
    return null;
  }
  const skippedCounts = describeSkipped(skipped, 0);
  const picks = await vscode.window.showQuickPick(
    importable.map((instance) => ({
      label: instance.name || instance.idInstance,
      description: instance.idInstance,
      detail:
        // l10n: Notes after an instance in the partner import list, joined with " · ". "payment overdue": GREEN-API marks the instance as expired (isExpired).
        [
          services.registry.get(instance.idInstance) ? t('already in VS Code: its token will be updated') : '',
          instance.isExpired ? t('payment overdue') : '',
        ]
          .filter(Boolean)
          .join(' · ') || undefined,
      picked: !services.registry.get(instance.idInstance),
      instance,
    })),
    {
      title: t('Import GREEN-API Instances'),
      // l10n: The partner import's list prompt. {0} is a count of active instances; {1}, where present, says what is not shown and why: "2 MAX instances skipped: this extension links WhatsApp. Deleted instances not shown: 1."
      placeHolder: skippedCounts
        ? t('Choose the instances to add ({0} active). {1}', importable.length, skippedCounts)
        : t('Choose the instances to add ({0} active)', importable.length),
      canPickMany: true,
      ignoreFocusOut: true,
    },
  );
  return picks && picks.length > 0 ? { instances: picks.map((pick) => pick.instance) } : undefined;
}

/**
 * The instances an argument named (all active ones without a list); undefined after reporting an
 * unknown one, each of another messenger named with it ("7103000002 (MAX)").
 */
function chooseByArgument(
  services: ImportContext,
  importable: readonly PartnerInstance[],
  listed: readonly PartnerInstance[],
  wanted: readonly string[] | undefined,
): { instances: PartnerInstance[] } | undefined {
  const unknown = (wanted ?? []).filter((id) => !importable.some((instance) => instance.idInstance === id));
  const named = unknown.map((id) => {
    const entry = listed.find((instance) => instance.idInstance === id && !instance.deleted);
    const other = entry && otherMessengerOf(entry);
    return other ? `${id} (${other})` : id;
  });
  if (unknown.length > 0) {
    return reportArgumentProblem(
      COMMAND.importFromPartner,
      t('The partner account has no active WhatsApp instance {0}.', named.join(', ')),
      services.log,
    );
  }
  return {
    instances: wanted ? importable.filter((instance) => wanted.includes(instance.idInstance)) : [...importable],
  };
}

/** One box for the instances whose suggested host did not answer, holding `offered` (see apiUrlForUnanswered). */
async function askSharedApiUrl(offered: string): Promise<string | undefined> {
  const paste = t(
    "Paste the apiUrl the console shows on these instances' page, for example https://1103.api.greenapi.com.",
  );
  const answered = await vscode.window.showInputBox({
    title: t('Import GREEN-API Instances: apiUrl'),
    // Offered as it is, the universal host answers for every instance: the prompt says so, not only how an own host looks.
    prompt: isUniversalHost(offered)
      ? `${paste} ${t('{0} answers for every instance too, but it is not their own host.', offered)}`
      : paste,
    value: offered,
    ignoreFocusOut: true,
    validateInput: (value) => {
      const parsed = parseApiUrl(value);
      return parsed.ok ? undefined : parsed.message;
    },
  });
  const parsedUrl = parseApiUrl(answered ?? '');
  return answered !== undefined && parsedUrl.ok ? parsedUrl.value : undefined;
}

/** Stores the records in one batch (one index write, a few secret writes); says how it went, `notes` (sentences) last. */
async function savePartnerInstances(
  services: ImportContext,
  records: readonly InstanceRecord[],
  refused: readonly RefusedEntry[],
  interactive: boolean,
  notes: readonly string[],
): Promise<string[]> {
  let imported: string[] = [];
  try {
    await services.registry.saveMany(records);
    imported = records.map((record) => record.idInstance);
  } catch (error) {
    // Nothing is half-saved: the batch is written whole or not at all.
    showFailure(error, t('The partner account'), {}, services.log, services.runWayOut);
  }
  services.log.info(
    `Imported ${imported.length} instance(s) from the partner account${refused.length ? `; ${refused.length} left out: ${refused.map((entry) => `${entry.idInstance} (${entry.reason})`).join(', ')}` : ''}.`,
  );
  if (interactive || imported.length > 0 || refused.length > 0 || notes.length > 0) {
    const summary = [
      t("GREEN-API instances imported into VS Code's secret storage: {0}.", imported.length),
      refused.length ? describeRefused(refused) : '',
      ...notes,
    ]
      .filter(Boolean)
      .join(' ');
    void (refused.length ? vscode.window.showWarningMessage(summary) : vscode.window.showInformationMessage(summary));
  }
  return imported;
}

async function askPartnerAccess(): Promise<{ partnerApiUrl: string; partnerToken: string } | undefined> {
  const partnerApiUrl = await vscode.window.showInputBox({
    title: t('Import from a GREEN-API Partner Account (1/2)'),
    // l10n: Input box prompts. partnerApiUrl and partnerToken are GREEN-API field names: keep them as is.
    prompt: t('partnerApiUrl, from the Profile section of the GREEN-API console'),
    value: 'https://api.green-api.com',
    ignoreFocusOut: true,
    validateInput: (value) => {
      const parsed = parseApiUrl(value);
      return parsed.ok ? undefined : parsed.message;
    },
  });
  if (partnerApiUrl === undefined) return undefined;
  const partnerToken = await vscode.window.showInputBox({
    title: t('Import from a GREEN-API Partner Account (2/2)'),
    // l10n: Input box prompt. partnerToken is a GREEN-API field name: keep it as is.
    prompt: t('partnerToken, from the same Profile section. It is used for this one request and stored nowhere.'),
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => {
      const parsed = parseApiToken(value);
      return parsed.ok ? undefined : parsed.message.replace(/apiTokenInstance/g, 'partnerToken');
    },
  });
  if (partnerToken === undefined) return undefined;
  const url = parseApiUrl(partnerApiUrl);
  return url.ok ? { partnerApiUrl: url.value, partnerToken: partnerToken.trim() } : undefined;
}
