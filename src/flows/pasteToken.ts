import * as vscode from 'vscode';
import { InstanceRegistry } from '../core/instanceRegistry';
import { t } from '../core/l10n';
import { InstanceRecord, InstanceSummary, displayName } from '../core/storedInstance';
import { parseApiToken } from '../core/validation';
import { CredentialVerdict } from './instanceEditing';

/**
 * The one box for a row whose apiUrl and name are not edited here (synced, or from the
 * `greenApi.instances` setting, without a token; or a shared row's token replaced): a password
 * box, never prefilled, then Add's credential check, then the save of the token alone. Resolves
 * to the idInstance saved, or undefined when the user gave up.
 */
export async function pasteToken(
  registry: InstanceRegistry,
  entry: InstanceSummary,
  check: (record: InstanceRecord) => Promise<CredentialVerdict>,
  save: (record: InstanceRecord) => Promise<string | undefined>,
): Promise<string | undefined> {
  const name = displayName(entry);
  const typed = await vscode.window.showInputBox({
    // l10n: Input box title. apiTokenInstance is a GREEN-API field name; {0} is the instance's name.
    title: t('apiTokenInstance for {0} on this computer', name),
    prompt: entry.shared
      ? t(
          "{0} ({1}, {2}) comes from the greenApi.instances setting. Paste its apiTokenInstance from the GREEN-API console; it is kept in this computer's secret storage only.",
          name,
          entry.idInstance,
          entry.apiUrl,
        )
      : t(
          "{0} ({1}, {2}) came from another computer through Settings Sync; tokens do not sync. Paste its apiTokenInstance from the GREEN-API console; it is kept in this computer's secret storage only.",
          name,
          entry.idInstance,
          entry.apiUrl,
        ),
    password: true,
    ignoreFocusOut: true,
    validateInput: (text) => {
      const parsed = parseApiToken(text);
      return parsed.ok ? undefined : parsed.message;
    },
  });
  const token = parseApiToken(typed ?? '');
  if (typed === undefined || !token.ok) return undefined;
  // Write after re-reading: the row may have changed (or gone) while the box was open.
  const current = registry.entry(entry.idInstance);
  if (!current) return undefined;
  const previous = registry.get(entry.idInstance);
  const record: InstanceRecord = {
    idInstance: current.idInstance,
    apiUrl: current.apiUrl,
    name: current.name,
    apiTokenInstance: token.value,
    ...(previous?.lastPhone ? { lastPhone: previous.lastPhone } : {}),
  };
  const verdict = await check(record);
  if (verdict === 'retry') return pasteToken(registry, current, check, save);
  return verdict === 'save' ? save(record) : undefined;
}
