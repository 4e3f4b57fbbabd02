import type { ReactNode } from 'react'
import { ENRICHED_PROPERTIES, SPEC_EVENTS, SPEC_IDENTIFY, type SpecEvent, type SpecProperty } from '../../src/spec'

function PropertiesTable({ properties }: { properties: Readonly<Record<string, SpecProperty>> }): ReactNode {
  return (
    <table className="ca-table">
      <thead>
        <tr>
          <th scope="col">Property</th>
          <th scope="col">Type</th>
          <th scope="col">Required</th>
          <th scope="col">Default / examples</th>
          <th scope="col">Description</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(properties).map(([name, property]) => (
          <tr key={name}>
            <td>
              <code>{name}</code>
            </td>
            <td>{property.type}</td>
            <td>{property.required ? 'yes' : 'no'}</td>
            <td>
              {property.default === undefined ? null : (
                <>
                  default <code>{property.default}</code>
                  {property.examples ? '; ' : null}
                </>
              )}
              {property.examples?.map((example, index) => (
                <span key={example}>
                  {index > 0 ? ', ' : null}
                  <code>{example}</code>
                </span>
              ))}
            </td>
            <td>{property.description}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function SentBy({ sentBy }: { sentBy: SpecEvent['sentBy'] }): ReactNode {
  return (
    <p>
      Sent by <code>{sentBy.react}</code> (React) and <code>client.{sentBy.core}</code> (core).
    </p>
  )
}

/**
 * Every event of the AI Copilot spec, generated from the spec table in `src/spec`: its description, the hook or
 * HOC and the core method that send it, and each property with its type. Nothing here is written by hand.
 */
export function SpecEventsTable(): ReactNode {
  return (
    <div>
      {Object.entries(SPEC_EVENTS as Record<string, SpecEvent>).map(([name, event]) => (
        <section key={name} aria-label={name}>
          <h3>{name}</h3>
          <p>{event.description}</p>
          {event.legacyNames ? (
            <p>
              Also accepted under its earlier name{event.legacyNames.length > 1 ? 's' : ''}:{' '}
              {event.legacyNames.map((legacy) => (
                <code key={legacy}>{legacy}</code>
              ))}
              .
            </p>
          ) : null}
          <SentBy sentBy={event.sentBy} />
          <PropertiesTable properties={event.properties} />
        </section>
      ))}
      <section aria-label="Identify">
        <h3>Identify (identify call)</h3>
        <p>{SPEC_IDENTIFY.description}</p>
        <SentBy sentBy={SPEC_IDENTIFY.sentBy} />
        <p>
          Carries at least one of{' '}
          {SPEC_IDENTIFY.requiresOneOf.map((field, index) => (
            <span key={field}>
              {index > 0 ? ' and ' : null}
              <code>{field}</code>
            </span>
          ))}
          .
        </p>
      </section>
      <section aria-label="Any other track call">
        <h3>Any other track call</h3>
        <p>
          A business action in the conversation (Stock Purchased, Support Requested, …), sent with{' '}
          <code>useTrack()</code> (React) or <code>client.track</code> (core), enriched with:
        </p>
        <PropertiesTable properties={ENRICHED_PROPERTIES} />
      </section>
    </div>
  )
}
