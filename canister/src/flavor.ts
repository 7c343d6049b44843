/**
 * Build flavors of the canister. `production` is what is released; `test` is for dapp developers'
 * end-to-end tests: its page signs in without WebAuthn and its captcha answer is always "a" (as the
 * official II's test build), so it must never be deployed (ii-deploy refuses it). The build writes
 * the flavor into generated/build-info.ts and into the wasm's `icp:public ii_flavor` section.
 */
export const FLAVORS = ['production', 'test'] as const;

export type Flavor = (typeof FLAVORS)[number];

/** The wasm custom section naming the flavor (`icp:public`: readable from the canister's state). */
export const FLAVOR_SECTION = 'icp:public ii_flavor';

export function parseFlavor(value: string | undefined): Flavor {
  if (value === undefined || value === '') return 'production';
  if (!(FLAVORS as readonly string[]).includes(value))
    throw new RangeError(`II_FLAVOR must be one of ${FLAVORS.join(', ')}, not ${value}`);
  return value as Flavor;
}
