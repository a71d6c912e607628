import * as assert from 'node:assert/strict';
import { callerArgument } from '../../src/core/commandArgs';

describe('callerArgument: a workbench menu passes its own event, which is no argument', () => {
  it('drops the keyboard event the view title menu passes for Enter (as seen in VS Code 1.100)', () => {
    const enter = {
      _standardKeyboardEventBrand: true,
      browserEvent: { isTrusted: true },
      target: {},
      ctrlKey: false,
      keyCode: 3,
      code: 'Enter',
    };
    assert.equal(callerArgument(enter), undefined);
  });

  it("drops a mouse event and an action bar's { preserveFocus }", () => {
    assert.equal(callerArgument({ _standardMouseEventBrand: true, browserEvent: {}, leftButton: true }), undefined);
    assert.equal(callerArgument({ preserveFocus: false }), undefined);
  });

  it("keeps every caller's argument, good or bad, for the command to parse", () => {
    for (const arg of [
      { file: '/tmp/.env' },
      { target: 'clipboard' },
      {},
      { preserveFocus: 'yes' },
      { preserveFocus: true, idInstance: '1101000001' },
      'text',
      42,
      [],
      null,
    ]) {
      assert.equal(callerArgument(arg), arg);
    }
    assert.equal(callerArgument(undefined), undefined);
  });
});
