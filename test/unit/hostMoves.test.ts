import * as assert from 'node:assert/strict';
import { argumentMayStore, describeHostMoves, hostMovesOf } from '../../src/core/hostMoves';

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

describe('hostMoves: what an interactive import must ask before it moves (security review S2)', () => {
  const stored = new Map([
    ['1101000001', 'https://api.green-api.com'],
    ['1101000002', 'https://api.green-api.com/'],
    ['1101000003', 'http://127.0.0.1:7001'],
  ]);

  it('lists only the stored instances whose origin changes, in the records’ order, with both origins', () => {
    const moves = hostMovesOf(
      [
        { idInstance: '1101000003', apiUrl: 'http://127.0.0.1:7002/' },
        { idInstance: '1101000009', apiUrl: 'http://127.0.0.1:7002' },
        { idInstance: '1101000002', apiUrl: 'https://api.green-api.com/waInstance' },
        { idInstance: '1101000001', apiUrl: 'http://127.0.0.1:7002' },
      ],
      (id) => stored.get(id),
    );
    assert.deepEqual(moves, [
      { idInstance: '1101000003', from: 'http://127.0.0.1:7001', to: 'http://127.0.0.1:7002' },
      { idInstance: '1101000001', from: 'https://api.green-api.com', to: 'http://127.0.0.1:7002' },
    ]);
  });

  it('says 500 moves in one line, by pair of hosts, naming a few of each', () => {
    const moves = Array.from({ length: 500 }, (_, index) => ({
      idInstance: String(1101000000 + index),
      from: index < 498 ? 'https://api.green-api.com' : 'http://127.0.0.1:7001',
      to: 'http://127.0.0.1:7002',
    }));
    assert.equal(
      describeHostMoves(moves),
      'https://api.green-api.com → http://127.0.0.1:7002: 498 instances (1101000000, 1101000001, 1101000002 and 495 more); ' +
        'http://127.0.0.1:7001 → http://127.0.0.1:7002: 2 instances (1101000498, 1101000499)',
    );
    assert.equal(
      describeHostMoves(moves.slice(0, 1)),
      'https://api.green-api.com → http://127.0.0.1:7002 (1101000000)',
    );
    assert.equal(describeHostMoves([]), '');
  });
});
