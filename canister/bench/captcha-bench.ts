// Prints how long one captcha takes in Node (median of 20 after warm-up):
//   npx tsx bench/captcha-bench.ts
// Inside the canister it is far slower: its instructions are in bench/instructions-bench.ts
// (create_challenge). The canister draws 110×60 and doubles every pixel into a 2-bit PNG.
import { toBase64 } from '../src/bytes.js';
import { createChallenge } from '../src/captcha/challenge.js';
import { encodeGray2BitPng2x } from '../src/captcha/png.js';
import { renderCaptcha } from '../src/captcha/render.js';
import { NoiseRng } from '../src/captcha/rng.js';

const RUNS = 20;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function seedBytes(i: number, n: number): Uint8Array {
  return Uint8Array.from({ length: n }, (_, k) => (i * 131 + k * 17) & 0xff);
}

function time(label: string, fn: (i: number) => void): void {
  for (let i = 0; i < 5; i++) fn(1000 + i); // warm-up (JIT)
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    fn(i);
    ms.push(performance.now() - t);
  }
  console.log(`${label}: median ${median(ms).toFixed(2)} ms (min ${Math.min(...ms).toFixed(2)})`);
}

let pngBytes = 0;
time('render 110x60', (i) => void renderCaptcha('aDk3x', new NoiseRng(seedBytes(i, 16)), 110, 60));
const px = renderCaptcha('aDk3x', new NoiseRng(seedBytes(1, 16)), 110, 60);
time('png encode (2-bit, 2x, stored)', () => {
  pngBytes = encodeGray2BitPng2x(px, 110, 60).length;
});
time('render + png + base64', (i) => {
  const p = renderCaptcha('aDk3x', new NoiseRng(seedBytes(i, 16)), 110, 60);
  toBase64(encodeGray2BitPng2x(p, 110, 60));
});
time('createChallenge (all)', (i) => void createChallenge(seedBytes(i, 32), BigInt(i)));
console.log(`png size: ${pngBytes} bytes`);
