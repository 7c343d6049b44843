import { describe, expect, it } from 'vitest';
import { FONT_CHARS, GLYPH_HEIGHT, GLYPH_WIDTH, glyph, glyphRows } from './font.js';

describe('font', () => {
  it('has well-formed, non-empty glyphs', () => {
    for (const ch of FONT_CHARS) {
      const rows = glyphRows(ch)!;
      expect(rows, ch).toHaveLength(GLYPH_HEIGHT);
      for (const r of rows) expect(r, ch).toMatch(new RegExp(`^[.#]{${GLYPH_WIDTH}}$`));
      const ink = glyph(ch).reduce((s, b) => s + b, 0);
      expect(ink, ch).toBeGreaterThan(4);
    }
  });

  it('draws every character differently', () => {
    const seen = new Map<string, string>();
    for (const ch of FONT_CHARS) {
      const key = glyphRows(ch)!.join('/');
      expect(seen.get(key), `${ch} looks like ${seen.get(key)}`).toBeUndefined();
      seen.set(key, ch);
    }
  });

  it('uses rows 7–8 only for descenders', () => {
    const descenders = FONT_CHARS.filter((ch) =>
      glyphRows(ch)!
        .slice(7)
        .some((r) => r.includes('#')),
    );
    expect(descenders.sort()).toEqual(['g', 'p', 'y']);
  });

  it('throws for a character it does not have', () => {
    expect(() => glyph('0')).toThrow(/no glyph/);
    expect(() => glyph('O')).toThrow(/no glyph/);
  });
});
