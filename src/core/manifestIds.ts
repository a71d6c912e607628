/** The Instances view (package.json `contributes.views`). */
export const INSTANCES_VIEW_ID = 'greenApi.instances';
/** The activity-bar container that holds the view (package.json `viewsContainers`). */
export const VIEW_CONTAINER_ID = 'greenApi';

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
