// Builds the Internet Identity web app into frontend/dist, which the canister build embeds
// (build options: vite.static-build.ts). II_FLAVOR=test builds the test flavor's page into
// frontend/dist-test instead (src/flavor.ts).
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';
import { staticBuild } from './vite.static-build.js';

const flavor = process.env.II_FLAVOR || 'production';
if (flavor !== 'production' && flavor !== 'test')
  throw new Error(`II_FLAVOR must be production or test, not ${flavor}`);

export default defineConfig({
  plugins: [solid()],
  define: { __II_FLAVOR__: JSON.stringify(flavor) },
  build: { ...staticBuild, outDir: flavor === 'test' ? 'dist-test' : 'dist' },
});
