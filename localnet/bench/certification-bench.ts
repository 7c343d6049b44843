/**
 * Certification cost as request statuses accumulate: insert one request status, take the root
 * hash, build its witness and certify (BLS-sign) it, at 0, 1k, 10k and 100k stored statuses.
 * Also raw BLS sign/verify. Run: npx tsx bench/certification-bench.ts
 */
import { randomBytes } from 'node:crypto';
import { Certifier } from '../src/certification/certifier.js';
import { blsVerify } from '../src/certification/bls-key.js';
import { encodeLeb128 } from '../src/certification/leb128.js';
import { StateTree } from '../src/certification/state-tree.js';
import { STATE_ROOT_DOMAIN_SEPARATOR } from '../src/certification/certifier.js';

const te = new TextEncoder();
const REPLIED = te.encode('replied');
const SAMPLES = 40;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function addStatus(tree: StateTree, rid: Uint8Array): void {
  tree.set(['request_status', rid, 'status'], REPLIED);
  tree.set(['request_status', rid, 'reply'], rid);
}

const certifier = Certifier.fromSeed(new Uint8Array(32).fill(1));
const tree = new StateTree();
tree.set(['time'], encodeLeb128(BigInt(Date.now()) * 1_000_000n));

const rows: string[][] = [];
let stored = 0;
for (const target of [0, 1_000, 10_000, 100_000]) {
  const fillStart = performance.now();
  while (stored < target) {
    addStatus(tree, randomBytes(32));
    stored++;
  }
  const fillMs = performance.now() - fillStart;
  const insert: number[] = [];
  const witness: number[] = [];
  const certify: number[] = [];
  const total: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const rid = randomBytes(32);
    const t0 = performance.now();
    addStatus(tree, rid);
    tree.set(['time'], encodeLeb128(BigInt(Date.now()) * 1_000_000n + BigInt(i)));
    tree.rootHash();
    const t1 = performance.now();
    tree.witness([['request_status', rid], ['time']]);
    const t2 = performance.now();
    certifier.certify(tree, [['request_status', rid]]); // re-witnesses, then BLS-signs the new root
    const t3 = performance.now();
    insert.push(t1 - t0);
    witness.push(t2 - t1);
    certify.push(t3 - t2);
    total.push(t3 - t0);
    tree.delete(['request_status', rid]); // keep the size at `target`
  }
  rows.push([
    String(target),
    median(insert).toFixed(3),
    median(witness).toFixed(3),
    median(certify).toFixed(2),
    median(total).toFixed(2),
    target ? ((fillMs * 1000) / target).toFixed(1) : '-',
  ]);
}

// The same certificate again: served from the signature cache.
const cachedStart = performance.now();
for (let i = 0; i < 100; i++) certifier.certify(tree, [['time']]);
const cachedMs = (performance.now() - cachedStart) / 100;

const message = Buffer.concat([STATE_ROOT_DOMAIN_SEPARATOR, tree.rootHash()]);
const sign: number[] = [];
const verify: number[] = [];
for (let i = 0; i < 20; i++) {
  const m = Buffer.concat([message, Buffer.of(i)]);
  const t0 = performance.now();
  const sig = certifier.rootKey.sign(m);
  const t1 = performance.now();
  if (!blsVerify(certifier.rootKey.publicKey, sig, m)) throw new Error('BLS verification failed');
  verify.push(performance.now() - t1);
  sign.push(t1 - t0);
}

const header = [
  'stored statuses',
  'insert+root ms',
  'witness ms',
  'certify ms',
  'total ms',
  'fill µs/status',
];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r: string[]) => r.map((c, i) => c.padStart(widths[i])).join(' | ');
console.log(`median of ${SAMPLES} samples per size`);
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const r of rows) console.log(line(r));
console.log(`certify, cached signature: ${cachedMs.toFixed(3)} ms`);
console.log(
  `BLS sign: ${median(sign).toFixed(2)} ms, BLS verify: ${median(verify).toFixed(2)} ms (median of 20)`,
);
