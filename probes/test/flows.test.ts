// Every flow green against II at the production id on its production hostnames, and against a
// clone at another id on its own hostname, with the real frontend, real Chromium and localnet.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeResult } from '../src/result.js';
import { probe } from './cli.js';
import { type World, startWorld } from './world.js';

let world: World;
beforeAll(async () => {
  world = await startWorld({ clone: true });
});
afterAll(async () => world?.stop());

const results = (lines: string[]) => lines.map((l) => JSON.parse(l) as ProbeResult);

describe('ii-probe against a healthy deployment', () => {
  it('enrolls the probe on each target (a new anchor where the captcha is off)', async () => {
    for (const target of ['production', 'canary']) {
      const r = await probe(['enroll', '--config', world.configPath, '--target', target, '--json']);
      expect(r.code, r.err).toBe(0);
      expect(JSON.parse(r.out[0]!)).toMatchObject({
        target,
        anchor: expect.stringMatching(/^\d+$/),
      });
    }
  });

  it('runs every flow green on identity.ic0.app and identity.internetcomputer.org', async () => {
    const r = await probe([
      'run',
      '--config',
      world.configPath,
      '--target',
      'production',
      '--json',
    ]);
    const all = results(r.out);
    expect(
      all.filter((x) => !x.success),
      r.err,
    ).toEqual([]);
    expect(r.code).toBe(0);
    const seen = all.map((x) => `${x.flow} ${x.hostname}`).sort();
    expect(seen).toEqual(
      [
        `api ${new URL(world.net.url).host}`,
        'login identity.ic0.app',
        'login identity.internetcomputer.org',
        'page identity.ic0.app',
        'page identity.internetcomputer.org',
        'register identity.ic0.app',
        'register identity.internetcomputer.org',
      ].sort(),
    );
    for (const x of all) expect(x.steps.length).toBeGreaterThan(0);
  });

  it('runs every flow green against the clone at its own id and hostname', async () => {
    const r = await probe(['run', '--config', world.configPath, '--target', 'canary', '--json']);
    expect(
      results(r.out).filter((x) => !x.success),
      r.err,
    ).toEqual([]);
    expect(r.code).toBe(0);
  });
});
