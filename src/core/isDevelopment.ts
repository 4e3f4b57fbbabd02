// the one definition is in src/shared/guards.ts; devtools imports it from here
export { isDevelopment } from '../shared/guards'
