import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { interpretAnswer } from '../../src/api/transport';
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
import { normalizePhoneNumber, readPhoneNumber } from '../../src/core/phoneNumber';
import mobileExamples from 'libphonenumber-js/examples.mobile.json';
import { CountryCode, Metadata, parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { parseStoredRecord, readStoredRecord, serializeRecord } from '../../src/core/storedInstance';
import { parseApiToken, parseApiUrl, parseIdInstance } from '../../src/core/validation';
import { ROW_ACTIONS, parseWebviewMessage } from '../../src/views/instances/protocol';

/** Every property runs at least this many cases, in CI too. */
const RUNS = { numRuns: 10_000 };

describe('property and fuzz tests (fast-check, 10,000 cases each)', function () {
  this.timeout(120_000);

  describe('phone numbers (the real libphonenumber-js, every region it ships examples for)', () => {
    const INVISIBLES = [
      '\u200B',
      '\u200E',
      '\u200F',
      '\u202A',
      '\u202B',
      '\u202C',
      '\u202D',
      '\u202E',
      '\u2060',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
      '\uFEFF',
    ];
    /** One example per region: its E.164 digits, calling code, national significant number and trunk prefix. */
    const examples = Object.entries(mobileExamples as Record<string, string>).map(([region, shipped]) => {
      const phone = parsePhoneNumberFromString(shipped, region as CountryCode);
      assert.ok(phone, `${region}: the shipped example ${shipped} does not parse`);
      const metadata = new Metadata();
      metadata.selectNumberingPlan(region as CountryCode);
      const prefix = (
        metadata.numberingPlan as unknown as { nationalPrefix(): string | undefined } | undefined
      )?.nationalPrefix();
      const national = phone.formatNational();
      // The trunk prefix where the plan writes it for this number (Colombia's mobiles, for one, are written without it).
      const trunk = prefix && national.replace(/\D/g, '') === prefix + phone.nationalNumber ? prefix : undefined;
      return {
        region,
        e164: phone.number.slice(1),
        cc: phone.countryCallingCode,
        nsn: phone.nationalNumber,
        trunk,
        international: phone.formatInternational(),
        national,
      };
    });
    type Example = (typeof examples)[number];
    /** The ways people write a number, each a function of the example. */
    const WAYS: Record<string, (e: Example) => string | undefined> = {
      plus: (e) => `+${e.cc}${e.nsn}`,
      doubleZero: (e) => `00${e.cc} ${e.nsn}`,
      bare: (e) => `${e.cc}${e.nsn}`,
      spaced: (e) => e.international,
      dashed: (e) => e.international.replace(/ /g, '-'),
      bracketed: (e) => `+${e.cc} (${e.nsn.slice(0, 3)}) ${e.nsn.slice(3)}`,
      trunkInBrackets: (e) => (e.trunk ? `+${e.cc} (${e.trunk}) ${e.nsn}` : undefined),
      wrappedInvisible: (e) => `\u2066${e.international}\u2069`,
      rtlMarks: (e) => `\u200F${e.international.replace(/ /g, '\u200E ')}\uFEFF`,
    };

    it(`every region's example (${examples.length} regions; ${examples.filter((e) => e.trunk).length} write a trunk prefix), written every way, gives the same integer`, () => {
      const wrong: string[] = [];
      for (const example of examples) {
        for (const [way, write] of Object.entries(WAYS)) {
          const input = write(example);
          if (input === undefined) continue;
          const result = normalizePhoneNumber(input);
          if (!result.ok || result.value !== example.e164) {
            wrong.push(
              `${example.region} ${way} ${JSON.stringify(input)} → ${result.ok ? result.value : result.message}`,
            );
          }
        }
      }
      assert.deepEqual(wrong, []);
    });

    it('…and with random separators and invisible characters anywhere', () => {
      const separator = fc.constantFrom('', ' ', '-', '.', '\u00a0', ...INVISIBLES);
      fc.assert(
        fc.property(
          fc.constantFrom(...examples),
          fc.constantFrom('+', '00', ''),
          fc.array(separator, { minLength: 20, maxLength: 20 }),
          fc.constantFrom(...INVISIBLES),
          (example, prefix, separators, wrap) => {
            const digits = example.cc + example.nsn;
            const written =
              wrap + prefix + [...digits].map((digit, i) => digit + (separators[i] ?? '')).join('') + wrap;
            assert.deepEqual(normalizePhoneNumber(written), { ok: true, value: example.e164 }, JSON.stringify(written));
          },
        ),
        RUNS,
      );
    });

    it('a national reading is never sent: with a trunk 0 always refused; otherwise only a valid international reading of the digits as typed', () => {
      fc.assert(
        fc.property(fc.constantFrom(...examples), fc.boolean(), (example, hinted) => {
          const reading = readPhoneNumber(example.national, hinted ? { regions: [example.region] } : {});
          const typed = example.national.replace(/\D/g, '');
          if (typed.startsWith('0')) assert.notEqual(reading.kind, 'valid', `${example.region} ${example.national}`);
          if (reading.kind === 'valid') {
            // Only when the digits as typed are themselves a valid international number (a different one).
            assert.notEqual(
              reading.digits,
              example.e164,
              `${example.region} ${example.national} was silently read as national`,
            );
            assert.ok(
              parsePhoneNumberFromString(`+${typed}`)?.isValid(),
              `${example.national} sent as ${reading.digits}`,
            );
          }
          // A suggestion is only ever offered, never the reading itself.
          if (reading.kind !== 'valid' && reading.suggestion) assert.ok(hinted);
          const argument = normalizePhoneNumber(example.national);
          if (argument.ok) assert.notEqual(argument.value, example.e164);
        }),
        RUNS,
      );
    });

    it('any text: sent only as a number the numbering plan validates, or refused with a message free of invisible characters; never throws', () => {
      const text = fc.oneof(fc.string({ maxLength: 40 }), fc.stringMatching(/^[+0-9 ()\-\u2066\u2069\u200E]{0,24}$/));
      fc.assert(
        fc.property(text, (input) => {
          const result = normalizePhoneNumber(input);
          if (result.ok) {
            assert.match(result.value, /^[1-9]\d{5,14}$/);
            assert.ok(parsePhoneNumberFromString(`+${result.value}`)?.isValid(), result.value);
          } else {
            assert.ok(result.message.length > 10);
            assert.doesNotMatch(result.message, /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/);
          }
        }),
        RUNS,
      );
    });

    it('any number: accepted only as a safe positive integer that the numbering plan validates', () => {
      fc.assert(
        fc.property(fc.oneof(fc.double(), fc.integer(), fc.maxSafeInteger()), (input) => {
          const result = normalizePhoneNumber(input);
          if (result.ok) {
            assert.ok(Number.isSafeInteger(input) && input > 0, String(input));
            assert.equal(result.value, parsePhoneNumberFromString(`+${input}`)?.number.slice(1));
          }
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
        fc.webUrl({
          withQueryParameters: true,
          withFragments: true,
          authoritySettings: { withUserInfo: true, withPort: true },
        }),
        fc
          .tuple(
            fc.constantFrom('http://', 'https://', 'ftp://', 'javascript:', ''),
            host,
            fc.option(fc.integer({ min: 1, max: 65535 })),
            fc.constantFrom('', '/', '/x', '?', '#', '/?a=1'),
          )
          .map(([scheme, h, port, tail]) => `${scheme}${h}${port === null ? '' : `:${port}`}${tail}`),
        fc.string({ maxLength: 40 }),
      );
      fc.assert(
        fc.property(url, (input) => {
          const result = parseApiUrl(input);
          if (!result.ok) return;
          const parsed = new URL(result.value);
          assert.ok(
            parsed.protocol === 'https:' ||
              (parsed.protocol === 'http:' && /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(parsed.hostname)),
            result.value,
          );
          assert.equal(parsed.username + parsed.password + parsed.search + parsed.hash, '');
          assert.deepEqual(parseApiUrl(result.value), result, 'not stable');
        }),
        RUNS,
      );
    });

    it('apiUrl: any URL with a GREEN-API path gives its origin, and neither the result nor a stored record holds the token', () => {
      const token = fc.stringMatching(/^[A-Za-z0-9_-]{16,60}$/);
      const host = fc.oneof(fc.domain(), fc.constantFrom('127.0.0.1', 'localhost', '[::1]'));
      const path = fc.tuple(
        fc.constantFrom('waInstance', 'WAINSTANCE', 'waInstance'),
        fc.stringMatching(/^\d{6,12}$/),
        fc.constantFrom('', '/', '/sendMessage', '/getAuthorizationCode', '/qr', '/getStateInstance'),
        fc.constantFrom(true, false),
      );
      fc.assert(
        fc.property(
          fc.constantFrom('http://', 'https://'),
          host,
          fc.option(fc.integer({ min: 1, max: 65535 })),
          path,
          token,
          (scheme, h, port, [prefix, id, method, withToken], secret) => {
            const origin = `${scheme}${h}${port === null ? '' : `:${port}`}`;
            const pasted = `${origin}/${prefix}${id}${method}${withToken && method.length > 1 ? `/${secret}` : ''}`;
            const result = parseApiUrl(pasted);
            if (scheme === 'http://' && !/^(localhost|127\.0\.0\.1|\[::1\])$/.test(h)) {
              assert.ok(!result.ok);
              return;
            }
            assert.ok(result.ok, `${pasted}: ${result.ok ? '' : result.message}`);
            assert.equal(result.value, new URL(origin).origin);
            assert.ok(!result.value.includes(secret));
            const stored = serializeRecord({
              idInstance: '1101000001',
              apiUrl: pasted,
              apiTokenInstance: secret,
              name: '',
            });
            const read = readStoredRecord(stored, '1101000001');
            assert.ok(read.ok);
            assert.ok(!read.value.record.apiUrl.includes(secret), 'a stored apiUrl holds the token');
            assert.deepEqual(read.value.repairs, ['apiUrlCut']);
            const added = parseAddInstanceArgs({ apiUrl: pasted, idInstance: '1101000001', apiTokenInstance: secret });
            assert.ok(added.ok && !added.value.apiUrl.includes(secret));
          },
        ),
        RUNS,
      );
    });

    it('apiUrl: any other path, a placeholder or a space is refused, with a message that does not quote the input', () => {
      const secret = 'd75b3a66374942c5b3c019c698abc2067e151558acbd412345';
      const input = fc.oneof(
        fc
          .tuple(
            fc.domain(),
            fc.webSegment().filter((s) => s !== '' && !/^wainstance/i.test(s)),
          )
          .map(([h, seg]) => `https://${h}/${seg}/${secret}`),
        fc
          .tuple(
            fc.constantFrom('{{host}}', '{{apiUrl}}', '%7B%7Bhost%7D%7D', 'api.green-api.com/{{id}}'),
            fc.constantFrom('https://', ''),
          )
          .map(([p, s]) => `${s}${p}`),
        fc.tuple(fc.domain(), fc.domain()).map(([a, b]) => `https://${a} ${b}`),
      );
      fc.assert(
        fc.property(input, (pasted) => {
          const result = parseApiUrl(pasted);
          assert.ok(!result.ok, pasted);
          assert.ok(!result.message.includes(secret));
        }),
        RUNS,
      );
    });

    it('stored records: any text is read back as a valid record or refused, never thrown', () => {
      const recordish = fc.record(
        {
          idInstance: fc.oneof(fc.constant('1101000001'), fc.string()),
          apiUrl: fc.oneof(fc.constant('https://a.example'), fc.string()),
          apiTokenInstance: fc.oneof(fc.constant('x'.repeat(20)), fc.string()),
          name: fc.anything(),
          lastPhone: fc.anything(),
        },
        { requiredKeys: [] },
      );
      fc.assert(
        fc.property(
          fc.oneof(
            fc.string(),
            recordish.map((r) => JSON.stringify(r)),
            fc.jsonValue().map((v) => JSON.stringify(v)),
          ),
          (text) => {
            const result = parseStoredRecord(text, '1101000001');
            if (result.ok) {
              assert.equal(result.value.idInstance, '1101000001');
              assert.ok(parseApiToken(result.value.apiTokenInstance).ok);
            }
          },
        ),
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
    const parsers = {
      parseAuthorizationCodeAnswer,
      parseStateAnswer,
      parseLogoutAnswer,
      parseRebootAnswer,
      parseQrAnswer,
      parseWaSettingsAnswer,
    };

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
      const status = fc.oneof(
        fc.constantFrom(200, 201, 204, 302, 400, 401, 403, 404, 429, 466, 499, 500, 502, 503),
        fc.integer({ min: 100, max: 599 }),
      );
      const parse = fc.constantFrom(...(Object.values(parsers) as ((json: unknown) => unknown)[]));
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
        fc.property(
          fc.anything({ withNullPrototype: true, withObjectString: true, withBoxedValues: true }),
          (value) => {
            const message = parseWebviewMessage(value);
            if (message) assert.ok(['ready', 'addInstance', 'refreshAll', 'rowAction'].includes(message.type));
          },
        ),
        RUNS,
      );
    });

    it('near-miss messages are accepted exactly when they match the protocol', () => {
      const key = fc.constantFrom('type', 'action', 'idInstance', '__proto__', 'constructor', 'extra');
      const value = fc.oneof(
        fc.constantFrom(
          'ready',
          'rowAction',
          'refreshAll',
          'addInstance',
          ...ROW_ACTIONS,
          '1101000001',
          '12',
          'x'.repeat(2000),
        ),
        fc.string(),
        fc.integer(),
      );
      fc.assert(
        fc.property(fc.dictionary(key, value, { maxKeys: 4 }), (dictionary) => {
          const forged = JSON.parse(JSON.stringify(dictionary)) as Record<string, unknown>;
          const message = parseWebviewMessage(forged);
          const keys = Object.keys(forged).sort().join(',');
          const valid =
            (keys === 'type' && ['ready', 'addInstance', 'refreshAll'].includes(forged.type as string)) ||
            (keys === 'action,idInstance,type' &&
              forged.type === 'rowAction' &&
              (ROW_ACTIONS as readonly unknown[]).includes(forged.action) &&
              typeof forged.idInstance === 'string' &&
              /^\d{6,15}$/.test(forged.idInstance));
          assert.equal(message !== undefined, valid, JSON.stringify(forged).slice(0, 200));
        }),
        RUNS,
      );
    });
  });
});
