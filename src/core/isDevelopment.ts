// the one definition is in src/shared/isDevelopment.ts
export { isDevelopment } from '../shared/isDevelopment'
