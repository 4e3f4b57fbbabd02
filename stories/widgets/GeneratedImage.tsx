import { useTrackMedia } from 'copilot-analytics'
import { type ReactNode, useEffect, useRef, useState } from 'react'

/** Props of {@link GeneratedImage}. */
export interface GeneratedImageProps {
  /** What the user asked the model to draw. */
  prompt: string
  /** The model's message this image belongs to. */
  messageId?: string
  /** Pixels on each side. */
  size?: number
}

/** Paints a "generated" picture for `prompt` on a canvas: stands in for an image model, with no network. */
function paint(prompt: string, size: number): string {
  const canvas = document.createElement('canvas')
  canvas.width = size
  canvas.height = size
  const context = canvas.getContext('2d')
  if (!context) return ''
  const hue = [...prompt].reduce((sum, char) => sum + char.charCodeAt(0), 0) % 360
  const gradient = context.createLinearGradient(0, 0, size, size)
  gradient.addColorStop(0, `hsl(${hue} 70% 55%)`)
  gradient.addColorStop(1, `hsl(${(hue + 120) % 360} 70% 35%)`)
  context.fillStyle = gradient
  context.fillRect(0, 0, size, size)
  context.fillStyle = 'rgba(255,255,255,0.85)'
  context.beginPath()
  context.arc(size * 0.7, size * 0.3, size * 0.12, 0, Math.PI * 2)
  context.fill()
  return canvas.toDataURL('image/png')
}

/**
 * An image the model generated: Media Generated (`image`, `png`) once it has loaded and the user can see it.
 */
export function GeneratedImage({ prompt, messageId, size = 192 }: GeneratedImageProps): ReactNode {
  const trackMedia = useTrackMedia()
  const [src, setSrc] = useState('')
  const trackedSrc = useRef('')
  useEffect(() => setSrc(paint(prompt, size)), [prompt, size])

  const loaded = () => {
    // one event per generated image, however often the browser fires load
    if (trackedSrc.current === src) return
    trackedSrc.current = src
    trackMedia({ type: 'image', subType: 'png', prompt, ...(messageId === undefined ? {} : { messageId }) })
  }

  return (
    <figure className="card media" style={{ margin: 0, width: 'fit-content' }}>
      {src ? (
        <img src={src} alt={`Generated: ${prompt}`} width={size} height={size} onLoad={loaded} />
      ) : (
        <div role="progressbar" aria-label="Generating image" style={{ width: size, height: size }} />
      )}
      <figcaption className="muted">{prompt}</figcaption>
    </figure>
  )
}
