import type { Replica } from '../../replica/replica.js';

/** What the /api plugins share: the replica they serve. */
export interface ApiContext {
  replica: Replica;
  /** How long a v3 call waits for its certified reply before answering 202 (ms). @default 10000 */
  syncCallTimeoutMs?: number;
}
