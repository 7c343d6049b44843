/**
 * The build flavor. `vite.config.ts` replaces `__II_FLAVOR__` with the II_FLAVOR the page is built
 * with ("production" by default); the comparison is then a constant, so the production bundle
 * keeps none of the test flavor's code. Unit tests (no replacement) run as production.
 */
declare const __II_FLAVOR__: string | undefined;

/**
 * The test flavor (`internet_identity_test.wasm.gz`): for dapp developers' end-to-end tests only.
 * It signs in with keys kept in the browser instead of WebAuthn (lib/dummy-auth.ts).
 */
export const TEST_BUILD: boolean = typeof __II_FLAVOR__ !== 'undefined' && __II_FLAVOR__ === 'test';
