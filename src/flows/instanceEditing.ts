import * as vscode from 'vscode';
import { isGreenApiError } from '../api/errors';
import { readSettings } from '../config';
import { InstanceRegistry } from '../core/instanceRegistry';
import { InstanceStates } from '../core/instanceStates';
import { t } from '../core/l10n';
import { InstanceRecord, displayName } from '../core/storedInstance';
import { explainFailure } from '../failures/explain';
import { showFailure } from '../failures/showFailure';
import { Log } from '../log';
import { StateChecks } from '../services/stateChecks';
import { askInstanceFields } from '../ui/instanceForm';
import { originOf } from '../core/validation';

/** What the add and edit flows work with. */
export interface EditingContext {
  readonly registry: InstanceRegistry;
  readonly states: InstanceStates;
  readonly stateChecks: StateChecks;
  readonly log: Log;
  /** The next step after adding an instance that is not linked yet: ask for a code. */
  readonly getCode: (idInstance: string) => unknown;
}

/** A credential check's verdict: save the record, ask the form again, or give up. */
export type CredentialVerdict = 'save' | 'retry' | 'cancel';

/**
 * Saves `record` to the registry (SecretStorage). Resolves to its idInstance, or
 * undefined after showing why the storage refused it; never throws.
 */
export async function saveInstance(context: EditingContext, record: InstanceRecord): Promise<string | undefined> {
  try {
    await context.registry.save(record);
  } catch (error) {
    showFailure(error, displayName(record), {}, context.log);
    return undefined;
  }
  context.log.info(`Saved instance ${record.idInstance} (${record.apiUrl}).`);
  return record.idInstance;
}

/**
 * The Add form (apiUrl, idInstance, token, name), then a credential check, then the
 * save and one notification with the next step. `initial` refills the form after a
 * failed check. Resolves to the idInstance saved, or undefined when the user gave up.
 */
export async function addInteractively(context: EditingContext, initial: Partial<InstanceRecord> = {}): Promise<string | undefined> {
  const fields = await askInstanceFields(t('Add GREEN-API Instance'), readSettings().defaultApiUrl, initial);
  if (!fields?.apiTokenInstance) return undefined;
  const existing = context.registry.get(fields.idInstance);
  if (existing) {
    const replace = t('Replace');
    const answer = await vscode.window.showWarningMessage(
      t('Instance {0} ({1}) is already stored. Replace its apiUrl, token and name?', fields.idInstance, displayName(existing)),
      { modal: true },
      replace,
    );
    if (answer !== replace) return undefined;
  }
  const record: InstanceRecord = { ...fields, apiTokenInstance: fields.apiTokenInstance };
  const verdict = await checkCredentials(context, record);
  if (verdict === 'retry') return addInteractively(context, { apiUrl: record.apiUrl, idInstance: record.idInstance, name: record.name });
  if (verdict === 'cancel') return undefined;
  const saved = await saveInstance(context, record);
  if (saved) void confirmAdded(context, record);
  return saved;
}

/**
 * The Edit form for a stored instance (the token box may stay empty to keep the
 * token), a credential check, then the save. Resolves to the idInstance saved, or
 * undefined when the instance is gone or the user gave up.
 */
export async function editInteractively(context: EditingContext, idInstance: string): Promise<string | undefined> {
  const record = context.registry.get(idInstance);
  if (!record) return undefined;
  const fields = await askInstanceFields(t('Edit {0}', displayName(record)), readSettings().defaultApiUrl, { ...record, keepToken: true });
  if (!fields) return undefined;
  if (!fields.apiTokenInstance && !(await confirmTokenToNewHost(record.apiUrl, fields.apiUrl))) return undefined;
  const updated: InstanceRecord = { ...record, ...fields, apiTokenInstance: fields.apiTokenInstance ?? record.apiTokenInstance };
  const verdict = await checkCredentials(context, updated);
  if (verdict === 'retry') return editInteractively(context, idInstance);
  if (verdict !== 'save') return undefined;
  // The form took a while: save onto the record as it is now, and never bring back one removed meanwhile.
  const current = context.registry.get(idInstance);
  if (!current) {
    void vscode.window.showWarningMessage(t('{0} was removed while it was being edited. Nothing was saved.', displayName(record)));
    return undefined;
  }
  return saveInstance(context, { ...current, ...fields, apiTokenInstance: fields.apiTokenInstance ?? current.apiTokenInstance });
}

/**
 * Asks GREEN-API for the state before saving, under a cancellable progress, so a typo is
 * caught while the console is still open. A refused token or idInstance offers Enter
 * Again; any other failure offers Save Anyway.
 */
export async function checkCredentials(context: EditingContext, record: InstanceRecord): Promise<CredentialVerdict> {
  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: t('GREEN-API: checking {0}…', displayName(record)), cancellable: true },
      (_progress, cancellation) => {
        const abort = new AbortController();
        cancellation.onCancellationRequested(() => abort.abort());
        return context.stateChecks.check(record, { signal: abort.signal });
      },
    );
    return 'save';
  } catch (error) {
    if (!isGreenApiError(error) || error.kind === 'cancelled') return 'cancel';
    if (error.kind === 'invalidCredentials') {
      const retry = t('Enter Again');
      const answer = await vscode.window.showErrorMessage(
        error.suspect === 'apiTokenInstance'
          ? t('GREEN-API refused this apiTokenInstance. Nothing was saved.')
          : t('GREEN-API does not know this idInstance (or it was deleted or has expired). Nothing was saved.'),
        retry,
      );
      return answer === retry ? 'retry' : 'cancel';
    }
    const saveAnyway = t('Save Anyway');
    const retry = t('Edit');
    const answer = await vscode.window.showWarningMessage(t('Could not check the instance: {0} Save it anyway?', explainFailure(error, displayName(record)).message), saveAnyway, retry);
    return answer === saveAnyway ? 'save' : answer === retry ? 'retry' : 'cancel';
  }
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
    { modal: true, detail: t('The instance was saved with {0}. Its token opens the WhatsApp account, so it goes to a new host only if you say so. To be safe, paste the token again instead.', before) },
    send,
  );
  return answer === send;
}

/** After an interactive add, say where things stand and offer the obvious next step. */
async function confirmAdded(context: EditingContext, record: InstanceRecord): Promise<void> {
  const state = context.states.get(record.idInstance).state;
  const name = displayName(record);
  if (state === 'notAuthorized') {
    const getCode = t('Get Authorization Code');
    const chosen = await vscode.window.showInformationMessage(t('{0} is saved. It is not linked to WhatsApp yet.', name), getCode);
    if (chosen === getCode) await context.getCode(record.idInstance);
  } else {
    void vscode.window.showInformationMessage(state ? t('{0} is saved (state: {1}).', name, state) : t('{0} is saved.', name));
  }
}
