/**
 * Many people created and changed with one write of `people.json` (M1): a
 * list of 342 municipalities is one file write, all or nothing. Single
 * process: the records read here are the freshest there are.
 */
import { mergePersonChanges } from '../mergePersonChanges.ts'
import type { PersonChanges, PersonRecord } from '../Storage.ts'
import type { JsonCollection } from './JsonCollection.ts'

export function saveBatchIn(
  people: JsonCollection<PersonRecord>,
  batch: { create: PersonRecord[]; change: Array<{ id: string; changes: PersonChanges }> },
): Promise<void> {
  const changed: PersonRecord[] = []
  for (const { id, changes } of batch.change) {
    const current = people.get(id)
    if (current) changed.push(mergePersonChanges(current, changes))
  }
  return people.putAll([...batch.create, ...changed])
}
