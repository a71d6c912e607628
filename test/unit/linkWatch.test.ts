import * as assert from 'node:assert/strict';
import {
  FLAP_WINDOW_MS,
  LinkDrops,
  STUCK_AFTER_MS,
  WATCH_HEARTBEAT_MS,
  WAYS_OUT_OF_STUCK,
  WatchSchedule,
  waysOutOfDrop,
} from '../../src/core/linkWatch';
import { BEING_CREATED, holdsAccount, isBoundToPhone, isLinked, isRestricted } from '../../src/core/linkState';
import { HISTORY_KEY, KeyValueStore, MAX_CHANGES, StateHistory } from '../../src/core/stateHistory';

const seen = (state: string | undefined, extra: { tokenRefused?: boolean; checking?: boolean } = {}) => ({
  state,
  checking: false,
  ...extra,
});

describe('LinkDrops: what a new state means', () => {
  it('announces a drop once: linked, then not linked, then still not linked', () => {
    const drops = new LinkDrops();
    assert.equal(
      drops.observe('1101000001', seen('authorized'), 0),
      undefined,
      'the first sight of a linked instance is no news',
    );
    assert.deepEqual(drops.observe('1101000001', seen('notAuthorized'), 1_000), {
      type: 'dropped',
      cause: { kind: 'state', state: 'notAuthorized' },
      announce: 'drop',
    });
    assert.equal(
      drops.observe('1101000001', seen('notAuthorized'), 2_000),
      undefined,
      'a second round does not repeat it',
    );
    assert.deepEqual([...drops.dropped().keys()], ['1101000001']);
  });

  it('counts a refused token as a drop', () => {
    const drops = new LinkDrops();
    drops.observe('1101000002', seen('authorized'), 0);
    assert.deepEqual(drops.observe('1101000002', seen('authorized', { tokenRefused: true }), 1), {
      type: 'dropped',
      cause: { kind: 'tokenRefused' },
      announce: 'drop',
    });
  });

  it('announces linked → yellowCard once, as a drop with Reboot and Log Out, and a reboot back to authorized as a relink', () => {
    const drops = new LinkDrops();
    drops.observe('1101000020', seen('authorized'), 0);
    const restricted = drops.observe('1101000020', seen('yellowCard'), 1_000);
    assert.deepEqual(restricted, { type: 'dropped', cause: { kind: 'state', state: 'yellowCard' }, announce: 'drop' });
    assert.equal(
      drops.observe('1101000020', seen('yellowCard'), 2_000),
      undefined,
      'a second round does not repeat it',
    );
    assert.equal(drops.observe('1101000020', seen('starting'), 3_000), undefined, 'the reboot is no second drop');
    assert.deepEqual(restricted?.type === 'dropped' ? waysOutOfDrop(restricted.cause) : [], ['reboot', 'logout']);
    assert.deepEqual(drops.observe('1101000020', seen('authorized'), 4_000), {
      type: 'linked',
      state: 'authorized',
      relinked: true,
      flapping: false,
    });
  });

  it('offers Reboot beside Get Code and Show QR when a link drops to notAuthorized (GREEN-API #777), Log Out for suspended', () => {
    assert.deepEqual(waysOutOfDrop({ kind: 'state', state: 'notAuthorized' }), ['getCode', 'useQr', 'reboot']);
    assert.deepEqual(waysOutOfDrop({ kind: 'state', state: 'suspended' }), ['logout']);
    assert.deepEqual(waysOutOfDrop({ kind: 'state', state: 'sleepMode' }), ['reboot']);
    assert.deepEqual(waysOutOfDrop({ kind: 'tokenRefused' }), ['updateToken']);
    assert.deepEqual(WAYS_OUT_OF_STUCK, ['reboot', 'logout']);
  });

  it('reports an instance being created once per episode, and its readiness as no news', () => {
    const drops = new LinkDrops();
    assert.deepEqual(drops.observe('1101000021', seen(BEING_CREATED), 0), { type: 'creating' });
    assert.equal(drops.observe('1101000021', seen(BEING_CREATED), 15_000), undefined, 'said once');
    assert.equal(
      drops.observe('1101000021', seen('notAuthorized'), 200_000),
      undefined,
      'ready: not linked yet, no drop',
    );
    assert.equal(drops.dropped().size, 0);
  });

  it('ignores checks under way and failures that say nothing about the link', () => {
    const drops = new LinkDrops();
    drops.observe('1101000003', seen('authorized'), 0);
    assert.equal(drops.observe('1101000003', seen(undefined, { checking: true }), 1), undefined);
    assert.equal(drops.observe('1101000003', seen('authorized'), 2), undefined);
  });

  it('clears a drop when the instance is linked again, and says it was a relink', () => {
    const drops = new LinkDrops();
    drops.observe('1101000004', seen('authorized'), 0);
    drops.observe('1101000004', seen('sleepMode'), 1);
    assert.deepEqual(drops.observe('1101000004', seen('authorized'), 2), {
      type: 'linked',
      state: 'authorized',
      relinked: true,
      flapping: false,
    });
    assert.equal(drops.dropped().size, 0);
  });

  it('reports a fresh link (not after a drop) so the schedule can watch it closely', () => {
    const drops = new LinkDrops();
    drops.observe('1101000005', seen('notAuthorized'), 0);
    assert.deepEqual(drops.observe('1101000005', seen('authorized'), 1), {
      type: 'linked',
      state: 'authorized',
      relinked: false,
      flapping: false,
    });
  });

  it('notices a drop that happened while VS Code was closed, from the seeded history', () => {
    const drops = new LinkDrops();
    drops.seed('1101000006', 'authorized');
    assert.equal(drops.observe('1101000006', seen('notAuthorized'), 0)?.type, 'dropped');
  });

  it('calls `starting` normal for 5 minutes, as GREEN-API says it can take, and stuck only past that', () => {
    assert.equal(STUCK_AFTER_MS, 5 * 60_000);
    const drops = new LinkDrops();
    drops.observe('1101000022', seen('notAuthorized'), 0);
    assert.equal(drops.observe('1101000022', seen('starting'), 1_000), undefined);
    assert.equal(
      drops.observe('1101000022', seen('starting'), 1_000 + 4 * 60_000),
      undefined,
      'four minutes of starting is normal',
    );
    assert.equal(
      drops.observe('1101000022', seen('starting'), 1_000 + 5 * 60_000),
      undefined,
      'exactly five minutes is not yet stuck',
    );
    assert.deepEqual(drops.observe('1101000022', seen('starting'), 2_000 + 5 * 60_000), {
      type: 'stuck',
      state: 'starting',
      forMs: 5 * 60_000 + 1_000,
    });
  });

  it('calls `starting` stuck once, past STUCK_AFTER_MS, and again only in a new episode', () => {
    const drops = new LinkDrops();
    drops.observe('1101000007', seen('notAuthorized'), 0);
    assert.equal(drops.observe('1101000007', seen('starting'), 1_000), undefined);
    assert.equal(
      drops.observe('1101000007', seen('starting'), 1_000 + STUCK_AFTER_MS),
      undefined,
      'exactly STUCK_AFTER_MS is not yet stuck',
    );
    assert.equal(drops.observe('1101000007', seen('starting'), 2_000 + STUCK_AFTER_MS)?.type, 'stuck');
    assert.equal(
      drops.observe('1101000007', seen('starting'), 9_000 + STUCK_AFTER_MS),
      undefined,
      'said once per episode',
    );
    drops.observe('1101000007', seen('notAuthorized'), 10_000 + STUCK_AFTER_MS);
    drops.observe('1101000007', seen('starting'), 11_000 + STUCK_AFTER_MS);
    assert.equal(drops.observe('1101000007', seen('starting'), 12_000 + 2 * STUCK_AFTER_MS)?.type, 'stuck');
  });

  it('dismiss and forget take the instance out of the count', () => {
    const drops = new LinkDrops();
    for (const id of ['1101000008', '1101000009']) {
      drops.observe(id, seen('authorized'), 0);
      drops.observe(id, seen('notAuthorized'), 1);
    }
    drops.dismiss('1101000008');
    assert.deepEqual([...drops.dropped().keys()], ['1101000009']);
    drops.forget('1101000009');
    assert.equal(drops.dropped().size, 0);
  });
});

describe('LinkDrops and WatchSchedule: a flapping instance (issue 24, L7)', () => {
  it('one simulated hour of authorized / notAuthorized in turn: one drop, one "flapping", no fast lane re-armed after the first relink', () => {
    const drops = new LinkDrops();
    const schedule = new WatchSchedule({ intervalMs: () => 30_000 });
    const ID = '1101000009';
    drops.seed(ID, 'authorized');
    const told: string[] = [];
    let rearmed = 0;
    let checks = 0;
    let flip = false;
    for (let now = 0; now < 3_600_000; now += WATCH_HEARTBEAT_MS) {
      const tick = schedule.tick(now, now);
      if (!tick.fullRound && !tick.fast.includes(ID)) continue;
      checks++;
      flip = !flip;
      const transition = drops.observe(ID, { state: flip ? 'notAuthorized' : 'authorized', checking: false }, now);
      if (transition?.type === 'dropped' && transition.announce !== 'quiet') told.push(transition.announce);
      if (transition?.type === 'linked' && !transition.flapping) {
        rearmed++;
        schedule.noteLinked(ID, now);
      }
    }
    assert.ok(checks > 100, `only ${checks} checks`);
    // One plain drop, then one "flapping" per 30-minute window: at most 3 in the hour.
    assert.deepEqual(told.slice(0, 2), ['drop', 'flapping']);
    assert.ok(told.length <= 3, JSON.stringify(told));
    assert.equal(rearmed, 1);
  });

  it('a drop into another state inside the window is told as a drop with its fix, not hidden as flapping (walk finding 4)', () => {
    const drops = new LinkDrops();
    const ID = '1101000011';
    drops.seed(ID, 'authorized');
    const dropTo = (state: string, at: number): unknown => {
      const dropped = drops.observe(ID, { state, checking: false }, at);
      drops.observe(ID, { state: 'authorized', checking: false }, at + 1);
      return dropped?.type === 'dropped' ? dropped.announce : undefined;
    };
    // Unlinked on the phone, linked again with a code; nine minutes later restricted.
    assert.equal(dropTo('notAuthorized', 0), 'drop');
    assert.equal(dropTo('yellowCard', 9 * 60_000), 'drop');
    assert.equal(dropTo('yellowCard', 10 * 60_000), 'flapping');
    // A server naming a new state each time makes one cause of them, so it cannot make each drop news.
    assert.equal(dropTo('weird1', 11 * 60_000), 'drop');
    assert.equal(dropTo('weird2', 12 * 60_000), 'quiet');
  });

  it('a drop a window after the last one is a plain drop again', () => {
    const drops = new LinkDrops();
    const ID = '1101000010';
    drops.seed(ID, 'authorized');
    const announce = (at: number): unknown => {
      const dropped = drops.observe(ID, { state: 'notAuthorized', checking: false }, at);
      drops.observe(ID, { state: 'authorized', checking: false }, at + 1);
      return dropped?.type === 'dropped' ? dropped.announce : undefined;
    };
    assert.equal(announce(0), 'drop');
    assert.equal(announce(60_000), 'flapping');
    assert.equal(announce(120_000), 'quiet');
    assert.equal(announce(120_000 + FLAP_WINDOW_MS), 'drop');
  });
});

describe('WatchSchedule: when to check', () => {
  it('runs a full round at once, then every interval, never while off', () => {
    let interval = 120_000;
    const schedule = new WatchSchedule({ intervalMs: () => interval });
    const rounds: number[] = [];
    for (let now = 0; now <= 250_000; now += WATCH_HEARTBEAT_MS) {
      if (schedule.tick(now, now).fullRound) rounds.push(now);
    }
    assert.deepEqual(rounds, [0, 120_000, 240_000]);
    interval = 0;
    for (let now = 255_000; now <= 600_000; now += WATCH_HEARTBEAT_MS) {
      assert.equal(schedule.tick(now, now).fullRound, false, 'interval 0 turns the watch off');
    }
  });

  it('checks a freshly linked instance every 15 s for 5 minutes, then only in full rounds', () => {
    const schedule = new WatchSchedule({ intervalMs: () => 3_600_000 });
    schedule.tick(0, 0);
    schedule.noteLinked('1101000010', 1_000);
    const fastAt: number[] = [];
    for (let now = 5_000; now <= 400_000; now += WATCH_HEARTBEAT_MS) {
      if (schedule.tick(now, now).fast.includes('1101000010')) fastAt.push(now);
    }
    assert.deepEqual(fastAt.slice(0, 3), [20_000, 35_000, 50_000]);
    assert.ok(
      fastAt.every((at) => at <= 301_000),
      'no fast check after the 5-minute window',
    );
    assert.equal(fastAt.length, 19, 'every 15 s from 20 s to 290 s');
  });

  it('does one catch-up round when the wall clock jumped (the machine slept), though the monotonic clock did not move', () => {
    const schedule = new WatchSchedule({ intervalMs: () => 120_000 });
    schedule.tick(0, 0);
    assert.equal(schedule.tick(5_000, 5_000).fullRound, false);
    assert.equal(
      schedule.tick(10_000, 3_600_000).fullRound,
      true,
      'an hour of wall time passed between two heartbeats',
    );
    assert.equal(schedule.tick(15_000, 3_605_000).fullRound, false, 'one round, not one per heartbeat');
  });
});

describe('StateHistory: kept across reloads, states and times only', () => {
  class MemoryStore implements KeyValueStore {
    readonly values = new Map<string, unknown>();
    writes = 0;
    get<T>(key: string): T | undefined {
      return this.values.get(key) as T | undefined;
    }
    update(key: string, value: unknown): Promise<void> {
      this.writes++;
      this.values.set(key, JSON.parse(JSON.stringify(value)));
      return Promise.resolve();
    }
  }

  it('records changes only, newest first, at most 50, and a new instance over the same store reads them back', async () => {
    const store = new MemoryStore();
    const history = new StateHistory(store);
    assert.equal(history.record('1101000011', 'notAuthorized', 1), true);
    assert.equal(history.record('1101000011', 'notAuthorized', 2), false, 'the same state again is not a change');
    for (let i = 0; i < 60; i++) history.record('1101000011', i % 2 ? 'authorized' : 'starting', 10 + i);
    await history.flush();
    assert.equal(store.writes, 1, 'one write for many changes');
    const reloaded = new StateHistory(store);
    const changes = reloaded.list('1101000011');
    assert.equal(changes.length, MAX_CHANGES);
    assert.deepEqual(changes[0], { state: 'authorized', at: 69 });
    assert.ok(
      changes.every((change, i) => i === 0 || (changes[i - 1]?.at ?? 0) > change.at),
      'newest first',
    );
    assert.deepEqual(Object.keys(changes[0] ?? {}).sort(), ['at', 'state'], 'nothing but the state and the time');
  });

  it('forgets a removed instance, and sets aside stored entries that are not its shape', async () => {
    const store = new MemoryStore();
    store.values.set(HISTORY_KEY, {
      '1101000012': [
        { state: 'authorized', at: 5 },
        { state: 7, at: 1 },
        { state: 'x'.repeat(500), at: 2 },
      ],
      'not-an-id': [{ state: 'authorized', at: 1 }],
      '1101000013': 'garbage',
    });
    const history = new StateHistory(store);
    assert.deepEqual(history.list('1101000012'), [{ state: 'authorized', at: 5 }]);
    assert.deepEqual(history.ids(), ['1101000012']);
    history.forget('1101000012');
    await history.flush();
    assert.deepEqual(store.values.get(HISTORY_KEY), {});
  });
});

describe('linkState: what a state means for the link', () => {
  it('counts only authorized as linked: yellowCard and suspended are restricted, and still hold the account', () => {
    assert.deepEqual(
      ['authorized', 'yellowCard', 'suspended', 'sleepMode', 'notAuthorized', BEING_CREATED].map(isLinked),
      [true, false, false, false, false, false],
    );
    assert.deepEqual(
      ['authorized', 'yellowCard', 'suspended', 'sleepMode', 'notAuthorized', BEING_CREATED].map(isRestricted),
      [false, true, true, false, false, false],
    );
    assert.deepEqual(
      ['authorized', 'yellowCard', 'suspended', 'sleepMode', 'notAuthorized', BEING_CREATED].map(isBoundToPhone),
      [true, true, true, false, false, false],
    );
    assert.deepEqual(
      ['authorized', 'yellowCard', 'suspended', 'sleepMode', 'notAuthorized', BEING_CREATED, undefined].map(
        holdsAccount,
      ),
      [true, true, true, true, false, false, false],
    );
  });
});

describe('WatchSchedule: an instance being created', () => {
  it('checks an instance being created every 15 s for 5 minutes, like a fresh link', () => {
    const schedule = new WatchSchedule({ intervalMs: () => 120_000 });
    assert.equal(schedule.tick(0, 0).fullRound, true);
    schedule.noteCreating('1101000023', 1_000);
    assert.deepEqual(schedule.tick(10_000, 10_000).fast, []);
    assert.deepEqual(schedule.tick(16_000, 16_000).fast, ['1101000023']);
    assert.deepEqual(schedule.tick(31_000, 31_000).fast, ['1101000023']);
  });
});
