import * as vscode from 'vscode';
import { isGreenApiError } from '../api/errors';
import { readSettings } from '../platform/config';
import { InstanceRegistry } from '../core/instanceRegistry';
import { InstanceStates } from '../core/instanceStates';
import { t } from '../core/l10n';
import { stateWords } from '../core/stateWords';
import { InstanceRecord, displayName } from '../core/storedInstance';
import { explain } from '../failures/explain';
import { showFailure } from '../failures/showFailure';
import { RunWayOut } from '../core/waysOut';
import { Log } from '../platform/log';
import { StateChecks } from '../services/stateChecks';
import { FormField, FormStart, askInstanceFields } from '../ui/instanceForm';
import { withCancellableProgress } from '../ui/cancellableProgress';
import { originOf } from '../core/validation';

/** What the add and edit flows work with. */
export interface EditingContext {
  readonly registry: InstanceRegistry;
  readonly states: InstanceStates;
  readonly stateChecks: StateChecks;
  readonly log: Log;
  /** The next step after adding an instance that is not linked yet: its Link panel. */
  readonly openLinkPanel: (idInstance: string) => unknown;
  /** A failure's ways out by the instance's id (`Actions.runWayOut`). */
  readonly runWayOut: RunWayOut;
}

/** A credential check's verdict for the imports: save the record, ask again, or give up. */
export type CredentialVerdict = 'save' | 'retry' | 'cancel';

/** A credential check's verdict for the form: save, give up, or go back to the field at fault with what was wrong. */
export type FormVerdict = 'save' | 'cancel' | { readonly field: FormField; readonly problem: string };

/**
 * Saves `record` to the registry (SecretStorage). Resolves to its idInstance, or
 * undefined after showing why the storage refused it; never throws.
 */
export async function saveInstance(context: EditingContext, record: InstanceRecord): Promise<string | undefined> {
  try {
    await context.registry.save(record);
  } catch (error) {
    showFailure(error, displayName(record), {}, context.log, context.runWayOut);
    return undefined;
  }
  context.log.info(`Saved instance ${record.idInstance} (${record.apiUrl}).`);
  return record.idInstance;
}

/**
 * The Add form, then a credential check; a refused check reopens the field at fault (403:
 * idInstance, 401: token, 404 or unreachable: apiUrl) with every value kept. Then the save, and
 * the Link panel for an instance not linked yet, else one notice. Resolves to the idInstance
 * saved, or undefined when the user gave up.
 */
export async function addInteractively(
  context: EditingContext,
  initial: Partial<InstanceRecord> = {},
): Promise<string | undefined> {
  // A stored idInstance is caught at its own step (2), where Replace is asked; the idInstance the user agreed to replace there.
  let replacing: string | undefined;
  const duplicates: Pick<FormStart, 'storedName' | 'confirmReplace'> = {
    storedName: (idInstance) => {
      const stored = context.registry.get(idInstance);
      return stored && displayName(stored);
    },
    confirmReplace: async (idInstance, name) => {
      const yes = await confirmReplace(idInstance, name);
      replacing = yes ? idInstance : replacing;
      return yes;
    },
  };
  let start: FormStart = { ...initial, ...duplicates };
  for (;;) {
    const fields = await askInstanceFields(t('Add GREEN-API Instance'), readSettings().defaultApiUrl, start);
    if (!fields?.apiTokenInstance) return undefined;
    // Read again: one stored meanwhile (another window, an import) is still asked about.
    const existing = context.registry.get(fields.idInstance);
    if (
      existing &&
      replacing !== fields.idInstance &&
      !(await confirmReplace(fields.idInstance, displayName(existing)))
    ) {
      return undefined;
    }
    const record: InstanceRecord = { ...fields, apiTokenInstance: fields.apiTokenInstance };
    const verdict = await diagnoseCredentials(context, record);
    if (verdict === 'cancel') return undefined;
    if (verdict !== 'save') {
      start = { ...record, ...duplicates, field: verdict.field, problem: verdict.problem };
      continue;
    }
    const saved = await saveInstance(context, record);
    if (saved) confirmAdded(context, record);
    return saved;
  }
}

async function confirmReplace(idInstance: string, name: string): Promise<boolean> {
  const replace = t('Replace');
  const answer = await vscode.window.showWarningMessage(
    t('Instance {0} ({1}) is already stored. Replace its apiUrl, token and name?', idInstance, name),
    { modal: true },
    replace,
  );
  return answer === replace;
}

/**
 * The Edit form for a stored instance (the token box may stay empty to keep the
 * token), a credential check that goes back to the field at fault, then the save (of the
 * record as it is stored at that moment, with the fields changed). Resolves to the
 * idInstance saved, or undefined when the instance is gone or the user gave up.
 */
export async function editInteractively(context: EditingContext, idInstance: string): Promise<string | undefined> {
  const first = context.registry.get(idInstance);
  if (!first) return undefined;
  let start: FormStart = { ...first, apiTokenInstance: undefined, keepToken: true, lockIdInstance: true };
  for (;;) {
    const fields = await askInstanceFields(t('Edit {0}', displayName(first)), readSettings().defaultApiUrl, start);
    const current = context.registry.get(idInstance);
    if (!fields) return undefined;
    if (!current) return removedMeanwhile(first);
    if (!fields.apiTokenInstance && !(await confirmTokenToNewHost(current.apiUrl, fields.apiUrl))) return undefined;
    const updated: InstanceRecord = {
      ...current,
      ...fields,
      idInstance,
      apiTokenInstance: fields.apiTokenInstance ?? current.apiTokenInstance,
    };
    const verdict = await diagnoseCredentials(context, updated);
    if (verdict === 'cancel') return undefined;
    if (verdict === 'save') {
      // The check took a while: save onto the record as it is now, and never bring back one removed meanwhile.
      const latest = context.registry.get(idInstance);
      if (!latest) return removedMeanwhile(first);
      if (fields.apiTokenInstance && !(await confirmMove(displayName(latest), latest.apiUrl, fields.apiUrl))) {
        return undefined;
      }
      return saveInstance(context, {
        ...latest,
        ...fields,
        idInstance,
        apiTokenInstance: fields.apiTokenInstance ?? latest.apiTokenInstance,
      });
    }
    start = {
      ...fields,
      apiTokenInstance: fields.apiTokenInstance,
      keepToken: true,
      lockIdInstance: true,
      field: verdict.field === 'idInstance' ? 'apiUrl' : verdict.field,
      problem: verdict.problem,
    };
  }
}

/**
 * Asks GREEN-API for the state before saving (getStateInstance, under a cancellable
 * progress notification), so a typo is caught while the console is still open. A
 * refused idInstance or token, or an unreachable apiUrl, names the field to go back to;
 * any other failure offers Save Anyway.
 */
export async function diagnoseCredentials(context: EditingContext, record: InstanceRecord): Promise<FormVerdict> {
  // The token is not stored yet: the log and the texts shown below redact it for the whole check (security review L3).
  const hold = context.log.holdSecrets([record.apiTokenInstance]);
  try {
    return await diagnoseHeld(context, record);
  } finally {
    hold.dispose();
  }
}

async function diagnoseHeld(context: EditingContext, record: InstanceRecord): Promise<FormVerdict> {
  try {
    await withCancellableProgress(t('GREEN-API: checking {0}…', displayName(record)), (signal) =>
      context.stateChecks.check(record, { signal }),
    );
    return 'save';
  } catch (error) {
    if (!isGreenApiError(error) || error.kind === 'cancelled') return 'cancel';
    const words = explain(error, displayName(record));
    if (words.field === 'apiTokenInstance' || words.field === 'idInstance') {
      return words.field === 'apiTokenInstance'
        ? {
            field: 'apiTokenInstance',
            problem: t('GREEN-API refused this apiTokenInstance (401). Copy it again from the GREEN-API console.'),
          }
        : {
            field: 'idInstance',
            problem: t(
              'GREEN-API does not know this idInstance (403): it is wrong, or the instance was deleted or has expired.',
            ),
          };
    }
    const message = context.log.redact(words.message);
    if (words.field === 'apiUrl') return { field: 'apiUrl', problem: message };
    const saveAnyway = t('Save Anyway');
    const edit = t('Edit');
    const answer = await vscode.window.showWarningMessage(
      t('Could not check the instance: {0} Save it anyway?', message),
      saveAnyway,
      edit,
    );
    return answer === saveAnyway ? 'save' : answer === edit ? { field: 'apiUrl', problem: message } : 'cancel';
  }
}

/**
 * The credential check of the imports: {@link diagnoseCredentials}, with a refused
 * check said in a notification that offers Enter Again.
 */
export async function checkCredentials(context: EditingContext, record: InstanceRecord): Promise<CredentialVerdict> {
  const verdict = await diagnoseCredentials(context, record);
  if (verdict === 'save' || verdict === 'cancel') return verdict;
  const retry = t('Enter Again');
  return (await vscode.window.showErrorMessage(verdict.problem, retry)) === retry ? 'retry' : 'cancel';
}

/**
 * The stored token goes to a new host only with the user's yes: an Edit that changes the
 * apiUrl's origin and keeps the token asks first (modal). True when the origin stays, or
 * the user agreed.
 */
async function confirmTokenToNewHost(oldApiUrl: string, newApiUrl: string): Promise<boolean> {
  const before = originOf(oldApiUrl);
  const after = originOf(newApiUrl);
  if (before === after) return true;
  const send = t('Use the Stored Token There');
  const answer = await vscode.window.showWarningMessage(
    t('Send the stored apiTokenInstance to {0}?', after),
    {
      modal: true,
      detail: t(
        'The instance was saved with {0}. Its token opens the WhatsApp account, so it goes to a new host only if you say so. To be safe, paste the token again instead.',
        before,
      ),
    },
    send,
  );
  return answer === send;
}

/**
 * An Edit that moves the instance to another origin with a new token says so before the
 * save (modal), naming both hosts: the old host's state, history and code are then
 * forgotten, and a command argument can never make this move (security review M1). True
 * when the origin stays, or the user agreed.
 */
async function confirmMove(name: string, oldApiUrl: string, newApiUrl: string): Promise<boolean> {
  const before = originOf(oldApiUrl);
  const after = originOf(newApiUrl);
  if (before === after) return true;
  const move = t('Move It');
  const answer = await vscode.window.showWarningMessage(
    // l10n: {0}: the instance's name, {1}: the old host, {2}: the new host (scheme, host and port).
    t('Move {0} from {1} to {2}?', name, before, after),
    {
      modal: true,
      detail: t(
        'Its state, history and any pending code are for the old host and start afresh. Move it only if you set up this instance on the new host yourself.',
      ),
    },
    move,
  );
  return answer === move;
}

/** Says that the instance went while its form was open; nothing is saved. */
function removedMeanwhile(record: InstanceRecord): undefined {
  void vscode.window.showWarningMessage(
    t('{0} was removed while it was being edited. Nothing was saved.', displayName(record)),
  );
  return undefined;
}

/** After an interactive add: the Link panel when the phone is still to be linked, else one notice of where things stand. */
function confirmAdded(context: EditingContext, record: InstanceRecord): void {
  const state = context.states.get(record.idInstance).state;
  const name = displayName(record);
  if (state === 'notAuthorized') {
    void context.openLinkPanel(record.idInstance);
  } else {
    void vscode.window.showInformationMessage(
      state ? t('{0} is saved (state: {1}).', name, stateWords(state, t).label) : t('{0} is saved.', name),
    );
  }
}
