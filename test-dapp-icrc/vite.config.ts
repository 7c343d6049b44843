// Builds the ICRC relying-party pages into the test dapp's frontend/dist/icrc/ (served as /icrc/
// and /icrc/redirect), which the test dapp's build embeds: test-dapp/scripts/build.ts runs this
// config after its own page. The II app's reproducible, inline-free build options.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { staticBuild } from '@ii/frontend/vite-static-build';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: '/icrc/',
  logLevel: 'warn',
  build: {
    ...staticBuild,
    outDir: here('../test-dapp/frontend/dist/icrc'),
    emptyOutDir: true,
    rollupOptions: {
      ...staticBuild.rollupOptions,
      input: { index: here('index.html'), redirect: here('redirect.html') },
    },
  },
});
