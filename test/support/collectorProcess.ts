import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '../..')

/** A free loopback port, chosen once so a restarted collector comes back on the same address. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}

/** The collector CLI (`copilot-analytics collector`) as a child process that tests can stop, kill and restart. */
export interface CollectorProcess {
  readonly url: string
  readonly apiHost: string
  /** Starts it (again) on the same port and database; resolves when it listens. */
  start(): Promise<void>
  /** SIGKILL: no chance to flush or close anything. */
  kill(): Promise<void>
  /** SIGINT, as Ctrl-C: resolves with the exit code. */
  stop(): Promise<number | null>
  readonly running: boolean
  /** Its process ID while it runs (to read its memory use from /proc). */
  readonly pid: number | undefined
  /** Everything it printed. */
  output(): string
}

/** Runs `src/collector/cli.ts` through tsx on `port` with database `db`. */
export function collectorProcess(options: {
  port: number
  db: string
  writeKey?: string
  /** More command-line arguments, e.g. `['--forward', url]`. */
  args?: string[]
}): CollectorProcess {
  const url = `http://127.0.0.1:${options.port}`
  let child: ChildProcess | undefined
  let printed = ''
  const exited = (proc: ChildProcess) =>
    new Promise<number | null>((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) resolve(proc.exitCode)
      else proc.once('exit', (code) => resolve(code))
    })
  return {
    url,
    apiHost: `${url}/v1`,
    get running() {
      return child !== undefined
    },
    get pid() {
      return child?.pid
    },
    output: () => printed,
    async start() {
      if (child) throw new Error('collector already running')
      const args = [
        '--import',
        'tsx',
        'src/collector/cli.ts',
        'collector',
        '--port',
        String(options.port),
        '--db',
        options.db,
      ]
      if (options.writeKey) args.push('--write-key', options.writeKey)
      if (options.args) args.push(...options.args)
      const proc = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
      child = proc
      await new Promise<void>((resolve, reject) => {
        const onData = (chunk: Buffer) => {
          printed += chunk.toString()
          if (printed.includes(`listening on ${url}`)) resolve()
        }
        proc.stdout?.on('data', onData)
        proc.stderr?.on('data', (chunk: Buffer) => {
          printed += chunk.toString()
        })
        proc.once('exit', (code) => {
          if (child === proc) child = undefined
          reject(new Error(`collector exited with ${code} before listening:\n${printed}`))
        })
      })
    },
    async kill() {
      const proc = child
      if (!proc) return
      proc.kill('SIGKILL')
      await exited(proc)
      child = undefined
    },
    async stop() {
      const proc = child
      if (!proc) return null
      proc.kill('SIGINT')
      const code = await exited(proc)
      child = undefined
      return code
    },
  }
}

/** Polls `probe` until it returns true, or fails with `describe()` after `timeoutMs`. */
export async function waitUntil(
  probe: () => Promise<boolean> | boolean,
  timeoutMs: number,
  describe: () => string | Promise<string>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`not met within ${timeoutMs} ms: ${await describe()}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
