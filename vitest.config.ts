import { storybookTest } from '@storybook/addon-vitest/vitest-plugin'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'
import { collectorCommands } from './test/browser/support/collectorCommands.ts'
import { chromium } from './test/chromium.ts'

export default defineConfig({
  plugins: [react()],
  test: {
    globals: true,
    restoreMocks: true,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'jsdom',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          setupFiles: ['test/setup-dom.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          environment: 'jsdom',
          include: ['test/integration/**/*.test.{ts,tsx}'],
          setupFiles: ['test/setup-dom.ts'],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: { name: 'node', environment: 'node', include: ['test/node/**/*.test.{ts,tsx}'], testTimeout: 60_000 },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.{ts,tsx}'],
          testTimeout: 60_000,
          // collector child processes the delivery tests start, stop and kill (test/browser/support)
          browser: { ...chromium(), commands: collectorCommands },
        },
      },
      {
        extends: true,
        test: {
          name: 'types',
          include: [],
          typecheck: {
            enabled: true,
            only: true,
            include: ['test/types/**/*.test-d.{ts,tsx}', 'test/unit/**/*.test-d.{ts,tsx}'],
            tsconfig: './test/types/tsconfig.json',
          },
        },
      },
      {
        extends: true,
        // every story in stories/ runs as a test in Chromium: rendered, then driven by its play function
        plugins: [storybookTest({ configDir: '.storybook' })],
        test: { name: 'storybook', browser: chromium() },
      },
    ],
  },
})
