import * as vscode from 'vscode';
import { t } from '../core/l10n';
import { phoneHints } from '../core/phoneNumber';
import { InstanceRecord, displayName } from '../core/storedInstance';
import { askPhoneNumberInteractively } from './phoneInput';

/**
 * The phone-number box for one instance: prefilled with the last number used for it,
 * which (with the display language) also hints a suggestion for a national number.
 * Resolves to the international digits GREEN-API's getAuthorizationCode wants, or
 * undefined on Escape.
 */
export function askPhoneNumber(record: InstanceRecord): Promise<string | undefined> {
  const hints = phoneHints({ lastPhone: record.lastPhone, displayLanguage: vscode.env.language });
  return askPhoneNumberInteractively(
    t('Get Authorization Code: {0}', displayName(record)),
    record.lastPhone ? `+${record.lastPhone}` : '',
    hints,
  );
}
