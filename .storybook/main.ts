import { fileURLToPath } from 'node:url'
import type { StorybookConfig } from '@storybook/react-vite'

/** Storybook for the instrumented example widgets: set up by hand, with our own Analytics events panel. */
const config: StorybookConfig = {
  framework: {
    name: '@storybook/react-vite',
    // the root vite.config.ts builds the library (lib mode); stories need a plain app build
    options: { builder: { viteConfigPath: fileURLToPath(new URL('./vite.config.ts', import.meta.url)) } },
  },
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.@(ts|tsx)'],
  addons: [
    '@storybook/addon-docs',
    '@storybook/addon-vitest',
    fileURLToPath(new URL('./addon/preset.ts', import.meta.url)),
  ],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
}

export default config
