// What the wire allows: Segment's size limit and the UTF-16 facts needed to measure and cut text for it, said once
// for the browser client, the server and the collector.

/** Segment's API rejects any event over 32 KB. */
export const SEGMENT_EVENT_LIMIT_BYTES = 32 * 1024

/** The first half of a surrogate pair. */
export const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff

/** The second half of a surrogate pair. */
export const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff
