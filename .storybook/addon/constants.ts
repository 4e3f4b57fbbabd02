/** Names shared by the manager (panel) and the preview (decorator) sides of the Analytics events addon. */
export const ADDON_ID = 'copilot-analytics/events'
export const PANEL_ID = `${ADDON_ID}/panel`

/** Channel events between preview and manager. */
export const CHANNEL = {
  /** preview → manager: the full list of the story's events (payload: RecordedEvent[]). */
  records: `${ADDON_ID}/records`,
  /** manager → preview: forget the story's events. */
  clear: `${ADDON_ID}/clear`,
  /** manager → preview: send the list again (the panel just mounted). */
  request: `${ADDON_ID}/request`,
} as const
