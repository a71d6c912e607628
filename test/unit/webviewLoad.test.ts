import * as assert from 'node:assert/strict';
import { WEBVIEW_LOAD_GRACE_MS, WEBVIEW_LOAD_WAITS_MS, WebviewLoadWatchdog } from '../../src/core/webviewLoad';

/** Timers that run only when the test says so, in the order they were set. */
class ManualTimers {
  private next = 1;
  readonly pending = new Map<number, { callback: () => void; ms: number }>();
  setTimeout = (callback: () => void, ms: number): unknown => {
    const handle = this.next++;
    this.pending.set(handle, { callback, ms });
    return handle;
  };
  clearTimeout = (handle: unknown): void => {
    this.pending.delete(handle as number);
  };
  /** Fires the one pending timer and returns its delay in ms. */
  fire(): number {
    assert.equal(this.pending.size, 1, 'exactly one timer is pending');
    const [handle, timer] = [...this.pending][0]!;
    this.pending.delete(handle);
    timer.callback();
    return timer.ms;
  }
  /** Runs a wait out, grace included; returns the wait in ms. */
  expire(): number {
    const wait = this.fire();
    assert.equal(this.fire(), WEBVIEW_LOAD_GRACE_MS, 'a grace timer follows the wait');
    return wait;
  }
}

function watchdog(waits: readonly number[] = WEBVIEW_LOAD_WAITS_MS) {
  const timers = new ManualTimers();
  const events: string[] = [];
  const dog = new WebviewLoadWatchdog(
    {
      reload: (attempt) => events.push(`reload ${attempt}`),
      giveUp: (reloads) => events.push(`give up after ${reloads}`),
    },
    waits,
    timers,
  );
  return { dog, timers, events };
}

describe('WebviewLoadWatchdog: a webview that never says ready is loaded again, then given up', () => {
  it('reloads after each wait but the last, then gives up once: 5 s, 10 s, 20 s', () => {
    const { dog, timers, events } = watchdog();
    dog.loading();
    assert.equal(timers.expire(), 5_000);
    assert.deepEqual(events, ['reload 1']);
    assert.equal(timers.expire(), 10_000);
    assert.deepEqual(events, ['reload 1', 'reload 2']);
    assert.equal(timers.expire(), 20_000);
    assert.deepEqual(events, ['reload 1', 'reload 2', 'give up after 2']);
    assert.equal(timers.pending.size, 0, 'nothing is left ticking after giving up');
    assert.equal(dog.isWaiting, false);
  });

  it('a ready that was queued behind the timer still counts: no reload during the grace', () => {
    const { dog, timers, events } = watchdog();
    dog.loading();
    assert.equal(timers.fire(), 5_000);
    dog.ready();
    assert.equal(timers.pending.size, 0);
    assert.deepEqual(events, []);
  });

  it('does nothing once the page said ready, and clears its timer', () => {
    const { dog, timers, events } = watchdog();
    dog.loading();
    dog.ready();
    assert.equal(timers.pending.size, 0);
    assert.deepEqual(events, []);
  });

  it('a page that is ready after one reload is left alone, and a later load starts the count again', () => {
    const { dog, timers, events } = watchdog();
    dog.loading();
    timers.expire();
    dog.ready();
    assert.equal(timers.pending.size, 0);
    // Hidden and shown again: a fresh load, with the whole count of reloads.
    dog.loading();
    assert.equal(timers.expire(), 5_000);
    assert.equal(timers.expire(), 10_000);
    assert.deepEqual(events, ['reload 1', 'reload 1', 'reload 2']);
  });

  it('stops waiting when the webview is hidden, and keeps one timer however often loading() is called', () => {
    const { dog, timers, events } = watchdog();
    dog.loading();
    dog.loading();
    dog.loading();
    assert.equal(timers.pending.size, 1);
    dog.stop();
    assert.equal(timers.pending.size, 0);
    assert.equal(dog.isWaiting, false);
    assert.deepEqual(events, []);
  });

  it('with a single wait, gives up without reloading; with none, never waits', () => {
    const single = watchdog([1_000]);
    single.dog.loading();
    single.timers.expire();
    assert.deepEqual(single.events, ['give up after 0']);
    const none = watchdog([]);
    none.dog.loading();
    assert.equal(none.timers.pending.size, 0);
  });
});
