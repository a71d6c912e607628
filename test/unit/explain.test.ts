import * as assert from 'node:assert/strict';
import {
  InvalidCredentialsError,
  InvalidRequestError,
  NetworkError,
  QuotaExceededError,
  RequestRejectedError,
  ServerError,
  TimeoutError,
  UnexpectedStatusError,
  idInstanceOf,
} from '../../src/api/errors';
import { explain, explainFailure, rowFix, shortReason } from '../../src/failures/explain';
import { blockerForError } from '../../src/failures/blockers';
import { serverSentence as neutralizeServerText } from '../../src/base/neutralize';

const URL = 'https://1103.api.greenapi.com/waInstance1101000001/getStateInstance/<token>';

describe('explanations with a way out', () => {
  it('400 "Instance is deleted" offers Remove and the console, not Try Again', () => {
    const explanation = explainFailure(
      new RequestRejectedError('getStateInstance', URL, 'instanceDeleted', 'Instance is deleted'),
      'Sales (1101000001)',
    );
    assert.deepEqual(explanation.waysOut, ['removeInstance', 'openConsole', 'showLog']);
    assert.match(explanation.message, /Sales \(1101000001\) is deleted/);
    assert.equal(idInstanceOf(new RequestRejectedError('x', URL, 'instanceDeleted', '')), '1101000001');
  });

  it("466 shows GREEN-API's own description, neutralized, with one full stop", () => {
    const explanation = explainFailure(
      new QuotaExceededError(
        'getAuthorizationCode',
        URL,
        'Limit of correspondents reached. Upgrade at [console](https://evil.example) `now` $(alert)!',
      ),
      'Sales',
    );
    assert.equal(
      explanation.message,
      'The GREEN-API plan of Sales has used up its quota. GREEN-API says: Limit of correspondents reached. Upgrade at console now alert!',
    );
    const plain = explainFailure(
      new QuotaExceededError('getAuthorizationCode', URL, 'Monthly quota exceeded.'),
      'Sales',
    ).message;
    assert.ok(plain.endsWith('Monthly quota exceeded.'), plain);
    assert.ok(!plain.endsWith('..'));
  });

  it('a server sentence keeps one full stop; a shortened one ends on a word with an ellipsis', () => {
    assert.equal(neutralizeServerText('Bad data..'), 'Bad data.');
    assert.equal(neutralizeServerText('Why?'), 'Why?');
    const long = `${'word '.repeat(60)}end`;
    const cut = neutralizeServerText(long);
    assert.ok(cut.endsWith('word…'), cut);
    assert.ok([...cut].length <= 201);
    assert.equal(neutralizeServerText('<b>x</b>\u202E\u0007 ![img](http://a) [t](http://b)'), 'x img t.');
    assert.equal(neutralizeServerText(' .. '), '');
    const rejected = explainFailure(new RequestRejectedError('m', URL, 'other', 'Something failed.'), 'S').message;
    assert.equal(rejected, 'GREEN-API refused the request for S: Something failed.');
  });

  it('a request that could not be built has a way out', () => {
    const explanation = explainFailure(new InvalidRequestError('getStateInstance', URL, 'apiUrl'), 'Sales');
    assert.deepEqual(explanation.waysOut, ['editInstance', 'showLog']);
    assert.match(explanation.message, /Nothing was sent for Sales: its apiUrl/);
    assert.match(shortReason(new InvalidRequestError('getStateInstance', URL, 'apiUrl')), /apiUrl/);
  });
});

describe('explain: one wording of a failure, with the field at fault and its fix', () => {
  it('names the field at fault for 401, 403, 404 and an unreachable host, and no field otherwise', () => {
    const cases: [Error, string | undefined, string, 'edit' | 'refresh'][] = [
      [new InvalidCredentialsError('getStateInstance', URL, 401), 'apiTokenInstance', 'updateToken', 'edit'],
      [new InvalidCredentialsError('getStateInstance', URL, 403), 'idInstance', 'editInstance', 'edit'],
      [new UnexpectedStatusError('getStateInstance', URL, 404), 'apiUrl', 'editInstance', 'edit'],
      // Refused, the host is there and may be down for a moment: check again first (issue 30). Not found: the apiUrl.
      [new NetworkError('getStateInstance', URL, 'ECONNREFUSED'), 'apiUrl', 'checkState', 'refresh'],
      [new NetworkError('getStateInstance', URL, 'ECONNRESET'), 'apiUrl', 'checkState', 'refresh'],
      [new NetworkError('getStateInstance', URL, 'ENOTFOUND'), 'apiUrl', 'editInstance', 'edit'],
      [new NetworkError('getStateInstance', URL, 'CERT_HAS_EXPIRED'), 'apiUrl', 'editInstance', 'edit'],
      [new UnexpectedStatusError('getStateInstance', URL, 418), undefined, 'checkState', 'refresh'],
      [new ServerError('getStateInstance', URL, 503), undefined, 'checkState', 'refresh'],
      [new TimeoutError('getStateInstance', URL, 30_000), undefined, 'checkState', 'refresh'],
      [new Error('disk full'), undefined, 'checkState', 'refresh'],
    ];
    for (const [error, field, fix, row] of cases) {
      const words = explain(error, 'Sales');
      assert.equal(words.field, field, error.message);
      assert.equal(words.fix, fix, error.message);
      assert.equal(rowFix(words.fix), row, error.message);
      assert.deepEqual(
        blockerForError(error, 'Sales'),
        { text: words.message, fix: fix === 'checkState' ? 'tryAgain' : fix },
        "the Link panel's blocker says the same words, and Try Again where no field is at fault",
      );
      assert.equal(words.unreached, error instanceof NetworkError || error instanceof TimeoutError, error.message);
    }
  });

  it('gives the badge and the message of the same failure, and an unknown error its own message', () => {
    const refused = new InvalidCredentialsError('getStateInstance', URL, 401);
    const words = explain(refused, 'Sales');
    assert.equal(words.badge, shortReason(refused));
    assert.deepEqual({ message: words.message, waysOut: words.waysOut }, explainFailure(refused, 'Sales'));
    assert.deepEqual(explain(new Error('disk full'), 'Sales'), {
      message: 'disk full',
      waysOut: ['showLog'],
      badge: 'disk full',
      field: undefined,
      fix: 'checkState',
      unreached: false,
    });
  });
});
