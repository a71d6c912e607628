import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { PartnerClient } from '../../src/api/client';
import { RequestRecord } from '../../src/api/transport';
import { isGreenApiError } from '../../src/api/errors';
import { ErrorInBody, parsePartnerInstances, ShapeError } from '../../src/api/responses';
import { RunningEmulator, startEmulator } from '../../emulator/server';

const PARTNER_TOKEN = 'partner0token0for0the0emulator0only';

describe('Partner API getInstances against the emulator (loopback HTTP)', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ partnerToken: PARTNER_TOKEN });
  });
  after(() => emulator.close());

  it('lists the instances with their tokens, ids as text', async () => {
    const added = emulator.store.add({ name: 'Listed' });
    const records: RequestRecord[] = [];
    const instances = await new PartnerClient(emulator.url, PARTNER_TOKEN, {
      onRequest: (record) => records.push(record),
    }).getInstances();
    const found = instances.find((instance) => instance.idInstance === added.idInstance);
    assert.deepEqual(found, {
      idInstance: added.idInstance,
      name: 'Listed',
      apiTokenInstance: added.apiTokenInstance,
      typeInstance: 'whatsapp',
      messenger: 'whatsapp',
      deleted: false,
      isExpired: false,
    });
    assert.ok(!JSON.stringify(records).includes(PARTNER_TOKEN), 'the partner token reached the request log');
  });

  it('lists a MAX and a Telegram instance as GREEN-API does (typeInstance and messenger v3, telegram), one made by the control API', async () => {
    const max = emulator.store.add({ name: 'MAX shop', typeInstance: 'v3' });
    const made = await fetch(`${emulator.url}/emulator/instances`, {
      method: 'POST',
      body: JSON.stringify({ name: 'Telegram bot', typeInstance: 'telegram' }),
    });
    const telegram = (await made.json()) as { idInstance: string; typeInstance: string };
    assert.equal(telegram.typeInstance, 'telegram');
    const instances = await new PartnerClient(emulator.url, PARTNER_TOKEN).getInstances();
    const kinds = (id: string) =>
      instances
        .filter((instance) => instance.idInstance === id)
        .map(({ typeInstance, messenger }) => [typeInstance, messenger]);
    assert.deepEqual(kinds(max.idInstance), [['v3', 'v3']]);
    assert.deepEqual(kinds(telegram.idInstance), [['telegram', 'telegram']]);
  });

  it('reads a wrong token, answered 200 with {code: 401, description}, as a refused token (invalidCredentials), the token hidden', async () => {
    let caught: unknown;
    try {
      await new PartnerClient(emulator.url, `${PARTNER_TOKEN}x`).getInstances();
    } catch (error) {
      caught = error;
    }
    assert.ok(isGreenApiError(caught) && caught.kind === 'invalidCredentials', String(caught));
    assert.ok(![caught.message, caught.stack, caught.redactedUrl].join('').includes(PARTNER_TOKEN));
  });

  it('reads another error body as its status, and a body without a code as unreadable, quoting the server', () => {
    assert.throws(
      () => parsePartnerInstances({ code: 429, description: 'slow down' }),
      (error: unknown) => error instanceof ErrorInBody && error.status === 429,
    );
    assert.throws(
      () => parsePartnerInstances({ code: 200, description: 'odd' }),
      (error: unknown) => error instanceof ShapeError && !(error instanceof ErrorInBody),
    );
    assert.throws(
      () => parsePartnerInstances({ description: 'no list' }),
      (error: unknown) => error instanceof ShapeError && /GREEN-API says: no list/.test(error.message),
    );
  });

  it('parses any JSON into a list or a ShapeError, 10,000 cases', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        try {
          const instances = parsePartnerInstances(json);
          for (const instance of instances) assert.match(instance.idInstance, /^\d+$/);
        } catch (error) {
          assert.ok(error instanceof ShapeError, String(error));
        }
      }),
      { numRuns: 10_000 },
    );
  });
});
