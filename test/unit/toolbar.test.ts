import * as assert from 'node:assert/strict';
import { toolbarIndexForKey } from '../../src/core/toolbarKeys';

describe("a row toolbar's keys (WAI-ARIA toolbar pattern)", () => {
  it('moves right and left, wrapping at both ends', () => {
    assert.equal(toolbarIndexForKey('ArrowRight', 0, 4), 1);
    assert.equal(toolbarIndexForKey('ArrowRight', 3, 4), 0);
    assert.equal(toolbarIndexForKey('ArrowLeft', 0, 4), 3);
    assert.equal(toolbarIndexForKey('ArrowLeft', 2, 4), 1);
  });

  it('goes to the first and last with Home and End', () => {
    assert.equal(toolbarIndexForKey('Home', 2, 4), 0);
    assert.equal(toolbarIndexForKey('End', 0, 4), 3);
  });

  it('leaves Up, Down (rows), Tab and letters to others, and an empty toolbar alone', () => {
    for (const key of ['ArrowUp', 'ArrowDown', 'Tab', 'Enter', 'a']) {
      assert.equal(toolbarIndexForKey(key, 1, 4), undefined);
    }
    assert.equal(toolbarIndexForKey('ArrowRight', 0, 0), undefined);
  });
});
