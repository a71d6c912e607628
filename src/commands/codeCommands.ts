import * as vscode from 'vscode';
import { t } from '../core/l10n';
import { IssuedCode } from '../auth/authorizationFlow';
import { parseGetCodeArgs, parseOptionalInstanceArgs } from '../core/commandArgs';
import { formatAuthorizationCode, isolateLeftToRight } from '../core/countdown';
import { phoneHints } from '../core/phoneNumber';
import { InstanceRecord, displayName } from '../core/storedInstance';
import { Services } from '../services';
import { askPhoneNumberInteractively } from '../ui/phoneInput';
import { pickInstance } from '../ui/pickInstance';
import { reportArgumentProblem } from './argumentError';
import { offerToAddInstance } from './instanceCommands';

export async function getAuthorizationCode(services: Services, arg: unknown): Promise<IssuedCode | undefined> {
  await services.registry.ready();
  if (arg !== undefined) {
    const parsed = parseGetCodeArgs(arg);
    if (!parsed.ok) return reportArgumentProblem('greenApi.getAuthorizationCode', parsed.message, services.log);
    const record = services.registry.get(parsed.value.idInstance);
    if (!record) return reportArgumentProblem('greenApi.getAuthorizationCode', t('No instance {0} is stored. Add it first with "GREEN-API: Add Instance".', parsed.value.idInstance), services.log);
    return services.flow.request(record, parsed.value.phoneNumber);
  }
  const instances = services.registry.list();
  if (instances.length === 0) {
    void offerToAddInstance();
    return undefined;
  }
  const picked = await pickInstance(instances, services.states, t('Which instance should WhatsApp be linked to?'));
  const record = picked && services.registry.get(picked.idInstance);
  if (!record) return undefined;
  const phone = await askPhoneNumber(record);
  return phone === undefined ? undefined : services.flow.request(record, phone);
}

/** The phone-number box: prefilled with the last number used for this instance, which also hints a suggestion. */
export function askPhoneNumber(record: InstanceRecord): Promise<string | undefined> {
  const hints = phoneHints({ lastPhone: record.lastPhone, displayLanguage: vscode.env.language });
  return askPhoneNumberInteractively(t('Get Authorization Code: {0}', displayName(record)), record.lastPhone ? `+${record.lastPhone}` : '', hints);
}

export async function copyAuthorizationCode(services: Services, arg: unknown): Promise<string | undefined> {
  let idInstance: string | undefined;
  if (arg !== undefined) {
    const parsed = parseOptionalInstanceArgs(arg, 'greenApi.copyAuthorizationCode');
    if (!parsed.ok) return reportArgumentProblem('greenApi.copyAuthorizationCode', parsed.message, services.log);
    idInstance = parsed.value.idInstance;
  }
  const pending = services.pendingCodes.all();
  let code = idInstance === undefined ? (pending.length === 1 ? pending[0] : undefined) : services.pendingCodes.get(idInstance);
  if (!code && idInstance === undefined && pending.length > 1 && arg === undefined) {
    const picked = await pickInstance(
      pending.flatMap((p) => services.registry.list().filter((i) => i.idInstance === p.idInstance)),
      services.states,
      t('Copy the code of which instance?'),
    );
    code = picked && services.pendingCodes.get(picked.idInstance);
  }
  if (!code) {
    const message = pending.length > 1 ? t('Several codes are pending: say which instance, {0}.', '{ "idInstance": "…" }') : t('No authorization code is pending. Get one with "GREEN-API: Get Authorization Code".');
    if (arg !== undefined) return reportArgumentProblem('greenApi.copyAuthorizationCode', message, services.log);
    void vscode.window.showInformationMessage(message);
    return undefined;
  }
  await vscode.env.clipboard.writeText(code.code);
  vscode.window.setStatusBarMessage(`$(check) ${t('Copied {0}: type it in WhatsApp', isolateLeftToRight(formatAuthorizationCode(code.code)))}`, 4000);
  return code.code;
}
