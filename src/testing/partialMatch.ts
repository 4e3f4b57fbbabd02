/** Deep equality as the test runner sees it (`this.equals` in a matcher): asymmetric matchers included. */
export type Equals = (actual: unknown, expected: unknown) => boolean

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

const isAsymmetricMatcher = (value: unknown): boolean =>
  typeof (value as { asymmetricMatch?: unknown } | null)?.asymmetricMatch === 'function'

/**
 * Whether `actual` contains `expected`: every key of an expected object must match (recursively; extra keys in
 * `actual` are fine), arrays match element by element with the same length, anything else uses `equals`.
 */
export function partialMatch(actual: unknown, expected: unknown, equals: Equals): boolean {
  if (isAsymmetricMatcher(expected)) return equals(actual, expected)
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) return false
    return Object.keys(expected).every((key) => partialMatch(actual[key], expected[key], equals))
  }
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((item, index) => partialMatch(actual[index], item, equals))
    )
  }
  return equals(actual, expected)
}

/** The part of `actual` that `expected` talks about (its keys, recursively): what a readable diff compares. */
export function pickExpectedShape(actual: unknown, expected: unknown): unknown {
  if (!isPlainObject(expected) || !isPlainObject(actual) || isAsymmetricMatcher(expected)) return actual
  const picked: Record<string, unknown> = {}
  for (const key of Object.keys(expected)) {
    if (key in actual) picked[key] = pickExpectedShape(actual[key], expected[key])
  }
  return picked
}
