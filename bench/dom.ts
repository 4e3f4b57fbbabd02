// A jsdom page as the global environment, installed before React or the kit load (both look for `window` at import).

/** The little of jsdom's API used here (jsdom ships no types and @types/jsdom is not installed). */
interface JsdomModule {
  JSDOM: new (
    html: string,
    options: { url: string; pretendToBeVisual: boolean },
  ) => { window: Window & Record<string, unknown> }
}

const GLOBALS = [
  'window',
  'document',
  'navigator',
  'location',
  'localStorage',
  'sessionStorage',
  'HTMLElement',
  'Element',
  'Node',
  'Event',
  'MouseEvent',
  'CustomEvent',
  'MutationObserver',
  'requestAnimationFrame',
  'cancelAnimationFrame',
] as const

/** Makes a jsdom window the global scope of this process (Node's own fetch, crypto and timers stay). */
export async function installDom(url = 'http://127.0.0.1/'): Promise<void> {
  const jsdom = 'jsdom'
  const { JSDOM } = (await import(jsdom)) as JsdomModule
  const dom = new JSDOM('<!doctype html><html><body><div id="root"></div></body></html>', {
    url,
    pretendToBeVisual: true,
  })
  const source = dom.window
  for (const key of GLOBALS) {
    Object.defineProperty(globalThis, key, { value: source[key], configurable: true, writable: true })
  }
  ;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true
}
