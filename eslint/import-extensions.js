// ESLint rule: a relative import names its file with the extension Node's ESM resolution needs:
// `./errors.js` for `errors.ts` or `Component.tsx` (TypeScript and Vite map `.js` to the source),
// `./webauthn/index.js` for a folder, and assets (`.json`, `.css`, …) as they are. Never `.ts`.
import { existsSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.jsx'];

const isFile = (path) => existsSync(path) && statSync(path).isFile();
const isDirectory = (path) => existsSync(path) && statSync(path).isDirectory();

/** What `source` should be (resolved next to `file`), or undefined when it cannot tell. */
function suggestion(file, source) {
  const target = resolve(dirname(file), source);
  for (const ext of ['.ts', '.tsx']) if (isFile(target + ext)) return `${source}.js`;
  if (isDirectory(target)) {
    for (const index of ['index.ts', 'index.tsx'])
      if (isFile(join(target, index))) return `${source.replace(/\/$/, '')}/index.js`;
  }
  return undefined;
}

export const relativeImportExtension = {
  meta: {
    type: 'problem',
    fixable: 'code',
    docs: { description: 'require relative imports to name the file with a .js extension' },
    messages: {
      extension:
        "'{{source}}' does not name a file: write {{suggestion}} (relative imports end in .js, as Node's ESM resolution needs)",
    },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const check = (node) => {
      const literal = node.source;
      const source = literal && literal.value;
      if (typeof source !== 'string' || !(source.startsWith('./') || source.startsWith('../')))
        return;
      const ext = extname(source);
      if (['.js', '.mjs', '.cjs'].includes(ext)) return;
      // An asset named as it is (`./copy.json`, `./app.css`).
      if (!SOURCE_EXTENSIONS.includes(ext) && isFile(resolve(dirname(file), source))) return;
      const fixed = suggestion(
        file,
        SOURCE_EXTENSIONS.includes(ext) ? source.slice(0, -ext.length) : source,
      );
      context.report({
        node: literal,
        messageId: 'extension',
        data: { source, suggestion: fixed ? `'${fixed}'` : 'the file with a .js extension' },
        fix: fixed
          ? (fixer) => fixer.replaceText(literal, `${literal.raw[0]}${fixed}${literal.raw[0]}`)
          : undefined,
      });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { rules: { 'relative-import-extension': relativeImportExtension } };
