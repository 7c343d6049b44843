// Build step (Node, before `azle build`): embeds a directory of built frontend files into
// src/generated/assets.ts with everything precomputable (bodies, sha256, gzip variants, headers,
// v2 response hashes), because hashing inside the canister is slow (~1.5 ms per KiB of sha256) and the wasm must
// carry the frontend so its module hash covers it.
//
//   node --import tsx canister/scripts/assets.ts [inputDir] [outFile]
//
// inputDir defaults to frontend/dist when it exists, else canister/placeholder. Output is
// deterministic: same input bytes → same file bytes.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { toBase64, toHex } from '../src/bytes.js';
import { responseHashWithBodyHash } from '../src/http/certification.js';
import { contentTypeFor, isCompressible } from '../src/http/content-type.js';
import {
  GENERATED_FORMAT_VERSION,
  type GeneratedAsset,
  type GeneratedAssets,
  type GeneratedEncoding,
} from '../src/http/generated-types.js';
import { assetHeaders } from '../src/http/responses.js';
import { nonHtmlSecurityHeaders } from '../src/http/security-headers.js';
import { CONFIG_PLACEHOLDER } from '../src/http/templating.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_OUT = path.join(REPO_ROOT, 'canister/src/generated/assets.ts');

export function defaultInputDir(): string {
  const dist = path.join(REPO_ROOT, 'frontend/dist');
  return existsSync(dist) ? dist : path.join(REPO_ROOT, 'canister/placeholder');
}

/** Files under `dir` as `/`-separated relative paths, in code-unit order (locale-independent). */
export function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  const entries = readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .map((e) => ({ name: e.name, isDir: e.isDirectory(), isFile: e.isFile() }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDir) out.push(...listFiles(dir, rel));
    else if (e.isFile) out.push(rel);
  }
  return out;
}

/** URL paths of a file: index.html → `/`, `/index.html`; a/index.html and a.html → `/a`, `/a/` too. */
export function aliasesFor(file: string): string[] {
  const full = '/' + file;
  if (file === 'index.html') return ['/', '/index.html'];
  if (file.endsWith('/index.html')) {
    const dir = full.slice(0, -'/index.html'.length);
    return [dir, dir + '/', full];
  }
  if (file.endsWith('.html')) {
    const base = full.slice(0, -'.html'.length);
    return [base, base + '/', full];
  }
  return [full];
}

const sha256 = (b: Uint8Array): Uint8Array => createHash('sha256').update(b).digest();

/**
 * gzip with no name and mtime 0; the OS byte is pinned too. Node's bundled zlib (Chromium's fork)
 * may pick different matches on different CPUs, so bytes are stable per machine and Node version;
 * a cross-machine reproducible build should pin the build image.
 */
export function gzipDeterministic(body: Uint8Array): Uint8Array {
  const gz = new Uint8Array(gzipSync(body, { level: 9 }));
  gz[9] = 3; // OS = Unix
  return gz;
}

function encoding(
  file: string,
  kind: 'identity' | 'gzip',
  contentType: string,
  body: Uint8Array,
): GeneratedEncoding {
  const headers = assetHeaders(contentType, kind, nonHtmlSecurityHeaders(), file);
  const bodyHash = sha256(body);
  return {
    encoding: kind,
    bodyBase64: toBase64(body),
    bodySha256: toHex(bodyHash),
    headers,
    responseHash: toHex(responseHashWithBodyHash(200, headers, bodyHash)),
  };
}

/**
 * II's page is also served at `/authorize`: the signer URL `@icp-sdk/auth` opens
 * (`https://id.ai/authorize`) and where ICRC-167 redirects land; the app routes it to its
 * authorize flow. Only II's build adds it (the test dapp shares `aliasesFor`).
 */
export const SIGNER_PATH = '/authorize';

export function describeAsset(file: string, body: Uint8Array): GeneratedAsset {
  const contentType = contentTypeFor(file);
  if (!contentType) throw new Error(`assets: no content type known for ${file}`);
  const paths = file === 'index.html' ? [...aliasesFor(file), SIGNER_PATH] : aliasesFor(file);
  if (contentType.startsWith('text/html')) {
    const text = new TextDecoder().decode(body);
    const count = text.split(CONFIG_PLACEHOLDER).length - 1;
    if (count > 1) throw new Error(`assets: ${file} holds ${CONFIG_PLACEHOLDER} ${count} times`);
    return {
      kind: 'html',
      file,
      paths,
      contentType,
      bodyBase64: toBase64(body),
      templated: count === 1,
    };
  }
  const encodings = [encoding(file, 'identity', contentType, body)];
  if (isCompressible(contentType)) {
    const gz = gzipDeterministic(body);
    if (gz.length < body.length) encodings.push(encoding(file, 'gzip', contentType, gz));
  }
  return {
    kind: 'static',
    file,
    paths,
    contentType,
    identitySha256: toHex(sha256(body)),
    encodings,
  };
}

/** Reads `inputDir`; `.gz` files in it are ignored (compression is done here, when it pays). */
export function generateAssets(inputDir: string): GeneratedAssets {
  const assets: GeneratedAsset[] = [];
  const seen = new Map<string, string>();
  for (const file of listFiles(inputDir)) {
    if (file.endsWith('.gz')) continue;
    const asset = describeAsset(file, new Uint8Array(readFileSync(path.join(inputDir, file))));
    for (const p of asset.paths) {
      const other = seen.get(p);
      if (other) throw new Error(`assets: ${file} and ${other} are both served at ${p}`);
      seen.set(p, file);
    }
    assets.push(asset);
  }
  if (assets.length === 0) throw new Error(`assets: ${inputDir} holds no files`);
  const rel = path.relative(REPO_ROOT, inputDir);
  const source =
    rel && !rel.startsWith('..') ? rel.split(path.sep).join('/') : path.basename(inputDir);
  return { formatVersion: GENERATED_FORMAT_VERSION, source, assets };
}

export function renderModule(generated: GeneratedAssets): string {
  return [
    `// Generated by canister/scripts/assets.ts from ${generated.source}. Do not edit, do not commit.`,
    `import type { GeneratedAssets } from '../http/generated-types.js';`,
    ``,
    `export const GENERATED_ASSETS: GeneratedAssets = ${JSON.stringify(generated, null, 2)};`,
    ``,
  ].join('\n');
}

export function writeAssetsModule(inputDir: string, outFile: string): GeneratedAssets {
  const generated = generateAssets(inputDir);
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, renderModule(generated));
  return generated;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const input = path.resolve(process.argv[2] ?? defaultInputDir());
  const out = path.resolve(process.argv[3] ?? DEFAULT_OUT);
  const g = writeAssetsModule(input, out);
  console.log(
    `assets: ${g.assets.length} files from ${g.source} → ${path.relative(process.cwd(), out)}`,
  );
}
