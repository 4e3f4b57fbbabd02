import { builtinModules } from 'node:module'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import pkg from './package.json' with { type: 'json' }

/** Each public entry point: output name → source. A "use client" directive in a source entry is kept in its output. */
export const entries = {
  index: 'src/index.ts',
  core: 'src/core/index.ts',
  redact: 'src/core/redact.ts',
  destinations: 'src/core/destinations/index.ts',
  'ai-sdk': 'src/ai-sdk/index.ts',
  'ai-sdk-server': 'src/ai-sdk/server.ts',
  server: 'src/server/index.ts',
  devtools: 'src/devtools/index.ts',
  testing: 'src/testing/index.ts',
  'testing-vitest': 'src/testing/vitest.ts',
  collector: 'src/collector/index.ts',
  cli: 'src/collector/cli.ts',
  'storybook-preset': 'src/storybook/preset.ts',
  'storybook-manager': 'src/storybook/manager.tsx',
  'storybook-annotations': 'src/storybook/annotations.ts',
  'storybook-test': 'src/storybook/test.ts',
} as const

const external = [...Object.keys(pkg.peerDependencies ?? {}), ...Object.keys(pkg.dependencies ?? {}), ...builtinModules]
const isExternal = (id: string) =>
  id.startsWith('node:') || external.some((name) => id === name || id.startsWith(`${name}/`))

export default defineConfig({
  plugins: [react()],
  build: {
    target: 'es2022',
    minify: false,
    sourcemap: true,
    emptyOutDir: true,
    lib: {
      entry: entries,
      formats: ['es', 'cjs'],
      fileName: (format, name) => `${name}.${format === 'es' ? 'js' : 'cjs'}`,
    },
    rollupOptions: {
      external: isExternal,
      // the bin (`copilot-analytics collector`) is run directly by node
      output: {
        banner: (chunk) => (chunk.isEntry && chunk.name === 'cli' ? '#!/usr/bin/env node' : ''),
        // the spec's rules in a chunk of their own: the pipeline imports them in production, where the spec table's
        // prose (its own chunk, reached only by the development validator) must be dropped by the app's bundler
        codeSplitting: { groups: [{ name: 'rules', test: /src[\\/]spec[\\/]rules\.ts$/ }] },
      },
    },
  },
})
