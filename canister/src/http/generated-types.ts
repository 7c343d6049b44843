// The shape of `src/generated/assets.ts`, written by `scripts/assets.ts` at build time.

export const GENERATED_FORMAT_VERSION = 1;

export interface GeneratedEncoding {
  encoding: 'identity' | 'gzip';
  /** Body as served, base64. */
  bodyBase64: string;
  /** sha256 of the body as served (hex). */
  bodySha256: string;
  /** Certified headers served with this encoding (IC-CertificateExpression included). */
  headers: [string, string][];
  /** v2 response hash for status 200 (hex). */
  responseHash: string;
}

/** A non-HTML asset: everything is precomputed. */
export interface GeneratedStaticAsset {
  kind: 'static';
  /** Source file, relative to the input directory. */
  file: string;
  /** URL paths it is served under (aliases). */
  paths: string[];
  contentType: string;
  /** v1 leaf: sha256 of the uncompressed body (hex). */
  identitySha256: string;
  /** `identity` first; `gzip` only when smaller. */
  encodings: GeneratedEncoding[];
}

/**
 * An HTML page: its CSP depends on init config and its body may hold the config placeholder,
 * so its headers and hashes are computed in the canister at init.
 */
export interface GeneratedHtmlAsset {
  kind: 'html';
  file: string;
  paths: string[];
  contentType: string;
  bodyBase64: string;
  /** Whether the body holds CONFIG_PLACEHOLDER. */
  templated: boolean;
}

export type GeneratedAsset = GeneratedStaticAsset | GeneratedHtmlAsset;

export interface GeneratedAssets {
  formatVersion: number;
  /** The input directory's name (for logs), not its absolute path: builds stay reproducible. */
  source: string;
  assets: GeneratedAsset[];
}
