import * as assert from 'node:assert/strict';
import { argumentMayStore } from '../../src/core/hostMoves';

describe('hostMoves: what a command argument may store (security review M1)', () => {
  it('adds an instance that is not stored yet, on any host', () => {
    assert.strictEqual(argumentMayStore(undefined, 'http://127.0.0.1:40621'), true);
  });

  it('rotates the token of a stored instance on the same origin, whatever the path', () => {
    assert.strictEqual(argumentMayStore('https://1101.api.green-api.com', 'https://1101.api.green-api.com/'), true);
  });

  it('never moves a stored instance to another host, port or scheme', () => {
    assert.strictEqual(argumentMayStore('http://127.0.0.1:44033', 'http://127.0.0.1:40621'), false);
    assert.strictEqual(argumentMayStore('https://1101.api.green-api.com', 'https://evil.example'), false);
    assert.strictEqual(argumentMayStore('https://1101.api.green-api.com', 'http://1101.api.green-api.com'), false);
  });
});
