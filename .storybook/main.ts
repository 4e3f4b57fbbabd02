import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { StorybookConfig } from '@storybook/react-vite'
import { mergeConfig } from 'vite'

const root = new URL('../', import.meta.url)

/**
 * `copilot-analytics/*` → this package's own `dist/` files, as its `exports` say: Node resolves a package's own
 * name from inside it (so the addon's preset loads like a user's would), Vite does not. Run `npm run build` first.
 */
const selfReference = () => {
  const { name, exports } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
    name: string
    exports: Record<string, string | { import: { default: string } }>
  }
  return Object.entries(exports)
    .filter(([subpath, target]) => typeof target === 'object' && subpath !== './package.json')
    .map(([subpath, target]) => ({
      find: new RegExp(`^${name}${subpath.slice(1).replaceAll('/', '\\/')}$`),
      replacement: fileURLToPath(new URL((target as { import: { default: string } }).import.default, root)),
    }))
}

const isKit = (id: string) => id === 'copilot-analytics' || id.startsWith('copilot-analytics/')

/** Storybook for the instrumented example widgets, with the kit's own addon listed as a user lists it. */
const config: StorybookConfig = {
  framework: {
    name: '@storybook/react-vite',
    // the root vite.config.ts builds the library (lib mode); stories need a plain app build
    options: { builder: { viteConfigPath: fileURLToPath(new URL('./vite.config.ts', import.meta.url)) } },
  },
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs', '@storybook/addon-vitest', 'copilot-analytics/storybook'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  viteFinal: (config) =>
    mergeConfig(config, {
      resolve: { alias: selfReference() },
      plugins: [
        {
          // the kit is served straight from dist/, never pre-bundled: a pre-bundled copy would outlive `npm run build`
          name: 'copilot-analytics:serve-dist',
          enforce: 'post',
          config(final: { optimizeDeps?: { include?: string[] } }) {
            const include = final.optimizeDeps?.include
            if (include) final.optimizeDeps = { ...final.optimizeDeps, include: include.filter((id) => !isKit(id)) }
          },
        },
      ],
    }),
}

export default config
