import { describe, expect, it } from 'vitest';
import { renderCaptcha } from './render.js';
import { NoiseRng } from './rng.js';

const W = 220;
const H = 120;
const seed = (b: number) => new NoiseRng(new Uint8Array(16).fill(b));
const dark = (px: Uint8Array) => px.reduce((n, v) => n + (v < 128 ? 1 : 0), 0);

describe('renderCaptcha', () => {
  it('returns one gray byte per pixel with dark text on light paper', () => {
    const px = renderCaptcha('abcde', seed(1), W, H);
    expect(px).toHaveLength(W * H);
    const d = dark(px);
    expect(d).toBeGreaterThan(W * H * 0.05);
    expect(d).toBeLessThan(W * H * 0.4);
    expect(px.reduce((n, v) => n + (v === 255 ? 1 : 0), 0)).toBeGreaterThan(W * H * 0.5);
  });

  it('is deterministic for a seed and differs between seeds and texts', () => {
    const a = renderCaptcha('ab3de', seed(1), W, H);
    expect(renderCaptcha('ab3de', seed(1), W, H)).toEqual(a);
    expect(renderCaptcha('ab3de', seed(2), W, H)).not.toEqual(a);
    expect(renderCaptcha('ab3dF', seed(1), W, H)).not.toEqual(a);
  });

  it('places each character in its own part of the image', () => {
    for (let s = 1; s <= 20; s++) {
      const px = renderCaptcha('HHHHH', seed(s), W, H, { noise: false });
      // Five equal vertical bands across the text area each hold ink.
      const left = W * 0.1;
      const band = (W * 0.8) / 5;
      for (let c = 0; c < 5; c++) {
        let ink = 0;
        for (let y = 0; y < H; y++) {
          for (let x = Math.floor(left + c * band); x < Math.floor(left + (c + 1) * band); x++) {
            if (px[y * W + x] < 128) ink++;
          }
        }
        expect(ink, `seed ${s}, char ${c}`).toBeGreaterThan(100);
      }
      // Without noise, the margins stay blank.
      for (let y = 0; y < H; y++) expect(px[y * W + 1]).toBe(255);
      for (let x = 0; x < W; x++) expect(px[x]).toBe(255);
    }
  });

  it('adds noise lines and speckles only when asked', () => {
    const clean = renderCaptcha('aaaaa', seed(3), W, H, { noise: false });
    const noisy = renderCaptcha('aaaaa', seed(3), W, H);
    expect(dark(noisy)).toBeGreaterThan(dark(clean) + W); // three lines ≥ W pixels each
  });

  it('fits a single character into the small dummy image', () => {
    const px = renderCaptcha('a', seed(4), 96, 48, { noise: false });
    expect(dark(px)).toBeGreaterThan(50);
  });

  it('refuses characters the font lacks and empty text', () => {
    expect(() => renderCaptcha('ab0de', seed(1), W, H)).toThrow(/no glyph/);
    expect(() => renderCaptcha('', seed(1), W, H)).toThrow(RangeError);
  });
});
