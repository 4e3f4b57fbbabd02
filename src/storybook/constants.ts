/** Names shared by the manager (panel) and the preview (decorator, play helpers) sides of the addon. */
export const ADDON_ID = 'copilot-analytics'
export const PANEL_ID = `${ADDON_ID}/panel`
/** The key of the addon's parameters: `parameters: { copilotAnalytics: { ... } }`. */
export const PARAM_KEY = 'copilotAnalytics'

/** Channel events between preview and manager. */
export const CHANNEL = {
  /** preview → manager: the story's whole list of events (payload: {@link StoryEventsMessage}). */
  events: `${ADDON_ID}/events`,
  /** preview → manager: the result of an `expectEvents` call in a play function (payload: {@link AssertionResult}). */
  assertion: `${ADDON_ID}/assertion`,
  /** manager → preview: forget the story's events. */
  clear: `${ADDON_ID}/clear`,
  /** manager → preview: send the list again (the panel just mounted). */
  request: `${ADDON_ID}/request`,
} as const
