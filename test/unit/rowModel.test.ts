import * as assert from 'node:assert/strict';
import { InstanceStates } from '../../src/core/instanceStates';
import { buildRow } from '../../src/views/instances/rowModel';

const instance = { idInstance: '1101000001', name: 'Sales', apiUrl: 'https://1103.api.greenapi.com' };

describe('Instances view row model', () => {
  it('starts unchecked, with the apiUrl host', () => {
    const row = buildRow(instance, new InstanceStates().get('1101000001'), undefined);
    assert.deepEqual(row, {
      idInstance: '1101000001',
      name: 'Sales',
      host: '1103.api.greenapi.com',
      shared: false,
      status: { kind: 'unchecked' },
      phoneMasked: undefined,
      checkedAt: undefined,
      code: undefined,
      dropped: false,
      history: [],
    });
  });

  it('says "token needed" for a row whose token is not here, whatever state was last known, and marks a shared row', () => {
    const states = new InstanceStates();
    states.learned('1101000001', 'authorized', 1000);
    const row = buildRow({ ...instance, tokenMissing: true, shared: true }, states.get('1101000001'), undefined);
    assert.deepEqual(row.status, { kind: 'tokenNeeded' });
    assert.equal(row.shared, true);
  });

  it('follows checking, state and error, keeping the previous state visible', () => {
    const states = new InstanceStates();
    states.checking('1101000001');
    assert.deepEqual(buildRow(instance, states.get('1101000001'), undefined).status, {
      kind: 'checking',
      previous: undefined,
    });
    states.learned('1101000001', 'notAuthorized', 1000);
    const learned = buildRow(instance, states.get('1101000001'), undefined);
    assert.deepEqual(learned.status, { kind: 'state', state: 'notAuthorized' });
    assert.equal(learned.checkedAt, 1000);
    states.failed('1101000001', 'token refused (401). More words that do not fit a badge.', 2000, { fix: 'edit' });
    assert.deepEqual(buildRow(instance, states.get('1101000001'), undefined).status, {
      kind: 'error',
      reason: 'token refused (401).',
      previous: 'notAuthorized',
      fix: 'edit',
      unreached: false,
    });
    states.failed('1101000001', 'timed out', 3000, { unreached: true });
    assert.deepEqual(
      buildRow(instance, states.get('1101000001'), undefined).status,
      { kind: 'error', reason: 'timed out', previous: 'notAuthorized', fix: 'refresh', unreached: true },
      'a failure with no field at fault is fixed by another check; a host that did not answer is marked so',
    );
  });

  it('shows the masked phone only while linked', () => {
    const states = new InstanceStates();
    states.learned('1101000001', 'authorized');
    states.learnedPhone('1101000001', '441234567890');
    assert.equal(buildRow(instance, states.get('1101000001'), undefined).phoneMasked, '+44 12•• ••••90');
    states.learned('1101000001', 'notAuthorized');
    assert.equal(buildRow(instance, states.get('1101000001'), undefined).phoneMasked, undefined);
  });

  it('carries the pending code with the same deadline as the status bar', () => {
    const code = {
      idInstance: '1101000001',
      code: 'ABCDEFGH',
      phone: '441234567890',
      issuedAt: 1,
      expiresAt: 150_001,
      deadline: 150_001,
    };
    // The time left comes from the monotonic deadline (PendingCodes.remainingMs), not from expiresAt and the wall clock.
    assert.deepEqual(buildRow(instance, new InstanceStates().get('1101000001'), code, undefined, () => 42_000).code, {
      value: 'ABCDEFGH',
      expiresAt: 150_001,
      remainingMs: 42_000,
    });
  });

  it('keeps an unknown state as it is', () => {
    const states = new InstanceStates();
    states.learned('1101000001', 'pendingCode');
    assert.deepEqual(buildRow(instance, states.get('1101000001'), undefined).status, {
      kind: 'state',
      state: 'pendingCode',
    });
  });

  it('names an unnamed instance by its id', () => {
    assert.equal(buildRow({ ...instance, name: '  ' }, new InstanceStates().get('x'), undefined).name, '1101000001');
  });
});
