import { afterEach, describe, expect, it } from 'vitest';
import { appendCustomSection, build } from './build.js';
import { FLAVOR_SECTION } from '../src/flavor.js';

const saved = { ...process.env };
afterEach(() => {
  for (const k of ['II_CANISTER', 'II_DIST_DIR', 'II_FAULT', 'II_FLAVOR']) {
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

  it('an unknown flavor, and a flavor of another canister, are refused', () => {
    delete process.env.II_CANISTER;
    process.env.II_DIST_DIR = 'dist-x';
    process.env.II_FLAVOR = 'staging';
    expect(() => build()).toThrow(/II_FLAVOR must be one of production, test, not staging/);
    process.env.II_CANISTER = 'internet_identity_bench';
    process.env.II_FLAVOR = 'test';
    expect(() => build()).toThrow(/II_FLAVOR=test is a flavor of internet_identity only/);
  });

  it('an unknown canister name is refused', () => {
    process.env.II_CANISTER = 'something_else';
    expect(() => build()).toThrow(/II_CANISTER must be one of internet_identity, /);
  });
});

describe('appendCustomSection', () => {
  it('appends a custom section (id 0, size, name, text) after the module', () => {
    const empty = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    const wasm = appendCustomSection(empty, FLAVOR_SECTION, 'test');
    const name = [...new TextEncoder().encode(FLAVOR_SECTION)];
    const text = [...new TextEncoder().encode('test')];
    expect([...wasm]).toEqual([
      ...empty,
      0,
      1 + name.length + text.length,
      name.length,
      ...name,
      ...text,
    ]);
  });

  it('encodes a size of 128 bytes or more in several LEB128 bytes', () => {
    const wasm = appendCustomSection(new Uint8Array(), 'x', 'y'.repeat(200));
    // 1 (name length) + 1 (name) + 200 = 202 = 0xca 0x01
    expect([...wasm.subarray(0, 4)]).toEqual([0, 0xca, 0x01, 1]);
    expect(wasm.length).toBe(3 + 202);
  });
});
