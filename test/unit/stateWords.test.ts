import * as assert from 'node:assert/strict';
import { BEING_CREATED } from '../../src/base/beingCreated';
import { formatMessage } from '../../src/core/l10n';
import { holdsAccount } from '../../src/core/linkState';
import { stateWithApiName, stateWords } from '../../src/core/stateWords';

// Issue 25, deliverable 2: the words each state's badge and tooltip say (English source strings).
describe('state words as GREEN-API defines the states now', () => {
  it('calls yellowCard restricted, and says to reboot to continue', () => {
    const words = stateWords('yellowCard', formatMessage);
    assert.equal(words.label, 'Restricted');
    assert.match(words.meaning, /Reboot the instance to continue/);
    assert.equal(stateWithApiName('yellowCard', formatMessage), 'Restricted (yellowCard)');
  });

  it('gives suspended a badge of its own, "Restricted by WhatsApp", on a row that offers Log Out', () => {
    const words = stateWords('suspended', formatMessage);
    assert.equal(words.label, 'Restricted by WhatsApp');
    assert.match(words.meaning, /log out/);
    // The row's Log Out is offered where the instance holds an account (webview/badges' rowHoldsAccount).
    assert.equal(holdsAccount('suspended'), true);
    assert.equal(holdsAccount('yellowCard'), true);
  });

  it('says starting can take up to 5 minutes, and promises no return time for sleepMode', () => {
    assert.match(stateWords('starting', formatMessage).meaning, /up to 5 minutes\. Past that, reboot it/);
    const sleep = stateWords('sleepMode', formatMessage);
    assert.equal(sleep.label, 'Phone offline');
    // GREEN-API's docs now call sleepMode "out of date": no "will return", no time given.
    assert.doesNotMatch(sleep.meaning, /minute|second|will|soon|automatic/i);
  });

  it('says an instance is being created (up to 5 minutes), never an error or unreadable', () => {
    const words = stateWords(BEING_CREATED, formatMessage);
    assert.equal(words.label, 'Being created');
    assert.match(words.meaning, /up to 5 minutes/);
    assert.doesNotMatch(`${words.label} ${words.meaning}`, /error|unreadable/i);
  });
});
