import * as vscode from 'vscode';
import { t } from '../core/l10n';
import { normalizePhoneNumber } from '../core/phoneNumber';
import { InstanceRecord, displayName } from '../core/storedInstance';

/**
 * The phone-number box (`window.showInputBox`): prefilled with the last number used for
 * this instance, validated as the user types. Resolves to the number as GREEN-API's
 * getAuthorizationCode wants it (international digits), or undefined on Escape.
 */
export async function askPhoneNumber(record: InstanceRecord): Promise<string | undefined> {
  const phone = await vscode.window.showInputBox({
    title: t('Get Authorization Code: {0}', displayName(record)),
    prompt: t('The phone number of the WhatsApp account to link, in international format. Spaces, dashes, "+" and a leading 00 are fine.'),
    placeHolder: '441234567890',
    value: record.lastPhone ?? '',
    ignoreFocusOut: true,
    validateInput: (text) => {
      const parsed = normalizePhoneNumber(text);
      return parsed.ok ? undefined : parsed.message;
    },
  });
  if (phone === undefined) return undefined;
  const normalized = normalizePhoneNumber(phone);
  return normalized.ok ? normalized.value : undefined;
}
