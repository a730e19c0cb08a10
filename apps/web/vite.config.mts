import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompressAssets } from './precompress.mts';

// Built by `npm run build` into dist/web, which the API serves at `/`. In development,
// `npx vite --config apps/web/vite.config.mts` serves the app with hot reload and proxies the
// API's routes to a running `npm start` (API_ORIGIN, default http://127.0.0.1:3000).
const root = new URL('.', import.meta.url).pathname;
const apiOrigin = globalThis.process?.env.API_ORIGIN ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), precompressAssets()],
  build: {
    outDir: new URL('../../dist/web', import.meta.url).pathname,
    emptyOutDir: true,
    // Every JavaScript file is loaded from /assets with a hashed name: the CSP allows no inline script.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: true,
    // .vite/manifest.json: which chunks each screen loads, read by the benchmark (bench/scenarios/web-dashboard.ts); not served
    manifest: true,
  },
  server: {
    proxy: Object.fromEntries(['/api', '/auth', '/actions', '/health'].map((prefix) => [prefix, apiOrigin])),
  },
});
