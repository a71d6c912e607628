import * as assert from 'node:assert/strict';
import {
  apiUrlForUnanswered,
  isUniversalHost,
  partnerSuggestedApiUrl,
  suggestedApiUrl,
} from '../../src/core/instanceHost';
import { parseApiUrl } from '../../src/core/validation';

describe('each instance on its own host', () => {
  it('suggests the host the console shows, from the first four digits of the idInstance', () => {
    assert.equal(suggestedApiUrl('1103123456'), 'https://1103.api.greenapi.com');
    assert.equal(suggestedApiUrl('7105000001'), 'https://7105.api.greenapi.com');
    const parsed = parseApiUrl(suggestedApiUrl('1101000001'));
    assert.ok(parsed.ok && parsed.value === 'https://1101.api.greenapi.com', 'the suggestion must be a valid apiUrl');
  });

  it("tells the universal host from an instance's own", () => {
    assert.equal(isUniversalHost('https://api.green-api.com'), true);
    assert.equal(isUniversalHost('https://API.green-api.com/'), true);
    assert.equal(isUniversalHost('https://1103.api.greenapi.com'), false);
    assert.equal(isUniversalHost('http://127.0.0.1:6001'), false);
  });

  it('a loopback partnerApiUrl (the emulator) suggests itself for its instances and for the apiUrl box', () => {
    assert.equal(partnerSuggestedApiUrl('1101000001', 'http://127.0.0.1:6001'), 'http://127.0.0.1:6001');
    assert.equal(partnerSuggestedApiUrl('1101000001', 'http://localhost:6001'), 'http://localhost:6001');
    assert.equal(partnerSuggestedApiUrl('1101000001', 'https://api.green-api.com'), 'https://1101.api.greenapi.com');
    assert.equal(apiUrlForUnanswered('http://127.0.0.1:6001', 'https://api.green-api.com'), 'http://127.0.0.1:6001');
    assert.equal(
      apiUrlForUnanswered('https://api.green-api.com', 'https://7105.api.greenapi.com'),
      'https://7105.api.greenapi.com',
    );
  });
});
