import { ApiClients } from './apiClients';
import { AuthorizationFlow } from './auth/authorizationFlow';
import { InstanceStates } from './core/instanceStates';
import { PendingCodes } from './core/pendingCodes';
import { InstanceRegistry } from './core/instanceRegistry';
import { Log } from './log';

/** The few long-lived services, built once in activate() and handed to the commands. */
export interface Services {
  readonly registry: InstanceRegistry;
  readonly states: InstanceStates;
  readonly pendingCodes: PendingCodes;
  readonly clients: ApiClients;
  readonly flow: AuthorizationFlow;
  readonly log: Log;
}
