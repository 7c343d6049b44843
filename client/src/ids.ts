/** Well-known ids, hostnames and network URLs: the one place each is written. */

/** Internet Identity on mainnet, and at the same id on every local deployment of this repository. */
export const II_CANISTER_ID = 'rdmx6-jaaaa-aaaaa-aaadq-cai';
/** The test dapp's fixed id on `npm start`'s localnet. */
export const TEST_DAPP_CANISTER_ID = 'rrkah-fqaaa-aaaaa-aaaaq-cai';
/** The management canister. */
export const MANAGEMENT_CANISTER_ID = 'aaaaa-aa';
/** The NNS root canister: the controller of mainnet's II, which upgrades it when a proposal passes. */
export const NNS_ROOT_CANISTER_ID = 'r7inp-6aaaa-aaaaa-aaabq-cai';

/** The hostnames Internet Identity is served on in production. */
export const PRODUCTION_HOSTNAMES = ['identity.ic0.app', 'identity.internetcomputer.org'] as const;
/**
 * II's newest hostname, served like the two above: `@icp-sdk/auth` ≥ 6 opens
 * `https://id.ai/authorize` unless told otherwise. `npm start`'s probes cover it (II_HOSTNAMES);
 * the test worlds that alias only PRODUCTION_HOSTNAMES keep their probe load smaller.
 */
export const ID_AI_HOSTNAME = 'id.ai';
/** Every hostname II is served on: what localnet maps to II and trusts over HTTPS. */
export const II_HOSTNAMES = [...PRODUCTION_HOSTNAMES, ID_AI_HOSTNAME] as const;
/**
 * The API hosts of mainnet's boundary nodes. @dfinity/agent on a `*.ic0.app` or `*.icp0.io` page
 * calls the apex host (`https://ic0.app/api/…`), so a page's CSP must allow exactly these.
 */
export const API_HOSTS = ['icp-api.io', 'ic0.app', 'icp0.io'] as const;

/** Mainnet's API endpoint. */
export const MAINNET_URL = 'https://icp-api.io';
/** localnet's default endpoint (`npm start`). */
export const LOCAL_URL = 'http://127.0.0.1:4943';

/** The canary clone's fixed id on `npm start`'s localnet (a clone of II at another id). */
export const LOCAL_CANARY_CANISTER_ID = 'qjdve-lqaaa-aaaaa-aaaeq-cai';
/**
 * The hostname the canary clone is probed on: its own canister hostname, as on mainnet, where a
 * clone is reached at `<id>.icp0.io`. The app picks its API host from the hostname it is served on,
 * so only a hostname of that kind shows a bug like the 2022 one (a CSP without the API host).
 */
export const LOCAL_CANARY_HOSTNAME = `${LOCAL_CANARY_CANISTER_ID}.icp0.io`;
