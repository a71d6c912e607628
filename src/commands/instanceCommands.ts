import * as vscode from 'vscode';
import { isGreenApiError } from '../api/errors';
import { readSettings } from '../config';
import { parseAddInstanceArgs, parseEditInstanceArgs, parseInstanceArgs } from '../core/commandArgs';
import { adviseForCode, explainFailure, failureReason } from '../core/explain';
import { t } from '../core/l10n';
import { InstanceRecord, displayName } from '../core/storedInstance';
import { Services } from '../services';
import { showFailure } from '../ui/failures';
import { askInstanceFields } from '../ui/instanceForm';
import { pickInstance } from '../ui/pickInstance';
import { reportArgumentProblem } from './argumentError';

export interface ListedInstance {
  readonly idInstance: string;
  readonly name: string;
  readonly apiUrl: string;
  readonly state?: string;
  readonly codeExpiresAt?: number;
}

/** The instance an argument names, or a picked one when there is no argument. */
async function resolveInstance(services: Services, command: string, arg: unknown, placeHolder: string): Promise<{ record: InstanceRecord; skipConfirmation: boolean } | undefined> {
  await services.registry.ready();
  if (arg === undefined) {
    const picked = await pickInstance(services.registry.list(), services.states, placeHolder);
    if (!picked) {
      if (services.registry.list().length === 0) void offerToAddInstance();
      return undefined;
    }
    const record = services.registry.get(picked.idInstance);
    return record ? { record, skipConfirmation: false } : undefined;
  }
  const parsed = parseInstanceArgs(arg, command);
  if (!parsed.ok) return reportArgumentProblem(command, parsed.message, services.log);
  const record = services.registry.get(parsed.value.idInstance);
  if (!record) return reportArgumentProblem(command, t('No instance {0} is stored. Add it first with "GREEN-API: Add Instance".', parsed.value.idInstance), services.log);
  return { record, skipConfirmation: parsed.value.skipConfirmation };
}

export async function offerToAddInstance(): Promise<void> {
  const add = t('Add Instance');
  if ((await vscode.window.showInformationMessage(t('There is no GREEN-API instance yet. Add one with its apiUrl, idInstance and apiTokenInstance from the GREEN-API console.'), add)) === add) {
    await vscode.commands.executeCommand('greenApi.addInstance');
  }
}

export async function addInstance(services: Services, arg: unknown): Promise<string | undefined> {
  await services.registry.ready();
  if (arg !== undefined) {
    const parsed = parseAddInstanceArgs(arg);
    if (!parsed.ok) return reportArgumentProblem('greenApi.addInstance', parsed.message, services.log);
    const { name, ...address } = parsed.value;
    const previous = services.registry.get(address.idInstance);
    return save(services, { ...address, name: name ?? previous?.name ?? '', ...(previous?.lastPhone ? { lastPhone: previous.lastPhone } : {}) });
  }
  return addInteractively(services, {});
}

async function addInteractively(services: Services, initial: Partial<InstanceRecord>): Promise<string | undefined> {
  const fields = await askInstanceFields(t('Add GREEN-API Instance'), readSettings().defaultApiUrl, initial);
  if (!fields?.apiTokenInstance) return undefined;
  const existing = services.registry.get(fields.idInstance);
  if (existing) {
    const replace = 'Replace';
    const answer = await vscode.window.showWarningMessage(t('Instance {0} ({1}) is already stored. Replace its apiUrl, token and name?', fields.idInstance, displayName(existing)), { modal: true }, replace);
    if (answer !== replace) return undefined;
  }
  const record: InstanceRecord = { ...fields, apiTokenInstance: fields.apiTokenInstance };
  const verdict = await checkCredentials(services, record);
  if (verdict === 'retry') return addInteractively(services, { apiUrl: record.apiUrl, idInstance: record.idInstance, name: record.name });
  if (verdict === 'cancel') return undefined;
  const saved = await save(services, record);
  if (saved) void confirmAdded(services, record);
  return saved;
}

/** After an interactive add, say where things stand and offer the obvious next step. */
async function confirmAdded(services: Services, record: InstanceRecord): Promise<void> {
  const state = services.states.get(record.idInstance).state;
  const name = displayName(record);
  if (state === 'notAuthorized') {
    const getCode = t('Get Authorization Code');
    const chosen = await vscode.window.showInformationMessage(t('{0} is saved. It is not linked to WhatsApp yet.', name), getCode);
    if (chosen === getCode) await vscode.commands.executeCommand('greenApi.getAuthorizationCode');
  } else {
    void vscode.window.showInformationMessage(state ? `${name} is saved (state: ${state}).` : `${name} is saved.`);
  }
}

/** Asks GREEN-API for the state before saving, so a typo is caught while the console is still open. */
export async function checkCredentials(services: Services, record: InstanceRecord): Promise<'save' | 'retry' | 'cancel'> {
  try {
    const { stateInstance } = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: t('GREEN-API: checking {0}…', displayName(record)), cancellable: true },
      (_progress, cancellation) => {
        const abort = new AbortController();
        cancellation.onCancellationRequested(() => abort.abort());
        return services.clients.for(record).getStateInstance({ signal: abort.signal });
      },
    );
    services.states.learned(record.idInstance, stateInstance);
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

async function save(services: Services, record: InstanceRecord): Promise<string | undefined> {
  try {
    await services.registry.save(record);
  } catch (error) {
    showFailure(error, displayName(record), {}, services.log);
    return undefined;
  }
  services.log.info(`Saved instance ${record.idInstance} (${record.apiUrl}).`);
  return record.idInstance;
}

export async function editInstance(services: Services, arg: unknown): Promise<string | undefined> {
  await services.registry.ready();
  if (arg === undefined) {
    const target = await resolveInstance(services, 'greenApi.editInstance', undefined, t('Which instance do you want to edit?'));
    return target ? editInteractively(services, target.record.idInstance) : undefined;
  }
  const parsed = parseEditInstanceArgs(arg);
  if (!parsed.ok) return reportArgumentProblem('greenApi.editInstance', parsed.message, services.log);
  const record = services.registry.get(parsed.value.idInstance);
  if (!record) return reportArgumentProblem('greenApi.editInstance', t('No instance {0} is stored. Add it first with "GREEN-API: Add Instance".', parsed.value.idInstance), services.log);
  return save(services, { ...record, ...parsed.value });
}

/** The edit form for one instance, for the palette and for "Update Token" buttons. */
export async function editInteractively(services: Services, idInstance: string): Promise<string | undefined> {
  const record = services.registry.get(idInstance);
  if (!record) return undefined;
  const fields = await askInstanceFields(`Edit ${displayName(record)}`, readSettings().defaultApiUrl, { ...record, keepToken: true });
  if (!fields) return undefined;
  const updated: InstanceRecord = { ...record, ...fields, apiTokenInstance: fields.apiTokenInstance ?? record.apiTokenInstance };
  const verdict = await checkCredentials(services, updated);
  if (verdict === 'retry') return editInteractively(services, idInstance);
  return verdict === 'save' ? save(services, updated) : undefined;
}

export async function removeInstance(services: Services, arg: unknown): Promise<boolean | undefined> {
  const target = await resolveInstance(services, 'greenApi.removeInstance', arg, t('Which instance do you want to remove?'));
  if (!target) return undefined;
  const { record } = target;
  if (!target.skipConfirmation) {
    const remove = t('Remove');
    const answer = await vscode.window.showWarningMessage(
      t('Remove {0} ({1}) from VS Code?', displayName(record), record.idInstance),
      { modal: true, detail: t('Its token is deleted from VS Code\'s secret storage. The instance itself stays as it is on GREEN-API, and the phone stays linked.') },
      remove,
    );
    if (answer !== remove) return false;
  }
  services.flow.cancel(record.idInstance);
  services.pendingCodes.clear(record.idInstance, 'removed');
  try {
    await services.registry.remove(record.idInstance);
  } catch (error) {
    showFailure(error, displayName(record), {}, services.log);
    return false;
  }
  services.states.forget(record.idInstance);
  services.log.info(`Removed instance ${record.idInstance}; its token was deleted.`);
  return true;
}

export async function listInstances(services: Services): Promise<ListedInstance[]> {
  await services.registry.ready();
  return services.registry.list().map((instance) => {
    const state = services.states.get(instance.idInstance).state;
    const code = services.pendingCodes.get(instance.idInstance);
    return {
      idInstance: instance.idInstance,
      name: instance.name,
      apiUrl: instance.apiUrl,
      ...(state === undefined ? {} : { state }),
      ...(code === undefined ? {} : { codeExpiresAt: code.expiresAt }),
    };
  });
}

export async function refreshState(services: Services, arg: unknown): Promise<string | undefined> {
  const target = await resolveInstance(services, 'greenApi.refreshState', arg, t('Which instance do you want to check?'));
  if (!target) return undefined;
  const { record } = target;
  const name = displayName(record);
  services.states.checking(record.idInstance);
  try {
    const { stateInstance } = await services.clients.for(record).getStateInstance();
    services.states.learned(record.idInstance, stateInstance);
    if (arg === undefined) {
      const advice = adviseForCode(stateInstance, name);
      void vscode.window.showInformationMessage(advice.canRequestCode ? t('{0} is not linked yet: get an authorization code to link a phone.', name) : advice.message);
    }
    return stateInstance;
  } catch (error) {
    services.states.failed(record.idInstance, failureReason(error));
    showFailure(error, name, {
      tryAgain: () => refreshState(services, { idInstance: record.idInstance }),
      updateToken: () => editInteractively(services, record.idInstance),
      editInstance: () => editInteractively(services, record.idInstance),
    }, services.log);
    return undefined;
  }
}

export async function logout(services: Services, arg: unknown): Promise<boolean | undefined> {
  const target = await resolveInstance(services, 'greenApi.logout', arg, t('Which instance do you want to log out?'));
  if (!target) return undefined;
  return logoutInstance(services, target.record, target.skipConfirmation);
}

/** Unlinks the phone from the instance, after a confirmation unless told to skip it. */
export async function logoutInstance(services: Services, record: InstanceRecord, skipConfirmation: boolean): Promise<boolean> {
  const name = displayName(record);
  if (!skipConfirmation) {
    const logOut = t('Log Out');
    const answer = await vscode.window.showWarningMessage(
      t('Log out {0} ({1})?', name, record.idInstance),
      { modal: true, detail: t('WhatsApp unlinks this instance from the phone. Sending stops until it is linked again with a new code or QR.') },
      logOut,
    );
    if (answer !== logOut) return false;
  }
  try {
    const { isLogout } = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: t('GREEN-API: logging out {0}…', name) },
      () => services.clients.for(record).logout(),
    );
    services.log.info(`${name}: logout answered isLogout=${isLogout}.`);
    const { stateInstance } = await services.clients.for(record).getStateInstance().catch(() => ({ stateInstance: undefined }));
    if (stateInstance) services.states.learned(record.idInstance, stateInstance);
    return isLogout || stateInstance === 'notAuthorized';
  } catch (error) {
    showFailure(error, name, { tryAgain: () => logoutInstance(services, record, true) }, services.log);
    return false;
  }
}

/**
 * Resolves the instance a command is about (its argument, or a pick) and runs `act` on
 * it; for the commands whose work lives in the lazily loaded extras bundle.
 */
export async function onInstance<T>(
  services: Services,
  command: string,
  arg: unknown,
  placeHolder: string,
  act: (record: InstanceRecord, skipConfirmation: boolean) => T | Promise<T>,
): Promise<T | undefined> {
  const target = await resolveInstance(services, command, arg, placeHolder);
  return target ? act(target.record, target.skipConfirmation) : undefined;
}
