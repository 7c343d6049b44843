// The shape of `dist/generated/assets.ts`, written by scripts/assets.ts. Static files come with their
// headers and v2 response hash precomputed in Node (hashing ~300 KB of JS inside the canister
// would take ~0.5 s); HTML is hashed at init because its body holds the page config.
import type { Header } from '@ii/canister/certified-assets';

export interface StaticAsset {
  /** URL paths it is served under. */
  paths: string[];
  /** Certified headers (IC-CertificateExpression included). */
  headers: Header[];
  bodyBase64: string;
  /** v2 response hash for status 200 (hex). */
  responseHash: string;
}

export interface HtmlPage {
  paths: string[];
  /** Holds CONFIG_PLACEHOLDER once. */
  bodyBase64: string;
}

export interface DappAssets {
  pages: HtmlPage[];
  statics: StaticAsset[];
}
