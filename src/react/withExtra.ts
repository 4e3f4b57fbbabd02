/**
 * A hook's input to a client call: the app's `extra` properties, then the hook's own `fields`. The spread runs
 * here, in a try, because `extra` is the app's: if reading it throws (a getter, a Proxy), it goes to the client as
 * the field `extra`, which the client reports (naming the field) and leaves out, and the event is still sent.
 */
export function withExtra<T extends object>(extra: unknown, fields: T): T {
  try {
    return { ...(extra as object), ...fields }
  } catch {
    return { extra, ...fields }
  }
}
