import { describe, expect, it } from 'vitest'
import { activitySentence } from './activitySentence.ts'
import type { ActivityEntry } from './types.ts'

const eva = { id: 'p-1', name: 'Eva de Vries', organisation: 'VNG' }
const karin = { id: 'p-2', name: 'Karin de Vries', organisation: 'Gemeente Zwolle' }

function entry(type: string, details: Record<string, unknown> = {}, extra = {}): ActivityEntry {
  return { id: 'a-1', type, person: eva, at: '2023-06-14T12:05:00Z', details, ...extra }
}

describe('activity in plain Dutch', () => {
  it('says every type of a proposal’s activity as the server records it', () => {
    const cases: Array<[ActivityEntry, string]> = [
      [
        entry('status.changed', { from: 'concept', to: 'consultatie' }),
        'Eva de Vries heeft de status gewijzigd van concept naar consultatie',
      ],
      [
        entry('thread.resolved', { threadId: 't-1', quote: 'samen sterker', decision: 'verwerkt' }),
        'Eva de Vries heeft een reactie afgehandeld (verwerkt) bij ‘samen sterker’',
      ],
      [
        entry('thread.resolved', { threadId: 't-1', quote: '', decision: 'deels-verwerkt' }),
        'Eva de Vries heeft een reactie afgehandeld (deels verwerkt)',
      ],
      [
        entry('thread.reopened', { threadId: 't-1', quote: 'x' }),
        'Eva de Vries heeft een afgehandelde reactie weer geopend bij ‘x’',
      ],
      [
        entry('amendment.accepted', { threadId: 't-1', quote: '', decision: 'verwerkt' }),
        'Eva de Vries heeft een wijzigingsvoorstel overgenomen',
      ],
      [
        entry('amendment.rejected', { threadId: 't-1', quote: '' }),
        'Eva de Vries heeft een wijzigingsvoorstel afgewezen',
      ],
      [
        entry('version.saved', { versionId: 'v-1', name: 'Consultatieversie 1', auto: false }),
        'Eva de Vries heeft versie ‘Consultatieversie 1’ opgeslagen',
      ],
      [
        entry('version.saved', { versionId: 'v-1', name: 'Automatisch opgeslagen', auto: true }),
        'Er is automatisch een versie opgeslagen, na wijzigingen van Eva de Vries',
      ],
      [
        entry('version.restored', { versionId: 'v-1', name: 'Consultatieversie 1' }),
        'Eva de Vries heeft versie ‘Consultatieversie 1’ teruggezet',
      ],
      [
        entry('title.changed', { from: 'Oud', to: 'Samen sterker' }),
        'Eva de Vries heeft de titel gewijzigd in ‘Samen sterker’',
      ],
      [
        entry('proposal.created', { title: 'Voorstel 8' }),
        'Eva de Vries heeft het voorstel ‘Voorstel 8’ aangemaakt',
      ],
      [
        entry('proposal.imported', { passages: 12, characters: 900 }),
        'Eva de Vries heeft de tekst uit een Word-document geladen',
      ],
      [
        entry('round.opened', {
          roundId: 'r-1',
          title: 'Eerste ronde',
          closesAt: '2023-06-14T12:05:00Z',
        }),
        'Eva de Vries heeft een consultatieronde geopend: ‘Eerste ronde’, open tot 14 juni 2023 om 14:05',
      ],
      [
        entry('round.closed', { roundId: 'r-1' }),
        'Eva de Vries heeft een consultatieronde gesloten',
      ],
    ]
    for (const [given, sentence] of cases) expect(activitySentence(given)).toBe(sentence)
  })

  it('names the person an entry is about, and proposals by title', () => {
    const titles = new Map([
      ['voorstel-5', 'Voorstel 5'],
      ['voorstel-6', 'Voorstel 6'],
    ])
    const invited = entry(
      'person.invited',
      { personId: 'p-2', role: 'writer', proposals: ['voorstel-5', 'voorstel-6', 'weg'] },
      { subject: karin },
    )
    expect(activitySentence(invited, titles)).toBe(
      'Eva de Vries heeft Karin de Vries uitgenodigd als werkgroeplid (schrijven) voor Voorstel 5, Voorstel 6 en weg',
    )
    const all = entry('person.invited', { role: 'editor', proposals: '*' }, { subject: karin })
    expect(activitySentence(all)).toBe(
      'Eva de Vries heeft Karin de Vries uitgenodigd als redacteur (VNG-redactie) voor alle voorstellen',
    )
    expect(activitySentence(entry('person.revoked', {}, { subject: karin }))).toBe(
      'Eva de Vries heeft de toegang van Karin de Vries ingetrokken',
    )
    const anonymised = entry(
      'person.anonymised',
      {},
      { subject: { id: 'p-2', name: 'Verwijderde gebruiker', organisation: null } },
    )
    expect(activitySentence(anonymised)).toBe(
      'Eva de Vries heeft een persoon geanonimiseerd: die heet nu overal ‘Verwijderde gebruiker’',
    )
  })

  it('gives a neutral sentence for what it does not know, and cuts long quotes', () => {
    expect(activitySentence(entry('round.extended', { days: 3 }))).toBe(
      'Eva de Vries heeft iets gewijzigd',
    )
    expect(activitySentence(entry('status.changed', { from: 1, to: 'nergens' }))).toBe(
      'Eva de Vries heeft de status gewijzigd',
    )
    expect(activitySentence({ ...entry('round.closed'), person: null })).toBe(
      'Iemand heeft een consultatieronde gesloten',
    )
    const long = 'woord '.repeat(30)
    const sentence = activitySentence(entry('amendment.accepted', { quote: long }))
    expect(sentence).toMatch(
      /^Eva de Vries heeft een wijzigingsvoorstel overgenomen bij ‘(woord ){9}woord…’$/,
    )
  })
})
