import * as vscode from 'vscode';
import { t } from '../core/l10n';
import { PhoneHints, PhoneReading, readPhoneNumber } from '../core/phoneNumber';

/**
 * The phone-number box (`showInputBox`, Error severity blocks Enter), validated as the user types,
 * the number shown as WhatsApp will (`+49 1512 3456789`). Returns digits the plan validates, or a
 * reading the user confirmed in a modal; never a national reading alone. `hints`: regions for a
 * suggestion (core/phoneNumber `phoneHints`). Undefined when cancelled.
 */
export async function askPhoneNumberInteractively(
  title: string,
  initial: string,
  hints: PhoneHints,
): Promise<string | undefined> {
  let value = initial;
  for (;;) {
    const typed = await vscode.window.showInputBox({
      title,
      prompt: t(
        'The phone number of the WhatsApp account to link, with the country code. Spaces, dashes, brackets, "+" and a leading 00 are fine.',
      ),
      placeHolder: '+44 1234 567890',
      value,
      ignoreFocusOut: true,
      validateInput: (text) => (text.trim() === '' ? undefined : validationMessage(readPhoneNumber(text, hints))),
    });
    if (typed === undefined) return undefined;
    const reading = readPhoneNumber(typed, hints);
    if (reading.kind === 'valid') return reading.digits;
    const chosen = await confirmReading(reading);
    if (chosen !== undefined) return chosen;
    // Not confirmed: back to the box with what was typed, to correct it.
    value = typed;
  }
}

function validationMessage(reading: PhoneReading): vscode.InputBoxValidationMessage | string {
  switch (reading.kind) {
    case 'valid':
      return {
        message: t('WhatsApp shows it as {0}.', reading.shown),
        severity: vscode.InputBoxValidationSeverity.Info,
      };
    case 'unconfirmed':
      return {
        message: `${reading.message} ${t('Press Enter to confirm or correct it.')}`,
        severity: vscode.InputBoxValidationSeverity.Warning,
      };
    case 'refused':
      return reading.suggestion
        ? {
            message: `${reading.message} ${t('Press Enter to use {0} instead.', reading.suggestion.shown)}`,
            severity: vscode.InputBoxValidationSeverity.Warning,
          }
        : reading.message;
  }
}

/** The modal question for a reading that is not valid as typed; the digits chosen, or undefined to correct the input. */
async function confirmReading(reading: Exclude<PhoneReading, { kind: 'valid' }>): Promise<string | undefined> {
  const choices: Array<{ label: string; digits: string }> = [];
  if (reading.suggestion) {
    choices.push({ label: t('Use {0}', reading.suggestion.shown), digits: reading.suggestion.digits });
  }
  if (reading.kind === 'unconfirmed') choices.push({ label: t('Send as {0}', reading.shown), digits: reading.digits });
  if (choices.length === 0) return undefined;
  const answer = await vscode.window.showWarningMessage(
    reading.message,
    { modal: true, detail: t('GREEN-API gets the number exactly as chosen here. Cancel to correct it.') },
    ...choices.map((choice) => choice.label),
  );
  return choices.find((choice) => choice.label === answer)?.digits;
}
