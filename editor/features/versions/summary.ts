import type { Person } from '../../lib/types.ts'
import type { BlockChangeType, Change } from './types.ts'

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/** "14 invoegingen en 3 verwijderingen door 4 auteurs"; counts changes, not characters. */
export function changeSummary(changes: readonly Change[]): string {
  const inserts = changes.filter((c) => c.type === 'insert').length
  const deletes = changes.length - inserts
  if (changes.length === 0) return 'Geen verschillen in de tekst'
  const authors = new Set(changes.flatMap((c) => c.by.map((p) => p.id))).size
  const parts = [
    inserts > 0 ? count(inserts, 'invoeging', 'invoegingen') : null,
    deletes > 0 ? count(deletes, 'verwijdering', 'verwijderingen') : null,
  ].filter(Boolean)
  return `${parts.join(' en ')} door ${count(authors, 'auteur', 'auteurs')}`
}

const BLOCK_WORDS: Record<BlockChangeType, [string, string]> = {
  added: ['alinea toegevoegd', "alinea's toegevoegd"],
  removed: ['alinea verwijderd', "alinea's verwijderd"],
  split: ['alinea gesplitst', "alinea's gesplitst"],
  joined: ['alinea samengevoegd', "alinea's samengevoegd"],
  type: ['kop of alinea anders opgemaakt', "koppen of alinea's anders opgemaakt"],
}

/** "1 alinea gesplitst, 2 alinea's toegevoegd", or null when no block changed. */
export function blockSummary(blocks: ReadonlyArray<{ type: BlockChangeType }>): string | null {
  if (blocks.length === 0) return null
  const order: BlockChangeType[] = ['type', 'added', 'removed', 'split', 'joined']
  return order
    .map((type) => {
      const n = blocks.filter((b) => b.type === type).length
      return n === 0 ? null : count(n, ...BLOCK_WORDS[type])
    })
    .filter(Boolean)
    .join(', ')
}

/** "Anna (Gemeente Zwolle)". */
export function personLabel(person: Person): string {
  return person.organisation ? `${person.name} (${person.organisation})` : person.name
}

/**
 * "Ingevoegd door Anna (Gemeente Zwolle)" — also the tooltip of a change. Text
 * of an accepted amendment: "Ingevoegd: voorgesteld door Anna (Gemeente
 * Zwolle), overgenomen door Eva (VNG)".
 */
export function changeLabel(change: Change): string {
  const who = change.by.map(personLabel).join(', ')
  const what = change.type === 'insert' ? 'Ingevoegd' : 'Verwijderd'
  if (!change.acceptedBy) return `${what} door ${who}`
  return `${what}: voorgesteld door ${who}, overgenomen door ${personLabel(change.acceptedBy)}`
}
