// Builds the Internet Identity web app into frontend/dist, which the canister build embeds
// (build options: vite.static-build.ts).
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';
import { staticBuild } from './vite.static-build.js';

export default defineConfig({
  plugins: [solid()],
  build: staticBuild,
});
