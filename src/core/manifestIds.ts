/** The Instances view (package.json `contributes.views`). */
export const INSTANCES_VIEW_ID = 'greenApi.instances';
/** The activity-bar container that holds the view (package.json `viewsContainers`). */
export const VIEW_CONTAINER_ID = 'greenApi';

/** The walkthrough (package.json `walkthroughs`), as VS Code's openWalkthrough command names it: `publisher.name#id`. */
export const WALKTHROUGH_ID = 'green-api-link.green-api-link#linkWhatsApp';

/**
 * The context keys the walkthrough's steps wait for (each step's `onContext:` completion
 * event; set by ui/walkthrough.ts where the thing happens, whatever surface did it). A unit
 * test checks the manifest's events against this list.
 */
export const WALKTHROUGH_CONTEXT = {
  /** Step 1: an instance with its token on this computer is stored (added or imported). */
  hasInstance: 'greenApi.hasInstance',
  /** Step 2: GREEN-API issued an authorization code. */
  codeIssued: 'greenApi.codeIssued',
  /** Step 3: a code was copied to the clipboard. */
  codeCopied: 'greenApi.codeCopied',
  /** Step 4: an instance was seen linked. */
  anyAuthorized: 'greenApi.anyAuthorized',
} as const;

/**
 * Every command id this extension contributes (package.json `contributes.commands`), the
 * one place code names them. A unit test checks this list against the manifest.
 */
export const COMMAND = {
  addInstance: 'greenApi.addInstance',
  editInstance: 'greenApi.editInstance',
  removeInstance: 'greenApi.removeInstance',
  getAuthorizationCode: 'greenApi.getAuthorizationCode',
  copyAuthorizationCode: 'greenApi.copyAuthorizationCode',
  linkWithPhoneNumber: 'greenApi.linkWithPhoneNumber',
  logout: 'greenApi.logout',
  refreshState: 'greenApi.refreshState',
  refreshAll: 'greenApi.refreshAll',
  showQrCode: 'greenApi.showQrCode',
  reboot: 'greenApi.reboot',
  openConsole: 'greenApi.openConsole',
  importFromEnv: 'greenApi.importFromEnv',
  importFromPartner: 'greenApi.importFromPartner',
  stateHistory: 'greenApi.stateHistory',
  listInstances: 'greenApi.listInstances',
  exportInstances: 'greenApi.exportInstances',
  showLog: 'greenApi.showLog',
  sortInstancesByName: 'greenApi.sortInstancesByName',
  sortInstancesAttentionFirst: 'greenApi.sortInstancesAttentionFirst',
  useCompactRows: 'greenApi.useCompactRows',
  useComfortableRows: 'greenApi.useComfortableRows',
} as const;

/** One of the ids above. */
export type CommandId = (typeof COMMAND)[keyof typeof COMMAND];
