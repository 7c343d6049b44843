/**
 * Builds the Internet Identity canister from a clean checkout, reproducibly:
 *   1. embeds the frontend (frontend/dist when built, else canister/placeholder) as certified assets,
 *   2. records build info (git commit, record format version),
 *   3. compiles with Azle (offline; no dfx), then lets the canister read its stable memory size
 *      (scripts/stable-size-shim.ts),
 *   4. writes dist/internet_identity.wasm.gz (deterministic gzip), its sha256, and the .did,
 *      and refreshes the checked-in internet_identity.did;
 *   4b. (`buildTestFlavor`) the test flavor (src/flavor.ts) embedding frontend/dist-test, the page
 *      built without WebAuthn: dist/internet_identity_test.wasm.gz and its sha256;
 *   5. (`buildArchive`) the archive canister the same way: dist/archive.wasm.gz, its sha256 (the
 *      `archive_config.module_hash` to configure), archive.did (checked in as archive/archive.did).
 *
 *   npm run build -w canister            (all three; RECORD_VERSION=1 builds the previous record format, for upgrade tests)
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { encodeLeb128 } from '../src/certification/leb128.js';
import { parseFault } from '../src/faults.js';
import { FLAVOR_SECTION, parseFlavor } from '../src/flavor.js';
import { parseRecordVersion } from '../src/storage/record-version.js';
import { acquireBuildLock } from './build-lock.js';
import { renderArchiveDid, renderDid } from './did.js';
import { routeCanisterVersionToStableSize } from './stable-size-shim.js';
import { normalizeWasmData } from './wasm-data.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(root, '..');
const generated = join(root, 'src', 'generated');

function gitCommit(): string {
  if (process.env.II_GIT_COMMIT) return process.env.II_GIT_COMMIT;
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

function step(message: string): void {
  process.stderr.write(`[build] ${message}\n`);
}

export function build(): { wasmGz: string; sha256: string } {
  const release = acquireBuildLock(root);
  try {
    return buildUnlocked();
  } finally {
    release();
  }
}

/**
 * The test flavor into the same dist directory, next to the production module: the page built
 * with II_FLAVOR=test (frontend/dist-test) and a canister whose captcha answer is always "a".
 */
export function buildTestFlavor(): { wasmGz: string; sha256: string } {
  const testPage = join(repo, 'frontend', 'dist-test');
  if (!existsSync(join(testPage, 'index.html')))
    throw new Error(`${testPage} is missing: build the frontend first (npm run build -w frontend)`);
  const saved = { flavor: process.env.II_FLAVOR, assets: process.env.II_ASSETS_DIR };
  process.env.II_FLAVOR = 'test';
  process.env.II_ASSETS_DIR = testPage;
  try {
    return build();
  } finally {
    for (const [k, v] of [
      ['II_FLAVOR', saved.flavor],
      ['II_ASSETS_DIR', saved.assets],
    ] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/**
 * Appends the custom section `name` (UTF-8 `text`) to a wasm module: custom sections may follow
 * any section, and this one changes nothing the canister runs.
 */
export function appendCustomSection(wasm: Uint8Array, name: string, text: string): Uint8Array {
  const leb = (n: number) => [...encodeLeb128(BigInt(n))];
  const nameBytes = new TextEncoder().encode(name);
  const body = [...leb(nameBytes.length), ...nameBytes, ...new TextEncoder().encode(text)];
  return new Uint8Array([...wasm, 0, ...leb(body.length), ...body]);
}

/**
 * dfx.json's canisters: the service, and a benchmark-only variant with a bulk-fill method
 * (bench/fill-canister) that must never reach dist/, where deployable builds go. The archive
 * (archive/main.ts) is built by `buildArchive`.
 */
const CANISTERS = ['internet_identity', 'internet_identity_bench'] as const;

/** `azle build <canister>` (offline); returns the raw wasm. */
function azleBuild(canister: string): Uint8Array {
  // Azle's generated .did is discarded: scripts/did.ts prints the real one from src/candid.ts.
  execFileSync(join(repo, 'node_modules', '.bin', 'azle'), ['build', canister], {
    cwd: root,
    env: {
      ...process.env,
      AZLE_DFX_ROOT: root,
      CANISTER_CANDID_PATH: join(root, '.azle', `${canister}-azle-generated.did`),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  // The same bytes from any checkout (see wasm-data.ts).
  return normalizeWasmData(
    readFileSync(join(root, '.azle', canister, `${canister}.wasm`)),
    canister,
  );
}

/** Writes `<name>.wasm.gz` (deterministic gzip) and its sha256 into `dist`. */
function writeModule(
  dist: string,
  name: string,
  wasm: Uint8Array,
): { wasmGz: string; sha256: string } {
  // zlib's gzip header carries no timestamp or file name, so equal input gives equal bytes.
  const gz = gzipSync(wasm, { level: 9 });
  const wasmGz = join(dist, `${name}.wasm.gz`);
  writeFileSync(wasmGz, gz);
  const sha256 = createHash('sha256').update(gz).digest('hex');
  writeFileSync(`${wasmGz}.sha256`, `${sha256}  ${name}.wasm.gz\n`);
  step(
    `${name}: wasm ${(wasm.length / 1e6).toFixed(2)} MB raw, ${(gz.length / 1e6).toFixed(2)} MB gzipped, sha256 ${sha256}`,
  );
  return { wasmGz, sha256 };
}

/**
 * Builds the archive canister into `II_DIST_DIR` (default dist/): archive.wasm.gz, its sha256 and
 * archive.did; the default build also refreshes the checked-in archive/archive.did.
 */
export function buildArchive(): { wasmGz: string; sha256: string } {
  const release = acquireBuildLock(root);
  try {
    const dist = join(root, process.env.II_DIST_DIR ?? 'dist');
    mkdirSync(dist, { recursive: true });
    step('azle build archive');
    const built = writeModule(dist, 'archive', azleBuild('archive'));
    const did = renderArchiveDid();
    writeFileSync(join(dist, 'archive.did'), did);
    if (!process.env.II_DIST_DIR) writeFileSync(join(root, 'archive', 'archive.did'), did);
    return built;
  } finally {
    release();
  }
}

function buildUnlocked(): { wasmGz: string; sha256: string } {
  const distDir = process.env.II_DIST_DIR ?? 'dist';
  const canister = process.env.II_CANISTER ?? 'internet_identity';
  if (!(CANISTERS as readonly string[]).includes(canister))
    throw new Error(`II_CANISTER must be one of ${CANISTERS.join(', ')}, not ${canister}`);
  if (canister !== 'internet_identity' && distDir === 'dist')
    throw new Error(
      `${canister} is a benchmark build: set II_DIST_DIR to a directory other than dist`,
    );
  // A fault build (tests only) must never land where deployable builds go.
  const fault = parseFault(process.env.II_FAULT);
  const flavor = parseFlavor(process.env.II_FLAVOR);
  if (flavor !== 'production' && canister !== 'internet_identity')
    throw new Error(`II_FLAVOR=${flavor} is a flavor of internet_identity only`);
  if (fault !== null && distDir === 'dist')
    throw new Error(
      `II_FAULT=${fault} is a test-only build: set II_DIST_DIR to a directory other than dist`,
    );
  const dist = join(root, distDir);
  mkdirSync(dist, { recursive: true });
  mkdirSync(generated, { recursive: true });

  const frontendDist = join(repo, 'frontend', 'dist');
  const assetsDir =
    process.env.II_ASSETS_DIR ??
    (existsSync(join(frontendDist, 'index.html')) ? frontendDist : join(root, 'placeholder'));
  step(`embedding assets from ${assetsDir}`);
  execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(root, 'scripts', 'assets.ts'),
      assetsDir,
      join(generated, 'assets.ts'),
    ],
    {
      stdio: 'inherit',
    },
  );

  // The TypeScript view of the Candid types, generated from src/candid.ts (checked in).
  execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'candid-types.ts')], {
    stdio: 'inherit',
  });

  const recordVersion = parseRecordVersion(process.env.RECORD_VERSION);
  const commit = gitCommit();
  writeFileSync(
    join(generated, 'build-info.ts'),
    `// Written by scripts/build.ts; do not edit.\nimport type { Fault } from '../faults.js';\nimport type { Flavor } from '../flavor.js';\nexport const GIT_COMMIT = ${JSON.stringify(commit)};\nexport const BUILD_RECORD_VERSION = ${recordVersion};\nexport const FAULT: Fault | null = ${JSON.stringify(fault)};\nexport const FLAVOR: Flavor = ${JSON.stringify(flavor)};\n`,
  );

  step(
    `azle build ${canister} (git ${commit.slice(0, 12)}, record version ${recordVersion}${fault ? `, fault ${fault}` : ''}, flavor ${flavor})`,
  );
  const raw = azleBuild(canister);
  step('routing canisterVersion() to ic0.stable64_size (scripts/stable-size-shim.ts)');
  const wasm = appendCustomSection(routeCanisterVersionToStableSize(raw), FLAVOR_SECTION, flavor);
  if (flavor !== 'production') return writeModule(dist, `internet_identity_${flavor}`, wasm);
  const built = writeModule(dist, 'internet_identity', wasm);
  const did = renderDid();
  writeFileSync(join(dist, 'internet_identity.did'), did);
  if (!process.env.II_DIST_DIR) writeFileSync(join(root, 'internet_identity.did'), did);
  return built;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  build();
  // Not for builds that embed something else (the canister's own tests, fault builds) or that do
  // not want it (II_TEST_FLAVOR=0: a production release), nor
  // without the test page (a canister-only checkout builds what it can).
  if (process.env.II_ASSETS_DIR || process.env.II_FAULT || process.env.II_TEST_FLAVOR === '0')
    step('test flavor: not for this build');
  else if (!existsSync(join(repo, 'frontend', 'dist-test', 'index.html')))
    step('test flavor skipped: frontend/dist-test is not built (npm run build -w frontend)');
  else buildTestFlavor();
  buildArchive();
}
