// the development check, said once (see ./guards for why it has a module of its own)

// declared here so the published types need no @types/node
declare const process: { env: Record<string, string | undefined> }

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
