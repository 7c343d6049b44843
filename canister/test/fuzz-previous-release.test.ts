// The fuzz suite catches the three defects of the previous release (built from git history):
// metadata that makes an anchor unreadable, truncated arguments accepted, and a `vec reserved`
// bomb that holds the canister and with it localnet. The same campaigns find nothing in this build
// (fuzz.test.ts runs them all).
import { describe, expect, it } from 'vitest';
import { type FuzzOptions, runFuzz } from './fuzz/harness.js';
import { releaseWasm } from './previous-release.js';

const campaign = (options: Omit<FuzzOptions, 'wasm' | 'seed'>) =>
  runFuzz({ wasm: releaseWasm(), seed: 7, stopAtFirstFinding: true, ...options });

describe('fuzz: the previous release', () => {
  it('finds an anchor made unreadable by deep metadata', async () => {
    const report = await campaign({
      methods: ['add'],
      categories: ['deep-nesting'],
      callers: ['owner'],
      inputsPerMethod: 12,
      batchSize: 4,
    });
    expect(report.findings.map((f) => f.kind)).toContain('unreadable-anchor');
  });

  it("finds truncated arguments accepted, a stranger's tentative device among them", async () => {
    const report = await campaign({
      methods: ['add_tentative_device'],
      categories: ['truncated'],
      callers: ['stranger'],
      inputsPerMethod: 40,
      batchSize: 20,
    });
    const accepted = report.findings.filter((f) => f.detail === 'a malformed input was accepted');
    expect(accepted.length).toBeGreaterThan(0);
  });

  it('finds a call that gets no answer: the vec reserved bomb', async () => {
    const report = await campaign({
      methods: ['update'],
      categories: ['bomb'],
      callers: ['owner'],
      inputsPerMethod: 1,
      callTimeoutMs: 10_000,
    });
    expect(report.findings[0]).toMatchObject({
      kind: 'no-answer',
      input: { method: 'update', category: 'bomb' },
    });
  });
});
