import type { DuckDBResultReader } from '@duckdb/node-api'

const plain = (value: unknown): unknown => {
  if (typeof value === 'bigint') return Number(value)
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString()
  if (Array.isArray(value)) return value.map(plain)
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, plain(inner)]))
  }
  return value
}

const parseJson = (value: unknown): unknown => {
  if (typeof value !== 'string') return value
  try {
    return JSON.parse(value)
  } catch {
    return value
  }
}

/** A DuckDB result as plain JSON-ready objects: BigInt → number, timestamps → ISO strings, JSON columns parsed. */
export function toPlainRows(reader: DuckDBResultReader): Record<string, unknown>[] {
  const names = reader.columnNames()
  const json = new Set(names.filter((_, index) => reader.columnTypes()[index]?.alias === 'JSON'))
  return reader
    .getRowObjectsJS()
    .map((row) =>
      Object.fromEntries(names.map((name) => [name, json.has(name) ? parseJson(row[name]) : plain(row[name])])),
    )
}
