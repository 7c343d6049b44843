import { afterEach, describe, expect, it } from 'vitest';
import { build } from './build.js';

const saved = { ...process.env };
afterEach(() => {
  for (const k of ['II_CANISTER', 'II_DIST_DIR', 'II_FAULT']) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

describe('build refuses what must not be built', () => {
  it('the benchmark variant (with bench_fill) never goes to dist/', () => {
    process.env.II_CANISTER = 'internet_identity_bench';
    delete process.env.II_DIST_DIR;
    expect(() => build()).toThrow(/benchmark build: set II_DIST_DIR/);
    process.env.II_DIST_DIR = 'dist';
    expect(() => build()).toThrow(/benchmark build/);
  });

  it('a fault build (tests only) never goes to dist/, and an unknown fault is refused', () => {
    delete process.env.II_CANISTER;
    delete process.env.II_DIST_DIR;
    process.env.II_FAULT = 'csp-api-host';
    expect(() => build()).toThrow(/II_FAULT=csp-api-host is a test-only build/);
    process.env.II_DIST_DIR = 'dist-x';
    process.env.II_FAULT = 'no-such-fault';
    expect(() => build()).toThrow(/II_FAULT must be one of csp-api-host, /);
  });

  it('an unknown canister name is refused', () => {
    process.env.II_CANISTER = 'something_else';
    expect(() => build()).toThrow(/II_CANISTER must be one of internet_identity, /);
  });
});
