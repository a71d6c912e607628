import { t } from './l10n';
import { Parsed, accept, refuse } from './result';
import { normalizePhoneNumber } from './phoneNumber';
import { parseApiToken, parseApiUrl, parseIdInstance } from './validation';

/**
 * Run-time validation of the argument objects the commands accept from keybindings,
 * tasks, other extensions, the sidebar and tests. A command receives `unknown`.
 */

type Fields = Record<string, unknown>;

function asObject(arg: unknown, command: string, example: string): Parsed<Fields> {
  if (typeof arg !== 'object' || arg === null || Array.isArray(arg)) {
    return refuse(t('{0} expects an object such as {1}.', command, example));
  }
  return accept(arg as Fields);
}

function field<T>(parsed: Parsed<T>, name: string): Parsed<T> {
  return parsed.ok ? parsed : refuse(`${name}: ${parsed.message}`);
}

function optionalName(value: unknown): Parsed<string | undefined> {
  if (value === undefined) return accept(undefined);
  if (typeof value !== 'string') return refuse(t('name: must be text.'));
  return accept(value.trim().slice(0, 200));
}

function idOf(fields: Fields): Parsed<string> {
  const raw = fields.idInstance;
  if (typeof raw !== 'string' && typeof raw !== 'number') {
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
  const object = asObject(arg, 'greenApi.addInstance', '{ apiUrl, idInstance, apiTokenInstance, name? }');
  if (!object.ok) return object;
  const fields = object.value;
  const apiUrl = field(parseApiUrl(typeof fields.apiUrl === 'string' ? fields.apiUrl : ''), 'apiUrl');
  if (!apiUrl.ok) return apiUrl;
  const id = idOf(fields);
  if (!id.ok) return id;
  const token = field(parseApiToken(typeof fields.apiTokenInstance === 'string' ? fields.apiTokenInstance : ''), 'apiTokenInstance');
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
  const object = asObject(arg, 'greenApi.editInstance', '{ idInstance, apiUrl?, apiTokenInstance?, name? }');
  if (!object.ok) return object;
  const fields = object.value;
  const id = idOf(fields);
  if (!id.ok) return id;
  const result: { idInstance: string; apiUrl?: string; apiTokenInstance?: string; name?: string } = { idInstance: id.value };
  if (fields.apiUrl !== undefined) {
    const apiUrl = field(parseApiUrl(typeof fields.apiUrl === 'string' ? fields.apiUrl : ''), 'apiUrl');
    if (!apiUrl.ok) return apiUrl;
    result.apiUrl = apiUrl.value;
  }
  if (fields.apiTokenInstance !== undefined) {
    const token = field(parseApiToken(typeof fields.apiTokenInstance === 'string' ? fields.apiTokenInstance : ''), 'apiTokenInstance');
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
  const object = asObject(arg, 'greenApi.getAuthorizationCode', '{ idInstance, phoneNumber }');
  if (!object.ok) return object;
  const id = idOf(object.value);
  if (!id.ok) return id;
  const raw = object.value.phoneNumber;
  if (typeof raw !== 'string' && typeof raw !== 'number') {
    return refuse(t('phoneNumber is required, for example { "idInstance": "1101000001", "phoneNumber": "441234567890" }.'));
  }
  const phone = field(normalizePhoneNumber(raw), 'phoneNumber');
  if (!phone.ok) return phone;
  return accept({ idInstance: id.value, phoneNumber: phone.value });
}

/** copyAuthorizationCode takes an optional idInstance; without one, the only pending code. */
export function parseOptionalInstanceArgs(arg: unknown, command: string): Parsed<{ idInstance: string | undefined }> {
  const object = asObject(arg, command, '{ idInstance? }');
  if (!object.ok) return object;
  if (object.value.idInstance === undefined) return accept({ idInstance: undefined });
  const id = idOf(object.value);
  return id.ok ? accept({ idInstance: id.value }) : id;
}

export interface ImportEnvArgs {
  /** A file path or a file: URI. */
  readonly file: string;
}

export function parseImportEnvArgs(arg: unknown): Parsed<ImportEnvArgs> {
  const object = asObject(arg, 'greenApi.importFromEnv', '{ file: "/path/to/.env" }');
  if (!object.ok) return object;
  const file = object.value.file;
  if (typeof file !== 'string' || file.trim() === '') return refuse(t('file is required: the path of a .env file, for example { "file": "/work/bot/.env" }.'));
  return accept({ file: file.trim() });
}

export interface ImportPartnerArgs {
  readonly partnerApiUrl: string;
  readonly partnerToken: string;
  /** The apiUrl every imported instance gets (the partner list carries none). */
  readonly apiUrl: string | undefined;
  /** Only these; every active WhatsApp instance when absent. */
  readonly idInstances: readonly string[] | undefined;
}

export function parseImportPartnerArgs(arg: unknown): Parsed<ImportPartnerArgs> {
  const object = asObject(arg, 'greenApi.importFromPartner', '{ partnerApiUrl, partnerToken, apiUrl?, idInstances? }');
  if (!object.ok) return object;
  const { partnerApiUrl, partnerToken, apiUrl, idInstances } = object.value;
  const partnerUrl = field(parseApiUrl(typeof partnerApiUrl === 'string' ? partnerApiUrl : ''), 'partnerApiUrl');
  if (!partnerUrl.ok) return partnerUrl;
  const token = field(parseApiToken(typeof partnerToken === 'string' ? partnerToken : ''), 'partnerToken');
  if (!token.ok) return token;
  let instanceUrl: string | undefined;
  if (apiUrl !== undefined) {
    const parsed = field(parseApiUrl(typeof apiUrl === 'string' ? apiUrl : ''), 'apiUrl');
    if (!parsed.ok) return parsed;
    instanceUrl = parsed.value;
  }
  let ids: string[] | undefined;
  if (idInstances !== undefined) {
    if (!Array.isArray(idInstances)) return refuse(t('idInstances: must be a list, for example ["1101000001"].'));
    ids = [];
    for (const raw of idInstances as unknown[]) {
      const id = field(parseIdInstance(typeof raw === 'number' || typeof raw === 'string' ? raw : ''), 'idInstances');
      if (!id.ok) return id;
      ids.push(id.value);
    }
  }
  return accept({ partnerApiUrl: partnerUrl.value, partnerToken: token.value, apiUrl: instanceUrl, idInstances: ids });
}
