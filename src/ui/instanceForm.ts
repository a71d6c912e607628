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

/** The fields of the form, in order; a failed check names the one at fault. */
export type FormField = keyof InstanceFields;

/** What the form starts from. */
export interface FormStart extends Partial<InstanceFields> {
  /** Edit: the token box may stay empty to keep the stored token. */
  readonly keepToken?: boolean;
  /** Edit: the idInstance is the record's identity and is not asked. */
  readonly lockIdInstance?: boolean;
  /** After a failed check: the step to open on, and what was wrong there. */
  readonly field?: FormField;
  readonly problem?: string;
  /** Add: the name of the stored instance with this idInstance, else undefined; step 2 warns of it as it is typed. */
  readonly storedName?: (idInstance: string) => string | undefined;
  /** Add: asked when step 2 is accepted with a stored idInstance; true goes on (Replace), false stays on the step. */
  readonly confirmReplace?: (idInstance: string, name: string) => Promise<boolean>;
}

interface Step {
  readonly field: FormField;
  readonly label: string;
  readonly prompt: string;
  readonly placeholder?: string;
  readonly password?: boolean;
  readonly validate: (text: string) => string | undefined;
  /** A warning that does not block the step, shown when the value is valid. */
  readonly warn?: (text: string) => vscode.InputBoxValidationMessage | undefined;
  /** Asked when a valid value is accepted: true goes to the next step, false stays here. */
  readonly confirm?: (text: string) => Promise<boolean>;
}

/** The apiUrl box's warning: GREEN-API asks to use each instance's own host, not the universal one. */
function universalHostWarning(text: string): vscode.InputBoxValidationMessage | undefined {
  const parsed = parseApiUrl(text);
  if (!parsed.ok || !isUniversalHost(parsed.value)) return undefined;
  return {
    message: t(
      "This is GREEN-API's universal host. It works, but GREEN-API asks to use the instance's own host, shown on its page in the console (such as https://1103.api.greenapi.com).",
    ),
    severity: vscode.InputBoxValidationSeverity.Warning,
  };
}

const validator =
  <T>(parse: (text: string) => Parsed<T>) =>
  (text: string): string | undefined => {
    const parsed = parse(text);
    return parsed.ok ? undefined : parsed.message;
  };

/**
 * Add's step 2: an idInstance already stored is said as it is typed, and accepting it asks
 * whether to replace the stored one (`start.confirmReplace`) before the next step.
 */
function duplicateChecks(start: FormStart): Pick<Step, 'warn' | 'confirm'> {
  const { storedName, confirmReplace } = start;
  if (!storedName || !confirmReplace) return {};
  const stored = (text: string): { idInstance: string; name: string } | undefined => {
    const parsed = parseIdInstance(text);
    const name = parsed.ok ? storedName(parsed.value) : undefined;
    return parsed.ok && name !== undefined ? { idInstance: parsed.value, name } : undefined;
  };
  return {
    warn: (text) => {
      const found = stored(text);
      return found
        ? {
            message: t(
              'Instance {0} ({1}) is already stored: going on replaces its apiUrl, token and name.',
              found.idInstance,
              found.name,
            ),
            severity: vscode.InputBoxValidationSeverity.Warning,
          }
        : undefined;
    },
    confirm: async (text) => {
      const found = stored(text);
      return found ? confirmReplace(found.idInstance, found.name) : true;
    },
  };
}

function stepsOf(start: FormStart): Step[] {
  const steps: Step[] = [
    {
      field: 'apiUrl',
      label: 'apiUrl',
      prompt: t(
        "The apiUrl shown on the instance's page in the GREEN-API console: each instance has its own host, such as https://1103.api.greenapi.com.",
      ),
      validate: validator(parseApiUrl),
      warn: universalHostWarning,
    },
    {
      field: 'idInstance',
      label: 'idInstance',
      prompt: t('The idInstance, from the GREEN-API console.'),
      placeholder: '1101000001',
      validate: validator(parseIdInstance),
      ...duplicateChecks(start),
    },
    {
      field: 'apiTokenInstance',
      label: 'apiTokenInstance',
      prompt: start.keepToken
        ? t(
            "A new apiTokenInstance, or leave empty to keep the stored one. It is kept in VS Code's secret storage only.",
          )
        : t("The apiTokenInstance, from the GREEN-API console. It is kept in VS Code's secret storage only."),
      password: true,
      validate: (text) => (start.keepToken && text.trim() === '' ? undefined : validator(parseApiToken)(text)),
    },
    // l10n: The form's last step: "name" is the instance's display name, a field of the form like idInstance and apiUrl before it.
    {
      field: 'name',
      label: t('name (optional)'),
      prompt: t('A name to tell this instance apart, such as "Sales". Leave empty to use the idInstance.'),
      validate: () => undefined,
    },
  ];
  return start.lockIdInstance ? steps.filter((step) => step.field !== 'idInstance') : steps;
}

/**
 * The Add and Edit form as ONE multi-step input (`createInputBox`): step count, Back, values kept
 * both ways, validation as the user types; `start.field` opens on the field a check blamed, with
 * `start.problem`. The token box is a password box, never prefilled. Resolves to the fields
 * (`apiTokenInstance` undefined when an edit keeps the token), or undefined on Escape.
 */
export async function askInstanceFields(
  title: string,
  defaultApiUrl: string,
  start: FormStart = {},
): Promise<(Omit<InstanceFields, 'apiTokenInstance'> & { apiTokenInstance: string | undefined }) | undefined> {
  const steps = stepsOf(start);
  const values: Record<FormField, string> = {
    apiUrl: start.apiUrl ?? defaultApiUrl,
    idInstance: start.idInstance ?? '',
    apiTokenInstance: start.apiTokenInstance ?? '',
    name: start.name ?? '',
  };
  let index = Math.max(
    0,
    steps.findIndex((step) => step.field === start.field),
  );
  let problem = start.problem;
  while (index < steps.length) {
    const step = steps[index] as Step;
    const answer = await askStep(
      `${title} (${index + 1}/${steps.length}): ${step.label}`,
      step,
      values[step.field],
      index > 0,
      problem,
    );
    problem = undefined;
    if (answer === undefined) return undefined;
    if (answer === 'back') {
      index -= 1;
      continue;
    }
    values[step.field] = answer;
    index += 1;
  }
  const apiUrl = parseApiUrl(values.apiUrl);
  const idInstance = parseIdInstance(values.idInstance);
  if (!apiUrl.ok || !idInstance.ok) return undefined;
  const token = values.apiTokenInstance.trim() === '' ? undefined : parseApiToken(values.apiTokenInstance);
  return {
    apiUrl: apiUrl.value,
    idInstance: idInstance.value,
    apiTokenInstance: token?.ok ? token.value : undefined,
    name: values.name.trim(),
  };
}

/** One step: resolves to the accepted text, 'back', or undefined on Escape. */
function askStep(
  title: string,
  step: Step,
  value: string,
  canGoBack: boolean,
  problem: string | undefined,
): Promise<string | 'back' | undefined> {
  const box = vscode.window.createInputBox();
  box.title = title;
  box.prompt = step.prompt;
  box.value = value;
  box.placeholder = step.placeholder;
  box.password = step.password ?? false;
  box.ignoreFocusOut = true;
  box.buttons = canGoBack ? [vscode.QuickInputButtons.Back] : [];
  box.validationMessage = problem ?? undefined;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: string | 'back' | undefined): void => {
      if (settled) return;
      settled = true;
      disposables.forEach((disposable) => disposable.dispose());
      box.dispose();
      resolve(result);
    };
    const disposables = [
      box.onDidChangeValue((text) => (box.validationMessage = step.validate(text) ?? step.warn?.(text))),
      box.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && finish('back')),
      box.onDidAccept(() => {
        const message = step.validate(box.value);
        if (message) box.validationMessage = message;
        else if (!step.confirm) finish(box.value);
        else void confirmThenFinish(box, step.confirm, finish);
      }),
      box.onDidHide(() => finish(undefined)),
    ];
    box.show();
  });
}

/** A step whose value asks first (a modal): the box waits, busy, and goes on only on a yes. */
async function confirmThenFinish(
  box: vscode.InputBox,
  confirm: (text: string) => Promise<boolean>,
  finish: (result: string) => void,
): Promise<void> {
  const value = box.value;
  box.busy = true;
  box.enabled = false;
  try {
    if (await confirm(value)) finish(value);
  } finally {
    box.busy = false;
    box.enabled = true;
  }
}
