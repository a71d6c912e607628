import * as assert from 'node:assert/strict';
import {
  InvalidCredentialsError,
  RequestRejectedError,
  ServerError,
  UnexpectedStatusError,
} from '../../src/api/errors';
import { explain } from '../../src/failures/explain';
import { describeOutcome } from '../../src/failures/outcomes';

const URL = 'https://1103.api.greenapi.com/waInstance1101000001/getAuthorizationCode/<token>';

describe("describeOutcome: one wording of a code request's outcome for the notification and the Link panel", () => {
  it('says nothing for an issued code, a cancelled request, or a state that allows a code', () => {
    assert.equal(describeOutcome({ type: 'issued', issued: { code: 'ABCD1234', expiresAt: 1 } }, 'Sales'), undefined);
    assert.equal(describeOutcome({ type: 'cancelled' }, 'Sales'), undefined);
    assert.equal(describeOutcome({ type: 'notReady', state: 'notAuthorized' }, 'Sales'), undefined);
  });

  it('status false: an error offering Reboot and Try Again and the QR, and no blocker (the panel offers New Code)', () => {
    assert.deepEqual(describeOutcome({ type: 'refused' }, 'Sales'), {
      severity: 'error',
      text: 'GREEN-API could not issue a code for Sales. Reboot the instance and try again, or link with a QR code.',
      waysOut: ['rebootAndTryAgain', 'useQr'],
      blocker: undefined,
    });
  });

  it('the cleanup after a logout outlasted the wait: a warning that names it, with Try Again, and no blocker', () => {
    const words = describeOutcome({ type: 'cleanupRunning' }, 'Sales');
    assert.equal(words?.severity, 'warning');
    assert.deepEqual(words?.waysOut, ['tryAgain']);
    assert.equal(words?.blocker, undefined);
    assert.match(
      words?.text ?? '',
      /^GREEN-API is still cleaning up the data of Sales after the logout.*Try again in a minute\.$/,
    );
  });

  it('"instance in starting process" from getAuthorizationCode is a warning to wait up to 5 minutes, not an error', () => {
    const words = describeOutcome(
      {
        type: 'failed',
        error: new RequestRejectedError(
          'getAuthorizationCode',
          URL,
          'instanceStarting',
          'instance in starting process try later',
        ),
      },
      'Sales',
    );
    assert.equal(words?.severity, 'warning');
    assert.match(words?.text ?? '', /can take up to 5 minutes/);
    assert.deepEqual(words?.waysOut, ['tryAgain', 'checkState']);
  });

  it('another number under way: a warning with both numbers masked, and no button', () => {
    const words = describeOutcome({ type: 'busy', phoneInFlight: '441234567890', phone: '441234567891' }, 'Sales');
    assert.equal(words?.severity, 'warning');
    assert.deepEqual(words?.waysOut, []);
    assert.equal(words?.blocker, undefined);
    assert.match(
      words?.text ?? '',
      /^A code for Sales is already being requested for 4412\*+90\. Wait for it or cancel it, then ask again for 4412\*+91\.$/,
    );
    assert.ok(!words?.text.includes('441234567890'), 'a phone number was shown unmasked');
  });

  it('a state that forbids a code: linked offers Log Out and Get a Code, starting Try Again, others a state check', () => {
    const linked = describeOutcome({ type: 'notReady', state: 'authorized' }, 'Sales');
    assert.deepEqual([linked?.severity, linked?.waysOut, linked?.blocker], ['warning', ['logoutAndGetCode'], 'logout']);
    assert.match(linked?.text ?? '', /Sales is already linked to a phone/);
    const starting = describeOutcome({ type: 'notReady', state: 'starting' }, 'Sales');
    assert.deepEqual([starting?.waysOut, starting?.blocker], [['tryAgain', 'checkState'], 'checkState']);
    const banned = describeOutcome({ type: 'notReady', state: 'blocked' }, 'Sales');
    assert.deepEqual([banned?.waysOut, banned?.blocker], [['checkState'], 'checkState']);
  });

  it("a failure: explain's words and ways out; a field at fault blocks the code, another failure does not", () => {
    const token = new InvalidCredentialsError('getAuthorizationCode', URL, 401);
    assert.deepEqual(describeOutcome({ type: 'failed', error: token }, 'Sales'), {
      severity: 'error',
      text: explain(token, 'Sales').message,
      waysOut: explain(token, 'Sales').waysOut,
      blocker: 'updateToken',
    });
    assert.equal(
      describeOutcome({ type: 'failed', error: new UnexpectedStatusError('getAuthorizationCode', URL, 404) }, 'Sales')
        ?.blocker,
      'editInstance',
    );
    const server = describeOutcome(
      { type: 'failed', error: new ServerError('getAuthorizationCode', URL, 502) },
      'Sales',
    );
    assert.equal(server?.blocker, undefined);
    assert.ok(server?.waysOut.includes('tryAgain'));
  });
});
