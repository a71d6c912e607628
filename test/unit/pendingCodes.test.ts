import * as assert from 'node:assert/strict';
import { delayToNextSecond, formatAuthorizationCode, formatRemaining } from '../../src/core/countdown';
import { Clock, PendingCodeEvent, PendingCodes } from '../../src/core/pendingCodes';
import { TEST_SEAM } from '../../src/base/testSeam';

/** A clock whose timers fire only when told, so a test can play a machine that slept through them. */
class FakeClock implements Clock {
  /** Monotonic time. */
  time = 1_000_000;
  /** Wall-clock time: moves with `time`, and alone when stepped. */
  wall = 1_000_000;
  private timers = new Map<number, { at: number; callback: () => void }>();
  private nextHandle = 1;
  now(): number {
    return this.wall;
  }
  monotonicNow(): number {
    return this.time;
  }
  /** The wall clock jumps (NTP, a manual change); monotonic time does not. */
  stepWallClock(ms: number): void {
    this.wall += ms;
  }
  setTimeout(callback: () => void, ms: number): unknown {
    const handle = this.nextHandle++;
    this.timers.set(handle, { at: this.time + ms, callback });
    return handle;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  get armed(): number {
    return this.timers.size;
  }
  /** Moves time on and fires what is due, as an awake machine would. */
  advance(ms: number): void {
    this.time += ms;
    this.wall += ms;
    for (const [handle, timer] of [...this.timers]) {
      if (timer.at <= this.time) {
        this.timers.delete(handle);
        timer.callback();
      }
    }
  }
  /** Moves time on without firing anything, as a machine asleep would. */
  sleep(ms: number): void {
    this.time += ms;
    this.wall += ms;
  }
}

describe('PendingCodes', () => {
  it('expires a code at its deadline, once, and disarms its timer', () => {
    const clock = new FakeClock();
    const codes = new PendingCodes(clock);
    const events: PendingCodeEvent['type'][] = [];
    codes.onDidChange((event) => events.push(event.type));
    const code = codes.issue('1101000001', 'ABCDEFGH', '441234567890', 150_000);
    assert.equal(code.expiresAt, clock.time + 150_000);
    clock.advance(149_999);
    assert.ok(codes.get('1101000001'));
    clock.advance(1);
    assert.equal(codes.get('1101000001'), undefined);
    assert.deepEqual(events, ['issued', 'expired']);
    assert.equal(clock.armed, 0);
  });

  it('after the machine slept past the deadline, the code is expired at once, whatever the timer did', () => {
    const clock = new FakeClock();
    const codes = new PendingCodes(clock);
    const events: string[] = [];
    codes.onDidChange((event) => events.push(event.type));
    codes.issue('1101000001', 'ABCDEFGH', '441234567890', 150_000);
    clock.sleep(10 * 60_000);
    assert.equal(codes.get('1101000001'), undefined);
    assert.deepEqual(codes.all(), []);
    assert.deepEqual(events, ['issued', 'expired']);
    assert.equal(clock.armed, 0);
  });

  it('a new code replaces the pending one; linked and cleared end it', () => {
    const clock = new FakeClock();
    const codes = new PendingCodes(clock);
    const events: string[] = [];
    codes.onDidChange((event) => events.push(event.type === 'cleared' ? `cleared:${event.reason}` : event.type));
    codes.issue('1', 'AAAAAAAA', '441234567890', 150_000);
    codes.issue('1', 'BBBBBBBB', '441234567890', 150_000);
    assert.equal(codes.get('1')?.code, 'BBBBBBBB');
    codes.markLinked('1');
    codes.issue('2', 'CCCCCCCC', '441234567890', 150_000);
    codes.clear('2', 'removed');
    assert.deepEqual(events, ['issued', 'cleared:replaced', 'issued', 'linked', 'issued', 'cleared:removed']);
    assert.equal(clock.armed, 0);
  });

  it('a wall-clock step neither stretches the countdown nor expires a valid code', () => {
    const clock = new FakeClock();
    const codes = new PendingCodes(clock);
    const code = codes.issue('1101000001', 'ABCDEFGH', '441234567890', 150_000);
    assert.equal(code.expiresAt, clock.wall + 150_000, 'expiresAt stays epoch ms for the command result');
    clock.advance(2_000);
    clock.stepWallClock(-60 * 60_000);
    assert.equal(formatRemaining(codes.remainingMs(code)), '2:28', 'a clock set back an hour once showed 62:28');
    clock.stepWallClock(2 * 60 * 60_000);
    assert.equal(codes.get('1101000001')?.code, 'ABCDEFGH', 'a clock set forward must not expire a valid code');
    assert.equal(formatRemaining(codes.remainingMs(code)), '2:28');
    clock.advance(148_000);
    assert.equal(codes.get('1101000001'), undefined);
  });

  it('dispose disarms every timer', () => {
    const clock = new FakeClock();
    const codes = new PendingCodes(clock);
    codes.issue('1', 'AAAAAAAA', '441234567890', 150_000);
    codes.issue('2', 'BBBBBBBB', '441234567890', 150_000);
    codes.dispose();
    assert.equal(clock.armed, 0);
    assert.equal(codes[TEST_SEAM]().timerCount, 0);
  });
});

describe('countdown formatting', () => {
  it('shows m:ss, rounding up so 0:01 lasts to the end', () => {
    assert.equal(formatRemaining(150_000), '2:30');
    assert.equal(formatRemaining(149_001), '2:30');
    assert.equal(formatRemaining(149_000), '2:29');
    assert.equal(formatRemaining(1), '0:01');
    assert.equal(formatRemaining(0), '0:00');
    assert.equal(formatRemaining(-5_000), '0:00');
  });
  it('groups an 8-character code as WhatsApp shows it', () => {
    assert.equal(formatAuthorizationCode('abcdefgh'), 'ABCD-EFGH');
    assert.equal(formatAuthorizationCode('ABCD-EFGH'), 'ABCD-EFGH');
    assert.equal(formatAuthorizationCode('ABC123'), 'ABC123');
  });
  it('waits until the next whole second of the countdown', () => {
    assert.equal(delayToNextSecond(149_250), 250);
    assert.equal(delayToNextSecond(149_000), 1000);
  });
});
