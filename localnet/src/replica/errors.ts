import { LocalnetError } from '../errors.js';
import { RejectCode } from './reject.js';

/**
 * An expected failure of a replica operation, reported to the caller as a reject with
 * `rejectCode` and the IC's `errorCode` (the management canister turns it into one).
 */
export class ReplicaError extends LocalnetError {
  declare readonly code: 'II_ERR_REPLICA_REJECT';

  constructor(
    message: string,
    readonly rejectCode: RejectCode = RejectCode.CanisterError,
    readonly errorCode = 'IC0504',
  ) {
    super('II_ERR_REPLICA_REJECT', message);
    this.name = 'ReplicaError';
  }
}
