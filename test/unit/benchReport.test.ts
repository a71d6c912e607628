import * as assert from 'node:assert/strict';
import { startEmulator } from '../../emulator/server';
import { BenchRow, markdownTable, passes, rotated } from '../../bench/report';
import { maxInWindow } from '../../bench/watch';

const row = (value: number, max: number | undefined, error?: string): BenchRow => ({
  group: 'g',
  name: 'n',
  value,
  unit: 'ms',
  max,
  process: 'bench (Node)',
  ...(error ? { error } : {}),
});

describe('bench report', () => {
  it('gives a failed step\'s rows the verdict "error", never a pass', () => {
    assert.equal(passes(row(NaN, 10, 'timed out after 5 min')), 'error');
    assert.equal(passes(row(NaN, 10)), 'error');
    assert.equal(passes(row(11, 10)), false);
    assert.equal(passes(row(10, 10)), true);
    assert.equal(passes(row(3, undefined)), undefined);
    const table = markdownTable([row(NaN, 10, 'timed out after 5 min'), row(11, 10)]);
    assert.match(
      table,
      /\| n \(error: timed out after 5 min\) \| bench \(Node\) \| — \| ≤ 10\.0 ms \| \*\*error\*\* \|/,
    );
    assert.match(table, /\| 11\.0 ms \| ≤ 10\.0 ms \| \*\*miss\*\* \|/);
  });

  it('rotates the order of compared variants so each runs first in turn', () => {
    const firsts = [0, 1, 2, 3].map((round) => rotated(['a', 'b', 'c'], round)[0]);
    assert.deepEqual(firsts, ['a', 'b', 'c', 'a']);
    assert.deepEqual([...rotated(['a', 'b', 'c'], 1)].sort(), ['a', 'b', 'c']);
  });

  it('counts the most arrivals in any window, not in fixed one-second buckets', () => {
    assert.equal(maxInWindow([], 1000), 0);
    assert.equal(maxInWindow([0, 1000, 2000], 1000), 1);
    // 900 and 1100 fall in different calendar seconds but within one second of each other.
    assert.equal(maxInWindow([5000, 900, 1100], 1000), 2);
    assert.equal(maxInWindow([0, 999, 1998], 1000), 2);
  });
});

describe('emulator request log', () => {
  it('records each GREEN-API request with its arrival, answer time and status', async () => {
    const emulator = await startEmulator();
    try {
      const instance = emulator.store.add();
      const before = Date.now();
      const ok = await fetch(
        `${emulator.url}/waInstance${instance.idInstance}/getStateInstance/${instance.apiTokenInstance}`,
      );
      await ok.text();
      const refused = await fetch(`${emulator.url}/waInstance${instance.idInstance}/getStateInstance/wrong`);
      await refused.text();
      assert.deepEqual(
        instance.requestLog.map((request) => [request.method, request.status]),
        [
          ['getStateInstance', 200],
          ['getStateInstance', 401],
        ],
      );
      for (const request of instance.requestLog) {
        assert.ok(request.arrivedAt >= before && request.arrivedAt <= Date.now());
        assert.ok(request.answeredMs !== undefined && request.answeredMs >= 0);
      }
    } finally {
      await emulator.close();
    }
  });
});
