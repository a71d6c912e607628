import * as vscode from 'vscode';
import { isUniversalHost } from '../core/instanceHost';
import { t } from '../core/l10n';
import { Parsed } from '../core/result';
import { parseApiToken, parseApiUrl, parseIdInstance } from '../core/validation';

export interface InstanceFields {
  readonly apiUrl: string;
  readonly idInstance: string;
  readonly apiTokenInstance: string;
  readonly name: string;
}

const validator = <T>(parse: (text: string) => Parsed<T>) => (text: string): string | undefined => {
  const parsed = parse(text);
  return parsed.ok ? undefined : parsed.message;
};

/** The apiUrl box's check: refuses what is not an apiUrl, and warns (without refusing) about the universal host. */
function apiUrlCheck(text: string): string | vscode.InputBoxValidationMessage | undefined {
  const parsed = parseApiUrl(text);
  if (!parsed.ok) return parsed.message;
  if (!isUniversalHost(parsed.value)) return undefined;
  return {
    message: t('This is GREEN-API\'s universal host. It works, but GREEN-API asks to use the instance\'s own host, shown on its page in the console (such as https://1103.api.greenapi.com).'),
    severity: vscode.InputBoxValidationSeverity.Warning,
  };
}

/**
 * The guided input of an instance's fields, one box per step, each validated as the
 * user types. `initial` prefills an edit; the token box is a password box and is
 * never prefilled. Resolves to undefined if the user presses Escape at any step.
 */
export async function askInstanceFields(
  title: string,
  defaultApiUrl: string,
  initial: Partial<InstanceFields> & { readonly keepToken?: boolean } = {},
): Promise<(Omit<InstanceFields, 'apiTokenInstance'> & { apiTokenInstance: string | undefined }) | undefined> {
  const steps = 4;
  const apiUrl = await vscode.window.showInputBox({
    title: `${title} (1/${steps}): apiUrl`,
    prompt: t('The apiUrl shown on the instance\'s page in the GREEN-API console: each instance has its own host, such as https://1103.api.greenapi.com.'),
    value: initial.apiUrl ?? defaultApiUrl,
    ignoreFocusOut: true,
    validateInput: apiUrlCheck,
  });
  if (apiUrl === undefined) return undefined;

  const idInstance =
    initial.idInstance ??
    (await vscode.window.showInputBox({
      title: `${title} (2/${steps}): idInstance`,
      prompt: t('The idInstance, from the GREEN-API console.'),
      placeHolder: '1101000001',
      ignoreFocusOut: true,
      validateInput: validator(parseIdInstance),
    }));
  if (idInstance === undefined) return undefined;

  const token = await vscode.window.showInputBox({
    title: `${title} (3/${steps}): apiTokenInstance`,
    prompt: initial.keepToken
      ? t('A new apiTokenInstance, or leave empty to keep the stored one. It is kept in VS Code\'s secret storage only.')
      : t('The apiTokenInstance, from the GREEN-API console. It is kept in VS Code\'s secret storage only.'),
    password: true,
    ignoreFocusOut: true,
    validateInput: (text) => (initial.keepToken && text.trim() === '' ? undefined : validator(parseApiToken)(text)),
  });
  if (token === undefined) return undefined;

  const name = await vscode.window.showInputBox({
    title: `${title} (4/${steps}): ${t('name (optional)')}`,
    prompt: t('A name to tell this instance apart, such as "Sales". Leave empty to use the idInstance.'),
    value: initial.name ?? '',
    ignoreFocusOut: true,
  });
  if (name === undefined) return undefined;

  const parsedUrl = parseApiUrl(apiUrl);
  const parsedId = parseIdInstance(idInstance);
  if (!parsedUrl.ok || !parsedId.ok) return undefined;
  const parsedToken = token.trim() === '' ? undefined : parseApiToken(token);
  return {
    apiUrl: parsedUrl.value,
    idInstance: parsedId.value,
    apiTokenInstance: parsedToken?.ok ? parsedToken.value : undefined,
    name: name.trim(),
  };
}
