// Builds the dapp page into frontend/dist, which scripts/build.ts embeds in the canister, with the
// same reproducible, inline-free build options as the II app.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { staticBuild } from '@ii/frontend/vite-static-build';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  logLevel: 'warn',
  build: staticBuild,
});
