import { describe, expect, it } from 'vitest';
import { ClientError } from './errors.js';
import { LOCAL_URL, MAINNET_URL } from './ids.js';
import { canisterHttpUrl, network } from './network.js';

describe('network', () => {
  it('names mainnet and localnet, and takes any http(s) URL', () => {
    expect(network('ic')).toEqual({ url: MAINNET_URL, mainnet: true });
    expect(network('local')).toEqual({ url: LOCAL_URL, mainnet: false });
    expect(network('http://127.0.0.1:5000/x')).toEqual({
      url: 'http://127.0.0.1:5000',
      mainnet: false,
    });
    expect(network('https://ic0.app').mainnet).toBe(true);
  });

  it('refuses what is not a network, and a root key that is not 133 bytes of hex', () => {
    expect(() => network('ftp://x')).toThrow(ClientError);
    expect(() => network('nowhere')).toThrow(/not a network/);
    expect(() => network('local', 'abcd')).toThrow(/root key/);
    expect(network('local', 'ab'.repeat(133)).rootKey).toHaveLength(133);
  });

  it("addresses a canister's HTTP interface through the gateway", () => {
    expect(canisterHttpUrl(network('ic'), 'rdmx6-jaaaa-aaaaa-aaadq-cai', '/metrics')).toBe(
      'https://rdmx6-jaaaa-aaaaa-aaadq-cai.icp0.io/metrics',
    );
    expect(canisterHttpUrl(network('local'), 'rdmx6-jaaaa-aaaaa-aaadq-cai', 'metrics')).toBe(
      `${LOCAL_URL}/metrics?canisterId=rdmx6-jaaaa-aaaaa-aaadq-cai`,
    );
  });
});
