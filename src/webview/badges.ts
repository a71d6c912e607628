import { BEING_CREATED, holdsAccount } from '../core/linkState';
import { RowStatus } from '../views/instances/protocol';
import { t } from './l10n';

export interface Badge {
  readonly label: string;
  /** A codicon name. */
  readonly icon: string;
  readonly tone: 'ok' | 'neutral' | 'warning' | 'error' | 'busy';
  /** What the state means for the user, for the tooltip and screen readers. */
  readonly meaning: string;
}

function stateBadge(state: string): Badge | undefined {
  // l10n: Badges of an instance row (a state, one or two words, adjectives or participles describing the instance, not actions), each with its meaning for the tooltip. "Restricted" is GREEN-API's yellowCard state; "Restricted by WhatsApp" its suspended state (the messenger limits the account); "Being created" an instance GREEN-API has not finished creating.
  switch (state) {
    case 'authorized':
      return { label: t('Authorized'), icon: 'pass-filled', tone: 'ok', meaning: t('Linked to a phone and working.') };
    case 'notAuthorized':
      return {
        label: t('Not linked'),
        icon: 'circle-large-outline',
        tone: 'neutral',
        meaning: t('Not linked yet: get a code or scan a QR.'),
      };
    case 'blocked':
      return { label: t('Blocked'), icon: 'error', tone: 'error', meaning: t('The WhatsApp account is banned.') };
    case 'sleepMode':
      // GREEN-API's docs call sleepMode "out of date": say what it reported, promise nothing.
      return {
        label: t('Phone offline'),
        icon: 'debug-pause',
        tone: 'warning',
        meaning: t('GREEN-API reports the phone as off or offline. Check that it is on and online, then check again.'),
      };
    case 'starting':
      return {
        label: t('Starting'),
        icon: 'sync',
        tone: 'busy',
        meaning: t('The instance is starting; this can take up to 5 minutes. Past that, reboot it.'),
      };
    case 'yellowCard':
      return {
        label: t('Restricted'),
        icon: 'warning',
        tone: 'warning',
        meaning: t(
          'Restricted: sending is suspended (suspected spam), or the link was lost. Reboot the instance to continue.',
        ),
      };
    case 'suspended':
      return {
        label: t('Restricted by WhatsApp'),
        icon: 'warning',
        tone: 'warning',
        meaning: t(
          'WhatsApp restricts this account: it is still linked but not working. See the GREEN-API console, or log out.',
        ),
      };
    case BEING_CREATED:
      return {
        label: t('Being created'),
        icon: 'loading',
        tone: 'busy',
        meaning: t(
          'GREEN-API is still creating this instance; this can take up to 5 minutes. It is checked again until it is ready.',
        ),
      };
    default:
      return undefined;
  }
}

/** The badge of every state GREEN-API documents, plus checking, error and any state it does not. */
export function badgeFor(status: RowStatus): Badge {
  // l10n: Badges of an instance row (one or two words describing it, not actions), each with its meaning for the tooltip.
  switch (status.kind) {
    case 'unchecked':
      return {
        label: t('Not checked'),
        icon: 'question',
        tone: 'neutral',
        meaning: t('The state has not been checked yet.'),
      };
    case 'tokenNeeded':
      return {
        label: t('Token needed'),
        icon: 'key',
        tone: 'warning',
        meaning: t(
          'This computer has no apiTokenInstance for this instance (tokens do not sync). Paste it to use the instance here.',
        ),
      };
    case 'checking':
      return { label: t('Checking…'), icon: 'loading', tone: 'busy', meaning: t('Asking GREEN-API for the state.') };
    case 'error':
      return { label: t('Error'), icon: 'error', tone: 'error', meaning: status.reason };
    case 'state':
      return (
        stateBadge(status.state) ?? {
          label: t('Unknown: {0}', status.state),
          icon: 'question',
          tone: 'warning',
          meaning: t('GREEN-API reports a state this extension does not know: "{0}".', status.state),
        }
      );
  }
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
