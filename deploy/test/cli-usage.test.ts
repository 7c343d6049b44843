// Mistakes on the command line are refused before any config, network or canister is touched, with
// the exit code scripts rely on (2) and one line saying what is wrong.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { deploy } from './cli.js';

const CONFIG = fileURLToPath(new URL('../config/local.yaml', import.meta.url));

describe('ii-deploy command-line mistakes', () => {
  it('refuses a soak that is not a number of seconds', async () => {
    for (const soak of ['abc', '-5', 'Infinity']) {
      const r = await deploy(['canary', '--config', CONFIG, '--release', '1.0.0', '--soak', soak]);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`--soak takes a number of seconds (0 or more), not ${soak}`);
    }
  });

  it('refuses --skip-canary that nobody confirmed (no terminal, no --yes)', async () => {
    const r = await deploy(['promote', '--config', CONFIG, '--release', '1.0.0', '--skip-canary']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--skip-canary was not confirmed');
  });

  it('refuses a config that cannot be read, an unknown option and a missing required one', async () => {
    const missing = await deploy(['status', '--config', `${CONFIG}.missing`]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('cannot read');
    expect((await deploy(['status', '--config', CONFIG, '--force'])).code).toBe(2);
    expect((await deploy(['canary', '--release', '1.0.0'])).code).toBe(2);
  });
});
