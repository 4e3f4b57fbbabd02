/// <reference types="node" />
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createCollector, DEFAULT_DB } from './createCollector'
import { DEFAULT_PORT } from './defaultPort'
import { sendJson } from './http'
import { forgetRunningCollector, noteRunningCollector } from './runningCollector'
import type { RunningCollector, StartCollectorOptions } from './types'

export { DEFAULT_PORT }

/**
 * Starts a collector on its own HTTP server.
 * @example
 * const { apiHost, close } = await startCollector({ port: 0, db: ':memory:' })
 * // <CopilotAnalyticsProvider writeKey="dev" apiHost={apiHost}>
 */
export async function startCollector(options: StartCollectorOptions = {}): Promise<RunningCollector> {
  const { port = DEFAULT_PORT, host = '127.0.0.1', ...collectorOptions } = options
  const anyInterface = host === '0.0.0.0' || host === '::' || host === ''
  const collector = await createCollector({
    ...collectorOptions,
    // the interface it listens on is a name it answers to (0.0.0.0 is not a name: the arrival address is)
    allowedHosts: [...(collectorOptions.allowedHosts ?? []), ...(anyInterface ? [] : [host])],
  })
  const server = createServer((req, res) => {
    void collector.handle(req, res).then((handled) => {
      if (!handled) sendJson(res, 404, { error: `no collector route for ${req.method} ${req.url}` })
    })
  })
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, host, () => {
        server.off('error', reject)
        resolve()
      })
    })
  } catch (error) {
    await collector.close()
    throw error
  }
  const address = server.address() as AddressInfo
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address
  const url = `http://${shownHost === '0.0.0.0' || shownHost === '[::]' ? '127.0.0.1' : shownHost}:${address.port}`
  // lets `copilot-analytics export` and a second `collector` on the same file find this one
  const db = collectorOptions.db ?? DEFAULT_DB
  await noteRunningCollector(db, url)
  let closing: Promise<void> | undefined
  return {
    url,
    apiHost: `${url}/v1`,
    collector,
    close() {
      closing ??= (async () => {
        // stop accepting, let requests in flight be answered, then close the database
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
        server.closeIdleConnections()
        await collector.close()
        server.closeAllConnections()
        await stopped
        await forgetRunningCollector(db)
      })()
      return closing
    },
  }
}
