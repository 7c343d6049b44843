/**
 * Test vectors kept in `localnet/testvectors/` (their sources are in its README). Read from the
 * package's own folder.
 */
import { readFileSync } from 'node:fs';

/** The mainnet II delegation, as agent-js `DelegationChain.toJSON()` wrote it (hex strings). */
export interface MainnetDelegationVector {
  ii_canister_id: string;
  /** Decimal nanoseconds. */
  expiration_ns: string;
  user_principal: string;
  session_pubkey_hex: string;
  chain: {
    /** Each expiration is a big-endian hex u64. */
    delegations: Array<{ delegation: { expiration: string; pubkey: string }; signature: string }>;
    publicKey: string;
  };
}

export function mainnetDelegationVector(): MainnetDelegationVector {
  const url = new URL('../../testvectors/ii_delegation_mainnet.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as MainnetDelegationVector;
}
