import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { GreenApiClient, PartnerClient } from '../../src/api/client';
import { AnyGreenApiError, isGreenApiError } from '../../src/api/errors';
import { ShapeError, parsePartnerInstances } from '../../src/api/responses';
import { adviseForCode, explainFailure, shortReason } from '../../src/failures/explain';
import { MAX_SERVER_MESSAGE_LENGTH, MAX_SERVER_NAME_LENGTH, neutralizeServerText } from '../../src/base/neutralize';
import { EmulatedInstance } from '../../emulator/instances';
import { RunningEmulator, startEmulator } from '../../emulator/server';

const COMMAND_LINK = '[x](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D)';
const IMAGE = '![i](https://evil/x.png)';
const HOSTILE = [
  COMMAND_LINK,
  IMAGE,
  '`code span` and ``double``',
  '$(alert) $(sync~spin) warning',
  'bell\u0007 nul\u0000 esc\u001b[31m line\nbreak tab\t del\u007f c1\u0085',
  'bidi \u202eevil\u202c \u2066iso\u2069 zero\u200bwidth \ufeffbom \u200emark',
  '[[nested](https://a)](command:x)',
  '[ref][1] and [1]: command:evil',
  '<command:workbench.action.terminal.sendSequence>',
  'a](b [c](command:evil)',
  `${'word '.repeat(500)}${COMMAND_LINK}`,
];

/** Markup in a whole message: a link or image, a code span, a codicon, an autolink, a control or bidi character. */
const MARKUP =
  // eslint-disable-next-line no-control-regex -- the class names the control characters it removes
  /\][([]|`|\$\(|<[a-z][a-z0-9+.-]*:[^<>\s]*>|[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/i;

/** What no neutral text may contain: link or image syntax, code spans, codicons, controls, invisible marks. */
function assertNeutral(text: string, max: number): void {
  assert.ok(Array.from(text).length <= max, `longer than ${max}: ${text.length}`);
  // CommonMark allows no blank between `]` and a link's `(` or a reference's `[`.
  assert.doesNotMatch(text, /\][([]/, `link syntax survived: ${text}`);
  assert.doesNotMatch(text, /`/, `code span survived: ${text}`);
  assert.doesNotMatch(text, /\$\(/, `codicon survived: ${text}`);
  assert.doesNotMatch(text, /<[a-z][a-z0-9+.-]*:[^<>\s]*>/i, `autolink survived: ${text}`);

  assert.doesNotMatch(
    text,
    // eslint-disable-next-line no-control-regex -- the class names the control characters it removes
    /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/,
    `control or bidi character survived: ${JSON.stringify(text)}`,
  );
}

describe('neutralizeServerText: server text never becomes markup', () => {
  it('keeps only the label of links and images', () => {
    assert.equal(neutralizeServerText(`Click ${COMMAND_LINK} now`, 200), 'Click x now');
    assert.equal(neutralizeServerText(IMAGE, 200), 'i');
    assert.equal(neutralizeServerText('[[nested](https://a)](command:x)', 200), 'nested');
  });

  it('drops backticks, codicons, controls and invisible bidi marks', () => {
    assert.equal(neutralizeServerText('`rm -rf`', 80), 'rm -rf');
    assert.equal(neutralizeServerText('$(alert) suspended', 80), 'alert suspended');
    assert.equal(neutralizeServerText('a\u202eb\u0000c\nd', 80), 'a b c d');
  });

  it('leaves plain words and known states as they are', () => {
    for (const plain of [
      'authorized',
      'notAuthorized',
      'suspended',
      'Monthly quota exceeded (emulated)',
      'Sales (EU) 1101000001',
      'Привет, мир',
    ]) {
      assert.equal(neutralizeServerText(plain, 200), plain);
    }
  });

  it('caps length on a word, with an ellipsis', () => {
    const long = neutralizeServerText('lorem ipsum '.repeat(100), MAX_SERVER_NAME_LENGTH);
    assert.ok(Array.from(long).length <= MAX_SERVER_NAME_LENGTH);
    assert.match(long, /^(lorem ipsum )*lorem( ipsum)?…$/);
    const oneWord = neutralizeServerText('x'.repeat(5000), MAX_SERVER_MESSAGE_LENGTH);
    assert.equal(oneWord, `${'x'.repeat(MAX_SERVER_MESSAGE_LENGTH - 1)}…`);
  });

  it('turns every hostile payload into neutral text, and is idempotent', () => {
    for (const payload of HOSTILE) {
      for (const max of [MAX_SERVER_NAME_LENGTH, MAX_SERVER_MESSAGE_LENGTH]) {
        const once = neutralizeServerText(payload, max);
        assertNeutral(once, max);
        assert.equal(neutralizeServerText(once, max), once);
      }
    }
  });

  it('turns any string into neutral text, 5,000 cases', () => {
    const piece = fc.oneof(
      fc.string(),
      fc.constantFrom('[', ']', '(', ')', '!', '`', '$(', '<', '>', ':', '\u202e', '\u0000', '\n', 'command:x', ' '),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.integer({ min: 2, max: 300 }), (pieces, max) => {
        const once = neutralizeServerText(pieces.join(''), max);
        assertNeutral(once, max);
        assert.equal(neutralizeServerText(once, max), once);
      }),
      { numRuns: 5_000 },
    );
  });

  it('returns plain words as they came, and they are neutral: 5,000 cases near markup', () => {
    // The characters the plain-words shortcut lets through, and those it must send to the passes.
    const plain = fc.constantFrom(...'aZ09_.,:;!?\'"%+=/@#&*-'.split(''));
    const near = fc.constantFrom('[', ']', '(', ')', '`', '$', '<', '>', '\t', '  ', '\u202e', '\u200b', 'é');
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            { weight: 9, arbitrary: plain },
            { weight: 1, arbitrary: fc.constant(' ') },
            { weight: 1, arbitrary: near },
          ),
          { maxLength: 60 },
        ),
        fc.integer({ min: 2, max: 80 }),
        (pieces, max) => {
          const text = pieces.join('');
          const result = neutralizeServerText(text, max);
          assertNeutral(result, max);
          if (
            Array.from(text).length <= max &&
            /^\S(?:.*\S)?$/.test(text) &&
            !text.includes('  ') &&
            pieces.every(
              (piece) => piece === ' ' || (piece.length === 1 && /[A-Za-z0-9_.,:;!?'"%+=/@#&*-]/.test(piece)),
            )
          ) {
            assert.equal(result, text);
          }
        },
      ),
      { numRuns: 5_000 },
    );
  });
});

describe('hostile server text through the emulator (loopback HTTP) arrives neutral', () => {
  let emulator: RunningEmulator;
  let instance: EmulatedInstance;
  const PARTNER_TOKEN = 'partner0token0for0the0neutral0tests';
  const client = (): GreenApiClient =>
    new GreenApiClient(
      { apiUrl: emulator.url, idInstance: instance.idInstance, apiTokenInstance: instance.apiTokenInstance },
      { timeoutMs: 2_000 },
    );
  async function failure(call: Promise<unknown>): Promise<AnyGreenApiError> {
    const caught = await call.then(
      () => undefined,
      (error: unknown) => error,
    );
    assert.ok(isGreenApiError(caught), `expected a GreenApiError, got ${String(caught)}`);
    return caught;
  }

  before(async () => {
    emulator = await startEmulator({ partnerToken: PARTNER_TOKEN });
  });
  after(() => emulator.close());
  beforeEach(() => {
    instance = emulator.store.add();
  });

  it('an unknown stateInstance is a plain quoted name', async () => {
    for (const payload of HOSTILE) {
      emulator.store.setState(instance.idInstance, payload);
      const { stateInstance } = await client().getStateInstance();
      assertNeutral(stateInstance, MAX_SERVER_NAME_LENGTH);
      const advice = adviseForCode(stateInstance, 'Sales (1101000001)');
      assert.equal(advice.canRequestCode, false);
      if (!advice.canRequestCode) {
        assert.ok(advice.message.includes(`"${stateInstance}"`), advice.message);
        assert.doesNotMatch(advice.message, MARKUP);
      }
    }
    emulator.store.setState(instance.idInstance, COMMAND_LINK);
    assert.equal((await client().getStateInstance()).stateInstance, 'x');
  });

  it('the state in getWaSettings and the QR error message are neutral', async () => {
    emulator.store.setState(instance.idInstance, COMMAND_LINK);
    const settings = await client().getWaSettings();
    assert.equal(settings.stateInstance, 'x');
    const qr = await client().qr();
    assert.equal(qr.type, 'error');
    if (qr.type === 'error') assertNeutral(qr.message, MAX_SERVER_MESSAGE_LENGTH);
    if (qr.type === 'error') assert.equal(qr.message, 'instance is x');
  });

  it('400 text reaches the error and its explanation neutral and capped', async () => {
    for (const payload of HOSTILE) {
      for (const body of [payload, JSON.stringify({ message: payload })]) {
        instance.faults = [
          { method: 'getStateInstance', times: 1, status: 400, body: { raw: body }, contentType: 'text/plain' },
        ];
        const error = await failure(client().getStateInstance());
        assert.equal(error.kind, 'requestRejected');
        if (error.kind !== 'requestRejected') continue;
        assertNeutral(error.serverText, MAX_SERVER_MESSAGE_LENGTH);
        for (const shown of [error.message, explainFailure(error, 'Sales').message, shortReason(error)]) {
          assert.doesNotMatch(shown, MARKUP, shown);
        }
      }
    }
  });

  it('466 descriptions reach the error and its explanation neutral and capped', async () => {
    for (const payload of HOSTILE) {
      const body = JSON.stringify({
        invokeStatus: { method: 'getStateInstance', used: 1, total: 1, status: 'QUOTE_EXCEEDED', description: payload },
      });
      instance.faults = [{ method: 'getStateInstance', times: 1, status: 466, body: { raw: body } }];
      const error = await failure(client().getStateInstance());
      assert.equal(error.kind, 'quotaExceeded');
      if (error.kind !== 'quotaExceeded') continue;
      if (error.description !== undefined) assertNeutral(error.description, MAX_SERVER_MESSAGE_LENGTH);
      const shown = explainFailure(error, 'Sales').message;
      assert.doesNotMatch(shown, MARKUP, shown);
    }
  });

  it('partner instance names and partner error descriptions are neutral', async () => {
    const hostile = HOSTILE.map((name) => emulator.store.add({ name }));
    const listed = await new PartnerClient(emulator.url, PARTNER_TOKEN, { timeoutMs: 2_000 }).getInstances();
    for (const added of hostile) {
      const found = listed.find((entry) => entry.idInstance === added.idInstance);
      assert.ok(found, `instance ${added.idInstance} not listed`);
      assertNeutral(found.name, MAX_SERVER_NAME_LENGTH);
    }
    assert.equal(listed.find((entry) => entry.idInstance === hostile[0]?.idInstance)?.name, 'x');
  });

  it('a partner error description ({code, description} with HTTP 200) is neutral', () => {
    // The emulator's Partner API writes its own description; a hostile server writes any.
    for (const payload of HOSTILE) {
      let caught: unknown;
      try {
        parsePartnerInstances({ code: 401, description: payload });
      } catch (error) {
        caught = error;
      }
      assert.ok(caught instanceof ShapeError);
      assert.match(caught.message, /^GREEN-API says: /);
      assertNeutral(caught.message.slice('GREEN-API says: '.length), MAX_SERVER_MESSAGE_LENGTH);
    }
  });
});
