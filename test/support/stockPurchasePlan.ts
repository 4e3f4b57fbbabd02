import { defineTrackingPlan } from '../../src/core'

/** A one-event tracking plan of the app's own: what the privacy tests validate against. */
export const stockPurchasePlan = defineTrackingPlan({
  'Stock Purchased': {
    description: 'The user bought a stock.',
    sentBy: { core: 'track', react: 'useTrack' },
    properties: {
      ticker: { type: 'string', required: true, description: 'e.g. NVDA' },
      quantity: { type: 'number', required: true, description: 'Shares bought.' },
    },
  },
})
