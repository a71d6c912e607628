import { RowStatus } from '../protocol';

export interface Badge {
  readonly label: string;
  /** A codicon name. */
  readonly icon: string;
  readonly tone: 'ok' | 'neutral' | 'warning' | 'error' | 'busy';
  /** What the state means for the user, for the tooltip and screen readers. */
  readonly meaning: string;
}

const STATES: Record<string, Badge> = {
  authorized: { label: 'Authorized', icon: 'pass-filled', tone: 'ok', meaning: 'Linked to a phone and working.' },
  notAuthorized: { label: 'Not linked', icon: 'circle-large-outline', tone: 'neutral', meaning: 'Not linked yet: get a code or scan a QR.' },
  blocked: { label: 'Blocked', icon: 'error', tone: 'error', meaning: 'The WhatsApp account is banned.' },
  sleepMode: { label: 'Phone offline', icon: 'debug-pause', tone: 'warning', meaning: 'The phone is off; it can take 5 minutes to return after it is switched on.' },
  starting: { label: 'Starting', icon: 'sync', tone: 'busy', meaning: 'The instance is starting; try again in a few seconds.' },
  yellowCard: { label: 'Restricted', icon: 'warning', tone: 'warning', meaning: 'Linked, but sending is restricted for now (suspected spam).' },
};

/** The badge of every state GREEN-API documents, plus checking, error and any state it does not. */
export function badgeFor(status: RowStatus): Badge {
  switch (status.kind) {
    case 'unchecked':
      return { label: 'Not checked', icon: 'question', tone: 'neutral', meaning: 'The state has not been checked yet.' };
    case 'checking':
      return { label: 'Checking…', icon: 'loading', tone: 'busy', meaning: 'Asking GREEN-API for the state.' };
    case 'error':
      return { label: 'Error', icon: 'error', tone: 'error', meaning: status.reason };
    case 'state':
      return STATES[status.state] ?? { label: `Unknown: ${status.state}`, icon: 'question', tone: 'warning', meaning: `GREEN-API reports a state this extension does not know: "${status.state}".` };
  }
}

export function isLinked(status: RowStatus): boolean {
  const state = status.kind === 'state' ? status.state : status.kind === 'unchecked' ? undefined : status.previous;
  return state === 'authorized' || state === 'yellowCard' || state === 'sleepMode';
}
