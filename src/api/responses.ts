/**
 * The answers of the GREEN-API methods this extension uses, and their run-time
 * validation: a response is read field by field, never cast.
 */
import type { QrAnswer } from '../shared/qrAnswer';

export type { QrAnswer };

export const KNOWN_INSTANCE_STATES = [
  'notAuthorized',
  'authorized',
  'blocked',
  'sleepMode',
  'starting',
  'yellowCard',
] as const;
export type KnownInstanceState = (typeof KNOWN_INSTANCE_STATES)[number];

/**
 * Newer servers report states this extension does not know yet (`suspended`,
 * `pendingCode`); those are kept as they are, so that the UI can show them.
 */
export type InstanceState = KnownInstanceState | (string & { readonly unknownState?: never });

export interface AuthorizationCodeAnswer {
  /** false: the server could not issue a code; the user may try again. */
  readonly status: boolean;
  readonly code: string;
}

export interface StateAnswer {
  readonly stateInstance: InstanceState;
}

export interface LogoutAnswer {
  readonly isLogout: boolean;
}

export interface RebootAnswer {
  readonly isReboot: boolean;
}

export interface WaSettingsAnswer {
  readonly phone: string;
  readonly stateInstance: InstanceState | undefined;
  readonly avatar: string | undefined;
  readonly deviceId: string | undefined;
  /** Newer servers: a logout is still running and authorization must wait. */
  readonly logoutProcess: boolean | undefined;
}

/** Thrown by the readers below; the client turns it into a BadResponseError. */
export class ShapeError extends Error {}

type Json = Record<string, unknown>;

function readObject(body: unknown): Json {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ShapeError(`expected a JSON object, got ${describe(body)}`);
  }
  return body as Json;
}

function readString(object: Json, field: string): string {
  const value = object[field];
  if (typeof value !== 'string') {
    throw new ShapeError(`field "${field}" should be a string, got ${describe(value)}`);
  }
  return value;
}

function readBoolean(object: Json, field: string): boolean {
  const value = object[field];
  if (typeof value !== 'boolean') {
    throw new ShapeError(`field "${field}" should be true or false, got ${describe(value)}`);
  }
  return value;
}

function readOptional<T>(object: Json, field: string, read: (o: Json, f: string) => T): T | undefined {
  return object[field] === undefined || object[field] === null ? undefined : read(object, field);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

export function parseAuthorizationCodeAnswer(body: unknown): AuthorizationCodeAnswer {
  const object = readObject(body);
  const status = readBoolean(object, 'status');
  // With status false the server may leave `code` out or empty; only a success needs one.
  const code = status ? readString(object, 'code').trim() : (readOptional(object, 'code', readString) ?? '');
  if (status && code === '') {
    throw new ShapeError('status is true but "code" is empty');
  }
  return { status, code };
}

export function parseStateAnswer(body: unknown): StateAnswer {
  const stateInstance = readString(readObject(body), 'stateInstance');
  if (stateInstance === '') {
    throw new ShapeError('field "stateInstance" is empty');
  }
  return { stateInstance };
}

export function parseLogoutAnswer(body: unknown): LogoutAnswer {
  return { isLogout: readBoolean(readObject(body), 'isLogout') };
}

export function parseRebootAnswer(body: unknown): RebootAnswer {
  return { isReboot: readBoolean(readObject(body), 'isReboot') };
}

export function parseQrAnswer(body: unknown): QrAnswer {
  const object = readObject(body);
  const type = readString(object, 'type');
  const message = readString(object, 'message');
  switch (type) {
    case 'qrCode':
      if (!/^[A-Za-z0-9+/]+={0,2}$/.test(message)) {
        throw new ShapeError('the QR image is not base64');
      }
      return { type, pngBase64: message };
    case 'alreadyLogged':
    case 'error':
      return { type, message };
    default:
      throw new ShapeError(`unknown QR answer type "${type.slice(0, 40)}"`);
  }
}

export function parseWaSettingsAnswer(body: unknown): WaSettingsAnswer {
  const object = readObject(body);
  return {
    phone: readOptional(object, 'phone', readString) ?? '',
    stateInstance: readOptional(object, 'stateInstance', readString),
    avatar: readOptional(object, 'avatar', readString),
    deviceId: readOptional(object, 'deviceId', readString),
    logoutProcess: readOptional(object, 'logoutProcess', readBoolean),
  };
}

/** One instance of a partner account, as the Partner API's getInstances lists it (only what an import needs). */
export interface PartnerInstance {
  readonly idInstance: string;
  readonly name: string;
  readonly apiTokenInstance: string;
  readonly typeInstance: string;
  readonly deleted: boolean;
  readonly isExpired: boolean;
}

export function parsePartnerInstances(body: unknown): PartnerInstance[] {
  if (!Array.isArray(body)) {
    // A partner error may come as HTTP 200 with {code, description} instead of the list.
    const description = typeof body === 'object' && body !== null ? (body as Json).description : undefined;
    throw new ShapeError(typeof description === 'string' ? `GREEN-API says: ${description.slice(0, 200)}` : `expected a list of instances, got ${describe(body)}`);
  }
  return body.map((item: unknown, index) => {
    const object = readObject(item);
    const id = object.idInstance;
    if (!(typeof id === 'number' && Number.isSafeInteger(id) && id > 0) && !(typeof id === 'string' && /^\d{1,19}$/.test(id))) {
      throw new ShapeError(`instance ${index + 1}: "idInstance" should be a positive integer, got ${describe(id)}`);
    }
    return {
      idInstance: String(id),
      name: readOptional(object, 'name', readString) ?? '',
      apiTokenInstance: readString(object, 'apiTokenInstance'),
      typeInstance: readOptional(object, 'typeInstance', readString) ?? '',
      deleted: readOptional(object, 'deleted', readBoolean) ?? false,
      isExpired: readOptional(object, 'isExpired', readBoolean) ?? false,
    };
  });
}
