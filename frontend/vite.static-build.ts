// The Vite build options both canister-served pages share (the II app here and the test dapp's
// page): everything same-origin (no CDN), names that depend only on content, so builds are
// reproducible and a module hash covers the exact bytes, and nothing inline, because the served
// CSP forbids inline scripts and styles (Vite emits one external module script and one stylesheet).
import type { BuildOptions } from 'vite';

export const staticBuild: BuildOptions = {
  outDir: 'dist',
  emptyOutDir: true,
  target: 'es2022',
  sourcemap: false,
  // No inlined data: assets, no modulepreload polyfill (it would be code we do not need).
  assetsInlineLimit: 0,
  modulePreload: false,
  cssCodeSplit: false,
  rollupOptions: {
    output: {
      entryFileNames: 'assets/[name]-[hash].js',
      chunkFileNames: 'assets/[name]-[hash].js',
      assetFileNames: 'assets/[name]-[hash][extname]',
    },
  },
};
