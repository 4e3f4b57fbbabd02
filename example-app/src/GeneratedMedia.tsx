/** An image or GIF the model generated (its Media Generated event is sent with the answer). */
export function GeneratedMedia({ url, mediaType }: { url: string; mediaType: string }) {
  return (
    <figure className="card media">
      <img src={url} alt={`Generated ${mediaType.split('/')[1] ?? 'image'}`} width={192} height={128} />
      <figcaption className="muted small">Generated {mediaType}</figcaption>
    </figure>
  )
}
