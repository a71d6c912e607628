import * as assert from 'node:assert/strict';
import { PageDeadlines } from '../../src/core/pageDeadlines';

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

describe('PageDeadlines: a webview counts a code down on its own monotonic clock', () => {
  it('counts down from the time left it was sent, by the monotonic clock only', () => {
    let monotonic = 1_000;
    const deadlines = new PageDeadlines(() => monotonic);
    deadlines.heard('1101000001', 150_000);
    monotonic += 30_000;
    assert.equal(deadlines.remainingMs('1101000001'), 120_000);
    // The system clock is set back a day, then an hour ahead: the countdown does not move.
    assert.equal(
      withWallClockStepped(-86_400_000, () => deadlines.remainingMs('1101000001')),
      120_000,
    );
    assert.equal(
      withWallClockStepped(3_600_000, () => deadlines.remainingMs('1101000001')),
      120_000,
    );
    monotonic += 121_000;
    assert.equal(deadlines.remainingMs('1101000001'), -1_000, 'negative once past');
  });

  it('a later message re-anchors the deadline; forget and clear drop it', () => {
    let monotonic = 0;
    const deadlines = new PageDeadlines(() => monotonic);
    deadlines.heard('a', 10_000);
    deadlines.heard('b', 20_000);
    monotonic += 5_000;
    deadlines.heard('a', 4_000);
    assert.equal(deadlines.remainingMs('a'), 4_000);
    deadlines.forget('a');
    assert.equal(deadlines.remainingMs('a'), undefined);
    deadlines.clear();
    assert.equal(deadlines.remainingMs('b'), undefined);
  });

  it("with the real monotonic clock: 150 s sent reads about 150 s left whatever the page's wall clock says", () => {
    const deadlines = new PageDeadlines();
    deadlines.heard('code', 150_000);
    const left = withWallClockStepped(7_200_000, () => deadlines.remainingMs('code') ?? 0);
    assert.ok(left > 149_000 && left <= 150_000, `${left} ms left`);
  });
});
