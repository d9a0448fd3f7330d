import type { Connection } from './useConnection.ts'

const WORDS: Record<Connection['kind'], string> = {
  connecting: 'Verbinding maken…',
  syncing: 'Verbonden, de tekst wordt bijgewerkt…',
  online: 'Verbonden: wijzigingen worden direct gedeeld en opgeslagen.',
  offline: 'Geen verbinding met de server. Er wordt steeds opnieuw geprobeerd.',
  closed: 'Niet verbonden.',
}

/**
 * The connection in plain words, announced politely to screen readers. The
 * symbol in front differs per state, so colour is never the only signal.
 */
export function ConnectionStatus({
  connection,
  canWrite,
}: {
  connection: Connection
  canWrite: boolean
}) {
  return (
    <p
      className={`connection connection--${connection.kind}`}
      role="status"
      data-testid="connection-status"
      data-state={connection.kind}
    >
      <span className="connection__symbol" aria-hidden="true" />
      <span>
        {connection.kind === 'offline' && connection.cause === 'storage'
          ? 'De server kan wijzigingen op dit moment niet opslaan. Er wordt steeds opnieuw geprobeerd.'
          : WORDS[connection.kind]}
        {connection.kind === 'offline' && canWrite && (
          <>
            {' '}
            U kunt doorschrijven: uw wijzigingen blijven in deze browser bewaard en worden verstuurd
            zodra de verbinding terug is.
          </>
        )}
      </span>
    </p>
  )
}
