// Build step (Node, before `azle build`): turns the built frontend (frontend/dist) into
// dist/generated/assets.ts. Static files get their certified headers and v2 response
// hashes here, because hashing inside the canister is slow; HTML keeps the config placeholder
// for the canister to fill at init. Deterministic: same input bytes → same output bytes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { contentTypeFor, toBase64, toHex } from '@ii/canister/certified-assets';
import { aliasesFor, listFiles } from '@ii/canister/build-tools';
import type { DappAssets } from '../canister/src/assets-types.js';
import { CONFIG_PLACEHOLDER } from '../canister/src/page-config.js';
import {
  ALTERNATIVE_ORIGINS_PATH,
  staticAssetHeaders,
  staticResponseHash,
} from '../canister/src/site.js';

export class AssetsError extends Error {
  override readonly name = 'AssetsError';
}

export function describeAssets(dir: string): DappAssets {
  const out: DappAssets = { pages: [], statics: [] };
  for (const file of listFiles(dir)) {
    const body = new Uint8Array(readFileSync(path.join(dir, file)));
    const contentType = contentTypeFor(file);
    if (!contentType) throw new AssetsError(`no content type known for ${file}`);
    const paths = aliasesFor(file);
    // The canister serves this path itself (configurable at runtime).
    if (paths.includes(ALTERNATIVE_ORIGINS_PATH))
      throw new AssetsError(`${file}: ${ALTERNATIVE_ORIGINS_PATH} is served by the canister`);
    if (contentType.startsWith('text/html')) {
      const count = new TextDecoder().decode(body).split(CONFIG_PLACEHOLDER).length - 1;
      if (count !== 1)
        throw new AssetsError(`${file} must hold ${CONFIG_PLACEHOLDER} once, found ${count}`);
      out.pages.push({ paths, bodyBase64: toBase64(body) });
    } else {
      const headers = staticAssetHeaders(contentType, file);
      out.statics.push({
        paths,
        headers,
        bodyBase64: toBase64(body),
        responseHash: toHex(staticResponseHash(headers, body)),
      });
    }
  }
  if (out.pages.length === 0) throw new AssetsError(`${dir} holds no HTML page`);
  return out;
}

export function renderAssetsModule(assets: DappAssets): string {
  return [
    '// Written by test-dapp/scripts/build.ts from frontend/dist; do not edit.',
    "import type { DappAssets } from '../../canister/src/assets-types.js';",
    '',
    `export const ASSETS: DappAssets = ${JSON.stringify(assets)};`,
    '',
  ].join('\n');
}
