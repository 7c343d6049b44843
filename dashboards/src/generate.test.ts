import { describe, expect, it } from 'vitest';
import { staleFiles } from './generate.js';

describe('generated/', () => {
  it('is what `npm run generate -w dashboards` writes now (rules, configs, dashboards)', () => {
    expect(staleFiles(), 'run npm run generate -w dashboards and commit').toEqual([]);
  });
});
