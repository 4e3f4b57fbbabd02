/// <reference types="node" />
import { parseArgs } from 'node:util'
import { DEFAULT_DB } from './createCollector'
import { DEFAULT_PORT } from './defaultPort'
import { exportEvents } from './exportEvents'
import { type CollectorConfig, loadCollectorConfig } from './loadCollectorConfig'
import { describeLockConflict, isLockConflict } from './runningCollector'
import { startCollector } from './startCollector'

const USAGE = `Usage:
  copilot-analytics collector [--port ${DEFAULT_PORT}] [--host 127.0.0.1] [--db ${DEFAULT_DB}] [--write-key KEY]
                              [--forward URL [--forward-write-key KEY]]
  copilot-analytics export --out DIR [--db ${DEFAULT_DB}] [--format parquet|ndjson] [--since DATE] [--write-key KEY]

collector: a local Segment-compatible collector; events go to an embedded DuckDB database, the live page shows them.
  --port               port to listen on (0 = a free one)            default ${DEFAULT_PORT}
  --host               interface to listen on                         default 127.0.0.1
  --db                 DuckDB file, or :memory:                       default ${DEFAULT_DB}
  --write-key          accept only this write key, and require it     default: any key, reads open to this machine
                       for reads (the live page asks for it once)
  --allowed-host       another Host name to answer to (repeatable; 127.0.0.1, localhost and --host always are)
  --forward            also relay every stored event to this Segment-compatible API (e.g. https://api.segment.io)
  --forward-write-key  the write key to send there                    default: --write-key, if given
  --config             JSON file: { "computedTraits": [...] }         default: the AI Copilot spec's traits
  --profile-token      the Profile API's access token                 default: --write-key, if given

export: the stored events as files partitioned by day (day=YYYY-MM-DD/), also while a collector runs on the file.
  --out                folder to write into (new or empty)
  --format             parquet or ndjson                              default parquet
  --since              only events at or after this date (UTC), e.g. 2026-11-01
  --write-key          the running collector's write key, if it has one`

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  db: { type: 'string' },
  'write-key': { type: 'string' },
  forward: { type: 'string' },
  'forward-write-key': { type: 'string' },
  'allowed-host': { type: 'string', multiple: true },
  config: { type: 'string' },
  'profile-token': { type: 'string' },
  out: { type: 'string' },
  format: { type: 'string' },
  since: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values']

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

/** Runs the `copilot-analytics` command line; resolves with the exit code (the collector keeps running). */
export async function main(argv: string[]): Promise<number> {
  let values: Values
  let positionals: string[]
  try {
    ;({ values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true }))
  } catch (error) {
    console.error(`${messageOf(error)}\n\n${USAGE}`)
    return 2
  }
  if (values.help) {
    console.log(USAGE)
    return 0
  }
  if (positionals.length === 1 && positionals[0] === 'collector') return collector(values)
  if (positionals.length === 1 && positionals[0] === 'export') return exportCommand(values)
  console.error(USAGE)
  return 2
}

async function exportCommand(values: Values): Promise<number> {
  if (!values.out) {
    console.error(`copilot-analytics export: --out DIR is required\n\n${USAGE}`)
    return 2
  }
  const format = values.format ?? 'parquet'
  if (format !== 'parquet' && format !== 'ndjson') {
    console.error(`--format must be parquet or ndjson, got ${format}`)
    return 2
  }
  const db = values.db ?? DEFAULT_DB
  try {
    const result = await exportEvents({
      db,
      out: values.out,
      format,
      ...(values.since === undefined ? {} : { since: values.since }),
      ...(values['write-key'] === undefined ? {} : { writeKey: values['write-key'] }),
    })
    const source = result.via === 'file' ? db : `the collector at ${result.via} (snapshot of ${db})`
    console.log(`exported ${result.events} events from ${source} to ${values.out}: ${result.files.length} files`)
    return 0
  } catch (error) {
    console.error(`copilot-analytics export: ${messageOf(error)}`)
    return 1
  }
}

async function collector(values: Values): Promise<number> {
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a port number, got ${values.port}`)
    return 2
  }
  if (values['forward-write-key'] !== undefined && values.forward === undefined) {
    console.error('--forward-write-key needs --forward URL')
    return 2
  }
  if (values.forward !== undefined && !/^https?:\/\//.test(values.forward)) {
    console.error(`--forward must be an http(s) URL, got ${values.forward}`)
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
      console.error(`copilot-analytics collector: ${messageOf(error)}`)
      return 2
    }
  }
  let running: Awaited<ReturnType<typeof startCollector>>
  try {
    running = await startCollector({
      port,
      db,
      ...(values.host === undefined ? {} : { host: values.host }),
      ...(values['write-key'] === undefined ? {} : { writeKey: values['write-key'] }),
      ...(values['profile-token'] === undefined ? {} : { profileToken: values['profile-token'] }),
      ...(values['allowed-host'] === undefined ? {} : { allowedHosts: values['allowed-host'] }),
      ...config,
      ...(values.forward === undefined
        ? {}
        : {
            forward: {
              url: values.forward,
              ...(values['forward-write-key'] === undefined ? {} : { writeKey: values['forward-write-key'] }),
            },
          }),
    })
  } catch (error) {
    // one line that names the way out, not a stack trace
    if (isLockConflict(error)) console.error(`copilot-analytics collector: ${await describeLockConflict(db, error)}`)
    else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(
        `copilot-analytics collector: port ${port} is in use: pass --port ANOTHER (or --port 0 for a free one)`,
      )
    } else console.error(`copilot-analytics collector: ${messageOf(error)}`)
    return 1
  }
  // one write, so whoever waits for the first line gets them all
  console.log(
    [
      `copilot-analytics collector listening on ${running.url}`,
      `  live page: ${running.url}/`,
      `  database:  ${db}`,
      `  apiHost:   ${running.apiHost}   (<CopilotAnalyticsProvider writeKey="dev" apiHost="${running.apiHost}">)`,
      ...(values.forward === undefined ? [] : [`  forward:   every stored event to ${values.forward}`]),
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
