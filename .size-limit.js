// Size budgets, measured as an app's production build sees the package: esbuild, minified, gzip, peers external,
// `process.env.NODE_ENV` = "production" (which drops the development-only validator and spec table).
const peers = ['react', 'react-dom', '@segment/analytics-next', '@ai-sdk/react', 'ai']
const production = (config) => ({ ...config, define: { ...config.define, 'process.env.NODE_ENV': '"production"' } })

export default [
  {
    name: 'copilot-analytics: every export (incl. zustand + uuid)',
    path: 'dist/index.js',
    import: '*',
    ignore: peers,
    gzip: true,
    limit: '4 KB',
    modifyEsbuildConfig: production,
  },
  {
    name: 'copilot-analytics: typical app import (provider + 3 hooks + HOC)',
    path: 'dist/index.js',
    import: '{ CopilotAnalyticsProvider, useTrackMessage, useFeedback, useConversation, withComponentTracking }',
    ignore: peers,
    gzip: true,
    limit: '4 KB',
    modifyEsbuildConfig: production,
  },
  {
    name: 'copilot-analytics/core: createCopilotAnalytics',
    path: 'dist/core.js',
    import: '{ createCopilotAnalytics }',
    ignore: peers,
    gzip: true,
    limit: '4 KB',
    modifyEsbuildConfig: production,
  },
]
