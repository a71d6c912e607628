import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { interpretAnswer } from '../../src/api/client';
import { isGreenApiError } from '../../src/api/errors';
import {
  ShapeError,
  parseAuthorizationCodeAnswer,
  parseLogoutAnswer,
  parseQrAnswer,
  parseRebootAnswer,
  parseStateAnswer,
  parseWaSettingsAnswer,
} from '../../src/api/responses';
import { parseAddInstanceArgs, parseGetCodeArgs } from '../../src/core/commandArgs';
import { normalizePhoneNumber } from '../../src/core/phoneNumber';
import { parseStoredRecord } from '../../src/core/storedInstance';
import { parseApiToken, parseApiUrl, parseIdInstance } from '../../src/core/validation';
import { ROW_ACTIONS, parseWebviewMessage } from '../../src/protocol';

/** Every property runs at least this many cases, in CI too. */
const RUNS = { numRuns: 10_000 };

const validDigits = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 6, maxLength: 14 }))
  .map(([first, rest]) => `${first}${rest.join('')}`);

describe('property and fuzz tests (fast-check, 10,000 cases each)', function () {
  this.timeout(120_000);

  describe('phone numbers', () => {
    it('any text: accepted as 7–15 digits with no leading 0, or refused with a message; never throws', () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 40 }), (input) => {
          const result = normalizePhoneNumber(input);
          if (result.ok) assert.match(result.value, /^[1-9]\d{6,14}$/);
          else assert.ok(result.message.length > 10);
        }),
        RUNS,
      );
    });

    it('a valid number dressed with +, 00 and separators normalizes back to its digits', () => {
      const separator = fc.constantFrom(' ', '-', '.', '(', ')', '\u00a0', '');
      fc.assert(
        fc.property(validDigits, fc.constantFrom('', '+', '00', '+ '), fc.array(separator, { minLength: 15, maxLength: 15 }), (digits, prefix, separators) => {
          const dressed = prefix + [...digits].map((digit, i) => digit + (separators[i] ?? '')).join('');
          assert.deepEqual(normalizePhoneNumber(dressed), { ok: true, value: digits });
        }),
        RUNS,
      );
    });

    it('any number: accepted exactly when it is a safe integer of 7–15 digits', () => {
      fc.assert(
        fc.property(fc.oneof(fc.double(), fc.integer(), fc.maxSafeInteger()), (input) => {
          const result = normalizePhoneNumber(input);
          const expected = Number.isSafeInteger(input) && input > 0 && /^[1-9]\d{6,14}$/.test(String(input));
          assert.equal(result.ok, expected, String(input));
        }),
        RUNS,
      );
    });
  });

  describe('instance fields', () => {
    it('idInstance: accepted exactly when 6–15 digits (after trimming)', () => {
      fc.assert(
        fc.property(fc.oneof(fc.string({ maxLength: 20 }), fc.stringMatching(/^\d{4,17}$/)), (input) => {
          assert.equal(parseIdInstance(input).ok, /^\d{6,15}$/.test(input.trim()));
        }),
        RUNS,
      );
    });

    it('token: accepted exactly when 16–256 URL-path-safe characters', () => {
      fc.assert(
        fc.property(fc.oneof(fc.string({ maxLength: 60 }), fc.stringMatching(/^[A-Za-z0-9_-]{10,60}$/)), (input) => {
          assert.equal(parseApiToken(input).ok, /^[A-Za-z0-9_-]{16,256}$/.test(input.trim()));
        }),
        RUNS,
      );
    });

    it('apiUrl: whatever is accepted is https, or http on loopback, with no user info, query or fragment, and is stable', () => {
      const host = fc.oneof(fc.domain(), fc.constantFrom('127.0.0.1', 'localhost', '[::1]', '127.1.2.3', '10.0.0.1'));
      const url = fc.oneof(
        fc.webUrl({ withQueryParameters: true, withFragments: true, authoritySettings: { withUserInfo: true, withPort: true } }),
        fc.tuple(fc.constantFrom('http://', 'https://', 'ftp://', 'javascript:', ''), host, fc.option(fc.integer({ min: 1, max: 65535 })), fc.constantFrom('', '/', '/x', '?', '#', '/?a=1')).map(
          ([scheme, h, port, tail]) => `${scheme}${h}${port === null ? '' : `:${port}`}${tail}`,
        ),
        fc.string({ maxLength: 40 }),
      );
      fc.assert(
        fc.property(url, (input) => {
          const result = parseApiUrl(input);
          if (!result.ok) return;
          const parsed = new URL(result.value);
          assert.ok(parsed.protocol === 'https:' || (parsed.protocol === 'http:' && /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(parsed.hostname)), result.value);
          assert.equal(parsed.username + parsed.password + parsed.search + parsed.hash, '');
          assert.deepEqual(parseApiUrl(result.value), result, 'not stable');
        }),
        RUNS,
      );
    });

    it('stored records: any text is read back as a valid record or refused, never thrown', () => {
      const recordish = fc.record(
        { idInstance: fc.oneof(fc.constant('1101000001'), fc.string()), apiUrl: fc.oneof(fc.constant('https://a.example'), fc.string()), apiTokenInstance: fc.oneof(fc.constant('x'.repeat(20)), fc.string()), name: fc.anything(), lastPhone: fc.anything() },
        { requiredKeys: [] },
      );
      fc.assert(
        fc.property(fc.oneof(fc.string(), recordish.map((r) => JSON.stringify(r)), fc.jsonValue().map((v) => JSON.stringify(v))), (text) => {
          const result = parseStoredRecord(text, '1101000001');
          if (result.ok) {
            assert.equal(result.value.idInstance, '1101000001');
            assert.ok(parseApiToken(result.value.apiTokenInstance).ok);
          }
        }),
        RUNS,
      );
    });

    it('command arguments: anything is parsed or refused with a message, never thrown', () => {
      fc.assert(
        fc.property(fc.anything({ withNullPrototype: true, withObjectString: true }), (arg) => {
          for (const result of [parseGetCodeArgs(arg), parseAddInstanceArgs(arg)]) {
            if (!result.ok) assert.ok(result.message.length > 0);
          }
        }),
        RUNS,
      );
    });
  });

  describe('GREEN-API answers', () => {
    const parsers = { parseAuthorizationCodeAnswer, parseStateAnswer, parseLogoutAnswer, parseRebootAnswer, parseQrAnswer, parseWaSettingsAnswer };

    for (const [name, parse] of Object.entries(parsers)) {
      it(`${name}: any JSON is a typed answer or a ShapeError`, () => {
        fc.assert(
          fc.property(fc.jsonValue(), (json) => {
            try {
              parse(json);
            } catch (error) {
              assert.ok(error instanceof ShapeError, `threw ${String(error)}`);
            }
          }),
          RUNS,
        );
      });
    }

    it('any status and any bytes as a body: a result or a typed GreenApiError, never anything else', () => {
      const body = fc.oneof(
        fc.string(),
        fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('utf8')),
        fc.jsonValue().map((value) => JSON.stringify(value)),
        fc.constantFrom('{"stateInstance":"authorized"}', '{"status":true,"code":"ABCD1234"}', '<html>502</html>', ''),
      );
      const status = fc.oneof(fc.constantFrom(200, 201, 204, 302, 400, 401, 403, 404, 429, 466, 499, 500, 502, 503), fc.integer({ min: 100, max: 599 }));
      const parse = fc.constantFrom(...Object.values(parsers) as ((json: unknown) => unknown)[]);
      fc.assert(
        fc.property(status, fc.option(fc.string({ maxLength: 30 })), body, parse, (code, retryAfter, text, parser) => {
          try {
            interpretAnswer('fuzz', 'http://127.0.0.1/waInstance1/fuzz/<token>', code, retryAfter, text, parser);
            assert.ok(code >= 200 && code < 300, `status ${code} was accepted`);
          } catch (error) {
            assert.ok(isGreenApiError(error), `threw ${String(error)}`);
          }
        }),
        RUNS,
      );
    });
  });

  describe('webview messages', () => {
    it('anything at all is a protocol message or undefined, never thrown', () => {
      fc.assert(
        fc.property(fc.anything({ withNullPrototype: true, withObjectString: true, withBoxedValues: true }), (value) => {
          const message = parseWebviewMessage(value);
          if (message) assert.ok(['ready', 'addInstance', 'refreshAll', 'rowAction'].includes(message.type));
        }),
        RUNS,
      );
    });

    it('near-miss messages are accepted exactly when they match the protocol', () => {
      const key = fc.constantFrom('type', 'action', 'idInstance', '__proto__', 'constructor', 'extra');
      const value = fc.oneof(fc.constantFrom('ready', 'rowAction', 'refreshAll', 'addInstance', ...ROW_ACTIONS, '1101000001', '12', 'x'.repeat(2000)), fc.string(), fc.integer());
      fc.assert(
        fc.property(fc.dictionary(key, value, { maxKeys: 4 }), (dictionary) => {
          const forged = JSON.parse(JSON.stringify(dictionary)) as Record<string, unknown>;
          const message = parseWebviewMessage(forged);
          const keys = Object.keys(forged).sort().join(',');
          const valid =
            (keys === 'type' && ['ready', 'addInstance', 'refreshAll'].includes(forged.type as string)) ||
            (keys === 'action,idInstance,type' && forged.type === 'rowAction' && (ROW_ACTIONS as readonly unknown[]).includes(forged.action) && typeof forged.idInstance === 'string' && /^\d{6,15}$/.test(forged.idInstance));
          assert.equal(message !== undefined, valid, JSON.stringify(forged).slice(0, 200));
        }),
        RUNS,
      );
    });
  });
});
