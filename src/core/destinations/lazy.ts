import type { DeliveryResult, Destination } from '../types'

/**
 * A destination whose code is imported on first use, so an app's first bundle carries none of it. Calls made
 * while it loads wait, and keep their order: `then` callbacks on one promise run in registration order.
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
