// The checks every part of the kit makes of hostile input, said once. Each is a one-liner a bundler inlines; they
// live here so core, React, the server and the collector agree on what "an object" and "an ID" are. The development
// check is in ./isDevelopment: the client's front and its engine both import this module, so a bundler puts it in a
// chunk that the first bundle loads, and only the engine needs that check.

/** A plain object as JSON has them: not null, not an array. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A usable ID or name: a string with more than white space. */
export const nonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.trim() !== ''
