/**
 * Which anchor-record format this build writes (and which fields it understands).
 *   1: anchor number + devices (what the previous release writes).
 *   2: adds the optional anchor `name` (field 3); a test-only format, never written by a release.
 *   3: adds the identity metadata of the v2 API (field 4, `identity_metadata_replace`); what this
 *      build writes. Builds of versions 1 and 2 skip the field and keep it verbatim, so a downgrade
 *      to the previous release reads (and rewrites without losing) a version-3 record.
 * The build picks it (`RECORD_VERSION=1 npm run build -w canister`; scripts/build.ts writes it into
 * src/generated/build-info.ts, which main.ts passes to the codec); default: 3, the production
 * format. A version-1 build of this code is how the upgrade/downgrade tests get "the previous
 * format" without building an older commit.
 */

export type RecordVersion = 1 | 2 | 3;
export const LATEST_RECORD_VERSION: RecordVersion = 3;
export const SUPPORTED_RECORD_VERSIONS: readonly RecordVersion[] = [1, 2, 3];
const RECORD_VERSION_DEFAULT: RecordVersion = 3;

export function parseRecordVersion(value: string | undefined): RecordVersion {
  if (value === undefined || value === '') return RECORD_VERSION_DEFAULT;
  const n = Number(value);
  if (n === 1 || n === 2 || n === 3) return n;
  // A typo in a build flag must fail the build/install loudly, not write an unexpected format.
  throw new Error(
    `II_RECORD_VERSION must be one of ${SUPPORTED_RECORD_VERSIONS.join(', ')}, got '${value}'`,
  );
}

/** What a build writes unless told otherwise: the production format. */
export const RECORD_VERSION: RecordVersion = RECORD_VERSION_DEFAULT;

/** The first format that stores identity metadata (the v2 API's `identity_metadata_replace`). */
export const IDENTITY_METADATA_RECORD_VERSION: RecordVersion = 3;
