/// <reference types="vitest/config" />
import { defineConfig, type ProxyOptions } from 'vite';

/** Where `npm run dev` sends API and socket traffic: a window-server started separately. */
const backend = process.env.MADOGUCHI_BACKEND ?? 'http://127.0.0.1:8282';

/** The server refuses state-changing requests from a foreign Origin, so the dev proxy speaks as itself. */
const sameOriginProxy: ProxyOptions = {
  target: backend,
  changeOrigin: true,
  ws: true,
  configure: (proxy) => {
    proxy.on('proxyReq', (request) => request.setHeader('origin', backend));
    proxy.on('proxyReqWs', (request) => request.setHeader('origin', backend));
  },
};

export default defineConfig({
  // window-server serves the built files under /staff/; relative URLs keep them working there.
  base: './',
  resolve: {
    // Compile @madoguchi/shared from its TypeScript source, so no shared build is needed first.
    conditions: ['source', 'module', 'browser', 'development|production'],
  },
  esbuild: {
    jsx: 'automatic',
    jsxImportSource: 'preact',
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // ≈ 434 kB (≈ 129 kB gzip) with the counter, supervisor, devices, fleet, accounts, audit and
    // partner pages and their texts in two languages (not the TV's: STAFF_TEXTS only);
    // mediasoup-client is the separate call chunk. A warning past this means the console grew again.
    chunkSizeWarningLimit: 450,
  },
  server: {
    host: '127.0.0.1',
    port: 5174,
    strictPort: true,
    // Open the console at /t/<tenant>/staff/ (e.g. http://127.0.0.1:5174/t/omura/staff/): it takes
    // its city's base from the path. Only that city's API goes to the server, not the page itself;
    // socket.io's engine path stays /socket.io/ (the namespace /t/<tenant>/staff travels inside).
    proxy: { '^/t/[^/]+/api/': sameOriginProxy, '/api': sameOriginProxy, '/socket.io': sameOriginProxy },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
