import { COMMAND } from './manifestIds';
import { MAX_SERVER_NAME_LENGTH, neutralizeServerText } from '../base/neutralize';
import { t } from './l10n';
import { Parsed, accept, refuse } from './result';
import { normalizePhoneNumber } from './phoneNumber';
import { parseApiToken, parseApiUrl, parseIdInstance } from './validation';

/**
 * Run-time validation of the argument objects the commands accept from keybindings,
 * tasks, other extensions, the sidebar and tests. A command receives `unknown`.
 */

type Fields = Record<string, unknown>;

/** Keys VS Code's own keyboard and mouse events carry (`StandardKeyboardEvent`, `StandardMouseEvent`). */
const WORKBENCH_EVENT_KEYS = ['browserEvent', '_standardKeyboardEventBrand', '_standardMouseEventBrand'];

/**
 * The caller's argument, or undefined when `arg` is what a workbench menu put there itself.
 * A view's title menu ("..." of the Instances view, VS Code 1.90-1.100) runs its entry with
 * the DOM event that chose it (a `StandardKeyboardEvent` or `StandardMouseEvent`, marshalled
 * to a plain object with `browserEvent`), and an action bar passes `{ preserveFocus }`. Neither
 * is a request of a caller, so the command asks as it does from the Command Palette. Never throws.
 */
export function callerArgument(arg: unknown): unknown {
  if (typeof arg !== 'object' || arg === null || Array.isArray(arg)) return arg;
  const keys = Object.keys(arg);
  if (keys.some((key) => WORKBENCH_EVENT_KEYS.includes(key))) return undefined;
  if (keys.length === 1 && keys[0] === 'preserveFocus' && typeof (arg as Fields).preserveFocus === 'boolean') {
    return undefined;
  }
  return arg;
}

export function asObject(arg: unknown, command: string, example: string): Parsed<Fields> {
  if (typeof arg !== 'object' || arg === null || Array.isArray(arg)) {
    return refuse(t('{0} expects an object such as {1}.', command, example));
  }
  return accept(arg as Fields);
}

export function field<T>(parsed: Parsed<T>, name: string): Parsed<T> {
  return parsed.ok ? parsed : refuse(`${name}: ${parsed.message}`);
}

function optionalName(value: unknown): Parsed<string | undefined> {
  if (value === undefined) return accept(undefined);
  // l10n: An argument problem shown to the developer who called the command: it starts with the argument's name (a code identifier, keep it as is). The JSON examples are code too.
  if (typeof value !== 'string') return refuse(t('name: must be text.'));
  // Another extension's text: plain words only, as for a server's.
  return accept(neutralizeServerText(value.slice(0, 200), MAX_SERVER_NAME_LENGTH));
}

function idOf(fields: Fields): Parsed<string> {
  const raw = fields.idInstance;
  if (typeof raw !== 'string' && typeof raw !== 'number') {
    // l10n: An argument problem shown to the developer who called the command: it starts with the argument's name (a code identifier, keep it as is). The JSON examples are code too.
    return refuse(t('idInstance is required, for example { "idInstance": "1101000001" }.'));
  }
  return field(parseIdInstance(raw), 'idInstance');
}

export interface AddInstanceArgs {
  readonly apiUrl: string;
  readonly idInstance: string;
  readonly apiTokenInstance: string;
  readonly name: string | undefined;
}

export function parseAddInstanceArgs(arg: unknown): Parsed<AddInstanceArgs> {
  const object = asObject(arg, COMMAND.addInstance, '{ apiUrl, idInstance, apiTokenInstance, name? }');
  if (!object.ok) return object;
  const fields = object.value;
  const apiUrl = field(parseApiUrl(typeof fields.apiUrl === 'string' ? fields.apiUrl : ''), 'apiUrl');
  if (!apiUrl.ok) return apiUrl;
  const id = idOf(fields);
  if (!id.ok) return id;
  const token = field(
    parseApiToken(typeof fields.apiTokenInstance === 'string' ? fields.apiTokenInstance : ''),
    'apiTokenInstance',
  );
  if (!token.ok) return token;
  const name = optionalName(fields.name);
  if (!name.ok) return name;
  return accept({ apiUrl: apiUrl.value, idInstance: id.value, apiTokenInstance: token.value, name: name.value });
}

export interface EditInstanceArgs {
  readonly idInstance: string;
  readonly apiUrl?: string;
  readonly apiTokenInstance?: string;
  readonly name?: string;
}

export function parseEditInstanceArgs(arg: unknown): Parsed<EditInstanceArgs> {
  const object = asObject(arg, COMMAND.editInstance, '{ idInstance, apiUrl?, apiTokenInstance?, name? }');
  if (!object.ok) return object;
  const fields = object.value;
  const id = idOf(fields);
  if (!id.ok) return id;
  const result: { idInstance: string; apiUrl?: string; apiTokenInstance?: string; name?: string } = {
    idInstance: id.value,
  };
  if (fields.apiUrl !== undefined) {
    const apiUrl = field(parseApiUrl(typeof fields.apiUrl === 'string' ? fields.apiUrl : ''), 'apiUrl');
    if (!apiUrl.ok) return apiUrl;
    result.apiUrl = apiUrl.value;
  }
  if (fields.apiTokenInstance !== undefined) {
    const token = field(
      parseApiToken(typeof fields.apiTokenInstance === 'string' ? fields.apiTokenInstance : ''),
      'apiTokenInstance',
    );
    if (!token.ok) return token;
    result.apiTokenInstance = token.value;
  }
  const name = optionalName(fields.name);
  if (!name.ok) return name;
  if (name.value !== undefined) result.name = name.value;
  return accept(result);
}

export interface InstanceArgs {
  readonly idInstance: string;
  readonly skipConfirmation: boolean;
}

export function parseInstanceArgs(arg: unknown, command: string): Parsed<InstanceArgs> {
  const object = asObject(arg, command, '{ idInstance }');
  if (!object.ok) return object;
  const id = idOf(object.value);
  if (!id.ok) return id;
  return accept({ idInstance: id.value, skipConfirmation: object.value.skipConfirmation === true });
}

export interface GetCodeArgs {
  readonly idInstance: string;
  readonly phoneNumber: string;
}

export function parseGetCodeArgs(arg: unknown): Parsed<GetCodeArgs> {
  const object = asObject(arg, COMMAND.getAuthorizationCode, '{ idInstance, phoneNumber }');
  if (!object.ok) return object;
  const id = idOf(object.value);
  if (!id.ok) return id;
  const raw = object.value.phoneNumber;
  if (typeof raw !== 'string' && typeof raw !== 'number') {
    // l10n: An argument problem shown to the developer who called the command: it starts with the argument's name (a code identifier, keep it as is). The JSON examples are code too.
    return refuse(
      t('phoneNumber is required, for example { "idInstance": "1101000001", "phoneNumber": "441234567890" }.'),
    );
  }
  const phone = field(normalizePhoneNumber(raw), 'phoneNumber');
  if (!phone.ok) return phone;
  return accept({ idInstance: id.value, phoneNumber: phone.value });
}

export interface LinkArgs {
  readonly idInstance: string;
  /** What to put in the panel's phone field, as given (the panel's host validates it as the user types). */
  readonly phoneNumber: string | undefined;
}

/** `greenApi.linkWithPhoneNumber`: `{ idInstance, phoneNumber? }`; phoneNumber as text or a number, at most 64 characters. */
export function parseLinkArgs(arg: unknown): Parsed<LinkArgs> {
  const object = asObject(arg, COMMAND.linkWithPhoneNumber, '{ idInstance, phoneNumber? }');
  if (!object.ok) return object;
  const id = idOf(object.value);
  if (!id.ok) return id;
  const raw = object.value.phoneNumber;
  if (raw === undefined) return accept({ idInstance: id.value, phoneNumber: undefined });
  // l10n: An argument problem shown to the developer who called the command: it starts with the argument's name (a code identifier, keep it as is). The JSON examples are code too.
  if ((typeof raw !== 'string' && typeof raw !== 'number') || String(raw).length > 64) {
    return refuse(t('phoneNumber: must be text or a number, such as "441234567890".'));
  }
  return accept({ idInstance: id.value, phoneNumber: String(raw) });
}

/** copyAuthorizationCode takes an optional idInstance; without one, the only pending code. */
export function parseOptionalInstanceArgs(arg: unknown, command: string): Parsed<{ idInstance: string | undefined }> {
  const object = asObject(arg, command, '{ idInstance? }');
  if (!object.ok) return object;
  if (object.value.idInstance === undefined) return accept({ idInstance: undefined });
  const id = idOf(object.value);
  return id.ok ? accept({ idInstance: id.value }) : id;
}

/** Where Export Instances writes the setting's JSON. */
export type ExportTarget = 'editor' | 'clipboard';

/** `{ target: "editor" | "clipboard" }` for greenApi.exportInstances. */
export function parseExportArgs(arg: unknown): Parsed<{ target: ExportTarget }> {
  const object = asObject(arg, COMMAND.exportInstances, '{ "target": "editor" | "clipboard" }');
  if (!object.ok) return object;
  const target = object.value.target;
  // l10n: An argument problem shown to the developer who called the command: it starts with the argument's name (a code identifier, keep it as is). The JSON examples are code too.
  if (target !== 'editor' && target !== 'clipboard') return refuse(t('target: must be "editor" or "clipboard".'));
  return accept({ target });
}
