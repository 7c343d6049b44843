/** Tests only: the real mainnet II delegation (II_REFERENCE companion file), decoded. */
import { readFileSync } from 'node:fs';
import { decode } from '@dfinity/cbor';
import { asHashTree, hexBytes } from '../certification/test-support.js';
import type { HashTree } from '../certification/hash-tree.js';

const raw = JSON.parse(
  readFileSync('/work/shared/design/testvectors/ii_delegation_mainnet.json', 'utf8'),
) as {
  ii_canister_id: string;
  expiration_ns: string;
  user_principal: string;
  chain: {
    delegations: Array<{ delegation: { expiration: string; pubkey: string }; signature: string }>;
    publicKey: string;
  };
};
const link = raw.chain.delegations[0];
const signature = hexBytes(link.signature);
const decoded = decode(signature) as { certificate: Uint8Array; tree: unknown };

export const mainnet = {
  canisterIdText: raw.ii_canister_id,
  userPrincipalText: raw.user_principal,
  userKey: hexBytes(raw.chain.publicKey),
  sessionKey: hexBytes(link.delegation.pubkey),
  expiration: BigInt('0x' + link.delegation.expiration),
  expirationDecimal: BigInt(raw.expiration_ns),
  signature,
  certificate: decoded.certificate,
  tree: asHashTree(decoded.tree) as HashTree,
};
