import type { EventRow } from '../../src/collector/types'

/** A stored row of a valid Message Sent, as the event store takes it: `id` is its messageId. */
export const eventRow = (id: string, timestamp = new Date().toISOString()): EventRow => ({
  message_id: id,
  type: 'track',
  event: 'Message Sent',
  conversation_id: 'c-store',
  chat_message_id: null,
  user_id: null,
  anonymous_id: 'a',
  timestamp,
  received_at: new Date().toISOString(),
  properties: {},
  traits: null,
  context: null,
  raw: { messageId: id },
  write_key: '',
  valid: true,
  problems: [],
  role: null,
  rating: null,
})
