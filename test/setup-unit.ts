// Nothing to set up: each client loads its own engine (the test helpers make theirs up front), so a test that reads
// the events of a `createCopilotAnalytics` client awaits `client.flush()` first, as an app would.
export {}
