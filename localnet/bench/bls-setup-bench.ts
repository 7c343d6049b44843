/**
 * The first BLS12-381 operations of a fresh process, with noble's default window for the G2
 * generator (an 8-bit table built on first use) and with the 1-bit window localnet sets in
 * src/certification/bls12-381.ts (the II app and the test dapp set it too). Deriving the subnet
 * key's public key is on localnet's start-up path; the first verification is what a fresh page
 * (the authorize popup) pays for its first certificate.
 *
 *   cd localnet && npx tsx bench/bls-setup-bench.ts
 *
 * Each figure is the median over 5 fresh `node` processes.
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNS = 5;
const cwd = join(dirname(fileURLToPath(import.meta.url)), '..');

function child(setWindow: boolean, script: string, input = ''): Record<string, number | string> {
  const code = `import { bls12_381 } from '@noble/curves/bls12-381';
${setWindow ? 'bls12_381.G2.Point.BASE.precompute(1);' : ''}
const hex = (b) => Buffer.from(b).toString('hex');
const input = ${JSON.stringify(input)};
${script}`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd });
  return JSON.parse(out.toString('utf8')) as Record<string, number | string>;
}

const KEY = `const sk = bls12_381.utils.randomPrivateKey();
const msg = new Uint8Array(32).fill(7);
let t = performance.now();
const pk = bls12_381.getPublicKeyForShortSignatures(sk);
const keyMs = performance.now() - t;
const sig = bls12_381.signShortSignature(msg, sk);
console.log(JSON.stringify({ keyMs, pk: hex(pk), sig: hex(sig) }));`;

const VERIFY = `const { pk, sig } = JSON.parse(input);
const msg = new Uint8Array(32).fill(7);
const times = [];
for (let i = 0; i < 2; i++) {
  const t = performance.now();
  if (!bls12_381.verifyShortSignature(sig, msg, pk)) throw new Error('bad signature');
  times.push(performance.now() - t);
}
console.log(JSON.stringify({ firstMs: times[0], secondMs: times[1] }));`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(
  '| G2 generator window | public key (start-up) ms | first verification ms | second ms |',
);
console.log('|---|---|---|---|');
for (const setWindow of [false, true]) {
  const key: number[] = [];
  const first: number[] = [];
  const second: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const k = child(setWindow, KEY);
    key.push(k.keyMs as number);
    const v = child(setWindow, VERIFY, JSON.stringify({ pk: k.pk, sig: k.sig }));
    first.push(v.firstMs as number);
    second.push(v.secondMs as number);
  }
  const f = (xs: number[]) => median(xs).toFixed(0);
  console.log(
    `| ${setWindow ? '1-bit (set at start-up)' : '8-bit (noble default)'} | ${f(key)} | ${f(first)} | ${f(second)} |`,
  );
}
