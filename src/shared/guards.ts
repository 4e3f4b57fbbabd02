// The checks every part of the kit makes of hostile input, said once. Each is a one-liner a bundler inlines; they
// live here so core, React, the server and the collector agree on what "an object" and "an ID" are.

// declared here so the published types need no @types/node
declare const process: { env: Record<string, string | undefined> }

/** A plain object as JSON has them: not null, not an array. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A usable ID or name: a string with more than white space. */
export const nonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.trim() !== ''

/**
 * Development build: warnings on, validator on. Bundlers replace `process.env.NODE_ENV` (written out in full so
 * they can) but define no `process`, so testing `typeof process` first would call every browser build development.
 * Where nothing replaced it and there is no `process` (plain ESM in a browser), reading it throws: development.
 */
export const isDevelopment = (): boolean => {
  try {
    return process.env.NODE_ENV !== 'production'
  } catch {
    return true
  }
}
