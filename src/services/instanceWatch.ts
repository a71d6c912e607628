import * as vscode from 'vscode';
import { readSettings } from '../platform/config';
import { Emitter } from '../core/events';
import { followHostMoves } from '../core/hostMoves';
import { InstanceRegistry } from '../core/instanceRegistry';
import { InstanceStates } from '../core/instanceStates';
import { t } from '../core/l10n';
import {
  DropCause,
  LinkDrops,
  LinkTransition,
  WATCH_HEARTBEAT_MS,
  WAYS_OUT_OF_STUCK,
  WatchSchedule,
  WatchWayOut,
  waysOutOfDrop,
} from '../core/linkWatch';
import { isLinked } from '../core/linkState';
import { StateChange, StateHistory } from '../core/stateHistory';
import { ExpectedChanges } from '../core/expectedChanges';
import { displayName } from '../core/storedInstance';
import { Log } from '../platform/log';
import { TEST_SEAM } from '../base/testSeam';
import { Disposable } from '../platform/disposable';
import { StateChecks } from './stateChecks';
import { RunWayOut } from '../core/waysOut';

/** Drops found outside a watch round (a sidebar refresh, a command) are gathered this long (ms) into one notification. */
const ANNOUNCE_DELAY_MS = 1_500;

/**
 * The background watch (`greenApi.watchIntervalSeconds`, 120 s, 0 = off): rounds through Refresh
 * All's queue, every 15 s for 5 minutes after a link or while an instance is being created, one
 * after a wake. Every answer, whoever asked, is read for transitions: a drop is announced once with
 * its fixes and counted in the badge until linked again or dismissed; `starting` for over 5 minutes
 * offers Reboot and Log Out.
 */
export class InstanceWatch extends Disposable {
  private readonly drops = new LinkDrops();
  private readonly schedule = new WatchSchedule({ intervalMs: () => readSettings().watchIntervalSeconds * 1000 });
  private readonly dropCount = new Emitter<number>();
  /** Fires with the number of instances that dropped and are not linked again. */
  readonly onDidChangeDropCount = this.dropCount.event;
  private heartbeat: NodeJS.Timeout | undefined;
  private roundRunning = false;
  private toAnnounce: { readonly idInstance: string; readonly cause: DropCause }[] = [];
  private announceTimer: NodeJS.Timeout | undefined;
  /** Set once the registry has loaded: before that, an empty list says nothing about removals. */
  private loaded = false;
  private stopped = false;
  /** Drops read since activation, announced or not; for the tests (a count that only grows). */
  private dropsRead = 0;

  constructor(
    private readonly registry: InstanceRegistry,
    private readonly states: InstanceStates,
    private readonly stateChecks: StateChecks,
    private readonly history: StateHistory,
    /** What a drop notification's buttons run (`Actions.runWayOut`). */
    private readonly runWayOut: RunWayOut,
    private readonly log: Log,
    /** The Log Outs and Reboots the user asked for, in any window: their results are not drops. */
    private readonly expected?: ExpectedChanges,
  ) {
    super();
    this.register(states.onDidChange((idInstance) => this.read(idInstance)));
    this.register(registry.onDidChange(() => this.forgetRemoved()));
    // A new host is a new instance to the watch: the old host's states, drop and history say nothing of it.
    this.register(followHostMoves(registry, (idInstance) => this.forgetMoved(idInstance)));
    this.register(
      new vscode.Disposable(() => {
        this.stopped = true;
        clearInterval(this.heartbeat);
        clearTimeout(this.announceTimer);
        this.heartbeat = undefined;
        this.history.dispose();
        this.dropCount.dispose();
      }),
    );
    void registry.ready().then(() => {
      // What was known before this session: a drop while VS Code was closed is noticed at the first check.
      for (const instance of registry.list()) {
        const last = history.latest(instance.idInstance);
        if (last) this.drops.seed(instance.idInstance, last.state);
      }
      this.loaded = true;
      if (!this.stopped) this.heartbeat = setInterval(() => this.tick(), WATCH_HEARTBEAT_MS);
    });
  }

  /** The state changes of one instance, newest first (for `greenApi.stateHistory` and the sidebar). */
  historyOf(idInstance: string): StateChange[] {
    return this.history.list(idInstance);
  }

  /** Whether the instance dropped and is not linked again. */
  isDropped(idInstance: string): boolean {
    return this.drops.dropped().has(idInstance);
  }

  /** The user dismissed the drop of one instance (or all): the badge no longer counts it. */
  dismiss(idInstance?: string): void {
    this.drops.dismiss(idInstance);
    this.dropCount.fire(this.drops.dropped().size);
  }

  /** For the tests: how many instances count as dropped. */
  [TEST_SEAM](): { readonly dropCount: number; readonly dropsRead: number } {
    return { dropCount: this.drops.dropped().size, dropsRead: this.dropsRead };
  }

  private tick(): void {
    const due = this.schedule.tick(performance.now(), Date.now());
    if (due.fullRound && !this.roundRunning) {
      this.roundRunning = true;
      void this.stateChecks.checkAll().finally(() => {
        this.roundRunning = false;
        this.announce();
      });
    }
    for (const idInstance of due.fast) void this.stateChecks.refresh(idInstance);
  }

  private read(idInstance: string): void {
    const record = this.registry.get(idInstance);
    if (!record) return;
    const snapshot = this.states.get(idInstance);
    if (snapshot.checking) return;
    if (snapshot.state !== undefined && snapshot.error === undefined) {
      this.history.record(idInstance, snapshot.state, snapshot.checkedAt ?? Date.now());
    }
    let explained: string | undefined;
    const transition = this.drops.observe(idInstance, snapshot, performance.now(), (state) => {
      const expected = this.expected?.explains(idInstance, state) === true;
      if (expected) explained = state;
      return expected;
    });
    if (transition) this.follow(idInstance, transition);
    if (isLinked(snapshot.state) && snapshot.error === undefined) this.expected?.settled(idInstance);
    // The user's own Log Out of an instance whose drop they were told of: what was said no longer holds.
    // A drop still waiting to be told stands, or a Log Out just after it would silence it (security review S1).
    else if (explained === 'notAuthorized' && this.isDropped(idInstance) && !this.isToBeAnnounced(idInstance)) {
      this.dismiss(idInstance);
    }
  }

  /** Whether a drop of the instance waits for its notification (the announce delay, or a round under way). */
  private isToBeAnnounced(idInstance: string): boolean {
    return this.toAnnounce.some((pending) => pending.idInstance === idInstance);
  }

  private follow(idInstance: string, transition: LinkTransition): void {
    switch (transition.type) {
      case 'dropped':
        this.dropsRead++;
        this.dropCount.fire(this.drops.dropped().size);
        // A flapping instance is told once, as flapping; its later drops in the window only count in the badge.
        if (transition.announce === 'quiet') return;
        this.log.warn(
          `${idInstance} lost its WhatsApp link (${transition.cause.kind === 'state' ? transition.cause.state : 'token refused'})${transition.announce === 'flapping' ? ', again: it keeps losing and regaining it' : ''}.`,
        );
        if (transition.announce === 'flapping') {
          // With the drop's own ways out (Reboot first), as a plain drop's warning has them.
          this.offer(
            idInstance,
            t(
              "{0} keeps losing and regaining its WhatsApp link. It will not be announced again for 30 minutes; check the phone's connection, or reboot the instance.",
              this.nameOf(idInstance),
            ),
            waysOutOfDrop(transition.cause),
            () => this.isDropped(idInstance) || !this.linkedNow(idInstance),
          );
          return;
        }
        this.toAnnounce.push({ idInstance, cause: transition.cause });
        if (!this.roundRunning) this.announceSoon();
        return;
      case 'linked':
        // A flapping instance's relinks do not re-arm the fast lane (it would check it every 15 s, forever).
        if (!transition.flapping) this.schedule.noteLinked(idInstance, performance.now());
        if (transition.relinked) {
          this.log.info(`${idInstance} is linked again (${transition.state}).`);
          this.dropCount.fire(this.drops.dropped().size);
        }
        return;
      case 'stuck':
        this.offerUnstick(idInstance, transition.forMs);
        return;
      case 'creating':
        this.log.info(`${idInstance} is still being created by GREEN-API; it is checked again every few seconds.`);
        this.schedule.noteCreating(idInstance, performance.now());
        return;
    }
  }

  private announceSoon(): void {
    this.announceTimer ??= setTimeout(() => {
      this.announceTimer = undefined;
      this.announce();
    }, ANNOUNCE_DELAY_MS);
  }

  /** One notification for what dropped since the last one: the fix for one, a count and Show for several. */
  private announce(): void {
    // Only what is still dropped: an instance linked again meanwhile is not news.
    const pending = this.toAnnounce.splice(0).filter(({ idInstance }) => this.isDropped(idInstance));
    if (pending.length === 0) return;
    if (pending.length > 1) {
      const names = pending
        .slice(0, 5)
        .map(({ idInstance }) => this.nameOf(idInstance))
        .join(', ');
      const show = t('Show');
      void vscode.window
        .showWarningMessage(
          t(
            '{0} GREEN-API instances lost their WhatsApp link: {1}.',
            pending.length,
            pending.length > 5 ? `${names}, …` : names,
          ),
          show,
        )
        .then((chosen) => chosen === show && this.runWayOut('showInstances', ''));
      return;
    }
    const [{ idInstance, cause }] = pending as [{ idInstance: string; cause: DropCause }];
    this.announceOne(idInstance, cause);
  }

  private announceOne(idInstance: string, cause: DropCause): void {
    const name = this.nameOf(idInstance);
    let message: string;
    if (cause.kind === 'tokenRefused') {
      message = t('{0} lost its WhatsApp link: GREEN-API refused its apiTokenInstance (401).', name);
    } else if (cause.state === 'notAuthorized') {
      // GREEN-API's tracker: an instance may show notAuthorized wrongly, and a reboot brings it back (#777).
      // l10n: A warning notification; {0} is the instance's name. "Lists it as linked": WhatsApp's Linked devices list on the phone still shows it; a reboot restarts the GREEN-API instance.
      message = t(
        '{0} lost its WhatsApp link: it is not linked to a phone any more. If the phone still lists it as linked, a reboot may bring it back.',
        name,
      );
    } else if (cause.state === 'yellowCard') {
      // GREEN-API: "To continue running the instance, you need to do a reboot"; #1062: it may also follow a lost link.
      // l10n: A warning notification; {0} is the instance's name. "yellowCard" is GREEN-API's name of the state: keep it as it is.
      message = t(
        '{0} is restricted: GREEN-API reports "yellowCard" (sending suspended for suspected spam, or a lost link). Reboot it to continue; if that does not help, log out and link it again.',
        name,
      );
    } else if (cause.state === 'suspended') {
      // l10n: A warning notification; {0} is the instance's name. "suspended" is GREEN-API's name of the state: keep it as it is.
      message = t(
        '{0} is restricted by WhatsApp: GREEN-API reports "suspended". The account is still there but not working; see the GREEN-API console, or log out.',
        name,
      );
    } else {
      message = t('{0} lost its WhatsApp link: GREEN-API now reports "{1}".', name, cause.state);
    }
    this.offer(
      idInstance,
      message,
      waysOutOfDrop(cause),
      () => this.isDropped(idInstance) || !this.linkedNow(idInstance),
    );
  }

  /**
   * A warning with the watch's ways out as buttons, each run by `runWayOut` for the instance.
   * VS Code offers no way to close a notification with buttons, so a button clicked once the
   * instance is linked again (`stillTrue` false) does nothing to it and says so instead.
   */
  private offer(idInstance: string, message: string, waysOut: readonly WatchWayOut[], stillTrue: () => boolean): void {
    const labels = waysOut.map(watchButton);
    void vscode.window.showWarningMessage(message, ...labels).then((chosen) => {
      const wayOut = waysOut[labels.indexOf(chosen ?? '')];
      if (!wayOut) return;
      if (stillTrue()) {
        void this.runWayOut(wayOut, idInstance);
        return;
      }
      this.log.info(
        `${idInstance}: a watch notice's button was clicked after the instance was linked again; nothing was done.`,
      );
      // l10n: {0} is the instance's name. Shown instead of running a button of an older warning about it.
      void vscode.window.showInformationMessage(
        t('{0} is linked again: nothing needs doing.', this.nameOf(idInstance)),
      );
    });
  }

  private offerUnstick(idInstance: string, forMs: number): void {
    const name = this.nameOf(idInstance);
    this.log.warn(`${idInstance} has been starting for ${Math.round(forMs / 1000)} s.`);
    // l10n: A warning notification; {0} is the instance's name. GREEN-API says starting may take up to 5 minutes.
    this.offer(
      idInstance,
      t(
        '{0} has been starting for more than 5 minutes, longer than GREEN-API says it takes. Reboot it; if that does not help, log out and link it again.',
        name,
      ),
      WAYS_OUT_OF_STUCK,
      () => !this.linkedNow(idInstance),
    );
  }

  private forgetRemoved(): void {
    if (!this.loaded) return;
    // A row still listed but without its token here (synced, or shared by a setting) keeps its history.
    const listed = (idInstance: string): boolean => this.registry.entry(idInstance) !== undefined;
    for (const idInstance of this.drops.dropped().keys()) {
      if (!listed(idInstance)) this.drops.forget(idInstance);
    }
    for (const idInstance of this.history.ids()) {
      if (!listed(idInstance)) {
        this.expected?.settled(idInstance, true);
        this.history.forget(idInstance);
        this.drops.forget(idInstance);
        this.schedule.forget(idInstance);
      }
    }
    this.dropCount.fire(this.drops.dropped().size);
  }

  private forgetMoved(idInstance: string): void {
    this.expected?.settled(idInstance, true);
    this.toAnnounce = this.toAnnounce.filter((pending) => pending.idInstance !== idInstance);
    this.drops.forget(idInstance);
    this.schedule.forget(idInstance);
    this.history.forget(idInstance);
    this.dropCount.fire(this.drops.dropped().size);
  }

  /** Whether the instance's last answer says it is linked and working. */
  private linkedNow(idInstance: string): boolean {
    const snapshot = this.states.get(idInstance);
    return snapshot.error === undefined && isLinked(snapshot.state);
  }

  private nameOf(idInstance: string): string {
    const record = this.registry.get(idInstance);
    return record ? displayName(record) : idInstance;
  }
}

/** The label of a watch notice's button; the watch's own words ("Show QR", "Edit Token") where they differ from the failures'. */
function watchButton(wayOut: WatchWayOut): string {
  switch (wayOut) {
    case 'updateToken':
      return t('Edit Token');
    case 'getCode':
      return t('Get Code');
    case 'useQr':
      return t('Show QR');
    case 'reboot':
      return t('Reboot');
    case 'logout':
      return t('Log Out');
  }
}
