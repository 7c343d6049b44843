// ESLint rule: a relative import must stay inside the package (the folder with the nearest
// package.json) of the file that makes it. Another package is reached by its name and its
// `exports` (e.g. `@ii/localnet/testing`), never by a path into its files.
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const roots = new Map();

/** The nearest folder at or above `dir` that holds a package.json. */
function packageRoot(dir) {
  if (roots.has(dir)) return roots.get(dir);
  const root =
    existsSync(join(dir, 'package.json')) || dirname(dir) === dir ? dir : packageRoot(dirname(dir));
  roots.set(dir, root);
  return root;
}

export const noCrossPackageImports = {
  meta: {
    type: 'problem',
    docs: { description: 'refuse relative imports that reach into another package' },
    messages: {
      cross:
        "'{{source}}' reaches into {{target}}: import it through that package's name and exports",
    },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const own = packageRoot(dirname(file));
    const check = (node) => {
      const source = node.source && node.source.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = resolve(dirname(file), source);
      const targetRoot = packageRoot(dirname(target));
      if (targetRoot !== own) {
        context.report({
          node: node.source,
          messageId: 'cross',
          data: { source, target: relative(process.cwd(), targetRoot) || 'the root package' },
        });
      }
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { rules: { 'no-cross-package-imports': noCrossPackageImports } };
