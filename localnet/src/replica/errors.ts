import { RejectCode } from './reject.js';

/** An expected failure of a replica operation, reported to the caller as a reject. */
export class ReplicaError extends Error {
  constructor(
    message: string,
    readonly code: RejectCode = RejectCode.CanisterError,
    readonly errorCode = 'IC0504',
  ) {
    super(message);
    this.name = 'ReplicaError';
  }
}
