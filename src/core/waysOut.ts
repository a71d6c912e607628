/**
 * The ways out of a blocked step that the extension can offer, shared by the failure wording
 * (failures/), the actions that run them and the Link panel's protocol. vscode-free.
 */

/** Why the Link panel cannot ask for a code now, and the one fix it offers. */
export type LinkBlockFix = 'logout' | 'updateToken' | 'editInstance' | 'checkState';
