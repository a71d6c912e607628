import { BEING_CREATED, holdsAccount } from '../core/linkState';
import { RowStatus } from '../views/instances/protocol';
import { statusWords } from '../core/stateWords';
import { t } from './l10n';

export interface Badge {
  readonly label: string;
  /** A codicon name. */
  readonly icon: string;
  readonly tone: 'ok' | 'neutral' | 'warning' | 'error' | 'busy';
  /** What the state means for the user, for the tooltip and screen readers. */
  readonly meaning: string;
}

/** Each state's icon and tone; its words are core/stateWords' (the one vocabulary of states). */
function stateLook(state: string): Pick<Badge, 'icon' | 'tone'> {
  switch (state) {
    case 'authorized':
      return { icon: 'pass-filled', tone: 'ok' };
    case 'notAuthorized':
      return { icon: 'circle-large-outline', tone: 'neutral' };
    case 'blocked':
      return { icon: 'error', tone: 'error' };
    case 'sleepMode':
      return { icon: 'debug-pause', tone: 'warning' };
    case 'starting':
      return { icon: 'sync', tone: 'busy' };
    case 'yellowCard':
    case 'suspended':
      return { icon: 'warning', tone: 'warning' };
    case BEING_CREATED:
      return { icon: 'loading', tone: 'busy' };
    default:
      return { icon: 'question', tone: 'warning' };
  }
}

/** The look of what is not a state: not checked, no token here, checking, a failed check. */
const STATUS_LOOK: Record<Exclude<RowStatus['kind'], 'state'>, Pick<Badge, 'icon' | 'tone'>> = {
  unchecked: { icon: 'question', tone: 'neutral' },
  tokenNeeded: { icon: 'key', tone: 'warning' },
  checking: { icon: 'loading', tone: 'busy' },
  error: { icon: 'error', tone: 'error' },
};

/** The badge of every state GREEN-API documents, plus checking, error and any state it does not. */
export function badgeFor(status: RowStatus): Badge {
  const look = status.kind === 'state' ? stateLook(status.state) : STATUS_LOOK[status.kind];
  return { ...statusWords(status, t), ...look };
}

/**
 * Whether the row's instance holds a WhatsApp account (linked, restricted, or its phone offline), by
 * its last known state, so "Log out" is offered there. The fact itself is core's.
 */
export function rowHoldsAccount(status: RowStatus): boolean {
  return holdsAccount(
    status.kind === 'state'
      ? status.state
      : status.kind === 'unchecked' || status.kind === 'tokenNeeded'
        ? undefined
        : status.previous,
  );
}
