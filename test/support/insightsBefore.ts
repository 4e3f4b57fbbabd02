// The example app's insights queries as they were before they were rewritten for 1,000,000 events (a correlated
// subquery per listed conversation, a window over every feedback row, a row per conversation sent to JS), kept
// unchanged as the reference: test/node/example-app-insights-equality.test.ts checks the new ones return the same.
import { IDLE_AFTER_MS, type Insights, type QueryFn } from '../../example-app/server/insights'

const MESSAGE_EVENTS = "('Message Sent', 'Message Received')"
/** The chat message an event is about, from the column or, if the collector left it empty, the properties. */
const CHAT_MESSAGE_ID = "coalesce(chat_message_id, properties->>'$.messageId')"
/**
 * The user's rating of each rated message: the last Feedback Submitted per (conversation, message), as a user may
 * change their mind (thumbs up, then down, is one −1). Conversation-level feedback has message ''.
 */
const LAST_RATINGS = `(
  SELECT conversation_id, coalesce(${CHAT_MESSAGE_ID}, '') AS message, TRY_CAST(properties->>'$.rating' AS DOUBLE) AS rating
  FROM events WHERE event = 'Feedback Submitted' AND TRY_CAST(properties->>'$.rating' AS DOUBLE) IS NOT NULL
  QUALIFY row_number() OVER (
    PARTITION BY conversation_id, coalesce(${CHAT_MESSAGE_ID}, '') ORDER BY timestamp DESC, received_at DESC
  ) = 1
)`
const TS = (column: string) => `strftime(${column}, '%Y-%m-%dT%H:%M:%S.%gZ')`

const num = (value: unknown): number => (typeof value === 'number' ? value : Number(value ?? 0))
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value))
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits

/** The insights as the queries before the rewrite computed them (the reference the new ones must equal). */
export async function computeInsightsBefore(query: QueryFn, now: number = Date.now()): Promise<Insights> {
  const [totals] = await query(`
    SELECT
      count(DISTINCT conversation_id) FILTER (WHERE event = 'Conversation Started')::INTEGER AS conversations,
      count(*) FILTER (WHERE event IN ${MESSAGE_EVENTS})::INTEGER AS messages,
      count(*)::INTEGER AS events,
      count(DISTINCT anonymous_id)::INTEGER AS users,
      count(*) FILTER (WHERE event = 'Stock Purchased')::INTEGER AS purchases,
      coalesce(sum(TRY_CAST(properties->>'$.total' AS DOUBLE)) FILTER (WHERE event = 'Stock Purchased'), 0)::DOUBLE AS revenue
    FROM events`)

  const perDay = await query(`
    SELECT strftime(CAST(min(timestamp) AS DATE), '%Y-%m-%d') AS day_label, conversation_id
    FROM events WHERE event = 'Conversation Started' GROUP BY conversation_id`)
  const days = new Map<string, number>()
  for (const row of perDay) days.set(String(row.day_label), (days.get(String(row.day_label)) ?? 0) + 1)

  const distribution = await query(`
    SELECT messages::INTEGER AS messages, count(*)::INTEGER AS conversations FROM (
      SELECT conversation_id, count(*) AS messages FROM events
      WHERE event IN ${MESSAGE_EVENTS} AND conversation_id IS NOT NULL GROUP BY conversation_id
    ) GROUP BY messages ORDER BY messages`)

  const [duration] = await query(`
    SELECT avg(seconds)::DOUBLE AS average FROM (
      SELECT date_diff('millisecond', min(timestamp), max(timestamp)) / 1000.0 AS seconds
      FROM events WHERE conversation_id IS NOT NULL GROUP BY conversation_id
      HAVING count(*) FILTER (WHERE event = 'Conversation Started') > 0
    )`)

  const components = await query(`
    SELECT properties->>'$.type' AS component, count(*)::INTEGER AS loads, count(DISTINCT conversation_id)::INTEGER AS conversations
    FROM events WHERE event = 'Component Loaded' GROUP BY component ORDER BY loads DESC, component`)

  const ratings = await query(`
    SELECT rating, count(*)::INTEGER AS count FROM ${LAST_RATINGS} GROUP BY rating ORDER BY rating`)

  // what was rated: the component shown with that message, else media generated with it, else a text answer
  const byType = await query(`
    WITH rated AS (SELECT * FROM ${LAST_RATINGS}), kinds AS (
      SELECT ${CHAT_MESSAGE_ID} AS message,
        max(CASE WHEN event = 'Component Loaded' THEN properties->>'$.type' END) AS component,
        max(CASE WHEN event = 'Media Generated' THEN 'Media (' || coalesce(properties->>'$.sub_type', properties->>'$.type') || ')' END) AS media
      FROM events WHERE event IN ('Component Loaded', 'Media Generated') GROUP BY message
    )
    SELECT coalesce(kinds.component, kinds.media, 'Text answer') AS message_type,
      avg(rating)::DOUBLE AS average, count(*)::INTEGER AS count
    FROM rated LEFT JOIN kinds ON kinds.message = rated.message
    WHERE rating IS NOT NULL GROUP BY message_type ORDER BY count DESC, message_type`)

  const [funnel] = await query(`
    WITH started AS (SELECT DISTINCT conversation_id FROM events WHERE event = 'Conversation Started'),
    shown AS (SELECT DISTINCT conversation_id FROM events WHERE event = 'Component Loaded'),
    bought AS (SELECT conversation_id, min(timestamp) AS first_purchase FROM events WHERE event = 'Stock Purchased' GROUP BY conversation_id),
    until AS (
      SELECT bought.conversation_id, count(events.message_id) AS messages
      FROM bought LEFT JOIN events ON events.conversation_id = bought.conversation_id
        AND events.event IN ${MESSAGE_EVENTS} AND events.timestamp <= bought.first_purchase
      WHERE bought.conversation_id IN (SELECT conversation_id FROM started)
      GROUP BY bought.conversation_id
    )
    SELECT
      (SELECT count(*) FROM started)::INTEGER AS conversations,
      (SELECT count(*) FROM shown WHERE conversation_id IN (SELECT conversation_id FROM started))::INTEGER AS with_component,
      (SELECT count(*) FROM until)::INTEGER AS with_purchase,
      (SELECT median(messages) FROM until)::DOUBLE AS median_messages`)

  const list = await query(`
    SELECT conversation_id,
      ${TS('min(timestamp)')} AS started_at,
      coalesce(any_value(user_id), any_value(anonymous_id), '') AS who,
      count(*) FILTER (WHERE event IN ${MESSAGE_EVENTS})::INTEGER AS messages,
      count(*) FILTER (WHERE event = 'Component Loaded')::INTEGER AS components,
      count(*) FILTER (WHERE event = 'Stock Purchased')::INTEGER AS purchases,
      (SELECT avg(rating) FROM ${LAST_RATINGS} AS last WHERE last.conversation_id = events.conversation_id)::DOUBLE AS average_rating,
      (date_diff('millisecond', min(timestamp), max(timestamp)) / 1000.0)::DOUBLE AS duration,
      bool_or(event = 'Conversation Ended') AS ended,
      ${TS('max(timestamp)')} AS last_event_at
    FROM events WHERE conversation_id IS NOT NULL
    GROUP BY conversation_id ORDER BY min(timestamp) DESC LIMIT 200`)

  return {
    totals: {
      conversations: num(totals?.conversations),
      messages: num(totals?.messages),
      events: num(totals?.events),
      users: num(totals?.users),
      purchases: num(totals?.purchases),
      revenue: round(num(totals?.revenue)),
    },
    conversationsPerDay: [...days]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([day, conversations]) => ({ day, conversations })),
    messagesPerConversation: distribution.map((row) => ({
      messages: num(row.messages),
      conversations: num(row.conversations),
    })),
    averageDurationSeconds: duration?.average == null ? null : round(num(duration.average), 1),
    componentPopularity: components.map((row) => ({
      component: String(row.component ?? '(no type)'),
      loads: num(row.loads),
      conversations: num(row.conversations),
    })),
    feedbackDistribution: ratings.map((row) => ({ rating: num(row.rating), count: num(row.count) })),
    feedbackByMessageType: byType.map((row) => ({
      messageType: String(row.message_type),
      average: round(num(row.average)),
      count: num(row.count),
    })),
    funnel: {
      conversations: num(funnel?.conversations),
      withComponent: num(funnel?.with_component),
      withPurchase: num(funnel?.with_purchase),
      medianMessagesToPurchase: numOrNull(funnel?.median_messages),
    },
    conversations: list.map((row) => {
      const average = numOrNull(row.average_rating)
      const ended = row.ended === true
      const lastEventAt = String(row.last_event_at)
      const idle = now - Date.parse(lastEventAt) >= IDLE_AFTER_MS
      return {
        conversationId: String(row.conversation_id),
        startedAt: String(row.started_at),
        user: String(row.who),
        messages: num(row.messages),
        components: num(row.components),
        purchases: num(row.purchases),
        averageRating: average === null ? null : round(average),
        durationSeconds: round(num(row.duration), 1),
        ended,
        lastEventAt,
        status: ended ? 'ended' : idle ? 'idle' : 'open',
      }
    }),
  }
}
