// Size budgets, measured as an app's production build sees the package: esbuild, minified, gzip, peers external,
// `process.env.NODE_ENV` = "production" (which drops the development-only validator and spec table).
const peers = ['react', 'react-dom', '@segment/analytics-next', '@ai-sdk/react', 'ai']
// The target is 4 KB for the main entry. Measured today: 12.4 KB (every export), 10.2 KB (typical import),
// 9.2 KB (core): redaction rules, consent queue, sanitising, truncation, persistence and the analytics-next adapter
// all ship in the client. Until those become opt-in (see CHANGELOG / README "Bundle cost"), these limits are
// regression guards set just above today's sizes, not the target.
const production = (config) => ({ ...config, define: { ...config.define, 'process.env.NODE_ENV': '"production"' } })

export default [
  {
    name: 'copilot-analytics: every export (incl. zustand + uuid)',
    path: 'dist/index.js',
    import: '*',
    ignore: peers,
    gzip: true,
    limit: '13 KB',
    modifyEsbuildConfig: production,
  },
  {
    name: 'copilot-analytics: typical app import (provider + 3 hooks + HOC)',
    path: 'dist/index.js',
    import: '{ CopilotAnalyticsProvider, useTrackMessage, useFeedback, useConversation, withComponentTracking }',
    ignore: peers,
    gzip: true,
    limit: '10.7 KB',
    modifyEsbuildConfig: production,
  },
  {
    name: 'copilot-analytics/core: createCopilotAnalytics',
    path: 'dist/core.js',
    import: '{ createCopilotAnalytics }',
    ignore: peers,
    gzip: true,
    limit: '9.6 KB',
    modifyEsbuildConfig: production,
  },
]
