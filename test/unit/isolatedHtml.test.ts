import * as assert from 'node:assert/strict';
import { isolatedHtml } from '../../src/core/html';
import { isolateFirstStrong } from '../../src/core/countdown';

describe('isolatedHtml: values in any script inside a translated sentence', () => {
  it('puts each value, escaped, in its own <bdi>, and escapes the sentence', () => {
    assert.equal(
      isolatedHtml('Link {0} with a phone number & more', ['מכירות']),
      'Link <bdi>מכירות</bdi> with a phone number &amp; more',
    );
    assert.equal(
      isolatedHtml('{1} before {0}', ['<b>', '"x"']),
      '<bdi>&quot;x&quot;</bdi> before <bdi>&lt;b&gt;</bdi>',
    );
  });

  it('gives numbers and hosts a left-to-right <bdi> when asked', () => {
    assert.equal(
      isolatedHtml('linked to {0}', ['+44 12•• ••••90'], 'ltr'),
      'linked to <bdi dir="ltr">+44 12•• ••••90</bdi>',
    );
  });

  it('drops bidi overrides from a value, as t() does, and leaves a placeholder with no value', () => {
    assert.equal(isolatedHtml('{0} / {1}', ['a\u202Eb']), '<bdi>a b</bdi> / {1}');
  });

  it('does not read a value as a placeholder of its own', () => {
    assert.equal(isolatedHtml('{0} and {1}', ['{1}', 'x']), '<bdi>{1}</bdi> and <bdi>x</bdi>');
  });

  it('isolates a plain-text name by its first strong letter, for the status bar', () => {
    assert.equal(isolateFirstStrong('المبيعات'), '\u2068المبيعات\u2069');
  });
});
