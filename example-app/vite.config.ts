import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))

/**
 * The chat client. It imports the kit from the repository's source (no library build needed), and in
 * `vite dev` forwards the API, collector and insights routes to the example server on :3000.
 */
export default defineConfig({
  root: here('.'),
  plugins: [react()],
  resolve: {
    alias: [
      { find: /^copilot-analytics\/ai-sdk$/, replacement: here('../src/ai-sdk/index.ts') },
      { find: /^copilot-analytics\/devtools$/, replacement: here('../src/devtools/index.ts') },
      { find: /^copilot-analytics$/, replacement: here('../src/index.ts') },
    ],
  },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1000,
  },
  server: {
    // the example server answers only its own Host and origin (DNS rebinding, cross-site reads): the dev server
    // forwards as if the browser were on 127.0.0.1:3000
    proxy: Object.fromEntries(
      ['/api', '/v1', '/insights', '/collector'].map((path) => [
        path,
        { target: 'http://127.0.0.1:3000', changeOrigin: true, headers: { origin: 'http://127.0.0.1:3000' } },
      ]),
    ),
  },
})
