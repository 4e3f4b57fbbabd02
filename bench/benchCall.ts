// The call every collector load measurement sends or stores: a spec Message Sent / Received pair, 50 visitors and
// 200 conversations per run, ~450 bytes as JSON. One shape, so the HTTP load and the storage-alone baseline compare.

/** A maker of the bench's calls; `run` keeps two runs' message IDs apart. */
export function benchCalls(run: string): () => Record<string, unknown> {
  let seq = 0
  return () => {
    const n = seq++
    return {
      type: 'track',
      event: n % 2 === 0 ? 'Message Sent' : 'Message Received',
      properties: {
        conversationId: `bench-${run}-${n % 200}`,
        messageId: `m-${n}`,
        message_body: 'What is the best stock in the Nasdaq right now? Show me a chart of NVDA.',
        role: n % 2 === 0 ? 'customer' : 'agent',
      },
      anonymousId: `anon-${run}-${n % 50}`,
      messageId: `bench-${run}-${n}`,
      timestamp: new Date().toISOString(),
      context: { library: { name: 'analytics.js', version: 'bench' } },
    }
  }
}
