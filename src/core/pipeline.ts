import type { SpecEvent, SpecProblem } from '../spec'
import { applyBeforeSend, type BeforeSend } from './beforeSend'
import { applyMessageBodyMode } from './messageBody'
import type { Reporter } from './reporter'
import type { Sampler } from './sampling'
import { sanitizeProperties, utf8Length } from './sanitize'
import { fitMessageBody } from './truncate'
import type {
  ConsentState,
  CopilotEvent,
  DeliveryResult,
  Destination,
  EventRecord,
  EventStatus,
  MessageBodyMode,
} from './types'
import type { EventValidator } from './validateEvent'

export interface PipelineOptions {
  destination: Destination | null
  reporter: Reporter
  consent: ConsentState
  maxPendingEvents: number
  messageBody: MessageBodyMode
  maxEventBytes: number
  validate: 'warn' | 'strict' | 'off'
  /** Absent in production builds unless passed: then nothing is validated. */
  validator?: EventValidator | undefined
  /** Your own step after privacy, before validation (see the `beforeSend` option). */
  beforeSend?: BeforeSend | undefined
  /** Keeps or drops each event by its sampling rate (see `createSampler`). */
  sampler?: Sampler | undefined
  /** Your own events, checked like the spec's when validation is on. */
  plan?: Readonly<Record<string, SpecEvent>> | undefined
}

/**
 * The short way from a built event to the destination: consent gate → sampling → privacy (body mode, size)
 * → beforeSend → validation → listeners → destination. Never throws.
 */
export class Pipeline {
  private readonly options: PipelineOptions
  private readonly listeners = new Set<(record: EventRecord) => void>()
  private readonly held: CopilotEvent[] = []
  private consent: ConsentState

  constructor(options: PipelineOptions) {
    this.options = options
    this.consent = options.consent
  }

  listen(listener: (record: EventRecord) => void): () => void {
    this.listeners.add(listener)
    return () => void this.listeners.delete(listener)
  }

  setConsent(state: ConsentState): void {
    this.consent = state
    if (state === 'pending') return
    const released = this.held.splice(0)
    for (const event of released) {
      if (state === 'granted') this.deliver(event)
      else this.notify({ event, status: 'dropped', problems: [], reason: 'consent denied' })
    }
  }

  push(event: CopilotEvent): void {
    try {
      if (this.consent === 'denied') {
        this.notify({ event, status: 'dropped', problems: [], reason: 'consent denied' })
        return
      }
      // sampled when it happens, so a held queue is not filled with events that would be dropped anyway
      const sampled = this.sample(event)
      if (!sampled) return
      if (this.consent === 'pending') this.hold(sampled)
      else this.deliver(sampled)
    } catch (error) {
      this.options.reporter.report(event.type === 'track' ? event.event : 'Identify', '-', 'could not be sent', error)
    }
  }

  /** The visitor logged out: the destination forgets its identity. */
  resetDestination(anonymousId: string): void {
    this.options.destination?.reset?.(anonymousId)
  }

  async flush(): Promise<void> {
    await this.options.destination?.flush?.()
  }

  private hold(event: CopilotEvent): void {
    this.held.push(event)
    this.notify({ event, status: 'held', problems: [], reason: 'consent pending' })
    if (this.held.length <= this.options.maxPendingEvents) return
    const dropped = this.held.shift()
    if (!dropped) return
    const name = dropped.type === 'track' ? dropped.event : 'Identify'
    this.options.reporter.report(
      name,
      '-',
      `dropped: more than ${this.options.maxPendingEvents} events waited for consent (maxPendingEvents)`,
    )
    this.notify({ event: dropped, status: 'dropped', problems: [], reason: 'consent queue full' })
  }

  /** The event to go on with (marked with `sample_rate` when it was sampled), or null when sampled out. */
  private sample(event: CopilotEvent): CopilotEvent | null {
    const { sampler } = this.options
    const rate = sampler ? sampler(event) : 1
    if (rate === null) {
      this.notify({ event, status: 'dropped', problems: [], reason: 'sampled out' })
      return null
    }
    if (rate >= 1 || event.type !== 'track') return event
    // the kept events say at which rate they were kept, so counts can be weighted back up (1 / sample_rate)
    return { ...event, properties: { ...event.properties, sample_rate: rate } }
  }

  private deliver(raw: CopilotEvent): void {
    const prepared = this.prepare(raw)
    const { beforeSend } = this.options
    const event = beforeSend ? applyBeforeSend(prepared, beforeSend, this.options.reporter) : prepared
    if (!event) {
      this.notify({ event: prepared, status: 'dropped', problems: [], reason: 'dropped by beforeSend' })
      return
    }
    const problems = this.check(event)
    const strict = this.options.validate === 'strict' && problems.length > 0
    let status: EventStatus = 'dropped'
    let delivery: Promise<DeliveryResult> | undefined
    if (!strict && this.options.destination) {
      delivery = this.options.destination.send(event)
      status = 'sent'
    }
    const reason = strict ? 'invalid (validate: strict)' : this.options.destination ? undefined : 'no destination'
    this.notify({ event, status, problems, ...(reason ? { reason } : {}), ...(delivery ? { delivery } : {}) })
  }

  /** JSON-safe properties, body mode applied, cut to the byte budget: one walk over the data. */
  private prepare(event: CopilotEvent): CopilotEvent {
    const { reporter, messageBody, maxEventBytes } = this.options
    const name = event.type === 'track' ? event.event : 'Identify'
    const input = event.type === 'track' ? event.properties : event.traits
    const sanitized = sanitizeProperties(input)
    for (const fix of sanitized.fixes) reporter.report(name, fix.path, fix.problem)
    if (event.type === 'identify') return { ...event, traits: sanitized.value }
    const before = sanitized.value.message_body
    const shaped = applyMessageBodyMode(name, sanitized.value, messageBody, reporter)
    const after = shaped.message_body
    const bytes =
      sanitized.bytes -
      (typeof before === 'string' ? utf8Length(before) : 0) +
      (typeof after === 'string' ? utf8Length(after) : 0)
    // long answers are normal, so truncation is marked on the event, not reported as a problem
    return { ...event, properties: fitMessageBody(shaped, bytes, maxEventBytes) }
  }

  private check(event: CopilotEvent): readonly SpecProblem[] {
    // the only place the validator runs: with validate 'off' (the production default) it costs nothing per event
    const { validate, validator, plan } = this.options
    if (validate === 'off' || !validator) return []
    const problems = validator(event, plan)
    for (const problem of problems) this.options.reporter.report(problem.event, problem.field, problem.message)
    return problems
  }

  private notify(record: EventRecord): void {
    for (const listener of this.listeners) {
      try {
        listener(record)
      } catch (error) {
        this.options.reporter.report('onEvent', '-', 'a listener threw', error)
      }
    }
  }
}
