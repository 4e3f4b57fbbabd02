import { fileURLToPath } from 'node:url'

/** Storybook preset of the Analytics events addon: adds its panel to the manager UI. */
export const managerEntries = (entries: string[] = []): string[] => [
  ...entries,
  fileURLToPath(new URL('./manager.tsx', import.meta.url)),
]
