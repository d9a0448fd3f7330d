import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

/**
 * The editor is built from `editor/` into `dist/editor`, which the server serves
 * on the same port as the API and the sync endpoint (contract P1). In `npm run dev`
 * the sync server runs on 1234 and Vite proxies `/api` and `/sync` to it.
 */
export default defineConfig({
  root: 'editor',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/editor',
    emptyOutDir: true,
    sourcemap: true,
    // The first screen needs about 75 kB (gzip). The proposal page's chunk
    // (Tiptap, ProseMirror, Yjs: ~540 kB, ~170 kB gzip) loads only when a
    // proposal is opened, so Vite's 500 kB warning says nothing useful here.
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:1234',
      '/healthz': 'http://127.0.0.1:1234',
      '/sync': { target: 'ws://127.0.0.1:1234', ws: true },
    },
  },
})
