/// <reference types="node" />
import { parseArgs } from 'node:util'
import { DEFAULT_DB } from './createCollector'
import { type CollectorConfig, loadCollectorConfig } from './loadCollectorConfig'
import { DEFAULT_PORT, startCollector } from './startCollector'

const USAGE = `Usage: copilot-analytics collector [--port ${DEFAULT_PORT}] [--host 127.0.0.1] [--db ${DEFAULT_DB}] [--write-key KEY]

Starts a local Segment-compatible collector: events go to an embedded DuckDB database, the live page shows them.
  --port       port to listen on (0 = a free one)          default ${DEFAULT_PORT}
  --host       interface to listen on                       default 127.0.0.1
  --db         DuckDB file, or :memory:                     default ${DEFAULT_DB}
  --write-key  accept only this write key, and require it   default: any key, reads open to this machine
               for reads (the live page asks for it once)
  --allowed-host  another Host name to answer to (repeatable; 127.0.0.1, localhost and --host always are)
  --config     JSON file: { "computedTraits": [...] }       default: the AI Copilot spec's traits
  --profile-token  the Profile API's access token            default: the write key`

/** Runs the `copilot-analytics` command line; resolves with the exit code (the collector keeps running). */
export async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>
  const options = {
    port: { type: 'string' },
    host: { type: 'string' },
    db: { type: 'string' },
    'write-key': { type: 'string' },
    config: { type: 'string' },
    'profile-token': { type: 'string' },
    'allowed-host': { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h' },
  } as const
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true })
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`)
    return 2
  }
  const { values, positionals } = parsed
  if (values.help) {
    console.log(USAGE)
    return 0
  }
  if (positionals[0] !== 'collector' || positionals.length > 1) {
    console.error(USAGE)
    return 2
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a port number, got ${values.port}`)
    return 2
  }
  const db = values.db ?? DEFAULT_DB
  let config: CollectorConfig = {}
  if (values.config !== undefined) {
    try {
      const loaded = await loadCollectorConfig(values.config)
      config = loaded.config
      for (const problem of loaded.problems) console.warn(`copilot-analytics collector: ${problem} (skipped)`)
    } catch (error) {
      console.error(`copilot-analytics collector: ${error instanceof Error ? error.message : String(error)}`)
      return 2
    }
  }
  const running = await startCollector({
    port,
    db,
    ...(values.host === undefined ? {} : { host: values.host }),
    ...(values['write-key'] === undefined ? {} : { writeKey: values['write-key'] }),
    ...(values['profile-token'] === undefined ? {} : { profileToken: values['profile-token'] }),
    ...config,
    ...(values['allowed-host'] === undefined ? {} : { allowedHosts: values['allowed-host'] }),
  }).catch((error: unknown) => {
    console.error(`copilot-analytics collector: ${error instanceof Error ? error.message : String(error)}`)
    return undefined
  })
  if (!running) return 1
  // one write, so whoever waits for the first line gets them all
  console.log(
    [
      `copilot-analytics collector listening on ${running.url}`,
      `  live page: ${running.url}/`,
      `  database:  ${db}`,
      `  apiHost:   ${running.apiHost}   (<CopilotAnalyticsProvider writeKey="dev" apiHost="${running.apiHost}">)`,
      '  Ctrl-C to stop',
    ].join('\n'),
  )
  const stop = (signal: string) => {
    console.log(`\n${signal}: closing the collector…`)
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error)
        process.exit(1)
      },
    )
  }
  process.once('SIGINT', () => stop('SIGINT'))
  process.once('SIGTERM', () => stop('SIGTERM'))
  return 0
}

void main(process.argv.slice(2)).then((code) => {
  if (code !== 0) process.exitCode = code
})
