/**
 * The stateInstance values GREEN-API documents (getStateInstance, "Instance states"), plus ours
 * for an instance still being created. The API layer reads answers by them and the core words
 * them for the user, so the one list lives here, below both.
 */
import { BEING_CREATED } from './beingCreated';

export const KNOWN_INSTANCE_STATES = [
  'notAuthorized',
  'authorized',
  'blocked',
  'sleepMode',
  'starting',
  'yellowCard',
  // GREEN-API's own web app: "restricted by the messenger" (green-api-chat, 2025-11).
  'suspended',
  // Ours, not GREEN-API's: a `null` body, an instance still being created (see parseStateAnswer).
  BEING_CREATED,
] as const;
export type KnownInstanceState = (typeof KNOWN_INSTANCE_STATES)[number];

/**
 * Newer servers report states this extension does not know yet (`pendingCode`, of
 * another authorization flow); those are kept as they are, so that the UI can show them.
 */
export type InstanceState = KnownInstanceState | (string & { readonly unknownState?: never });
