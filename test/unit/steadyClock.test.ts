import * as assert from 'node:assert/strict';
import { HostClock, steadyNow } from '../../src/core/steadyClock';

/** Runs `body` while Date.now() reads `stepMs` off the real time, as after the system clock was set. */
function withWallClockStepped<T>(stepMs: number, body: () => T): T {
  const realNow = Date.now;
  Date.now = () => realNow() + stepMs;
  try {
    return body();
  } finally {
    Date.now = realNow;
  }
}

describe('steady clocks: a wall-clock step moves no countdown', () => {
  it('steadyNow follows the wall clock, and does not jump when the wall clock is set an hour ahead or back', () => {
    const before = steadyNow();
    assert.ok(Math.abs(before - Date.now()) < 1_000, 'it starts as the wall clock');
    for (const step of [3_600_000, -3_600_000]) {
      const during = withWallClockStepped(step, () => steadyNow());
      assert.ok(during >= before && during - before < 1_000, `a ${step} ms step moved it by ${during - before} ms`);
    }
  });

  it('HostClock advances the host time it heard by the page\'s monotonic clock, never by the page\'s wall clock', () => {
    let monotonic = 50;
    const clock = new HostClock(() => monotonic);
    clock.heard(1_000_000);
    monotonic += 1_500;
    assert.equal(clock.now(), 1_001_500);
    // The page's clock is set back a day: the countdown is not stretched.
    assert.equal(withWallClockStepped(-86_400_000, () => clock.now()), 1_001_500);
    // A new message re-anchors it on the host's time.
    clock.heard(2_000_000);
    monotonic += 250;
    assert.equal(clock.now(), 2_000_250);
  });

  it('HostClock with the real monotonic clock: a code 150 s out reads 150 s left, whatever the page\'s clock says', () => {
    const clock = new HostClock();
    const hostNow = 1_700_000_000_000;
    clock.heard(hostNow);
    const remainingMs = withWallClockStepped(7_200_000, () => hostNow + 150_000 - clock.now());
    assert.ok(remainingMs > 149_000 && remainingMs <= 150_000, `${remainingMs} ms left`);
  });
});
