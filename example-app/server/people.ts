import { COPILOT_TRAITS } from '../../src/collector'
import { listProfiles } from '../../src/collector/profiles'
import type { QueryFn } from './insights'
import type { Person } from './peoplePage'
import { STOCK_TRAITS } from './profileTraits'

/** Every trait the example's collector computes: the AI Copilot spec's and the stocks copilot's own. */
export const EXAMPLE_TRAITS = [...COPILOT_TRAITS, ...STOCK_TRAITS]

/** The most recently active profiles with their traits and their latest conversations, for the People view. */
export async function listPeople(query: QueryFn, limit = 100): Promise<Person[]> {
  const profiles = await listProfiles((sql, params) => query(sql, params ? [...params] : []), EXAMPLE_TRAITS, limit)
  return Promise.all(
    profiles.map(async (profile) => {
      const ids = [...profile.userIds, ...profile.anonymousIds]
      const marks = (list: readonly string[]) => (list.length === 0 ? 'NULL' : list.map(() => '?').join(', '))
      const rows = await query(
        `SELECT conversation_id, max(timestamp) AS last FROM events
         WHERE conversation_id IS NOT NULL AND (user_id IN (${marks(profile.userIds)}) OR anonymous_id IN (${marks(profile.anonymousIds)}))
         GROUP BY conversation_id ORDER BY last DESC LIMIT 5`,
        ids,
      )
      return { ...profile, conversations: rows.map((row) => String(row.conversation_id)) }
    }),
  )
}
