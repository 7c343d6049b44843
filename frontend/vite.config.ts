// Builds the Internet Identity web app into frontend/dist, which the canister build embeds.
// Everything is same-origin (no CDN) and names depend only on content, so builds are reproducible
// and the canister's module hash covers the exact bytes. The served CSP forbids inline scripts and
// styles: Vite emits one external module script and one stylesheet, nothing inline.
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

export default defineConfig({
  plugins: [solid()],
  build: {
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
  },
});
