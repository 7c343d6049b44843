/** Tests only: the real mainnet II delegation (localnet's test vector), decoded. */
import { decode } from '@dfinity/cbor';
import { mainnetDelegationVector } from '@ii/localnet/testing';
import { asHashTree, hexBytes } from '../certification/test-support.js';
import type { HashTree } from '../certification/hash-tree.js';

const raw = mainnetDelegationVector();
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
