import { loadPipeline } from '../src/core/deferredPipeline'

// Unit tests read a client's events right after acting, as createTestCopilotAnalytics lets users do: the pipeline
// module is imported before any client exists. test/unit/deferredPipeline.test.ts covers the first load itself,
// and the integration tests go through it with no preload.
await loadPipeline()
