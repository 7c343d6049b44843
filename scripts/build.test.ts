// scripts/build.ts on a throw-away npm workspace: a build runs only when an input's content changed.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BuildTarget, buildStale, inputsDigest, isFresh } from './build.js';
import { ScriptError } from './errors.js';

let root: string;
const target: BuildTarget = { workspace: 'pkg', inputs: ['pkg/src'], output: 'pkg/dist/out.txt' };
const write = (path: string, text: string) => {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
};
const builds = () => readFileSync(join(root, 'pkg', 'builds.log'), 'utf8').split('\n').length - 1;
const quiet = { log: () => undefined };

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'build-test-'));
  write('package.json', JSON.stringify({ private: true, workspaces: ['pkg'] }));
  write('package-lock.json', '{}');
  // The build copies src/a.txt to dist/out.txt and counts its runs.
  const script =
    "const f=require('fs');f.mkdirSync('dist',{recursive:true});" +
    "f.copyFileSync('src/a.txt','dist/out.txt');f.appendFileSync('builds.log','x\\n')";
  write(
    'pkg/package.json',
    JSON.stringify({ name: 'pkg', scripts: { build: `node -e "${script}"` } }),
  );
  write('pkg/src/a.txt', 'one');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('build what changed', () => {
  it('builds once, then skips while the inputs are the same', () => {
    expect(buildStale({ root, targets: [target], ...quiet }).built).toEqual(['pkg']);
    const second = buildStale({ root, targets: [target], ...quiet });
    expect(second).toMatchObject({ built: [], fresh: ['pkg'] });
    expect(builds()).toBe(1);
  });

  it('rebuilds when an input changes, not when a test file or an output does', () => {
    buildStale({ root, targets: [target], ...quiet });
    write('pkg/src/a.test.ts', 'test');
    write('pkg/dist/other.txt', 'output');
    expect(isFresh(target, root)).toBe(true);
    write('pkg/src/a.txt', 'two');
    expect(isFresh(target, root)).toBe(false);
    buildStale({ root, targets: [target], ...quiet });
    expect(readFileSync(join(root, 'pkg/dist/out.txt'), 'utf8')).toBe('two');
    expect(builds()).toBe(2);
  });

  it('rebuilds when the lockfile changes or the output is gone', () => {
    buildStale({ root, targets: [target], ...quiet });
    const before = inputsDigest(target, root);
    write('package-lock.json', '{"changed":true}');
    expect(inputsDigest(target, root)).not.toBe(before);
    buildStale({ root, targets: [target], ...quiet });
    rmSync(join(root, 'pkg/dist'), { recursive: true });
    expect(isFresh(target, root)).toBe(false);
    buildStale({ root, targets: [target], ...quiet });
    expect(builds()).toBe(3);
  });

  it('records nothing for a failed build, so the next run tries again', () => {
    rmSync(join(root, 'pkg/src/a.txt'));
    write('pkg/src/b.txt', 'no a.txt: the copy fails');
    expect(() => buildStale({ root, targets: [target], ...quiet })).toThrow(ScriptError);
    expect(isFresh(target, root)).toBe(false);
  });
});
