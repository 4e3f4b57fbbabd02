/**
 * `npm start`: the example stocks copilot on http://127.0.0.1:3000 with the embedded collector.
 * Env: PORT, HOST, OPENAI_API_KEY (+ OPENAI_MODEL) for a real model, SEGMENT_WRITE_KEY to send to Segment,
 * COPILOT_DB for the DuckDB file.
 */
import type { LanguageModel } from 'ai'
import { createExampleServer } from './createExampleServer'

async function pickModel(): Promise<LanguageModel | undefined> {
  if (!process.env.OPENAI_API_KEY) return undefined
  const { openai } = await import('@ai-sdk/openai')
  return openai(process.env.OPENAI_MODEL ?? 'gpt-4o-mini')
}

const port = Number.parseInt(process.env.PORT ?? '3000', 10)
const segmentWriteKey = process.env.SEGMENT_WRITE_KEY
const server = await createExampleServer({
  port: Number.isFinite(port) ? port : 3000,
  host: process.env.HOST ?? '127.0.0.1',
  db: process.env.COPILOT_DB ?? '.copilot-analytics/events.duckdb',
  ...(segmentWriteKey ? { segmentWriteKey } : {}),
  ...(await pickModel().then((model) => (model ? { model } : {}))),
}).catch((error: unknown) => {
  const code = (error as { code?: string }).code
  console.error(
    code === 'EADDRINUSE' ? `Port ${port} is in use: start with another one, e.g. PORT=3001 npm start` : error,
  )
  process.exit(1)
})

console.log(`
  Stocks copilot (copilot-analytics example)

  Chat        ${server.url}/
  Insights    ${server.url}/insights
  Collector   ${server.url}/collector   (live events; API at ${server.url}/api/events)

  Model: ${process.env.OPENAI_API_KEY ? `OpenAI ${process.env.OPENAI_MODEL ?? 'gpt-4o-mini'}` : 'built-in scripted model (offline; set OPENAI_API_KEY for a real one)'}
  Events: ${segmentWriteKey ? 'sent to Segment (SEGMENT_WRITE_KEY)' : 'embedded collector, stored in DuckDB'}
  Press Ctrl+C to stop.
`)

let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1)
    stopping = true
    void server.close().then(() => process.exit(0))
  })
}
