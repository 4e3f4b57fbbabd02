// Names and limits shared by the client and the engine it loads when it is created. They live apart from both so
// that exporting them does not pull the engine into an app's first bundle.

import { SEGMENT_EVENT_LIMIT_BYTES } from '../shared/wire'

// Segment's 32 KB limit, said once in src/shared/wire.ts
export { SEGMENT_EVENT_LIMIT_BYTES }

/** Write key used with `apiHost` when none is given: the local collector accepts any key. */
export const LOCAL_WRITE_KEY = 'copilot-analytics-local'

/**
 * Default budget of an event as the kit hands it over, serialised: Segment's limit less room for what analytics-next
 * adds (context with page URL, user agent, library, ids and timestamps: 1–3 KB in practice).
 */
export const DEFAULT_MAX_EVENT_BYTES = SEGMENT_EVENT_LIMIT_BYTES - 4 * 1024
