// Content types by file extension, for the build script. An unknown extension is an error: a
// wrong type (e.g. text/html for a user-facing JSON) would be certified and shipped.
const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
  map: 'application/json',
  txt: 'text/plain; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  ico: 'image/x-icon',
  woff: 'font/woff',
  woff2: 'font/woff2',
  wasm: 'application/wasm',
  webmanifest: 'application/manifest+json',
};

/** Extension-less files under `.well-known/` (e.g. `ii-alternative-origins`) are JSON, as in II. */
export function contentTypeFor(file: string): string | undefined {
  const name = file.split('/').pop() ?? file;
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return file.startsWith('.well-known/') ? 'application/json' : undefined;
  return TYPES[name.slice(dot + 1).toLowerCase()];
}

/** Types worth gzipping; already-compressed formats are left alone. */
export function isCompressible(contentType: string): boolean {
  return /^(text\/|application\/(json|wasm|manifest\+json)|image\/svg\+xml)/.test(contentType);
}
