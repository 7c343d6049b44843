/**
 * Which anchor-record format this build writes (and which fields it understands).
 *   1: anchor number + devices.
 *   2: adds the optional anchor `name` (field 3), ignored (but preserved) by version-1 builds.
 * The build picks it (`RECORD_VERSION=2 npm run build -w canister`; scripts/build.ts writes it into
 * src/generated/build-info.ts, which main.ts passes to the codec); default: 1, the production
 * format. A version-2 build is how the upgrade/downgrade tests get "the next release".
 */

export type RecordVersion = 1 | 2;
export const LATEST_RECORD_VERSION: RecordVersion = 2;
export const SUPPORTED_RECORD_VERSIONS: readonly RecordVersion[] = [1, 2];
const RECORD_VERSION_DEFAULT: RecordVersion = 1;

export function parseRecordVersion(value: string | undefined): RecordVersion {
  if (value === undefined || value === '') return RECORD_VERSION_DEFAULT;
  const n = Number(value);
  if (n === 1 || n === 2) return n;
  // A typo in a build flag must fail the build/install loudly, not write an unexpected format.
  throw new Error(
    `II_RECORD_VERSION must be one of ${SUPPORTED_RECORD_VERSIONS.join(', ')}, got '${value}'`,
  );
}

/** What a build writes unless told otherwise: the production format. */
export const RECORD_VERSION: RecordVersion = 1;
