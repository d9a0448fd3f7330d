import { describe, expect, it } from 'vitest'
import { aComment, aThread } from './testThreads.ts'
import {
  arrivalText,
  excerpt,
  kindLabel,
  personLabel,
  repliesText,
  statusLabel,
} from './threadText.ts'

describe('the words of a thread in the panel', () => {
  it('names kind, status and decision in plain Dutch', () => {
    expect(kindLabel(aThread('t', 'a'))).toBe('Opmerking')
    expect(kindLabel(aThread('t', 'a', { kind: 'amendment' }))).toBe('Wijzigingsvoorstel')
    expect(statusLabel(aThread('t', 'a'))).toBe('Open')
    expect(statusLabel(aThread('t', 'a', { status: 'resolved', decision: 'deels-verwerkt' }))).toBe(
      'Afgehandeld: Deels verwerkt',
    )
    expect(statusLabel(aThread('t', 'a', { status: 'resolved' }))).toBe('Afgehandeld')
  })

  it('counts answers, not the opening comment', () => {
    const thread = aThread('t', 'a')
    expect(repliesText(thread)).toBe('Geen antwoorden')
    thread.comments.push(aComment('c-2', 'b'))
    expect(repliesText(thread)).toBe('1 antwoord')
    thread.comments.push(aComment('c-3', 'c'))
    expect(repliesText(thread)).toBe('2 antwoorden')
  })

  it('shows a person with their organisation', () => {
    expect(personLabel({ name: 'Rik', organisation: 'Gemeente Urk' })).toBe('Rik (Gemeente Urk)')
    expect(personLabel({ name: 'Rik', organisation: null })).toBe('Rik')
  })

  it('shortens long quotes on a word boundary and flattens line breaks', () => {
    expect(excerpt('kort\nen goed')).toBe('kort en goed')
    const long =
      'Gemeenten nemen het voortouw in de grote transities van deze tijd, samen met provincies en het Rijk.'
    const short = excerpt(long, 40)
    expect(short).toBe('Gemeenten nemen het voortouw in de grote…')
    expect(short.length).toBeLessThanOrEqual(41)
  })

  it('announces new threads by others and news on one’s own', () => {
    const t = (id: string) => aThread(id, 'bram', { quote: 'het voortouw' })
    expect(arrivalText([t('1')], [])).toBe('Nieuwe reactie van bram.')
    expect(arrivalText([t('1'), t('2')], [t('3')])).toBe(
      '2 nieuwe reacties. Nieuw bij uw reactie op “het voortouw”.',
    )
    expect(arrivalText([], [t('1'), t('2')])).toBe('Nieuws bij 2 van uw reacties.')
  })
})
