import { BEING_CREATED } from '../base/beingCreated';
import { KNOWN_INSTANCE_STATES } from '../base/stateNames';
import { Translate } from './l10n';

/**
 * The one vocabulary of states wherever the user reads them: the Instances view's badges, the
 * instance pickers, Show State History and the tooltips. GREEN-API's own names (`notAuthorized`,
 * `sleepMode`, `yellowCard`…) are shown beside these words only where a developer needs them.
 * The translator is a parameter: the host passes core's `t`, the webview its own bundle's `t`.
 * States: https://green-api.com/en/docs/api/account/GetStateInstance/
 */

/** What is shown for a state: a word or two, and what it means for the user (tooltips, screen readers). */
export interface StateWords {
  readonly label: string;
  readonly meaning: string;
}

/**
 * What the words are chosen from: a state GREEN-API reported, or where the check stands. The
 * Instances view's RowStatus is one of these.
 */
export type StatusFacts =
  | { readonly kind: 'unchecked' }
  | { readonly kind: 'tokenNeeded' }
  | { readonly kind: 'checking' }
  | { readonly kind: 'error'; readonly reason: string }
  | { readonly kind: 'state'; readonly state: string };

/**
 * The words for `stateInstance` (or BEING_CREATED); a state this extension does not know is
 * named as it is ("Unknown: X"), never mapped to another. `t` translates and fills `{0}`.
 */
export function stateWords(state: string, t: Translate): StateWords {
  // l10n: Badges of an instance row (a state, one or two words, adjectives or participles describing the instance, not actions), each with its meaning for the tooltip. "Restricted" is GREEN-API's yellowCard state; "Restricted by WhatsApp" its suspended state (the messenger limits the account); "Being created" an instance GREEN-API has not finished creating.
  switch (state) {
    case 'authorized':
      return { label: t('Authorized'), meaning: t('Linked to a phone and working.') };
    case 'notAuthorized':
      return { label: t('Not linked'), meaning: t('Not linked yet: get a code or scan a QR.') };
    case 'blocked':
      return { label: t('Blocked'), meaning: t('The WhatsApp account is banned.') };
    case 'sleepMode':
      // GREEN-API's docs call sleepMode "out of date": say what it reported, promise nothing.
      return {
        label: t('Phone offline'),
        meaning: t('GREEN-API reports the phone as off or offline. Check that it is on and online, then check again.'),
      };
    case 'starting':
      return {
        label: t('Starting'),
        meaning: t('The instance is starting; this can take up to 5 minutes. Past that, reboot it.'),
      };
    case 'yellowCard':
      return {
        label: t('Restricted'),
        meaning: t(
          'Restricted: sending is suspended (suspected spam), or the link was lost. Reboot the instance to continue.',
        ),
      };
    case 'suspended':
      return {
        label: t('Restricted by WhatsApp'),
        meaning: t(
          'WhatsApp restricts this account: it is still linked but not working. See the GREEN-API console, or log out.',
        ),
      };
    case BEING_CREATED:
      return {
        label: t('Being created'),
        meaning: t(
          'GREEN-API is still creating this instance; this can take up to 5 minutes. It is checked again until it is ready.',
        ),
      };
    default:
      return {
        label: t('Unknown: {0}', state),
        meaning: t('GREEN-API reports a state this extension does not know: "{0}".', state),
      };
  }
}

/** The words for where an instance stands: a state ({@link stateWords}), or not checked, checking, a failed check (its reason as the meaning), no token here. */
export function statusWords(status: StatusFacts, t: Translate): StateWords {
  // l10n: Badges of an instance row (one or two words describing it, not actions), each with its meaning for the tooltip.
  switch (status.kind) {
    case 'unchecked':
      return { label: t('Not checked'), meaning: t('The state has not been checked yet.') };
    case 'tokenNeeded':
      return {
        label: t('Token needed'),
        meaning: t(
          'This computer has no apiTokenInstance for this instance (tokens do not sync). Paste it to use the instance here.',
        ),
      };
    case 'checking':
      return { label: t('Checking…'), meaning: t('Asking GREEN-API for the state.') };
    case 'error':
      return { label: t('Error'), meaning: status.reason };
    case 'state':
      return stateWords(status.state, t);
  }
}

/**
 * A state as a developer reads it too: the user's word, then GREEN-API's name in parentheses
 * ("Not linked (notAuthorized)"). A state without words of its own is already named in its
 * label ("Unknown: X"), so it is not named twice; only known names are appended, never server text.
 */
export function stateWithApiName(state: string, t: Translate): string {
  const { label } = stateWords(state, t);
  return KNOWN_STATES.has(state) ? `${label} (${state})` : label;
}

/** The states {@link stateWords} has words for. */
const KNOWN_STATES: ReadonlySet<string> = new Set(KNOWN_INSTANCE_STATES);
