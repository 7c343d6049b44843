// A small bitmap font drawn for this project: every glyph is 5 columns × 9 rows.
// Rows 0–6 hold capitals and digits, lowercase letters use rows 2–6 for the x-height
// (ascenders start at row 0) and rows 7–8 for descenders, so one shared top edge keeps
// the characters on a common baseline.
//
// The font draws more than a challenge shows: charset.ts picks the unambiguous subset
// (one case per letter, no look-alikes). Not drawn at all: 0 O 1 I J j Q q 2 5 6 9 B G
// (they read as other characters) and K M U V (their lowercase is drawn).

export const GLYPH_WIDTH = 5;
export const GLYPH_HEIGHT = 9;

const _ = '.....';

// prettier-ignore
const GLYPH_ROWS: Readonly<Record<string, readonly string[]>> = {
  a: [_, _, '.###.', '....#', '.####', '#...#', '.####', _, _],
  b: ['#....', '#....', '####.', '#...#', '#...#', '#...#', '####.', _, _],
  c: [_, _, '.####', '#....', '#....', '#....', '.####', _, _],
  d: ['....#', '....#', '.####', '#...#', '#...#', '#...#', '.####', _, _],
  e: [_, _, '.###.', '#...#', '#####', '#....', '.####', _, _],
  f: ['..##.', '.#...', '####.', '.#...', '.#...', '.#...', '.#...', _, _],
  g: [_, _, '.####', '#...#', '#...#', '#...#', '.####', '....#', '.###.'],
  h: ['#....', '#....', '####.', '#...#', '#...#', '#...#', '#...#', _, _],
  i: ['..#..', _, '.##..', '..#..', '..#..', '..#..', '.###.', _, _],
  k: ['#....', '#....', '#..#.', '#.#..', '##...', '#.#..', '#..#.', _, _],
  m: [_, _, '##.#.', '#.#.#', '#.#.#', '#.#.#', '#.#.#', _, _],
  n: [_, _, '####.', '#...#', '#...#', '#...#', '#...#', _, _],
  p: [_, _, '####.', '#...#', '#...#', '#...#', '####.', '#....', '#....'],
  r: [_, _, '#.##.', '##..#', '#....', '#....', '#....', _, _],
  s: [_, _, '.####', '#....', '.###.', '....#', '####.', _, _],
  t: ['.#...', '.#...', '####.', '.#...', '.#...', '.#..#', '..##.', _, _],
  u: [_, _, '#...#', '#...#', '#...#', '#..##', '.##.#', _, _],
  v: [_, _, '#...#', '#...#', '#...#', '.#.#.', '..#..', _, _],
  w: [_, _, '#...#', '#...#', '#.#.#', '#.#.#', '.#.#.', _, _],
  x: [_, _, '#...#', '.#.#.', '..#..', '.#.#.', '#...#', _, _],
  y: [_, _, '#...#', '#...#', '#...#', '#...#', '.####', '....#', '.###.'],
  z: [_, _, '#####', '...#.', '..#..', '.#...', '#####', _, _],
  A: ['.###.', '#...#', '#...#', '#####', '#...#', '#...#', '#...#', _, _],
  D: ['####.', '#...#', '#...#', '#...#', '#...#', '#...#', '####.', _, _],
  E: ['#####', '#....', '#....', '####.', '#....', '#....', '#####', _, _],
  F: ['#####', '#....', '#....', '####.', '#....', '#....', '#....', _, _],
  H: ['#...#', '#...#', '#...#', '#####', '#...#', '#...#', '#...#', _, _],
  L: ['#....', '#....', '#....', '#....', '#....', '#....', '#####', _, _],
  N: ['#...#', '##..#', '#.#.#', '#..##', '#...#', '#...#', '#...#', _, _],
  R: ['####.', '#...#', '#...#', '####.', '#.#..', '#..#.', '#...#', _, _],
  T: ['#####', '..#..', '..#..', '..#..', '..#..', '..#..', '..#..', _, _],
  '3': ['####.', '....#', '....#', '.###.', '....#', '....#', '####.', _, _],
  '4': ['...#.', '..##.', '.#.#.', '#..#.', '#####', '...#.', '...#.', _, _],
  '7': ['#####', '....#', '...#.', '..#..', '.#...', '.#...', '.#...', _, _],
  '8': ['.###.', '#...#', '#...#', '.###.', '#...#', '#...#', '.###.', _, _],
};

/** A glyph as a row-major bitmap of GLYPH_WIDTH × GLYPH_HEIGHT cells, 1 = ink. */
export type Glyph = Uint8Array;

// Parsed once at module load so rendering only does array lookups.
const GLYPHS: ReadonlyMap<string, Glyph> = new Map(
  Object.entries(GLYPH_ROWS).map(([ch, rows]) => {
    const bits = new Uint8Array(GLYPH_WIDTH * GLYPH_HEIGHT);
    rows.forEach((row, y) => {
      for (let x = 0; x < GLYPH_WIDTH; x++) bits[y * GLYPH_WIDTH + x] = row[x] === '#' ? 1 : 0;
    });
    return [ch, bits];
  }),
);

/** Every character the font can draw, in a fixed order. */
export const FONT_CHARS: readonly string[] = [...GLYPHS.keys()];

/** The glyph of `ch`; throws for a character the font does not have. */
export function glyph(ch: string): Glyph {
  const g = GLYPHS.get(ch);
  if (g === undefined) throw new Error(`captcha font has no glyph for ${JSON.stringify(ch)}`);
  return g;
}

/** The raw row strings (for tests and debugging). */
export function glyphRows(ch: string): readonly string[] | undefined {
  return GLYPH_ROWS[ch];
}
