// Draws a challenge as an 8-bit grayscale bitmap: glyphs scaled, rotated and jittered
// one by one, then the whole text bent by a horizontal and a vertical sine wave (the
// same idea as II's two `Wave` filters), then crossed by noise lines and speckles so
// that a plain template match or off-the-shelf OCR does not read it directly.
// Trigonometry is precomputed per row/column: the per-pixel loops only index arrays,
// which keeps the canister's instruction count low.
import { GLYPH_HEIGHT, GLYPH_WIDTH, glyph } from './font.js';
import type { NoiseRng } from './rng.js';

export interface RenderOptions {
  /** Noise lines and speckles (default true). Off only to test the text layout. */
  noise?: boolean;
}

const WHITE = 255;

/** Returns width × height gray levels, row-major, 0 = black, 255 = white. */
export function renderCaptcha(
  chars: string,
  rng: NoiseRng,
  width: number,
  height: number,
  options: RenderOptions = {},
): Uint8Array {
  const n = chars.length;
  if (n === 0) throw new RangeError('nothing to render');
  const glyphs = [...chars].map(glyph);

  // Ink mask before the wave: 0 = paper, otherwise the gray level + 1 of the ink.
  const mask = new Uint8Array(width * height);

  // One base scale that fits the text both in height and in width.
  const base = Math.min((height * 0.62) / GLYPH_HEIGHT, (width * 0.8) / (n * (GLYPH_WIDTH + 1)));
  const advance = (width * 0.8) / n;
  let cx = (width - advance * n) / 2 + advance / 2 + rng.range(-0.05, 0.05) * advance;

  for (const g of glyphs) {
    const sx = base * rng.range(0.85, 1.0);
    const sy = base * rng.range(0.85, 1.0);
    const theta = rng.range(-0.3, 0.3);
    const cos = Math.cos(theta);
    const sin = Math.sin(theta);
    const cy = height / 2 + rng.range(-0.08, 0.08) * height;
    const ink = 1 + rng.int(0, 70); // dark, but not uniform between characters
    const gcx = GLYPH_WIDTH / 2;
    const gcy = GLYPH_HEIGHT / 2;
    const r = Math.ceil(Math.hypot(gcx * sx, gcy * sy));
    const x0 = Math.max(0, Math.floor(cx - r));
    const x1 = Math.min(width - 1, Math.ceil(cx + r));
    const y0 = Math.max(0, Math.floor(cy - r));
    const y1 = Math.min(height - 1, Math.ceil(cy + r));
    // Inverse mapping: for each pixel of the bounding box, which glyph cell covers it.
    for (let y = y0; y <= y1; y++) {
      const dy = y + 0.5 - cy;
      for (let x = x0; x <= x1; x++) {
        const dx = x + 0.5 - cx;
        const u = (dx * cos + dy * sin) / sx + gcx;
        const v = (dy * cos - dx * sin) / sy + gcy;
        if (inkAt(g, u, v)) mask[y * width + x] = ink;
      }
    }
    cx += advance * rng.range(0.92, 1.08);
  }

  // Displacement field: each row shifts sideways, each column shifts up/down.
  // Gentle enough (slope ≤ ~0.35) that strokes bend rather than break apart.
  const ampX = height * rng.range(0.015, 0.03);
  const ampY = height * rng.range(0.03, 0.05);
  const perX = height * rng.range(0.6, 1.0);
  const perY = width * rng.range(0.35, 0.6);
  const phX = rng.range(0, 2 * Math.PI);
  const phY = rng.range(0, 2 * Math.PI);
  const shiftX = new Int32Array(height);
  const shiftY = new Int32Array(width);
  for (let y = 0; y < height; y++) {
    shiftX[y] = Math.round(ampX * Math.sin((2 * Math.PI * y) / perX + phX));
  }
  for (let x = 0; x < width; x++) {
    shiftY[x] = Math.round(ampY * Math.sin((2 * Math.PI * x) / perY + phY));
  }

  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const sxRow = shiftX[y];
    for (let x = 0; x < width; x++) {
      const srcX = x + sxRow;
      const srcY = y + shiftY[x];
      let m = 0;
      if (srcX >= 0 && srcX < width && srcY >= 0 && srcY < height) m = mask[srcY * width + srcX];
      out[y * width + x] = m === 0 ? WHITE : m - 1;
    }
  }

  if (options.noise ?? true) addNoise(out, rng, width, height);
  return out;
}

function cell(g: Uint8Array, i: number, j: number): number {
  return i >= 0 && i < GLYPH_WIDTH && j >= 0 && j < GLYPH_HEIGHT ? g[j * GLYPH_WIDTH + i] : 0;
}

/**
 * Whether glyph coordinates (u, v) (cell (i, j) spans [i, i+1) × [j, j+1)) are inked:
 * inside an inked cell, or on the one-cell-wide bridge between two diagonal
 * neighbours, so that diagonal strokes stay connected once the glyph is rotated.
 */
function inkAt(g: Uint8Array, u: number, v: number): number {
  if (cell(g, Math.floor(u), Math.floor(v))) return 1;
  // The four cells whose centres surround (u, v); (a, b) is the offset from the first.
  const i = Math.floor(u - 0.5);
  const j = Math.floor(v - 0.5);
  const a = u - 0.5 - i;
  const b = v - 0.5 - j;
  if (Math.abs(a - b) <= Math.SQRT1_2 && cell(g, i, j) && cell(g, i + 1, j + 1)) return 1;
  if (Math.abs(a + b - 1) <= Math.SQRT1_2 && cell(g, i + 1, j) && cell(g, i, j + 1)) return 1;
  return 0;
}

function addNoise(out: Uint8Array, rng: NoiseRng, width: number, height: number): void {
  // Lines that wander through the text, as dark as thin strokes, so segmentation by
  // connected components does not separate the characters cleanly.
  const lines = 3;
  const thick = Math.max(1, Math.round(height / 60));
  for (let l = 0; l < lines; l++) {
    const y0 = rng.range(0.2, 0.8) * height;
    const slope = rng.range(-0.25, 0.25) * (height / width);
    const amp = rng.range(0.03, 0.12) * height;
    const per = rng.range(0.4, 1.2) * width;
    const ph = rng.range(0, 2 * Math.PI);
    const gray = rng.int(20, 110);
    for (let x = 0; x < width; x++) {
      const yc = Math.round(y0 + slope * x + amp * Math.sin((2 * Math.PI * x) / per + ph));
      for (let y = yc; y < yc + thick; y++) {
        if (y >= 0 && y < height) out[y * width + x] = gray;
      }
    }
  }
  // Sparse speckles; sparse so that the PNG still compresses.
  const speckles = Math.round(width * height * 0.03);
  for (let i = 0; i < speckles; i++) {
    out[rng.int(0, width * height)] = rng.int(60, 220);
  }
}
