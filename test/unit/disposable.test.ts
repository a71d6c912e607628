import * as assert from 'node:assert/strict';
import { DisposableStore } from '../../src/platform/disposable';

describe('DisposableStore', () => {
  const recorder = (log: string[], name: string) => ({ dispose: () => void log.push(name) });

  it('disposes what it owns last-added first, once', () => {
    const log: string[] = [];
    const store = new DisposableStore();
    store.add(recorder(log, 'registry'));
    store.add(recorder(log, 'log'));
    store.add(recorder(log, 'view'));
    store.dispose();
    store.dispose();
    assert.deepEqual(log, ['view', 'log', 'registry']);
  });

  it('disposes at once what is added after it was disposed, and returns what it was given', () => {
    const log: string[] = [];
    const store = new DisposableStore();
    store.dispose();
    const late = recorder(log, 'late');
    assert.equal(store.add(late), late);
    assert.deepEqual(log, ['late']);
  });
});
