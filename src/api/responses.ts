/**
 * The answers of the GREEN-API methods this extension uses, and their run-time
 * validation: a response is read field by field, never cast. Every string meant to
 * be shown is neutralized here (base/neutralize), so that whatever displays it gets
 * plain words, never markup a hostile server chose.
 */
import { MAX_SERVER_MESSAGE_LENGTH, MAX_SERVER_NAME_LENGTH, neutralizeServerText } from '../base/neutralize';
import type { QrAnswer } from '../base/qrAnswer';
import { BEING_CREATED } from '../base/beingCreated';

export type { QrAnswer };

export { KNOWN_INSTANCE_STATES } from '../base/stateNames';
import type { InstanceState } from '../base/stateNames';
export type { InstanceState, KnownInstanceState } from '../base/stateNames';

export interface AuthorizationCodeAnswer {
  /** false: the server could not issue a code; the user may try again. */
  readonly status: boolean;
  /** With status true: 8 letters or digits, as the server sent them (with or without the dash). */
  readonly code: string;
}

/**
 * The form of WhatsApp's "link with phone number" code: 8 letters or digits, shown as
 * two groups of 4; servers send it with or without the dash between them.
 */
const AUTHORIZATION_CODE = /^[A-Za-z0-9]{4}-?[A-Za-z0-9]{4}$/;

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
  /** Newer servers: percent (0–100) of the chat history loaded after a link; undefined when absent or not a number. */
  readonly historySyncProgress: number | undefined;
}

/** Thrown by the readers below; the client turns it into a BadResponseError. */
export class ShapeError extends Error {}

/**
 * An HTTP 200 whose body is an error of its own, `{ code: 401, description }` as the Partner
 * API answers a refused partnerToken (GREEN-API's Partner API docs): the client reads it as
 * that HTTP status, so a refused token is an InvalidCredentialsError, not an unreadable answer.
 * `status` is the body's code (400-599).
 */
export class ErrorInBody extends ShapeError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

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
  // Anything else would be stored, copied and shown as a code the user types into WhatsApp.
  if (status && !AUTHORIZATION_CODE.test(code)) {
    throw new ShapeError('"code" is not 8 letters or digits');
  }
  return { status, code: status ? code : '' };
}

/**
 * Reads a getStateInstance answer: `{"stateInstance": "..."}`, the state neutralized (a state
 * this extension does not know is shown as it came). A `null` body is GREEN-API's marker for an
 * instance still being created ("Creating and configuring an instance": up to 5 minutes): it
 * reads as {@link BEING_CREATED}, not as an unreadable answer. Throws ShapeError otherwise.
 */
export function parseStateAnswer(body: unknown): StateAnswer {
  if (body === null) return { stateInstance: BEING_CREATED };
  const stateInstance = neutralizeServerText(readString(readObject(body), 'stateInstance'), MAX_SERVER_NAME_LENGTH);
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

/**
 * Reads a qr answer `{"type", "message"}` (GREEN-API's QR page). `qrCode` must carry base64;
 * `passkeyRequired` and a type this extension does not know are kept with their message
 * (optional there, neutralized) so that the panel can say what came, never "unreadable".
 * Throws ShapeError on a missing or empty `type`, or a missing message where one is required.
 */
export function parseQrAnswer(body: unknown): QrAnswer {
  const object = readObject(body);
  const type = readString(object, 'type');
  const serverText = (text: string | undefined): string => neutralizeServerText(text ?? '', MAX_SERVER_MESSAGE_LENGTH);
  switch (type) {
    case 'qrCode': {
      const message = readString(object, 'message');
      if (!/^[A-Za-z0-9+/]+={0,2}$/.test(message)) {
        throw new ShapeError('the QR image is not base64');
      }
      return { type, pngBase64: message };
    }
    case 'alreadyLogged':
    case 'error':
      return { type, message: serverText(readString(object, 'message')) };
    case 'passkeyRequired':
      return { type, message: serverText(readOptional(object, 'message', readString)) };
    default: {
      const name = neutralizeServerText(type, MAX_SERVER_NAME_LENGTH);
      if (name === '') throw new ShapeError('field "type" is empty');
      return { type: 'unknown', name, message: serverText(readOptional(object, 'message', readString)) };
    }
  }
}

/** A percent as GREEN-API sends it (an integer, maybe as a string), clamped to 0–100; undefined for anything else. */
function readPercent(value: unknown): number | undefined {
  const number = typeof value === 'string' && /^\d{1,3}$/.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number)
    ? Math.round(Math.min(100, Math.max(0, number)))
    : undefined;
}

export function parseWaSettingsAnswer(body: unknown): WaSettingsAnswer {
  const object = readObject(body);
  const stateInstance = readOptional(object, 'stateInstance', readString);
  return {
    // A phone number is digits; whatever else came with it ("@c.us", markup) is not shown.
    phone: (readOptional(object, 'phone', readString) ?? '').replace(/\D/g, '').slice(0, 20),
    stateInstance:
      stateInstance === undefined
        ? undefined
        : neutralizeServerText(stateInstance, MAX_SERVER_NAME_LENGTH) || undefined,
    avatar: readOptional(object, 'avatar', readString),
    deviceId: readOptional(object, 'deviceId', readString),
    logoutProcess: readOptional(object, 'logoutProcess', readBoolean),
    historySyncProgress: readPercent(object.historySyncProgress),
  };
}

/** One instance of a partner account, as the Partner API's getInstances lists it (only what an import needs). */
export interface PartnerInstance {
  readonly idInstance: string;
  readonly name: string;
  readonly apiTokenInstance: string;
  /** `whatsapp`, `v3` (MAX), `telegram`…; '' when absent. */
  readonly typeInstance: string;
  /** The same values in the field GREEN-API's newer getInstances pages add; '' when absent. */
  readonly messenger: string;
  readonly deleted: boolean;
  readonly isExpired: boolean;
}

/**
 * Reads a Partner API getInstances answer: an array of instances, names and messenger words
 * neutralized; a missing `typeInstance`, `messenger`, `deleted` or `isExpired` reads as ''/false.
 * Throws ErrorInBody for a `{code, description}` error body (400-599), ShapeError for anything else.
 */
export function parsePartnerInstances(body: unknown): PartnerInstance[] {
  if (!Array.isArray(body)) {
    // A partner error may come as HTTP 200 with {code, description} instead of the list.
    const { code, description } = typeof body === 'object' && body !== null ? (body as Json) : ({} as Json);
    const said =
      typeof description === 'string'
        ? `GREEN-API says: ${neutralizeServerText(description, MAX_SERVER_MESSAGE_LENGTH)}`
        : `expected a list of instances, got ${describe(body)}`;
    if (typeof code === 'number' && Number.isInteger(code) && code >= 400 && code < 600) {
      throw new ErrorInBody(code, said);
    }
    throw new ShapeError(said);
  }
  return body.map((item: unknown, index) => {
    const object = readObject(item);
    const id = object.idInstance;
    if (
      !(typeof id === 'number' && Number.isSafeInteger(id) && id > 0) &&
      !(typeof id === 'string' && /^\d{1,19}$/.test(id))
    ) {
      throw new ShapeError(`instance ${index + 1}: "idInstance" should be a positive integer, got ${describe(id)}`);
    }
    return {
      idInstance: String(id),
      // Stored and then shown in pickers, the sidebar and notifications: plain words only.
      name: neutralizeServerText(readOptional(object, 'name', readString) ?? '', MAX_SERVER_NAME_LENGTH),
      apiTokenInstance: readString(object, 'apiTokenInstance'),
      typeInstance: neutralizeServerText(
        readOptional(object, 'typeInstance', readString) ?? '',
        MAX_SERVER_NAME_LENGTH,
      ),
      messenger: neutralizeServerText(readOptional(object, 'messenger', readString) ?? '', MAX_SERVER_NAME_LENGTH),
      deleted: readOptional(object, 'deleted', readBoolean) ?? false,
      isExpired: readOptional(object, 'isExpired', readBoolean) ?? false,
    };
  });
}
