/// <reference types="node" />
import { readFile } from 'node:fs/promises'
import { parseComputedTraits } from './computedTraits'
import type { CollectorOptions } from './types'

/** What a `--config` file may set: `{ "computedTraits": [...], "defaultTraits": true }`. */
export type CollectorConfig = Pick<CollectorOptions, 'computedTraits' | 'defaultTraits'>

/**
 * Reads a collector config file (JSON). A file that cannot be read or parsed is an error (the CLI stops); an
 * invalid trait declaration is skipped with a problem naming it.
 */
export async function loadCollectorConfig(path: string): Promise<{ config: CollectorConfig; problems: string[] }> {
  let input: unknown
  try {
    input = JSON.parse(await readFile(path, 'utf8'))
  } catch (error) {
    throw new Error(`cannot read the config file ${path}: ${error instanceof Error ? error.message : String(error)}`)
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new Error(`the config file ${path} must hold a JSON object`)
  const { computedTraits, defaultTraits } = input as Record<string, unknown>
  const problems: string[] = []
  const config: { -readonly [K in keyof CollectorConfig]: CollectorConfig[K] } = {}
  if (computedTraits !== undefined) {
    const parsed = parseComputedTraits(computedTraits)
    config.computedTraits = parsed.traits
    problems.push(...parsed.problems)
  }
  if (typeof defaultTraits === 'boolean') config.defaultTraits = defaultTraits
  else if (defaultTraits !== undefined) problems.push('defaultTraits: expected true or false')
  return { config, problems }
}
