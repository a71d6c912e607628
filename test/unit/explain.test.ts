import * as assert from 'node:assert/strict';
import { InvalidRequestError, QuotaExceededError, RequestRejectedError, idInstanceOf } from '../../src/api/errors';
import { explainFailure, shortReason } from '../../src/failures/explain';
import { serverSentence as neutralizeServerText } from '../../src/base/neutralize';

const URL = 'https://1103.api.greenapi.com/waInstance1101000001/getStateInstance/<token>';

describe('explanations with a way out', () => {
  it('400 "Instance is deleted" offers Remove and the console, not Try Again', () => {
    const explanation = explainFailure(new RequestRejectedError('getStateInstance', URL, 'instanceDeleted', 'Instance is deleted'), 'Sales (1101000001)');
    assert.deepEqual(explanation.waysOut, ['removeInstance', 'openConsole', 'showLog']);
    assert.match(explanation.message, /Sales \(1101000001\) is deleted/);
    assert.equal(idInstanceOf(new RequestRejectedError('x', URL, 'instanceDeleted', '')), '1101000001');
  });

  it('466 shows GREEN-API\'s own description, neutralized, with one full stop', () => {
    const explanation = explainFailure(new QuotaExceededError('getAuthorizationCode', URL, 'Limit of correspondents reached. Upgrade at [console](https://evil.example) `now` $(alert)!'), 'Sales');
    assert.equal(explanation.message, 'The GREEN-API plan of Sales has used up its quota. GREEN-API says: Limit of correspondents reached. Upgrade at console now alert!');
    const plain = explainFailure(new QuotaExceededError('getAuthorizationCode', URL, 'Monthly quota exceeded.'), 'Sales').message;
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
