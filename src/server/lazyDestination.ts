import type { DeliveryResult, Destination } from '../core/types'

/**
 * A destination imported on first use (analytics-node, an optional peer): the server's calls are synchronous and
 * cannot wait for it. Calls made while it loads wait, and keep their order: `then` callbacks on one promise run in
 * registration order.
 */
export function lazyDestination(load: () => Promise<Destination>): Destination {
  let loaded: Promise<Destination> | undefined
  const use = <T>(call: (destination: Destination) => T | PromiseLike<T>) => {
    loaded ??= load()
    return loaded.then(call)
  }
  const ignore = () => {}
  return {
    send: (event) =>
      use((destination) => destination.send(event)).catch(
        (error: unknown): DeliveryResult => ({ delivered: false, error }),
      ),
    reset: (anonymousId) => void use((destination) => destination.reset?.(anonymousId)).catch(ignore),
    flush: () => (loaded ? use((destination) => destination.flush?.()).then(ignore, ignore) : Promise.resolve()),
    resume: () => void use((destination) => destination.resume?.()).catch(ignore),
  }
}
