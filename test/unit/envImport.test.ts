import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { instanceFromEnv, parseEnvFile } from '../../src/core/envImport';

const TOKEN = 'd75b3a66374942c5b3c019c698abc2067e151558acbd412345';

describe('.env import', () => {
  it('reads KEY=value with export, quotes, comments and CRLF', () => {
    const file = [
      '\uFEFF# GREEN-API',
      'export ID_INSTANCE=1101000001',
      `API_TOKEN_INSTANCE="${TOKEN}"`,
      "API_URL='https://1101.api.greenapi.com'  ",
      'CHAT_ID=79001234567 # the test chat',
      'EMPTY=',
      'not a variable line',
    ].join('\r\n');
    const variables = parseEnvFile(file);
    assert.equal(variables.get('ID_INSTANCE'), '1101000001');
    assert.equal(variables.get('API_TOKEN_INSTANCE'), TOKEN);
    assert.equal(variables.get('API_URL'), 'https://1101.api.greenapi.com');
    assert.equal(variables.get('CHAT_ID'), '79001234567');
    assert.equal(variables.get('EMPTY'), '');
    assert.equal(variables.size, 5);
  });

  it('builds the instance from the SDK examples\' names, defaulting the apiUrl', () => {
    const parsed = instanceFromEnv(parseEnvFile(`ID_INSTANCE=1101000001\nAPI_TOKEN_INSTANCE=${TOKEN}\n`), 'https://api.green-api.com');
    assert.deepEqual(parsed, {
      ok: true,
      value: { apiUrl: 'https://api.green-api.com', idInstance: '1101000001', apiTokenInstance: TOKEN, variables: ['ID_INSTANCE', 'API_TOKEN_INSTANCE'], defaultedApiUrl: true },
    });
  });

  it('accepts GREEN_API_ prefixed and camelCase names', () => {
    for (const file of [
      `GREEN_API_ID_INSTANCE=1101000002\nGREEN_API_API_TOKEN_INSTANCE=${TOKEN}\nGREEN_API_API_URL=https://1101.api.greenapi.com`,
      `idInstance=1101000002\napiTokenInstance=${TOKEN}\napiUrl=https://1101.api.greenapi.com/`,
    ]) {
      const parsed = instanceFromEnv(parseEnvFile(file), 'https://api.green-api.com');
      assert.ok(parsed.ok, file);
      assert.equal(parsed.value.idInstance, '1101000002');
      assert.equal(parsed.value.apiUrl, 'https://1101.api.greenapi.com');
      assert.equal(parsed.value.defaultedApiUrl, false);
    }
  });

  it('says what is missing or wrong, naming the variable', () => {
    const missing = instanceFromEnv(parseEnvFile('CHAT_ID=1'), 'https://api.green-api.com');
    assert.ok(!missing.ok && /no ID_INSTANCE, API_TOKEN_INSTANCE/.test(missing.message));
    const badId = instanceFromEnv(parseEnvFile(`ID_INSTANCE=abc\nAPI_TOKEN_INSTANCE=${TOKEN}`), 'https://api.green-api.com');
    assert.ok(!badId.ok && badId.message.startsWith('ID_INSTANCE:'));
    const plainHttp = instanceFromEnv(parseEnvFile(`ID_INSTANCE=1101000001\nAPI_TOKEN_INSTANCE=${TOKEN}\nAPI_URL=http://api.green-api.com`), 'https://api.green-api.com');
    assert.ok(!plainHttp.ok && plainHttp.message.startsWith('API_URL:'));
  });

  it('never throws on random text, 10,000 cases', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const variables = parseEnvFile(text);
        const parsed = instanceFromEnv(variables, 'https://api.green-api.com');
        assert.ok(parsed.ok || parsed.message.length > 0);
      }),
      { numRuns: 10_000 },
    );
  });
});
