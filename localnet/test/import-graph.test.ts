// The shape of localnet/src's import graph, checked on every test run (and so in CI):
// - no import cycle, type-only imports included: a module's dependencies can be read without
//   reading the module back; a new cycle fails with its path;
// - no module of the package's code imports test-only code (src/testing/, test-support files),
//   which the dist build leaves out.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** File → the files it imports (relative `./x.js` specifiers, resolved to `./x.ts`). */
function importGraph(dir: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(dir)) {
    // Static imports and re-exports (`import type` too) and literal dynamic import() calls.
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles
      .map((i) => i.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => resolve(dirname(file), name.replace(/\.js$/, '.ts')))
      .filter((target) => existsSync(target));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Every cycle as a path `[a, b, …, a]`: one per strongly connected component (Tarjan). */
function findCycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)?.includes(v)) components.push(component);
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  // A concrete cycle through each component: breadth-first from its first member back to it.
  return components.map((component) => {
    const members = new Set(component);
    const start = [...component].sort()[0]!;
    const previous = new Map<string, string>();
    const queue = [start];
    while (queue.length > 0) {
      const v = queue.shift()!;
      for (const w of graph.get(v) ?? []) {
        if (w === start) {
          const path = [v];
          while (path[0] !== start) path.unshift(previous.get(path[0]!)!);
          return [...path, start];
        }
        if (members.has(w) && !previous.has(w)) {
          previous.set(w, v);
          queue.push(w);
        }
      }
    }
    return component;
  });
}

/** Test-only code: tests, their helpers, and the ./testing face with what is behind it. */
const isTestOnly = (file: string): boolean => {
  const path = relative(SRC, file);
  return (
    /(^|\/)(test-support|[^/]+\.test-support|[^/]+\.test)\.ts$/.test(path) ||
    path === 'testing.ts' ||
    path.startsWith('testing/')
  );
};

describe('import cycles', () => {
  it('finds a cycle, type-only or not, and names its path', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
      ['e', ['e']],
    ]);
    expect(findCycles(graph)).toEqual([
      ['a', 'b', 'c', 'a'],
      ['e', 'e'],
    ]);
    expect(findCycles(new Map([['a', ['b']]]))).toEqual([]);
  });

  it('has none in localnet/src', () => {
    const graph = importGraph(SRC);
    expect(graph.size).toBeGreaterThan(100);
    // Sanity: the graph sees type-only imports (management.ts imports ManagementHost as a type).
    expect(graph.get(join(SRC, 'replica', 'management.ts'))).toContain(
      join(SRC, 'replica', 'management-host.ts'),
    );
    const cycles = findCycles(graph).map((cycle) =>
      cycle.map((file) => relative(SRC, file)).join(' → '),
    );
    expect(cycles).toEqual([]);
  });
});

describe('test-only code', () => {
  it('is imported by tests and test helpers only', () => {
    const graph = importGraph(SRC);
    expect(isTestOnly(join(SRC, 'testing', 'fixtures.ts'))).toBe(true);
    expect(isTestOnly(join(SRC, 'auth', 'test-support.ts'))).toBe(true);
    expect(isTestOnly(join(SRC, 'replica', 'replica.ts'))).toBe(false);
    const leaks = [...graph].flatMap(([file, targets]) =>
      isTestOnly(file)
        ? []
        : targets
            .filter(isTestOnly)
            .map((target) => `${relative(SRC, file)} → ${relative(SRC, target)}`),
    );
    expect(leaks).toEqual([]);
  });
});
