import * as vscode from 'vscode';
import { readSettings } from '../platform/config';
import { parseImportEnvArgs } from '../core/importArgs';
import { EnvInstance, envFileSizeProblem, instanceFromEnv, readEnvFile } from '../core/envImport';
import { InstanceRecord, displayName } from '../core/storedInstance';
import { t } from '../core/l10n';
import { neutralizeValue } from '../base/neutralize';
import { originOf } from '../core/validation';
import { argumentMayStore } from '../core/hostMoves';
import { hostMoveRefusal, reportArgumentProblem } from '../failures/argumentProblem';
import { COMMAND } from '../core/manifestIds';
import { showFailure } from '../failures/showFailure';
import type { ImportContext } from './importFromPartner';

const ENV_GLOB = '**/{.env,.env.*,*.env}';

/**
 * Imports the instance a `.env` file describes into SecretStorage. The file is only
 * read; the user is told that the token still sits in it.
 */
export async function importFromEnv(services: ImportContext, arg: unknown): Promise<string | undefined> {
  await services.registry.ready();
  const interactive = arg === undefined;
  const uri = interactive ? await pickEnvFile(services) : envFileOfArgument(services, arg);
  if (!uri) return undefined;
  const shown = vscode.workspace.asRelativePath(uri);
  const found = await readEnvInstance(services, uri, shown);
  if (!found) return undefined;
  const record = envRecord(services, found);
  const stored = services.registry.entry(record.idInstance);
  if (!interactive && !argumentMayStore(stored?.apiUrl, record.apiUrl)) {
    return reportArgumentProblem(COMMAND.importFromEnv, hostMoveRefusal(record.idInstance), services.log);
  }
  if (interactive && !(await confirmEnvImport(services, record, shown))) return undefined;
  try {
    await services.registry.save(record);
  } catch (error) {
    showFailure(error, displayName(record), {}, services.log, services.runWayOut);
    return undefined;
  }
  services.log.info(`Imported instance ${record.idInstance} from ${shown} (${found.variables.join(', ')}).`);
  void tellImportedFromEnv(record, found, uri, shown);
  return record.idInstance;
}

/** The file an argument names, as a path or a `file:` URI; undefined after reporting a bad argument. */
function envFileOfArgument(services: ImportContext, arg: unknown): vscode.Uri | undefined {
  const parsed = parseImportEnvArgs(arg);
  if (!parsed.ok) return reportArgumentProblem(COMMAND.importFromEnv, parsed.message, services.log);
  return parsed.value.file.startsWith('file:')
    ? vscode.Uri.parse(parsed.value.file)
    : vscode.Uri.file(parsed.value.file);
}

/** The instance the file describes; undefined after saying why there is none (unreadable, too large, incomplete). */
async function readEnvInstance(
  services: ImportContext,
  uri: vscode.Uri,
  shown: string,
): Promise<EnvInstance | undefined> {
  let bytes: Uint8Array;
  try {
    // The size first: an oversized file (or a device, which has none) is refused before it is read whole.
    const stat = await vscode.workspace.fs.stat(uri);
    if ((stat.type & vscode.FileType.File) === 0) {
      return reportArgumentProblem(
        COMMAND.importFromEnv,
        t('{0} is not a file. Pick the .env file that holds the instance.', shown),
        services.log,
      );
    }
    const tooLarge = envFileSizeProblem(stat.size);
    if (tooLarge !== undefined) {
      return reportArgumentProblem(
        COMMAND.importFromEnv,
        t('Nothing imported from {0}. {1}', shown, tooLarge),
        services.log,
      );
    }
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch {
    return reportArgumentProblem(
      COMMAND.importFromEnv,
      t('Could not read {0}. Check that the file exists and can be read.', shown),
      services.log,
    );
  }
  const read = readEnvFile(bytes);
  if (!read.ok) {
    return reportArgumentProblem(
      COMMAND.importFromEnv,
      t('Nothing imported from {0}. {1}', shown, read.message),
      services.log,
    );
  }
  const found = instanceFromEnv(read.value, readSettings().defaultApiUrl);
  if (!found.ok) {
    services.log.warn(`importFromEnv: ${shown}: ${found.message}`);
    void vscode.window.showErrorMessage(t('GREEN-API: nothing imported from {0}. {1}', shown, found.message));
    return undefined;
  }
  return found.value;
}

/** The record to save: the file's credentials, with the stored name (and last phone number on the same host). */
function envRecord(services: ImportContext, found: EnvInstance): InstanceRecord {
  const previous = services.registry.get(found.idInstance);
  return {
    apiUrl: found.apiUrl,
    idInstance: found.idInstance,
    apiTokenInstance: found.apiTokenInstance,
    name: previous?.name ?? services.registry.entry(found.idInstance)?.name ?? '',
    // The last phone number stays only on the same host (a .env naming another host is another instance's).
    ...(previous?.lastPhone && originOf(previous.apiUrl) === originOf(found.apiUrl)
      ? { lastPhone: previous.lastPhone }
      : {}),
  };
}

/** A person's word: to replace a stored instance, then the add form's credential check. */
async function confirmEnvImport(services: ImportContext, record: InstanceRecord, shown: string): Promise<boolean> {
  const previous = services.registry.get(record.idInstance);
  if (previous) {
    const replace = t('Replace');
    const answer = await vscode.window.showWarningMessage(
      t(
        'Instance {0} ({1}) is already stored on {2}. Replace its apiUrl and token with those in {3}, on {4}?',
        record.idInstance,
        displayName(previous),
        originOf(previous.apiUrl),
        shown,
        originOf(record.apiUrl),
      ),
      { modal: true },
      replace,
    );
    if (answer !== replace) return false;
  }
  return (await services.checkCredentials(record)) === 'save';
}

async function tellImportedFromEnv(
  record: InstanceRecord,
  found: EnvInstance,
  uri: vscode.Uri,
  shown: string,
): Promise<void> {
  const open = t('Open File');
  const apiUrlNote = found.defaultedApiUrl
    ? ` ${t('The file has no API_URL, so {0} (greenApi.defaultApiUrl) is used; edit the instance if the console shows another host.', record.apiUrl)}`
    : '';
  const chosen = await vscode.window.showInformationMessage(
    t(
      '{0}{1}',
      t(
        "Imported {0} from {1} into VS Code's secret storage. The token still sits in that file: remove it there if it should live only in VS Code.",
        displayName(record),
        shown,
      ),
      apiUrlNote,
    ),
    open,
  );
  if (chosen === open) await vscode.window.showTextDocument(uri);
}

async function pickEnvFile(services: ImportContext): Promise<vscode.Uri | undefined> {
  const files = await vscode.workspace.findFiles(ENV_GLOB, '**/node_modules/**', 50);
  if (files.length === 0) {
    const add = t('Add Instance');
    const chosen = await vscode.window.showInformationMessage(
      t(
        "There is no .env file in this workspace. Import expects one with ID_INSTANCE and API_TOKEN_INSTANCE (and optionally API_URL), as GREEN-API's SDK examples use.",
      ),
      add,
    );
    if (chosen === add) void services.addInstance();
    return undefined;
  }
  if (files.length === 1) return files[0];
  const picked = await vscode.window.showQuickPick(
    // The path is the workspace's to name: `$(icon)` or link syntax in it is data.
    files.map((uri) => ({ label: neutralizeValue(vscode.workspace.asRelativePath(uri)), uri })),
    {
      title: t('Import a GREEN-API Instance from .env'),
      placeHolder: t('Which file holds ID_INSTANCE and API_TOKEN_INSTANCE?'),
    },
  );
  return picked?.uri;
}
