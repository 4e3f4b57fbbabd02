import { LEGACY_EVENT_NAMES, type SpecEvent, specEventOf } from './table'

/** One reason an event does not match the spec, naming the event and the field. */
export interface SpecProblem {
  readonly event: string
  /** The property at fault, or `event` for the name itself. */
  readonly field: string
  readonly message: string
}

/** Options for {@link validateTrack}. */
export interface ValidateOptions {
  /** Extra events to check, in the same shape as the spec table (your own tracking plan). */
  readonly plan?: Readonly<Record<string, SpecEvent>>
}

function typeOfValue(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value)
  return typeof value
}

/**
 * Checks one track call against the spec table (and an optional plan of your own events).
 * Returns the problems found; an empty array means valid. Events in no table are checked only for a name.
 */
export function validateTrack(event: unknown, properties: unknown, options: ValidateOptions = {}): SpecProblem[] {
  if (typeof event !== 'string' || event.trim() === '') {
    return [{ event: String(event), field: 'event', message: 'the event name must be a non-empty string' }]
  }
  if (
    properties !== undefined &&
    (typeof properties !== 'object' || properties === null || Array.isArray(properties))
  ) {
    return [{ event, field: 'properties', message: `properties must be an object, got ${typeOfValue(properties)}` }]
  }
  const spec = options.plan?.[event] ?? specEventOf(event)
  if (!spec) return []
  const props = (properties ?? {}) as Record<string, unknown>
  const problems: SpecProblem[] = []
  const name = LEGACY_EVENT_NAMES[event] ?? event
  for (const [field, rule] of Object.entries(spec.properties)) {
    const value = props[field]
    if (value === undefined || value === null) {
      // an event sent under its legacy name ('Tool Invoked') predates `role`
      if (rule.required && !(field === 'role' && name !== event))
        problems.push({ event: name, field, message: `${field} is required (${rule.type})` })
      continue
    }
    const actual = typeOfValue(value)
    if (actual !== rule.type) {
      problems.push({ event: name, field, message: `${field} must be a ${rule.type}, got ${actual}` })
    } else if (rule.type === 'string' && rule.required && (value as string).trim() === '') {
      problems.push({ event: name, field, message: `${field} must not be empty` })
    }
  }
  return problems
}

/** Checks an identify call: it needs a userId or an anonymousId. */
export function validateIdentify(userId: unknown, anonymousId: unknown): SpecProblem[] {
  const present = (v: unknown) => typeof v === 'string' && v !== ''
  return present(userId) || present(anonymousId)
    ? []
    : [{ event: 'Identify', field: 'userId', message: 'identify needs a userId or an anonymousId' }]
}
