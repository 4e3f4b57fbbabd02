/** True in a browser (a window and a document); false on the server, in workers and in plain Node. */
export const isBrowser = (): boolean => typeof window !== 'undefined' && typeof document !== 'undefined'
