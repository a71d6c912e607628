import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import {
  EmulatedInstance,
  EmulatedRequest,
  FaultRule,
  InstanceStore,
  InstanceStoreOptions,
  NewInstance,
  REQUEST_LOG_LIMIT,
  holdsAccount,
} from './instances';
import { renderHomePage } from './page';
import { qrLikePng } from './qrImage';

export interface EmulatorOptions extends InstanceStoreOptions {
  /** 0 picks a free port. */
  readonly port?: number;
  /** Loopback only, always: the emulator is for this machine. */
  readonly host?: '127.0.0.1' | 'localhost' | '::1';
  /** The token its Partner API (`/partner/getInstances/{token}`) accepts; without it, every partner call is refused. */
  readonly partnerToken?: string;
}

const PARTNER_PATH = /^\/partner\/getInstances\/([^/?#]*)\/?$/;

/** What the emulator saw of its connections: for the tests that every failed answer frees its socket. */
export interface SocketCounts {
  /** TCP connections accepted, and how many of them have closed. */
  readonly opened: number;
  readonly closed: number;
  /** Answers held back by a `stall` fault, and how many of their connections have closed. */
  readonly stalled: number;
  readonly stalledClosed: number;
}

export interface RunningEmulator {
  /** `http://127.0.0.1:PORT`, the apiUrl to give the extension. */
  readonly url: string;
  readonly port: number;
  readonly store: InstanceStore;
  /** The counts as they are now. */
  sockets(): SocketCounts;
  /** Resolves once `condition` holds for the counts; checked at once and after every connection event. */
  untilSockets(condition: (counts: SocketCounts) => boolean): Promise<SocketCounts>;
  close(): Promise<void>;
}

/** Records the answers a `stall` fault holds back, so that the tests can see their connections close. */
interface StallWatch {
  add(response: http.ServerResponse): void;
}

const GREEN_API_PATH = /^\/waInstance(\d+)\/([A-Za-z]+)\/([^/?#]*)\/?$/;
const CONTROL_PREFIX = '/emulator/';
/**
 * A MAX-style host path: GREEN-API serves its MAX instances under `/v3`
 * (`{apiUrl}/v3/waInstance…`; the console shows `https://3100.api.green-api.com/v3`). No
 * WhatsApp instance lives there, so every WhatsApp request under it answers 404, with a body
 * that says so; `{emulator}/v3` is the MAX address the demo can paste to see it refused.
 */
const MAX_PREFIX = /^\/v3(?:\/|$)/;

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const store = new InstanceStore(options);
  const stalled = new Set<http.ServerResponse>();
  const counts = { opened: 0, closed: 0, stalled: 0, stalledClosed: 0 };
  const watchers = new Set<() => void>();
  const notify = (): void => watchers.forEach((check) => check());
  const stalledWatch: StallWatch = {
    add(response) {
      stalled.add(response);
      counts.stalled += 1;
      // A stalled answer never finishes, so its 'close' is its connection closing.
      response.once('close', () => {
        stalled.delete(response);
        counts.stalledClosed += 1;
        notify();
      });
      notify();
    },
  };
  const server = http.createServer((request, response) => {
    handle(store, options.partnerToken, stalledWatch, request, response).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, { error: String(error) });
      else response.destroy();
    });
  });
  server.on('connection', (socket) => {
    counts.opened += 1;
    socket.once('close', () => {
      counts.closed += 1;
      notify();
    });
    notify();
  });
  // Stalled answers must not keep a test run alive after close().
  server.keepAliveTimeout = 5_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host === '::1' ? '[::1]' : host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    store,
    sockets: () => ({ ...counts }),
    untilSockets: (condition) =>
      new Promise((resolve) => {
        const check = (): void => {
          if (!condition({ ...counts })) return;
          watchers.delete(check);
          resolve({ ...counts });
        };
        watchers.add(check);
        check();
      }),
    close: () =>
      new Promise<void>((resolve) => {
        store.dispose();
        for (const response of stalled) response.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * The Partner API's getInstances: every instance of the emulator, each as the messenger its
 * `typeInstance` says (also in `messenger`, which GREEN-API's newer pages list). A wrong token is
 * answered HTTP 200 with a {code, description} body, the shape GREEN-API's partner
 * errors may take (its docs do not say which status a wrong partner token gets).
 */
function answerPartner(
  store: InstanceStore,
  expected: string | undefined,
  token: string,
  response: http.ServerResponse,
): void {
  if (expected === undefined || token !== expected) {
    sendJson(response, 200, { code: 401, description: 'Unauthorized: check the partnerToken' });
    return;
  }
  sendJson(
    response,
    200,
    store.list().map((instance) => ({
      idInstance: Number(instance.idInstance),
      name: instance.name,
      typeInstance: instance.typeInstance,
      messenger: instance.typeInstance,
      typeAccount: '',
      partnerUserUiid: '',
      timeCreated: '2026-01-01T00:00:00',
      timeDeleted: '0001-01-01T00:00:00',
      apiTokenInstance: instance.apiTokenInstance,
      deleted: false,
      tariff: 'DEVELOPER',
      isFree: true,
      isPartner: false,
      expirationDate: '2027-01-01T00:00:00',
      isExpired: false,
    })),
  );
}

async function handle(
  store: InstanceStore,
  partnerToken: string | undefined,
  stalled: StallWatch,
  request: http.IncomingMessage,
  response: http.ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://emulator');
  const body = await readBody(request);
  if (url.pathname === '/' && request.method === 'GET') {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(renderHomePage(store));
    return;
  }
  if (url.pathname.startsWith(CONTROL_PREFIX)) {
    handleControl(store, request.method ?? 'GET', url.pathname.slice(CONTROL_PREFIX.length), body, response);
    return;
  }
  if (MAX_PREFIX.test(url.pathname)) {
    sendJson(response, 404, { error: 'a MAX (v3) host: no WhatsApp instance is served here' });
    return;
  }
  const partner = PARTNER_PATH.exec(url.pathname);
  if (partner) {
    answerPartner(store, partnerToken, partner[1] ?? '', response);
    return;
  }
  const match = GREEN_API_PATH.exec(url.pathname);
  if (!match) {
    sendText(response, 404, 'Not Found');
    return;
  }
  const [, idInstance, method, token] = match as unknown as [string, string, string, string];
  const instance = store.get(idInstance);
  if (!instance) {
    sendText(response, 403, 'Forbidden');
    return;
  }
  instance.calls[method] = (instance.calls[method] ?? 0) + 1;
  instance.lastCallAt[method] = Date.now();
  const logged: EmulatedRequest = { method, arrivedAt: Date.now(), answeredMs: undefined, status: undefined };
  instance.requestLog.push(logged);
  if (instance.requestLog.length > REQUEST_LOG_LIMIT) instance.requestLog.shift();
  const arrived = performance.now();
  response.once('finish', () => {
    logged.answeredMs = performance.now() - arrived;
    logged.status = response.statusCode;
  });
  const fault = store.takeFault(instance, method);
  const delay = instance.latencyMs + (fault?.delayMs ?? 0);
  if (delay > 0) await sleep(delay);
  if (fault && applyFault(fault, response, stalled, request)) return;
  if (token !== instance.apiTokenInstance) {
    sendText(response, 401, 'Unauthorized');
    return;
  }
  answerMethod(store, instance, method, request.method ?? 'GET', body, response);
}

/** True when the fault took over the answer. */
function applyFault(
  fault: FaultRule,
  response: http.ServerResponse,
  stalled: StallWatch,
  request: http.IncomingMessage,
): boolean {
  if (fault.reset) {
    request.socket.destroy();
    return true;
  }
  if (fault.stall === 'headers') {
    stalled.add(response);
    return true;
  }
  if (fault.stall === 'body') {
    stalled.add(response);
    response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '64' });
    response.write('{"stateInstance":"auth');
    return true;
  }
  if (fault.stall === 'oversized') {
    // 3 MB of a promised 4 MB, then nothing: more than the client reads, and never an end.
    stalled.add(response);
    response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(4 * 1024 * 1024) });
    response.write(`{"stateInstance":"${'a'.repeat(3 * 1024 * 1024)}`);
    return true;
  }
  if (fault.status === undefined && fault.body === undefined) {
    return false;
  }
  const status = fault.status ?? 200;
  const headers: http.OutgoingHttpHeaders = {};
  if (fault.retryAfter !== undefined) headers['Retry-After'] = fault.retryAfter;
  let text: string;
  let contentType = 'application/json';
  if (fault.body === 'malformed') text = '{"status": tru';
  else if (fault.body === 'html') {
    text = `<html><head><title>${status} Bad Gateway</title></head><body><h1>${status}</h1><hr>nginx</body></html>`;
    contentType = 'text/html';
  } else if (fault.body === 'empty') text = '';
  else if (fault.body !== undefined) text = fault.body.raw;
  else if (status === 466) {
    text = JSON.stringify({
      invokeStatus: {
        method: 'emulated',
        used: 100,
        total: 100,
        status: 'QUOTE_EXCEEDED',
        description: 'Monthly quota exceeded (emulated)',
      },
      correspondentsStatus: { used: 0, total: 3, status: 'OK', description: '' },
    });
  } else text = JSON.stringify(http.STATUS_CODES[status] ?? 'Error');
  headers['Content-Type'] = fault.contentType ?? contentType;
  response.writeHead(status, headers);
  response.end(text);
  return true;
}

function answerMethod(
  store: InstanceStore,
  instance: EmulatedInstance,
  method: string,
  httpMethod: string,
  body: string,
  response: http.ServerResponse,
): void {
  const expect = (verb: string): boolean => {
    if (httpMethod === verb) return true;
    sendText(response, 405, 'Method Not Allowed');
    return false;
  };
  if (store.isBeingCreated(instance)) {
    // GREEN-API: "If the getStateInstance method response body is null, it means the instance is still being created".
    if (method === 'getStateInstance') sendJson(response, 200, null);
    else sendText(response, 400, 'instance in starting process try later');
    return;
  }
  switch (method) {
    case 'getStateInstance':
      if (expect('GET')) sendJson(response, 200, { stateInstance: instance.state });
      return;
    case 'getAuthorizationCode': {
      if (!expect('POST')) return;
      const phone = readPhoneNumber(body);
      if (phone === undefined) {
        sendText(response, 400, 'bad request data');
        return;
      }
      instance.codeRequests.push(phone);
      if (instance.state === 'starting') {
        sendText(response, 400, 'instance in starting process try later');
        return;
      }
      if (instance.state !== 'notAuthorized' || store.isCleaningUp(instance)) {
        sendJson(response, 200, { status: false, code: '' });
        return;
      }
      sendJson(response, 200, { status: true, code: store.issueCode(instance, phone).code });
      return;
    }
    case 'logout':
      if (expect('GET')) sendJson(response, 200, { isLogout: store.logout(instance) });
      return;
    case 'reboot':
      if (!expect('GET')) return;
      store.reboot(instance);
      sendJson(response, 200, { isReboot: true });
      return;
    case 'qr':
      if (!expect('GET')) return;
      if (instance.state === 'authorized' || instance.state === 'yellowCard') {
        sendJson(response, 200, { type: 'alreadyLogged', message: 'instance account already authorized' });
      } else if (instance.state === 'notAuthorized' && store.isCleaningUp(instance)) {
        sendJson(response, 200, {
          type: 'error',
          message: 'the instance data cleanup process is running, try again later',
        });
      } else if (instance.state === 'notAuthorized' && instance.passkeyRequired) {
        sendJson(response, 200, {
          type: 'passkeyRequired',
          message: 'WhatsApp asks the phone to create or confirm a passkey',
        });
      } else if (instance.state === 'notAuthorized') {
        sendJson(response, 200, { type: 'qrCode', message: qrLikePng(store.qrSeed(instance)) });
      } else {
        sendJson(response, 200, { type: 'error', message: `instance is ${instance.state}` });
      }
      return;
    case 'getWaSettings':
      if (!expect('GET')) return;
      sendJson(response, 200, {
        avatar: '',
        phone: holdsAccount(instance.state) && instance.state !== 'sleepMode' ? (instance.phone ?? '') : '',
        stateInstance: instance.state,
        deviceId: `emulator-${instance.idInstance}`,
        logoutProcess: store.isCleaningUp(instance),
        // Like GREEN-API's newer servers: present only while there is a history to load.
        ...(store.historySyncProgress(instance) === undefined
          ? {}
          : { historySyncProgress: store.historySyncProgress(instance) }),
      });
      return;
    default:
      sendText(response, 404, 'Not Found');
  }
}

function readPhoneNumber(body: string): string | undefined {
  try {
    const json = JSON.parse(body) as { phoneNumber?: unknown };
    const phone = json.phoneNumber;
    return typeof phone === 'number' && Number.isSafeInteger(phone) && phone > 0 ? String(phone) : undefined;
  } catch {
    return undefined;
  }
}

/** The control API: tests and the demo page drive the emulator through it. */
function handleControl(
  store: InstanceStore,
  verb: string,
  path: string,
  body: string,
  response: http.ServerResponse,
): void {
  const parts = path.split('/').filter(Boolean);
  const json = parseJsonObject(body);
  if (parts[0] !== 'instances') {
    sendJson(response, 404, { error: 'unknown control path' });
    return;
  }
  if (parts.length === 1) {
    if (verb === 'GET') {
      sendJson(
        response,
        200,
        store.list().map((instance) => describeInstance(store, instance)),
      );
    } else if (verb === 'POST') sendJson(response, 201, describeInstance(store, store.add(newInstanceFrom(json))));
    else sendJson(response, 405, { error: 'GET or POST' });
    return;
  }
  if (parts.length === 2 && parts[1] === 'create-form' && verb === 'POST') {
    // The demo page's "create an instance that takes N s": GREEN-API's creation, up to 5 minutes.
    const seconds = Number(new URLSearchParams(body).get('seconds') ?? '30');
    store.add({ creatingSeconds: Number.isFinite(seconds) ? seconds : 30 });
    response.writeHead(303, { Location: '/' });
    response.end();
    return;
  }
  const idInstance = parts[1] ?? '';
  const instance = store.get(idInstance);
  if (!instance) {
    sendJson(response, 404, { error: `no instance ${idInstance}` });
    return;
  }
  const action = `${verb} ${parts[2] ?? ''}`;
  if (handleNewerControl(store, instance, action, json, body, response)) return;
  switch (action) {
    case 'GET ':
      sendJson(response, 200, describeInstance(store, instance));
      return;
    case 'DELETE ':
      store.remove(idInstance);
      sendJson(response, 200, { removed: idInstance });
      return;
    case 'POST link': {
      const result = store.link(idInstance, typeof json.code === 'string' ? json.code : undefined);
      sendJson(
        response,
        result.ok ? 200 : 409,
        result.ok ? describeInstance(store, result.instance) : { error: result.reason },
      );
      return;
    }
    case 'POST scan-qr': {
      const result = store.scanQr(idInstance, typeof json.phone === 'string' ? json.phone : undefined);
      sendJson(
        response,
        result.ok ? 200 : 409,
        result.ok ? describeInstance(store, result.instance) : { error: result.reason },
      );
      return;
    }
    case 'POST unlink':
      store.unlink(idInstance);
      sendJson(response, 200, describeInstance(store, instance));
      return;
    case 'POST starting': {
      const seconds = typeof json.seconds === 'number' && Number.isFinite(json.seconds) ? json.seconds : 60;
      store.startFor(idInstance, seconds);
      sendJson(response, 200, describeInstance(store, instance));
      return;
    }
    case 'POST unlink-form':
      // The demo page's button: the phone drops the link.
      store.unlink(idInstance);
      response.writeHead(303, { Location: '/' });
      response.end();
      return;
    case 'POST link-form': {
      // The demo page's plain HTML form: no script needed to "type the code in WhatsApp".
      const code = new URLSearchParams(body).get('code') ?? undefined;
      const result = store.link(idInstance, code);
      response.writeHead(303, { Location: result.ok ? '/' : `/?error=${result.reason}` });
      response.end();
      return;
    }
    case 'POST state':
      if (typeof json.state !== 'string' || json.state === '') {
        sendJson(response, 400, { error: 'body must be {"state": "..."}' });
        return;
      }
      sendJson(response, 200, describeInstance(store, store.setState(idInstance, json.state) ?? instance));
      return;
    case 'PUT faults':
      instance.faults = Array.isArray(json.faults) ? (json.faults as FaultRule[]) : [];
      if (typeof json.latencyMs === 'number') instance.latencyMs = json.latencyMs;
      sendJson(response, 200, describeInstance(store, instance));
      return;
    default:
      sendJson(response, 404, { error: `unknown action ${action}` });
  }
}

/** A new instance from the control API's JSON: only the fields it knows, each of its type. */
function newInstanceFrom(json: Record<string, unknown>): NewInstance {
  const text = (field: string): string | undefined =>
    typeof json[field] === 'string' ? (json[field] as string) : undefined;
  const seconds = (field: string): number | undefined =>
    typeof json[field] === 'number' && Number.isFinite(json[field]) ? (json[field] as number) : undefined;
  return {
    idInstance: text('idInstance'),
    apiTokenInstance: text('apiTokenInstance'),
    name: text('name'),
    state: text('state'),
    phone: text('phone'),
    latencyMs: seconds('latencyMs'),
    creatingSeconds: seconds('creatingSeconds'),
    logoutCleanupSeconds: seconds('logoutCleanupSeconds'),
    typeInstance: text('typeInstance'),
  };
}

/**
 * The controls of GREEN-API's 2026 behaviour, for the tests and the demo page: WhatsApp
 * restricting an account (`POST restrict {"state": "yellowCard" | "suspended"}`, and the page's
 * `restrict-form`), the cleanup after a logout (`PUT logout-cleanup {"seconds": N}`), the chat history loading
 * after a link (`PUT history-sync {"seconds": N}`), and a
 * passkey asked for on the phone (`POST passkey {"required": true | false}`, `passkey-form`
 * toggles). True when `action` was one of them and is answered.
 */
function handleNewerControl(
  store: InstanceStore,
  instance: EmulatedInstance,
  action: string,
  json: Record<string, unknown>,
  body: string,
  response: http.ServerResponse,
): boolean {
  const backToPage = (): void => {
    response.writeHead(303, { Location: '/' });
    response.end();
  };
  switch (action) {
    case 'POST restrict':
      if (json.state !== 'yellowCard' && json.state !== 'suspended') {
        sendJson(response, 400, { error: 'body must be {"state": "yellowCard" | "suspended"}' });
      } else {
        store.restrict(instance.idInstance, json.state);
        sendJson(response, 200, describeInstance(store, instance));
      }
      return true;
    case 'POST restrict-form': {
      const state = new URLSearchParams(body).get('state');
      if (state === 'yellowCard' || state === 'suspended') store.restrict(instance.idInstance, state);
      backToPage();
      return true;
    }
    case 'PUT logout-cleanup':
      instance.logoutCleanupSeconds = secondsUpToAnHour(json.seconds);
      sendJson(response, 200, describeInstance(store, instance));
      return true;
    case 'PUT history-sync':
      instance.historySyncSeconds = secondsUpToAnHour(json.seconds);
      sendJson(response, 200, describeInstance(store, instance));
      return true;
    case 'POST passkey':
      instance.passkeyRequired = json.required === true;
      sendJson(response, 200, describeInstance(store, instance));
      return true;
    case 'POST passkey-form':
      instance.passkeyRequired = !instance.passkeyRequired;
      backToPage();
      return true;
    default:
      return false;
  }
}

/** The emulator's own view of an instance: includes the token, since it is a local test double. */
function describeInstance(store: InstanceStore, instance: EmulatedInstance): Record<string, unknown> {
  return {
    idInstance: instance.idInstance,
    apiTokenInstance: instance.apiTokenInstance,
    name: instance.name,
    state: instance.state,
    phone: instance.phone ?? null,
    pendingCode: instance.pendingCode ?? null,
    latencyMs: instance.latencyMs,
    faults: instance.faults,
    calls: instance.calls,
    beingCreated: store.isBeingCreated(instance),
    logoutProcess: store.isCleaningUp(instance),
    logoutCleanupSeconds: instance.logoutCleanupSeconds,
    historySyncSeconds: instance.historySyncSeconds,
    historySyncProgress: store.historySyncProgress(instance) ?? null,
    passkeyRequired: instance.passkeyRequired,
    typeInstance: instance.typeInstance,
  };
}

function parseJsonObject(body: string): Record<string, unknown> {
  try {
    const json: unknown = JSON.parse(body);
    return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 1024 * 1024) {
        reject(new Error('request body over 1 MB'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function sendJson(response: http.ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

/** GREEN-API's documented error answers are plain sentences such as "Unauthorized". */
function sendText(response: http.ServerResponse, status: number, text: string): void {
  response.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  response.end(text);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A body's `seconds` as a test sets it: a finite number clamped to 0..3600 (s), anything else 0. */
function secondsUpToAnHour(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.max(0, Math.min(value, 3600)) : 0;
}
