/// <reference types="node" />
import { readFile, rm, writeFile } from 'node:fs/promises'

/** What a collector serving a database file leaves beside it, so other commands can find it. */
export interface RunningCollectorNote {
  readonly url: string
  readonly pid: number
}

const noteFile = (db: string) => `${db}.collector.json`

const isFile = (db: string) => db !== ':memory:' && db !== ''

/** Notes beside `db` that a collector in this process serves it at `url` (overwrites a stale note). */
export async function noteRunningCollector(db: string, url: string): Promise<void> {
  if (!isFile(db)) return
  const note: RunningCollectorNote = { url, pid: process.pid }
  await writeFile(noteFile(db), `${JSON.stringify(note)}\n`).catch(() => undefined)
}

/** Removes the note, if it is this process's. */
export async function forgetRunningCollector(db: string): Promise<void> {
  if (!isFile(db)) return
  const note = await readNote(db)
  if (note?.pid === process.pid) await rm(noteFile(db), { force: true }).catch(() => undefined)
}

const readNote = async (db: string): Promise<RunningCollectorNote | undefined> => {
  try {
    const value = JSON.parse(await readFile(noteFile(db), 'utf8')) as Partial<RunningCollectorNote>
    return typeof value.url === 'string' && typeof value.pid === 'number'
      ? { url: value.url, pid: value.pid }
      : undefined
  } catch {
    return undefined
  }
}

/** The URL of the collector that serves `db` right now (its note is fresh and it answers), or undefined. */
export async function findRunningCollector(db: string): Promise<string | undefined> {
  if (!isFile(db)) return undefined
  const note = await readNote(db)
  if (!note) return undefined
  try {
    const response = await fetch(`${note.url}/api/health`, { signal: AbortSignal.timeout(2000) })
    // 401 still means a collector answers there (its read side wants the write key)
    return response.ok || response.status === 401 ? note.url : undefined
  } catch {
    return undefined
  }
}

/** True when `error` is DuckDB saying another process holds the database file's lock. */
export function isLockConflict(error: unknown): boolean {
  return error instanceof Error && /Could not set lock on file|Conflicting lock is held/i.test(error.message)
}

/** The PID DuckDB names as the lock holder, if it does. */
export function lockHolderPid(error: unknown): number | undefined {
  const match = error instanceof Error ? /\(PID (\d+)\)/.exec(error.message) : null
  return match?.[1] ? Number(match[1]) : undefined
}

/** One line that says the database is busy and how to get on. */
export async function describeLockConflict(db: string, error: unknown): Promise<string> {
  const url = await findRunningCollector(db)
  const pid = lockHolderPid(error)
  const holder = pid === undefined ? 'another process' : `another process (PID ${pid})`
  return url
    ? `${db} is in use by the collector at ${url} (${holder}): open ${url}/ or send events to ${url}/v1, or pass --db OTHER_FILE to start a second one`
    : `${db} is locked by ${holder}: stop it, or pass --db OTHER_FILE (or --db :memory:)`
}
