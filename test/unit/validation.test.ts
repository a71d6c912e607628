import * as assert from 'node:assert/strict';
import { Parsed } from '../../src/core/result';
import { parseApiToken, parseApiUrl, parseIdInstance } from '../../src/core/validation';
import { parseAddInstanceArgs } from '../../src/core/commandArgs';
import { instanceFromEnv, parseEnvFile } from '../../src/core/envImport';
import { parseIndexEntry } from '../../src/core/instanceStorage';
import { redactSecrets, redactedMethodUrl } from '../../src/base/redact';

const value = <T>(result: Parsed<T>): T => {
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result.value;
};
const message = <T>(result: Parsed<T>): string => {
  assert.ok(!result.ok, 'expected a refusal');
  return result.message;
};

describe('parseApiUrl', () => {
  it('cuts a whole GREEN-API request URL to its origin, so the token is never stored (issue 19)', () => {
    const pasted =
      'https://7107.api.greenapi.com/waInstance7107000001/sendMessage/d75b3a66374942c5b3c019c698abc2067e151558acbd412345';
    assert.equal(value(parseApiUrl(pasted)), 'https://7107.api.greenapi.com');
    assert.equal(
      value(parseApiUrl('https://7107.api.greenapi.com/waInstance7107000001')),
      'https://7107.api.greenapi.com',
    );
    assert.equal(value(parseApiUrl('http://127.0.0.1:6001/waInstance1101000001/qr/')), 'http://127.0.0.1:6001');
  });
  it('refuses a placeholder, a space and any other path, with the reason and without quoting the input', () => {
    assert.match(message(parseApiUrl('https://{{host}}')), /placeholder \(\{\{…\}\}\) is still in the apiUrl/);
    assert.match(message(parseApiUrl('{{apiUrl}}')), /placeholder/);
    assert.match(message(parseApiUrl('https://api.green-api.com/%7B%7BidInstance%7D%7D')), /placeholder/);
    assert.match(message(parseApiUrl('https://api. green-api.com')), /space/);
    assert.match(message(parseApiUrl('https://a_b.example')), /not a host name or an address/);
    const other = message(parseApiUrl('https://api.green-api.com/partner/getInstances/secret-partner-token-123'));
    assert.match(other, /only the scheme and host, with no path/);
    assert.ok(!other.includes('secret-partner-token'));
  });

  it('accepts https hosts and drops the trailing slash', () => {
    assert.equal(value(parseApiUrl(' https://1103.api.greenapi.com/ ')), 'https://1103.api.greenapi.com');
    assert.equal(value(parseApiUrl('https://api.green-api.com')), 'https://api.green-api.com');
  });
  it('allows plain http only for loopback', () => {
    assert.equal(value(parseApiUrl('http://127.0.0.1:6001')), 'http://127.0.0.1:6001');
    assert.equal(value(parseApiUrl('http://localhost:6001/')), 'http://localhost:6001');
    assert.equal(value(parseApiUrl('http://[::1]:6001')), 'http://[::1]:6001');
    assert.match(message(parseApiUrl('http://api.green-api.com')), /Use https:\/\/.*token travels in the URL/);
    assert.match(message(parseApiUrl('http://127.example.com')), /Use https:\/\//);
  });
  it('refuses other schemes, user info, query and fragment', () => {
    assert.match(message(parseApiUrl('ftp://api.green-api.com')), /must start with https/);
    assert.match(message(parseApiUrl('https://user:pw@api.green-api.com')), /user name and password/);
    assert.match(message(parseApiUrl('https://api.green-api.com/?x=1')), /after "\?" or "#"/);
    assert.match(message(parseApiUrl('https://api.green-api.com/#top')), /after "\?" or "#"/);
    assert.match(message(parseApiUrl('https://api.green-api.com/?')), /after "\?" or "#"/);
  });
  it('explains what to paste when the text is not a URL', () => {
    assert.match(message(parseApiUrl('1103.api.greenapi.com')), /not a URL.*https:\/\/1103/);
    assert.match(message(parseApiUrl('')), /Paste the apiUrl/);
  });
});

describe('parseApiUrl: other messengers GREEN-API serves', () => {
  const MAX = "This is a MAX instance's address; this extension links WhatsApp instances.";
  const TELEGRAM = "This is a Telegram instance's address; this extension links WhatsApp instances.";

  it("refuses a MAX (/v3) address by name: the console's apiUrl, a whole request URL, its host alone", () => {
    for (const input of [
      'https://3100.api.green-api.com/v3',
      'https://3100.api.green-api.com/v3/',
      'https://3100.api.green-api.com/v3/waInstance3100000001/getStateInstance/abcdef0123456789abcdef',
      'https://3100.api.green-api.com',
      'https://3100.api.greenapi.com',
      'http://127.0.0.1:6001/v3',
    ]) {
      assert.ok(message(parseApiUrl(input)).startsWith(MAX), input);
      assert.ok(!message(parseApiUrl(input)).includes('abcdef0123456789'), 'never quotes what may be a token');
    }
  });

  it("refuses a Telegram address (GREEN-API's Telegram host) by name, and only the other messengers' addresses", () => {
    for (const input of [
      'https://4100.api.green-api.com',
      'https://4100.api.greenapi.com/',
      'https://4100.api.green-api.com/waInstance4100000000/getStateInstance/abcdef0123456789abcdef',
    ]) {
      assert.ok(message(parseApiUrl(input)).startsWith(TELEGRAM), input);
    }
    // A row stored before the rule existed is kept: the index reads its apiUrl as it was written.
    assert.deepEqual(
      parseIndexEntry({ idInstance: '4100000000', apiUrl: 'https://4100.api.green-api.com', name: 'Old row' }),
      { idInstance: '4100000000', apiUrl: 'https://4100.api.green-api.com', name: 'Old row' },
    );
    // WhatsApp hosts are still accepted, and other paths keep their own refusal.
    assert.equal(value(parseApiUrl('https://1103.api.greenapi.com')), 'https://1103.api.greenapi.com');
    assert.equal(
      value(parseApiUrl('https://7103.api.green-api.com/waInstance7103000001')),
      'https://7103.api.green-api.com',
    );
    assert.equal(value(parseApiUrl('https://api.green-api.com')), 'https://api.green-api.com');
    assert.equal(value(parseApiUrl('https://31000.api.green-api.com')), 'https://31000.api.green-api.com');
    assert.ok(!message(parseApiUrl('https://1103.api.greenapi.com/v33')).includes('MAX'));
  });

  it('is the rule of every place that reads a typed apiUrl: command arguments and .env files', () => {
    const token = 'd75b3a66374942c5b3c019c698abc2067e151558acbd412345';
    const args = parseAddInstanceArgs({
      apiUrl: 'https://3100.api.green-api.com/v3',
      idInstance: '3100000001',
      apiTokenInstance: token,
    });
    assert.ok(!args.ok && args.message.includes(MAX), args.ok ? 'accepted' : args.message);
    const env = instanceFromEnv(
      parseEnvFile(`ID_INSTANCE=4100000000\nAPI_TOKEN_INSTANCE=${token}\nAPI_URL=https://4100.api.green-api.com\n`),
      'https://api.green-api.com',
    );
    assert.ok(!env.ok && env.message.includes(TELEGRAM), env.ok ? 'accepted' : env.message);
  });
});

describe('parseIdInstance', () => {
  it('accepts digits, given as text or number', () => {
    assert.equal(value(parseIdInstance(' 1101000001 ')), '1101000001');
    assert.equal(value(parseIdInstance(1101000001)), '1101000001');
    assert.equal(value(parseIdInstance('11010001')), '11010001');
  });
  it('refuses anything else with an example', () => {
    assert.match(message(parseIdInstance('waInstance1101000001')), /6 to 15 digits.*1101000001/);
    assert.match(message(parseIdInstance('12345')), /6 to 15 digits/);
    assert.match(message(parseIdInstance('')), /Type the idInstance/);
  });
});

describe('parseApiToken', () => {
  it('accepts URL-path-safe tokens', () => {
    const token = 'd75b3a66374942c5b3c019c698abc2067e151558acbd412345';
    assert.equal(value(parseApiToken(` ${token}\n`)), token);
  });
  it('refuses spaces, slashes and short text', () => {
    assert.match(message(parseApiToken('abc def 0123456789abcdef')), /no spaces/);
    assert.match(message(parseApiToken('abc/def0123456789abcdef')), /letters, digits/);
    assert.match(message(parseApiToken('short')), /16 to 256/);
    assert.match(message(parseApiToken('')), /Paste the apiTokenInstance/);
  });
});

describe('redaction', () => {
  it('replaces every occurrence of each secret', () => {
    assert.equal(redactSecrets('a SECRET b SECRET c', ['SECRET']), 'a <token> b <token> c');
    assert.equal(redactSecrets('nothing here', ['', 'x-y']), 'nothing here');
  });
  it('builds the shown URL of a call without the token', () => {
    assert.equal(
      redactedMethodUrl('https://1103.api.greenapi.com', '1103000001', 'getStateInstance'),
      'https://1103.api.greenapi.com/waInstance1103000001/getStateInstance/<token>',
    );
  });
});
