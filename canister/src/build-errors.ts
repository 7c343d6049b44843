/** The build scripts' share of the canister's error table (scripts/ throws these). */
export const CANISTER_BUILD_ERRORS = {
  II_ERR_BUILD_SHIM: 'the stable-memory-size shim cannot process this module',
} as const;
