import { useState } from 'react'
import { ConfirmDialog } from '../../lib/ConfirmDialog.tsx'
import { personLabel } from '../comments/threadText.ts'
import { isOpenSuggestion, type Thread } from '../comments/types.ts'
import { decideAll, decidedText } from './decideAll.ts'
import type { SuggestionsController } from './useSuggestions.ts'

interface PersonGroup {
  person: Thread['createdBy']
  ids: string[]
}

function byPerson(threads: Thread[]): PersonGroup[] {
  const groups = new Map<string, PersonGroup>()
  for (const thread of threads) {
    if (!isOpenSuggestion(thread)) continue
    const group = groups.get(thread.createdBy.id) ?? { person: thread.createdBy, ids: [] }
    group.ids.push(thread.id)
    groups.set(thread.createdBy.id, group)
  }
  return [...groups.values()]
}

/**
 * For the VNG editors: every open suggestion of one person taken over or
 * rejected at once, after a question that says how many.
 */
export function SuggestionsByPerson(props: {
  threads: Thread[]
  suggestions: SuggestionsController
}) {
  const groups = byPerson(props.threads)
  const [asked, setAsked] = useState<{ group: PersonGroup; how: 'accept' | 'reject' } | null>(null)
  const [busy, setBusy] = useState(false)
  if (groups.length === 0) return null
  const { suggestions } = props
  const confirm = async () => {
    if (!asked) return
    setBusy(true)
    const decided = await decideAll(suggestions.api, asked.group.ids, asked.how)
    for (const thread of decided.done) suggestions.applyThread(thread)
    suggestions.announce(decidedText(decided, asked.how))
    setBusy(false)
    setAsked(null)
  }
  return (
    <section className="suggestions-by-person" aria-labelledby="voorstellen-per-persoon">
      <h2 id="voorstellen-per-persoon" className="comments__title">
        Voorstellen per indiener
      </h2>
      <ul>
        {groups.map((group) => (
          <li key={group.person.id}>
            <p>
              {personLabel(group.person)}:{' '}
              {group.ids.length === 1 ? '1 voorstel' : `${group.ids.length} voorstellen`}
            </p>
            <div className="button-row">
              <button
                type="button"
                className="button button--secondary"
                onClick={() => setAsked({ group, how: 'accept' })}
              >
                Alle overnemen<span className="visually-hidden"> van {group.person.name}</span>
              </button>
              <button
                type="button"
                className="button button--secondary"
                onClick={() => setAsked({ group, how: 'reject' })}
              >
                Alle afwijzen<span className="visually-hidden"> van {group.person.name}</span>
              </button>
            </div>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={asked !== null}
        title={
          asked
            ? `${asked.group.ids.length} ${asked.group.ids.length === 1 ? 'voorstel' : 'voorstellen'} van ${asked.group.person.name} ${asked.how === 'accept' ? 'overnemen' : 'afwijzen'}?`
            : ''
        }
        confirmLabel={asked?.how === 'accept' ? 'Overnemen in de tekst' : 'Afwijzen'}
        danger={asked?.how === 'reject'}
        busy={busy}
        onConfirm={() => void confirm()}
        onCancel={() => setAsked(null)}
      >
        <p>
          {asked?.how === 'accept'
            ? 'Elk voorstel wordt een wijziging van de tekst op naam van de indiener. Voorstellen waarvan de tekst intussen veranderd is, blijven staan.'
            : 'De voorstellen worden afgehandeld als niet verwerkt; de tekst blijft zoals hij is.'}
        </p>
      </ConfirmDialog>
    </section>
  )
}
