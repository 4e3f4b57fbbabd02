/**
 * The collector's default port. 7463 is taken by no common development tool: not OTLP/HTTP (4318, whose `/v1/*`
 * paths would also overlap ours), not the dev servers of Next.js, Vite, Storybook, Astro, Angular or Django
 * (3000, 5173, 6006, 4321, 4200, 8000), not 4000, 8080, 8888, 9000, 9229 (the Node inspector), nor a database.
 */
export const DEFAULT_PORT = 7463
