/**
 * The tracked changes of an imported .docx as suggestions (W2): each becomes an
 * open amendment on the imported text, credited to the person whose name the
 * file gives as its author — someone with that name (or "Name (Organisation)",
 * as our own tracked export writes it), otherwise a person who stands for the
 * Word author: named "Auteur uit Word: <naam>", without a token and revoked,
 * so it can never sign in, seen by no one as a participant, and only ever
 * shown as the author of what came from the file.
 */
import { randomBytes } from 'node:crypto'
import type { Principal } from '../auth/Principal.ts'
import type { ImportedChange } from '../import/trackedChanges.ts'
import { colorFor } from '../people/colors.ts'
import type { PersonRecord, ProposalRecord, Storage, ThreadRecord } from '../persistence/Storage.ts'
import { anchorAt } from './anchors.ts'
import type { LinearText } from './LinearText.ts'
import { newThread } from './records.ts'

/** A change found in the imported text, with its place. */
export interface LocatedChange extends ImportedChange {
  anchor: NonNullable<ReturnType<typeof anchorAt>>
  blockId: string | null
  passageText: string | null
}

/**
 * Where each change is in the text as imported. The text is the file's original
 * text unless the import left something out (empty paragraphs): then each change
 * is found by the text before it. Changes not found are returned apart.
 */
export function locateChanges(linear: LinearText, fileText: string, changes: ImportedChange[]) {
  const located: LocatedChange[] = []
  let missing = 0
  const same = linear.value === fileText
  for (const change of changes) {
    let from = change.from
    if (!same) {
      const at = linear.value.indexOf(change.before + change.quote)
      from = at < 0 ? -1 : at + change.before.length
    }
    const to = from + change.quote.length
    const anchor = from < 0 ? null : anchorAt(linear, from, to)
    if (!anchor || linear.value.slice(from, to) !== change.quote) {
      missing++
      continue
    }
    const block = linear.blockAt(from)
    located.push({
      ...change,
      from,
      to,
      anchor,
      blockId: block?.blockId ?? null,
      passageText: block ? linear.passageText(block) : null,
    })
  }
  return { located, missing }
}

const comparable = (value: string) => value.trim().toLocaleLowerCase('nl')

/** The person a Word author name stands for, made when nobody has that name. */
async function authorFor(
  storage: Storage,
  people: PersonRecord[],
  name: string,
  importer: Principal,
): Promise<PersonRecord> {
  const wanted = comparable(name || 'onbekend')
  const known = people.find(
    (p) =>
      !p.anonymisedAt &&
      (comparable(p.name) === wanted ||
        (p.organisation !== null && comparable(`${p.name} (${p.organisation})`) === wanted) ||
        comparable(p.name) === comparable(`Auteur uit Word: ${name}`)),
  )
  if (known) return known
  const at = new Date().toISOString()
  const person: PersonRecord = {
    id: `p-${randomBytes(6).toString('hex')}`,
    name: `Auteur uit Word: ${name.trim() || 'onbekend'}`,
    role: 'reviewer',
    proposals: [],
    organisation: null,
    province: null,
    color: colorFor(people.length),
    // No token was ever made for it: this value is no hash of anything, so nothing signs in as it.
    tokenHash: `geen-token-${randomBytes(16).toString('hex')}`,
    isAdmin: false,
    createdAt: at,
    createdBy: importer.person.id,
    revokedAt: at,
  }
  await storage.people.put(person)
  people.push(person)
  return person
}

/** The open amendments for the located changes, their authors found or made. */
export async function suggestionsOf(
  storage: Storage,
  proposal: ProposalRecord,
  importer: Principal,
  changes: LocatedChange[],
): Promise<ThreadRecord[]> {
  const people = await storage.people.list()
  const versions = await storage.versions.list(proposal.id)
  const threads: ThreadRecord[] = []
  for (const change of changes) {
    const author = await authorFor(storage, people, change.author, importer)
    const thread = newThread({
      proposalId: proposal.id,
      authorId: author.id,
      body: null,
      quote: change.quote,
      replacement: change.replacement,
      placed: { anchor: change.anchor, blockId: change.blockId, passageText: change.passageText },
      versionId: versions[0]?.id ?? null,
    })
    const date =
      change.date && !Number.isNaN(Date.parse(change.date))
        ? new Date(change.date).toISOString()
        : null
    if (date) Object.assign(thread, { createdAt: date, updatedAt: date })
    threads.push(thread)
  }
  return threads
}
