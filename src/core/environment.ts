// declared here so the published types need no @types/node
declare const process: { env?: Record<string, string | undefined> } | undefined

/** True in a browser (a window and a document); false on the server, in workers and in plain Node. */
export const isBrowser = (): boolean => typeof window !== 'undefined' && typeof document !== 'undefined'

/** Development build: warnings on, validator on. Bundlers replace `process.env.NODE_ENV`; without one, we assume development. */
export const isDevelopment = (): boolean => typeof process === 'undefined' || process.env?.NODE_ENV !== 'production'
