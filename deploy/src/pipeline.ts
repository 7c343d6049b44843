/**
 * The steps releases are made of, shared by canary, promote and rollback: read what the IC
 * certifies, preflight, snapshot, upgrade, wait for the certified module hash, probe (once or over
 * a soak window), check the canister's metrics, and roll back (by upgrade to the previous release,
 * by loading the snapshot only when that cannot restore service).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HttpAgent } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';
import {
  canisterInfo,
  createAgent,
  encodeInitArg,
  fetchMetrics,
  iiActor,
  installWasm,
  NNS_ROOT_CANISTER_ID,
  management,
  metric,
  network,
} from '@ii/client';
import {
  BrowserPool,
  findTarget,
  loadConfig,
  type ProbeResult,
  probesOf,
  readCredentials,
  runProbe,
} from '@ii/probes';
import type { DeployConfig, DeployTarget } from './config.js';
import { DeployError } from './errors.js';
import { loadIdentity } from './identity.js';
import type { Ledger } from './ledger.js';
import { type Release, type Manifest, releaseByHash, readRelease } from './release.js';
import type { Reporter } from './reporter.js';
import { wasmFlavor } from './wasm-flavor.js';

export interface Deployment {
  config: DeployConfig;
  target: DeployTarget;
  reporter: Reporter;
  ledger: Ledger;
}

export function targetNetwork(t: DeployTarget) {
  const hex = t.rootKey && t.rootKey !== 'fetch' ? t.rootKey : undefined;
  const spec = t.network === 'ic' ? 'ic' : t.network;
  return network(spec, hex);
}

export async function agentFor(t: DeployTarget): Promise<HttpAgent> {
  try {
    const agent = await createAgent(targetNetwork(t), {
      identity: loadIdentity(t.identity),
      retryTimes: 1,
    });
    await agent.status();
    return agent;
  } catch (e) {
    if (e instanceof DeployError) throw e;
    throw new DeployError(
      'II_ERR_DEPLOY_NETWORK',
      `${t.network}: ${(e as Error).message.split('\n')[0]}`,
    );
  }
}

export interface Running {
  moduleHash: string | null;
  controllers: string[];
  /** The release with that module, if it was built here. */
  release?: Manifest;
}

export async function running(d: Deployment, agent: HttpAgent): Promise<Running> {
  const info = await canisterInfo(agent, d.target.canisterId);
  return {
    ...info,
    release: info.moduleHash ? releaseByHash(d.config.releases, info.moduleHash) : undefined,
  };
}

/** Candid service methods as `name : signature` lines, for a conservative compatibility check. */
function serviceMethods(did: string): Map<string, string> {
  const service = did.slice(did.indexOf('service'));
  const methods = new Map<string, string>();
  for (const m of service.matchAll(/^\s+(\w+) : (.+);$/gm)) methods.set(m[1]!, m[2]!);
  return methods;
}

/**
 * Refuses what must not be deployed: a non-production flavor, a canister that whoever upgrades it
 * (this identity, or the NNS root for a `viaProposal` target) does not control, a Candid service
 * that drops or changes a method of the deployed one (not for a rollback, which goes back to an
 * older interface on purpose), a deployed record format the release cannot read.
 */
export async function preflight(
  d: Deployment,
  agent: HttpAgent,
  release: Release,
  now: Running,
  { candid = true }: { candid?: boolean } = {},
): Promise<void> {
  const refuse = (why: string) => {
    throw new DeployError('II_ERR_DEPLOY_PREFLIGHT', why);
  };
  // The module names its flavor too (wasm-flavor.ts): a manifest saying production is not enough.
  const flavor = [release.manifest.flavor, wasmFlavor(release.wasm) ?? 'production'].find(
    (f) => f !== 'production',
  );
  if (flavor !== undefined)
    refuse(
      `release ${release.manifest.version} is a ${flavor} build: only production builds are deployed`,
    );
  const upgrader = d.target.viaProposal
    ? NNS_ROOT_CANISTER_ID
    : (await agent.getPrincipal()).toText();
  if (!now.controllers.includes(upgrader))
    throw new DeployError(
      'II_ERR_DEPLOY_NOT_CONTROLLER',
      `${upgrader}${d.target.viaProposal ? ' (the NNS root, which executes proposals)' : ''} is not a controller of ${d.target.canisterId} (controllers: ${now.controllers.join(', ')})`,
    );
  if (candid && now.release) {
    const deployed = serviceMethods(
      readFileSync(join(d.config.releases, now.release.version, 'internet_identity.did'), 'utf8'),
    );
    const next = serviceMethods(readFileSync(join(release.dir, 'internet_identity.did'), 'utf8'));
    for (const [name, signature] of deployed) {
      if (!next.has(name)) refuse(`the release drops the method ${name}`);
      else if (next.get(name) !== signature)
        refuse(`the release changes the method ${name}: ${signature} → ${next.get(name)}`);
    }
  }
  const stats = await iiActor(agent, d.target.canisterId).stats();
  const format = stats.storage_layout_version;
  if (!release.manifest.readsRecordFormats.includes(format))
    refuse(
      `the canister stores record format ${format}, release ${release.manifest.version} reads ${release.manifest.readsRecordFormats.join(', ')}`,
    );
}

/** A snapshot of the canister (stopped meanwhile, as the IC asks), replacing the previous one. */
export async function snapshot(d: Deployment, agent: HttpAgent): Promise<Uint8Array> {
  const ic = management(agent);
  const canisterId = Principal.fromText(d.target.canisterId);
  const existing = await ic.listCanisterSnapshots({ canisterId });
  await ic.stopCanister(canisterId);
  try {
    const taken = await ic.takeCanisterSnapshot({
      canisterId,
      ...(existing[0] ? { snapshotId: existing[0].id } : {}),
    });
    return new Uint8Array(taken.id);
  } finally {
    await ic.startCanister(canisterId);
  }
}

/** Upgrades to `wasm`; a refused upgrade (a trap in post_upgrade, say) leaves the old module. */
export async function upgrade(d: Deployment, agent: HttpAgent, wasm: Uint8Array): Promise<void> {
  try {
    await installWasm(agent, {
      canisterId: d.target.canisterId,
      wasm,
      arg: encodeInitArg(null),
      mode: 'upgrade',
    });
  } catch (e) {
    const after = await canisterInfo(agent, d.target.canisterId).catch(() => undefined);
    throw new DeployError(
      'II_ERR_DEPLOY_UPGRADE',
      `the upgrade of ${d.target.name} was refused, the IC kept module ${after?.moduleHash ?? 'unknown'}: ${(e as Error).message.split('\n').find((l) => l.includes('Reject text')) ?? (e as Error).message.split('\n')[0]}`,
    );
  }
}

/** Waits until the IC certifies `hash` as the canister's module. */
export async function waitForHash(
  d: Deployment,
  agent: HttpAgent,
  hash: string,
  timeoutMs = 300_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const info = await canisterInfo(agent, d.target.canisterId).catch(() => undefined);
    if (info?.moduleHash === hash) return;
    if (Date.now() > deadline)
      throw new DeployError(
        'II_ERR_DEPLOY_UPGRADE',
        `the certified module hash did not become ${hash} in time (it is ${info?.moduleHash})`,
      );
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

/** Every probe of the target once; the first failure, or undefined when all passed. */
export async function probeOnce(
  d: Deployment,
  browsers: BrowserPool,
): Promise<ProbeResult | undefined> {
  const config = loadConfig(d.config.probes);
  const target = findTarget(config, d.target.probeTarget);
  const credentials = target.credentials ? readCredentials(target.credentials) : undefined;
  for (const spec of probesOf(target)) {
    const result = await runProbe(spec, {
      browsers,
      credentials,
      artifactsRoot: config.artifacts,
      keepArtifacts: config.keepArtifacts,
    });
    d.reporter.log.info(
      {
        target: d.target.name,
        flow: result.flow,
        hostname: result.hostname,
        success: result.success,
        reason: result.reason,
      },
      'probe',
    );
    if (!result.success) return result;
  }
  return undefined;
}

/** Probes over `seconds` (at least one round); the first failure, if any. */
export async function soak(
  d: Deployment,
  browsers: BrowserPool,
  seconds: number,
): Promise<ProbeResult | undefined> {
  const end = Date.now() + seconds * 1000;
  do {
    const failed = await probeOnce(d, browsers);
    if (failed) return failed;
    if (Date.now() >= end) break;
    await new Promise((r) =>
      setTimeout(r, Math.min(d.config.soakPauseSeconds * 1000, Math.max(0, end - Date.now()))),
    );
  } while (Date.now() < end);
  return undefined;
}

export async function userCount(d: Deployment): Promise<number | undefined> {
  const samples = await fetchMetrics(targetNetwork(d.target), d.target.canisterId).catch(
    () => undefined,
  );
  return samples ? metric(samples, 'internet_identity_user_count') : undefined;
}

/**
 * Puts `previous` back: an upgrade to that release (state kept: anchors created meanwhile
 * survive), and only when that cannot restore service, the snapshot taken before. Re-probes.
 */
export async function rollBack(
  d: Deployment,
  agent: HttpAgent,
  browsers: BrowserPool,
  previous: Running,
  snapshotId?: Uint8Array,
): Promise<'upgrade' | 'snapshot'> {
  const r = d.reporter;
  const name = d.target.name;
  if (previous.release && previous.moduleHash) {
    try {
      await r.step(name, 'rollback-upgrade', async () => {
        await upgrade(d, agent, readRelease(d.config.releases, previous.release!.version).wasm);
        await waitForHash(d, agent, previous.moduleHash!);
        const failed = await probeOnce(d, browsers);
        if (failed)
          throw new DeployError(
            'II_ERR_DEPLOY_ROLLBACK',
            `after the rollback upgrade ${failed.flow} still fails: ${failed.reason}`,
          );
      });
      return 'upgrade';
    } catch (e) {
      if (!snapshotId) throw e;
    }
  }
  if (!snapshotId)
    throw new DeployError(
      'II_ERR_DEPLOY_ROLLBACK',
      'the previous module is not a known release and there is no snapshot',
    );
  await r.step(name, 'rollback-snapshot', async () => {
    const ic = management(agent);
    const canisterId = Principal.fromText(d.target.canisterId);
    await ic.stopCanister(canisterId);
    try {
      await ic.loadCanisterSnapshot({ canisterId, snapshotId });
    } finally {
      await ic.startCanister(canisterId);
    }
    if (previous.moduleHash) await waitForHash(d, agent, previous.moduleHash);
    const failed = await probeOnce(d, browsers);
    if (failed)
      throw new DeployError(
        'II_ERR_DEPLOY_ROLLBACK',
        `after loading the snapshot ${failed.flow} still fails: ${failed.reason}`,
      );
  });
  return 'snapshot';
}

export { BrowserPool };

export interface Red {
  reason: string;
  detail: string;
}

/**
 * The `probe` step: probes over `seconds` and, given the user count before, checks it did not
 * drop. Recorded as a failed step when red; returns what was red, or undefined when green.
 */
export async function probeStep(
  d: Deployment,
  browsers: BrowserPool,
  seconds: number,
  usersBefore?: number,
): Promise<Red | undefined> {
  let red: Red | undefined;
  await d.reporter
    .step(d.target.name, 'probe', async () => {
      const failed = seconds > 0 ? await soak(d, browsers, seconds) : await probeOnce(d, browsers);
      if (failed)
        red = {
          reason: failed.reason ?? 'assertion',
          detail: `${failed.flow} on ${failed.hostname}: ${failed.detail}`,
        };
      else if (usersBefore !== undefined) {
        const after = await userCount(d);
        if (after === undefined || after < usersBefore)
          red = {
            reason: 'metrics',
            detail: `internet_identity_user_count went from ${usersBefore} to ${after}`,
          };
      }
      if (red) throw new DeployError('II_ERR_DEPLOY_RED', `${red.reason}: ${red.detail}`);
    })
    .catch((e: unknown) => {
      if (!red) throw e;
    });
  return red;
}

export interface Rollout {
  action: 'canary' | 'promote';
  release: Release;
  before: Running;
  snapshotId: Uint8Array;
  /** 0: probe once; more: probe over a soak window of that many seconds. */
  soakSeconds: number;
  /** The user count before, when the metrics must show it did not drop. */
  usersBefore?: number;
}

export interface RolledBack extends Red {
  how: 'upgrade' | 'snapshot';
}

/**
 * The heart of canary and promote: upgrade, wait for the certified hash, probe. Each outcome goes
 * to the ledger; green is reported as released. Red (after the upgrade) → rolled back and returned;
 * a failed upgrade is recorded red and thrown, since nothing changed that needs rolling back.
 */
export async function upgradeAndProbe(
  d: Deployment,
  agent: HttpAgent,
  o: Rollout,
): Promise<RolledBack | undefined> {
  const { manifest } = o.release;
  const record = (verdict: 'green' | 'red', reason?: string, detail?: string) =>
    d.ledger.record({
      target: d.target.name,
      action: o.action,
      version: manifest.version,
      previous: o.before.release?.version,
      wasmSha256: manifest.wasmSha256,
      verdict,
      reason,
      detail,
    });
  try {
    await d.reporter.step(d.target.name, 'upgrade', () => upgrade(d, agent, o.release.wasm));
  } catch (e) {
    record('red', 'upgrade', (e as Error).message);
    throw e;
  }
  const browsers = new BrowserPool();
  try {
    await d.reporter.step(d.target.name, 'wait-hash', () =>
      waitForHash(d, agent, manifest.wasmSha256),
    );
    const red = await probeStep(d, browsers, o.soakSeconds, o.usersBefore);
    if (!red) {
      record('green');
      await d.reporter.released(d.target.name, manifest.version, manifest.wasmSha256);
      return undefined;
    }
    record('red', red.reason, red.detail);
    return { ...red, how: await rollBack(d, agent, browsers, o.before, o.snapshotId) };
  } finally {
    await browsers.close();
  }
}
