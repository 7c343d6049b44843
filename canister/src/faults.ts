/**
 * Test-only fault variants of the canister, for the probes' and the release pipeline's chaos
 * tests: each is a real build (`II_FAULT=<name>`, written only outside dist/, see scripts/build.ts)
 * that breaks one thing the way a bad release would. A production build has no fault: the build
 * writes `FAULT = null`, and every check below is then constant.
 */
export const FAULTS = {
  /** The page's CSP forbids the API host its agent calls (the outage of 31 January 2022). */
  'csp-api-host': 'the CSP connect-src lacks the API hosts @dfinity/agent calls',
  /** prepare_delegation traps: nobody can log in to a dapp. */
  'prepare-delegation-trap': 'prepare_delegation traps',
  /** The page is told another canister id. */
  'page-canister-id': 'the page config carries another canister id',
  /** The asset certification does not match what is served. */
  'asset-certification': 'the certified asset tree does not match the assets',
  /** post_upgrade traps, as a release that cannot read the stored record format would. */
  'upgrade-trap': 'post_upgrade traps on stored state',
} as const;

export type Fault = keyof typeof FAULTS;

export function parseFault(value: string | undefined): Fault | null {
  if (value === undefined || value === '') return null;
  if (!(value in FAULTS))
    throw new RangeError(`II_FAULT must be one of ${Object.keys(FAULTS).join(', ')}, not ${value}`);
  return value as Fault;
}

/** The canister id a `page-canister-id` build tells its page (the management canister's). */
export const WRONG_PAGE_CANISTER_ID = 'aaaaa-aa';
