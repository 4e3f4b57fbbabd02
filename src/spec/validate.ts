import { isRecord, nonEmptyString } from '../shared/guards'
import { LEGACY_EVENT_NAMES, type SpecEvent, specEventOf } from './table'

/** One reason an event does not match the spec, naming the event and the field. */
export interface SpecProblem {
  readonly event: string
  /** The property at fault, or `event` for the name itself. */
  readonly field: string
  readonly message: string
  /**
   * `warning`: the event is valid, but not as the spec recommends (a recommended property missing, a likely
   * misspelling). Absent: an error, the event does not match the spec.
   */
  readonly severity?: 'warning'
}

/** Options for {@link validateTrack}. */
export interface ValidateOptions {
  /** Extra events to check, in the same shape as the spec table (your own tracking plan). */
  readonly plan?: Readonly<Record<string, SpecEvent>>
  /**
   * The whole call as received (the collector's view): a spec property found there instead of in `properties` (the
   * spec's own Message Received example puts `role` outside) counts as present, with a warning.
   */
  readonly call?: Readonly<Record<string, unknown>>
}

/** Whether any problem fails the event (a warning does not). */
export const hasErrors = (problems: readonly SpecProblem[]): boolean =>
  problems.some((problem) => problem.severity !== 'warning')

const toSnake = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)
const toCamel = (name: string) => name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())

/** The spec property `key` misspells in the other case (`conversation_id` → conversationId), if any. */
function meantProperty(key: string, known: Readonly<Record<string, unknown>>): string | undefined {
  for (const candidate of [toCamel(key), toSnake(key), toSnake(toCamel(key))]) {
    if (candidate !== key && Object.hasOwn(known, candidate)) return candidate
  }
  return undefined
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
export function validateTrack(event: unknown, properties: unknown, options?: ValidateOptions): SpecProblem[] {
  try {
    return checkTrack(event, properties, options ?? {})
  } catch {
    // hostile input (a Proxy, a throwing getter): a verdict, never an exception
    const name = typeof event === 'string' ? event : 'event'
    return [{ event: name, field: 'properties', message: 'properties could not be read' }]
  }
}

function checkTrack(event: unknown, properties: unknown, options: ValidateOptions): SpecProblem[] {
  if (!nonEmptyString(event)) {
    return [{ event: String(event), field: 'event', message: 'the event name must be a non-empty string' }]
  }
  if (properties !== undefined && !isRecord(properties)) {
    return [{ event, field: 'properties', message: `properties must be an object, got ${typeOfValue(properties)}` }]
  }
  const spec = options.plan?.[event] ?? specEventOf(event)
  if (!spec) return []
  const props = (properties ?? {}) as Record<string, unknown>
  const problems: SpecProblem[] = []
  const name = LEGACY_EVENT_NAMES[event] ?? event
  for (const [field, rule] of Object.entries(spec.properties)) {
    let value = props[field]
    const outside = options.call?.[field]
    if ((value === undefined || value === null) && outside !== undefined && outside !== null) {
      value = outside
      problems.push({
        event: name,
        field,
        message: `${field} belongs in properties; read from the call (the spec's own example puts it outside)`,
        severity: 'warning',
      })
    }
    if (value === undefined || value === null) {
      // an event sent under its legacy name ('Tool Invoked') predates `role`
      if (rule.required && !(field === 'role' && name !== event)) {
        problems.push(
          rule.recommended
            ? { event: name, field, message: `${field} is recommended (${rule.type})`, severity: 'warning' }
            : { event: name, field, message: `${field} is required (${rule.type})` },
        )
      }
      continue
    }
    const actual = typeOfValue(value)
    if (actual !== rule.type) {
      problems.push({ event: name, field, message: `${field} must be a ${rule.type}, got ${actual}` })
    } else if (rule.type === 'string' && rule.required && (value as string).trim() === '') {
      problems.push({ event: name, field, message: `${field} must not be empty` })
    }
  }
  // extra properties are allowed, but the other case of a spec name is a mistake the types catch too
  for (const key of Object.keys(props)) {
    if (Object.hasOwn(spec.properties, key)) continue
    const meant = meantProperty(key, spec.properties)
    if (meant) {
      problems.push({
        event: name,
        field: key,
        message: `${key} is not a spec property: did you mean ${meant}?`,
        severity: 'warning',
      })
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
