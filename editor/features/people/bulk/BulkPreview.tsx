import type { BulkAnswer } from './bulkApi.ts'

const ACTIONS: Record<BulkAnswer['rows'][number]['action'], string> = {
  create: 'Nieuw: krijgt een uitnodiging',
  update: 'Wordt gewijzigd',
  unchanged: 'Blijft zoals het is',
  revoked: 'Heeft geen toegang meer; blijft zo',
}

/** What a list will do, per row, and every mistake with its line and column (M1). */
export function BulkPreview({ answer }: { answer: BulkAnswer }) {
  const { errors, rows } = answer
  return (
    <div className="stack" data-testid="bulk-preview">
      {errors.length > 0 ? (
        <div className="alert alert--error" role="alert" data-testid="bulk-errors">
          <p className="alert__title">
            {errors.length === 1 ? 'Er is 1 fout' : `Er zijn ${errors.length} fouten`} in de lijst.
            Er is niets veranderd. Verbeter het bestand en kies het opnieuw.
          </p>
          <ul>
            {errors.map((error) => (
              <li key={`${error.line}-${error.field}-${error.message}`}>
                Regel {error.line}, kolom {error.field}: {error.message}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p data-testid="bulk-summary">
          {answer.applied ? 'Gedaan' : 'Als u doorgaat'}: {answer.created} nieuw
          {answer.created === 1 ? '' : 'e mensen'}, {answer.updated} gewijzigd, {answer.unchanged}{' '}
          ongewijzigd.
        </p>
      )}
      {answer.encoding === 'windows-1252' && (
        <p className="alert alert--warning">
          Het bestand is niet als UTF-8 opgeslagen; het is gelezen als Windows-tekst. Controleer
          letters als ë en â in de namen hieronder.
        </p>
      )}
      {rows.length > 0 && (
        <ul className="bulk-rows" aria-label="Wat er met elke regel gebeurt">
          {rows.map((row) => (
            <li key={row.line}>
              <span className="muted">Regel {row.line}:</span> <strong>{row.name}</strong>{' '}
              <span className="break-anywhere">({row.email})</span> — {ACTIONS[row.action]}
              {row.changes.length > 0 && ` (${row.changes.join(', ')})`}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
