import { COMMAND } from './manifestIds';
import { asObject, field } from './commandArgs';
import { t } from './l10n';
import { Parsed, accept, refuse } from './result';
import { parseApiToken, parseApiUrl, parseIdInstance } from './validation';

/** The argument objects of the import commands, checked at run time like the others in commandArgs.ts. */

export interface ImportEnvArgs {
  /** A file path or a file: URI. */
  readonly file: string;
}

export function parseImportEnvArgs(arg: unknown): Parsed<ImportEnvArgs> {
  const object = asObject(arg, COMMAND.importFromEnv, '{ file: "/path/to/.env" }');
  if (!object.ok) return object;
  const file = object.value.file;
  // l10n: An argument problem shown to the developer who called the command: it starts with the argument's name (a code identifier, keep it as is). The JSON examples are code too.
  if (typeof file !== 'string' || file.trim() === '') {
    return refuse(t('file is required: the path of a .env file, for example { "file": "/home/me/bot/.env" }.'));
  }
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
  const object = asObject(arg, COMMAND.importFromPartner, '{ partnerApiUrl, partnerToken, apiUrl?, idInstances? }');
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
    // l10n: An argument problem shown to the developer who called the command: it starts with the argument's name (a code identifier, keep it as is). The JSON examples are code too.
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
