/** Runs read-only SQL over the collector's `events` table (as `Collector.query` does). */
export type QueryFn = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>

/** What a product team asks of a copilot, computed from the spec events the collector stored. */
export interface Insights {
  totals: {
    conversations: number
    messages: number
    events: number
    /** Distinct visitors (anonymous IDs: signing in keeps the visitor's anonymous ID). */
    users: number
    purchases: number
    /** Sum of the `total` of every Stock Purchased. */
    revenue: number
  }
  conversationsPerDay: Array<{ day: string; conversations: number }>
  /** How many conversations had this many messages (Message Sent + Message Received). */
  messagesPerConversation: Array<{ messages: number; conversations: number }>
  /** Seconds from a conversation's first event to its last; null when there is none. */
  averageDurationSeconds: number | null
  componentPopularity: Array<{ component: string; loads: number; conversations: number }>
  /** Ratings given, and how often: the last rating per (conversation, message), so a change of mind counts once. */
  feedbackDistribution: Array<{ rating: number; count: number }>
  /** Average rating by what was rated: a text answer, a generated component, generated media. */
  feedbackByMessageType: Array<{ messageType: string; average: number; count: number }>
  funnel: {
    conversations: number
    withComponent: number
    withPurchase: number
    /** Median number of messages before the first Stock Purchased of a conversation; null without purchases. */
    medianMessagesToPurchase: number | null
  }
  conversations: ConversationSummary[]
}

/** One row of the conversation list. */
export interface ConversationSummary {
  conversationId: string
  startedAt: string
  user: string
  messages: number
  components: number
  purchases: number
  averageRating: number | null
  durationSeconds: number
  ended: boolean
  /** When its last event happened (ISO). */
  lastEventAt: string
  /**
   * `ended`: Conversation Ended was stored. `idle`: not ended, and no event for {@link IDLE_AFTER_MS} (a closed
   * tab never sends Conversation Ended). `open`: not ended, and active within that time.
   */
  status: 'open' | 'idle' | 'ended'
}

/** A conversation without events for this long (the usual 30-minute session timeout) counts as idle. */
export const IDLE_AFTER_MS = 30 * 60 * 1000

/** One stored event, for the drill-down. */
export interface StoredEvent {
  timestamp: string
  type: string
  event: string | null
  messageId: string | null
  user: string
  valid: boolean | null
  properties: Record<string, unknown>
}

const MESSAGE_EVENTS = "('Message Sent', 'Message Received')"
/** The chat message an event is about, from the column or, if the collector left it empty, the properties. */
const CHAT_MESSAGE_ID = "coalesce(chat_message_id, properties->>'$.messageId')"
/**
 * The events `where` selects, each with `message`: the chat message it is about (as {@link CHAT_MESSAGE_ID}). Two
 * halves, so the JSON is parsed only for the rows whose column is empty (DuckDB's `coalesce` parses it for all).
 */
const withMessage = (where: string) => `(
  SELECT *, chat_message_id AS message FROM events WHERE ${where} AND chat_message_id IS NOT NULL
  UNION ALL
  SELECT *, properties->>'$.messageId' AS message FROM events WHERE ${where} AND chat_message_id IS NULL
)`
/**
 * The user's rating of each rated message: the last Feedback Submitted with a rating per (conversation, message),
 * as a user may change their mind (thumbs up, then down, is one −1). Conversation-level feedback has message ''.
 * The rating is the collector's typed `rating` column (a number, or a numeric string, as a number); a rating that
 * is not a finite number (`"NaN"`, `"Infinity"`) is no rating, as it would turn every average into NaN.
 * `arg_max` keeps one row per group without sorting them (a window function ranked every feedback row); exact
 * ties of both times are left to chance, as that ranking left them.
 */
const lastRatings = (where = 'true') => `(
  SELECT conversation_id, coalesce(message, '') AS message,
    arg_max(rating, (timestamp, received_at)) AS rating
  FROM ${withMessage(`event = 'Feedback Submitted' AND isfinite(rating) AND ${where}`)}
  GROUP BY conversation_id, coalesce(message, '')
)`
const TS = (column: string) => `strftime(${column}, '%Y-%m-%dT%H:%M:%S.%gZ')`

const num = (value: unknown): number => (typeof value === 'number' ? value : Number(value ?? 0))
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value))
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits

/**
 * Computes every number of the insights page (a handful of small aggregate queries). Each query narrows to the
 * events it counts before it parses any JSON, and returns aggregates, not a row per conversation: at 1,000,000
 * stored events they take ~0.2 s on a quiet 2-core machine (bench/README.md, "Insights queries").
 * @param now the time a conversation's idleness is measured against (ms since the epoch)
 */
export async function computeInsights(query: QueryFn, now: number = Date.now()): Promise<Insights> {
  const [totals] = await query(`
    SELECT
      (SELECT count(DISTINCT conversation_id) FROM events WHERE event = 'Conversation Started')::INTEGER AS conversations,
      count(*) FILTER (WHERE event IN ${MESSAGE_EVENTS})::INTEGER AS messages,
      count(*)::INTEGER AS events,
      count(DISTINCT anonymous_id)::INTEGER AS users,
      count(*) FILTER (WHERE event = 'Stock Purchased')::INTEGER AS purchases,
      (SELECT coalesce(sum(TRY_CAST(properties->>'$.total' AS DOUBLE)), 0) FROM events WHERE event = 'Stock Purchased')::DOUBLE AS revenue
    FROM events`)

  // a Conversation Started without a conversation ID (the validator's error) is no conversation, as in the totals
  const perDay = await query(`
    SELECT day_label, count(*)::INTEGER AS conversations FROM (
      SELECT strftime(CAST(min(timestamp) AS DATE), '%Y-%m-%d') AS day_label
      FROM events WHERE event = 'Conversation Started' AND conversation_id IS NOT NULL GROUP BY conversation_id
    ) GROUP BY day_label`)
  const days = perDay
    .map((row) => ({ day: String(row.day_label), conversations: num(row.conversations) }))
    .sort((a, b) => a.day.localeCompare(b.day))

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

  // the rating distribution and the average by what was rated, in one pass over the last ratings: what was rated
  // is the component shown with that message, else media generated with it, else a text answer
  const feedback = await query(`
    WITH rated AS MATERIALIZED (SELECT message, rating FROM ${lastRatings()}), kinds AS (
      SELECT message, max(component) AS component, max(media) AS media FROM (
        SELECT message, properties->>'$.type' AS component, NULL AS media
        FROM ${withMessage("event = 'Component Loaded'")} AS loaded SEMI JOIN rated USING (message)
        UNION ALL
        SELECT message, NULL, 'Media (' || coalesce(properties->>'$.sub_type', properties->>'$.type') || ')'
        FROM ${withMessage("event = 'Media Generated'")} AS generated SEMI JOIN rated USING (message)
      ) GROUP BY message
    )
    SELECT grouping(message_type) = 1 AS by_rating, rating, message_type,
      avg(rating)::DOUBLE AS average, count(*)::INTEGER AS count
    FROM (
      SELECT rating, coalesce(kinds.component, kinds.media, 'Text answer') AS message_type
      FROM rated LEFT JOIN kinds ON kinds.message = rated.message
    ) GROUP BY GROUPING SETS ((rating), (message_type))
    ORDER BY by_rating DESC, rating, count DESC, message_type`)
  const ratings = feedback.filter((row) => row.by_rating === true)
  const byType = feedback.filter((row) => row.by_rating !== true)

  // one pass over the three events the funnel counts (each read by an equality filter, which DuckDB pushes into
  // the scan), then the messages of the conversations that bought; events without a conversation ID are in no
  // conversation
  const [funnel] = await query(`
    WITH per AS (
      SELECT conversation_id,
        bool_or(event = 'Conversation Started') AS started,
        bool_or(event = 'Component Loaded') AS shown,
        bool_or(event = 'Stock Purchased') AS bought,
        min(timestamp) FILTER (WHERE event = 'Stock Purchased') AS first_purchase
      FROM (
        SELECT conversation_id, event, timestamp FROM events WHERE event = 'Conversation Started'
        UNION ALL SELECT conversation_id, event, timestamp FROM events WHERE event = 'Component Loaded'
        UNION ALL SELECT conversation_id, event, timestamp FROM events WHERE event = 'Stock Purchased'
      ) GROUP BY conversation_id
    ), until AS (
      SELECT per.conversation_id, count(events.message_id) AS messages
      FROM per LEFT JOIN events ON events.conversation_id = per.conversation_id
        AND events.event IN ${MESSAGE_EVENTS} AND events.timestamp <= per.first_purchase
      WHERE per.started AND per.bought AND per.conversation_id IS NOT NULL
      GROUP BY per.conversation_id
    )
    SELECT
      count(*) FILTER (WHERE started AND conversation_id IS NOT NULL)::INTEGER AS conversations,
      count(*) FILTER (WHERE started AND shown AND conversation_id IS NOT NULL)::INTEGER AS with_component,
      (SELECT count(*) FROM until)::INTEGER AS with_purchase,
      (SELECT median(messages) FROM until)::DOUBLE AS median_messages
    FROM per`)

  // the newest 200 conversations first, then the ratings of those alone
  const list = await query(`
    WITH newest AS (
      SELECT conversation_id, min(timestamp) AS first_at FROM events WHERE conversation_id IS NOT NULL
      GROUP BY conversation_id ORDER BY first_at DESC, conversation_id LIMIT 200
    ), listed AS (
      SELECT conversation_id,
        min(timestamp) AS first_at,
        max(timestamp) AS last_at,
        coalesce(any_value(user_id), any_value(anonymous_id), '') AS who,
        count(*) FILTER (WHERE event IN ${MESSAGE_EVENTS})::INTEGER AS messages,
        count(*) FILTER (WHERE event = 'Component Loaded')::INTEGER AS components,
        count(*) FILTER (WHERE event = 'Stock Purchased')::INTEGER AS purchases,
        bool_or(event = 'Conversation Ended') AS ended
      FROM events WHERE conversation_id IN (SELECT conversation_id FROM newest) GROUP BY conversation_id
    ), rated AS (
      SELECT conversation_id, avg(rating) AS average_rating
      FROM ${lastRatings('conversation_id IN (SELECT conversation_id FROM newest)')} GROUP BY conversation_id
    )
    SELECT conversation_id, ${TS('first_at')} AS started_at, who, messages, components, purchases,
      average_rating::DOUBLE AS average_rating,
      (date_diff('millisecond', first_at, last_at) / 1000.0)::DOUBLE AS duration,
      ended, ${TS('last_at')} AS last_event_at
    FROM listed LEFT JOIN rated USING (conversation_id)
    ORDER BY first_at DESC, conversation_id`)

  return {
    totals: {
      conversations: num(totals?.conversations),
      messages: num(totals?.messages),
      events: num(totals?.events),
      users: num(totals?.users),
      purchases: num(totals?.purchases),
      revenue: round(num(totals?.revenue)),
    },
    conversationsPerDay: days,
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

/** Every event of one conversation, oldest first, for the drill-down. */
export async function conversationEvents(query: QueryFn, conversationId: string): Promise<StoredEvent[]> {
  const rows = await query(
    `SELECT ${TS('timestamp')} AS ts, type, event, ${CHAT_MESSAGE_ID} AS chat_message, coalesce(user_id, anonymous_id, '') AS who,
       valid, properties
     FROM events WHERE conversation_id = ? ORDER BY timestamp, received_at`,
    [conversationId],
  )
  return rows.map((row) => ({
    timestamp: String(row.ts),
    type: String(row.type),
    event: row.event == null ? null : String(row.event),
    messageId: row.chat_message == null ? null : String(row.chat_message),
    user: String(row.who),
    valid: typeof row.valid === 'boolean' ? row.valid : null,
    properties: parseObject(row.properties),
  }))
}

function parseObject(value: unknown): Record<string, unknown> {
  if (typeof value === 'string') {
    try {
      return parseObject(JSON.parse(value))
    } catch {
      return {}
    }
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
}
