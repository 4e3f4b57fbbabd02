/**
 * copilot-analytics/storybook: the Storybook 10 addon's preset. List it in `.storybook/main`:
 * `addons: ['copilot-analytics/storybook']`. It adds the Analytics events panel to the manager and the
 * decorator, loader and controls to every story.
 */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

// __dirname in the CommonJS build (where import.meta is empty), the module's own URL in the ESM one
const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url))
const ANNOTATIONS = 'copilot-analytics/storybook/annotations'

/** The manager entry: registers the Analytics events panel. */
export const managerEntries = (entries: string[] = []): string[] => [...entries, join(here, 'storybook-manager.js')]

/**
 * The preview annotations, imported by package name (not by path) so that the bundler sees the same copy of the
 * kit as the stories' own `import … from 'copilot-analytics'`: one React context, one provider.
 */
export const previewAnnotations = (
  entries: (string | { bare: string; absolute: string })[] = [],
): (string | { bare: string; absolute: string })[] => [...entries, { bare: ANNOTATIONS, absolute: '' }]

/**
 * Vite pre-bundles the kit's entries together (the dev server and the Vitest addon then do not reload to add them),
 * and React as its own entry, so the pre-bundled kit imports the app's React instead of carrying a copy.
 */
export const optimizeViteDeps = (deps: string[] = []): string[] => [
  ...deps,
  'react',
  'react/jsx-runtime',
  'copilot-analytics',
  ANNOTATIONS,
  'copilot-analytics/storybook/test',
]
