/**
 * The "generated" media of the scripted model: a small animated GIF of rising bars, drawn and encoded here at
 * start-up, so the app ships no binary and needs no image service.
 */

const WIDTH = 96
const HEIGHT = 64
/** Palette: background, bar green, axis grey, highlight yellow. */
const PALETTE = [0x0f172a, 0x22c55e, 0x64748b, 0xfacc15]

type Frame = Uint8Array

function drawFrame(step: number): Frame {
  const pixels = new Uint8Array(WIDTH * HEIGHT)
  const set = (x: number, y: number, colour: number) => {
    if (x >= 0 && x < WIDTH && y >= 0 && y < HEIGHT) pixels[y * WIDTH + x] = colour
  }
  for (let x = 6; x < WIDTH - 6; x += 1) set(x, HEIGHT - 8, 2)
  const heights = [10, 18, 26, 38]
  heights.forEach((height, bar) => {
    // each frame shows one more bar growing; the last frame adds the yellow spark
    const shown = bar < step ? height : bar === step ? Math.round(height / 2) : 0
    for (let y = HEIGHT - 9; y > HEIGHT - 9 - shown; y -= 1) {
      for (let x = 12 + bar * 20; x < 24 + bar * 20; x += 1) set(x, y, 1)
    }
  })
  if (step >= 4) {
    for (let i = -4; i <= 4; i += 1) {
      set(78 + i, 12, 3)
      set(78, 12 + i, 3)
      set(78 + i, 12 + i, 3)
      set(78 + i, 12 - i, 3)
    }
  }
  return pixels
}

/**
 * LZW with a clear code every two pixels: the code width never grows past 3 bits, so the encoder stays
 * trivial (bigger output, which does not matter for a 96×64 image).
 */
function lzw(pixels: Frame): number[] {
  const out: number[] = [2] // minimum code size
  let bitBuffer = 0
  let bitCount = 0
  const bytes: number[] = []
  const write = (code: number) => {
    bitBuffer |= code << bitCount
    bitCount += 3
    while (bitCount >= 8) {
      bytes.push(bitBuffer & 0xff)
      bitBuffer >>= 8
      bitCount -= 8
    }
  }
  for (let i = 0; i < pixels.length; i += 2) {
    write(4)
    write(pixels[i] ?? 0)
    if (i + 1 < pixels.length) write(pixels[i + 1] ?? 0)
  }
  write(5)
  if (bitCount > 0) bytes.push(bitBuffer & 0xff)
  for (let i = 0; i < bytes.length; i += 255) {
    const block = bytes.slice(i, i + 255)
    out.push(block.length, ...block)
  }
  out.push(0)
  return out
}

function encodeGif(frames: Frame[], delayCs: number): Uint8Array {
  const bytes: number[] = []
  const word = (n: number) => bytes.push(n & 0xff, (n >> 8) & 0xff)
  bytes.push(...Array.from('GIF89a', (c) => c.charCodeAt(0)))
  word(WIDTH)
  word(HEIGHT)
  bytes.push(0xf1, 0, 0) // global colour table of 4 entries
  for (const colour of PALETTE) bytes.push((colour >> 16) & 0xff, (colour >> 8) & 0xff, colour & 0xff)
  // loop forever (NETSCAPE2.0 extension)
  bytes.push(0x21, 0xff, 0x0b, ...Array.from('NETSCAPE2.0', (c) => c.charCodeAt(0)), 3, 1, 0, 0, 0)
  for (const frame of frames) {
    bytes.push(0x21, 0xf9, 4, 0)
    word(delayCs)
    bytes.push(0, 0)
    bytes.push(0x2c)
    word(0)
    word(0)
    word(WIDTH)
    word(HEIGHT)
    bytes.push(0)
    for (const b of lzw(frame)) bytes.push(b)
  }
  bytes.push(0x3b)
  return Uint8Array.from(bytes)
}

let cached: string | undefined

/** The celebration GIF, base64-encoded (as a model returns generated files). */
export function celebrationGifBase64(): string {
  cached ??= Buffer.from(encodeGif([0, 1, 2, 3, 4, 4].map(drawFrame), 40)).toString('base64')
  return cached
}
