/**
 * Serializers shaped like Azle's `Serializable` ({ toBytes, fromBytes }) for the anchors map:
 * `new StableBTreeMap<bigint, Uint8Array>(id, anchorKeySerializer, rawBytesSerializer)`.
 * The default `stableJson` would store a Uint8Array as JSON text (several times larger) and
 * order bigint keys as strings, not numerically.
 */
import { anchorKey, anchorNumberFromKey } from './anchor-record.js';

export const anchorKeySerializer = {
  toBytes: (n: bigint): Uint8Array => anchorKey(n),
  fromBytes: (bytes: Uint8Array): bigint => anchorNumberFromKey(bytes),
};

/** Values are already encoded records: stored as they are. */
export const rawBytesSerializer = {
  toBytes: (bytes: Uint8Array): Uint8Array => bytes,
  fromBytes: (bytes: Uint8Array): Uint8Array => bytes,
};
