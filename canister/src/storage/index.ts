/** Stable-memory codecs: anchor records, the persistent state record, and map key/value serializers. */
export { anchorKey, anchorNumberFromKey, decodeAnchor, encodeAnchor } from './anchor-record.js';
export {
  type ArchiveSettings,
  type CaptchaSettings,
  decodePersistentState,
  defaultPersistentState,
  encodePersistentState,
  PERSISTENT_STATE_VERSION,
  type PersistentState,
  SALT_LENGTH,
} from './persistent-state.js';
export {
  IDENTITY_METADATA_RECORD_VERSION,
  LATEST_RECORD_VERSION,
  parseRecordVersion,
  RECORD_VERSION,
  type RecordVersion,
  SUPPORTED_RECORD_VERSIONS,
} from './record-version.js';
export { anchorKeySerializer, rawBytesSerializer } from './stable-serializers.js';
export {
  decodeArchiveEntry,
  encodeArchiveEntry,
  type StoredArchiveEntry,
} from './archive-entry-record.js';
export type { DecodeError, DecodeErrorCode, DecodeResult } from './wire.js';
