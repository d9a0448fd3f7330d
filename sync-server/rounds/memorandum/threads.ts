/**
 * Threads in the memorandum (R7): every comment thread and amendment with its
 * comments, and what became of it, in plain words.
 */
import { formatDateTime } from '../../../shared/dates.ts'
import type { CommentRecord, ThreadRecord } from '../../persistence/Storage.ts'
import type { PersonLookup } from '../../versions/people.ts'

export interface MemoThread {
  kind: 'comment' | 'amendment'
  /** "Reactie van Anna (Gemeente Zwolle), 14 juni 2023 om 14:05". */
  heading: string
  quote: string
  replacement: string | null
  /** Every comment, the opening one first: `author` line and body. */
  comments: Array<{ author: string; body: string }>
  /** What became of it, in plain words ("Open", "Verwerkt", "Overgenomen in de tekst"). */
  outcome: string
  note: string | null
}

const DECISIONS = {
  verwerkt: 'Verwerkt',
  'deels-verwerkt': 'Deels verwerkt',
  'niet-verwerkt': 'Niet verwerkt',
} as const

/** "Anna (Gemeente Zwolle)", or the name alone. */
export function personLine(people: PersonLookup, id: string): string {
  const person = people(id)
  return person.organisation ? `${person.name} (${person.organisation})` : person.name
}

function commentBody(comment: CommentRecord): string {
  if (comment.deleted) return '(verwijderd door de schrijver)'
  // A public document: what editors hid stays hidden, whoever downloads it.
  if (comment.hidden) return '(verborgen door de redactie)'
  return comment.body
}

function outcomeOf(thread: ThreadRecord, people: PersonLookup): string {
  if (thread.kind === 'amendment') {
    if (thread.applied) {
      const by = thread.acceptance ? ` door ${personLine(people, thread.acceptance.by)}` : ''
      return `Overgenomen${by}: de tekst is aangepast`
    }
    if (thread.status === 'open') return 'Nog niet besloten'
    if (thread.decision === 'niet-verwerkt') return 'Niet overgenomen'
    if (thread.decision === 'deels-verwerkt') return 'Deels overgenomen'
    return thread.decision ? DECISIONS[thread.decision] : 'Afgehandeld'
  }
  if (thread.status === 'open') return 'Open'
  return thread.decision ? DECISIONS[thread.decision] : 'Afgehandeld'
}

export function memoThread(thread: ThreadRecord, people: PersonLookup): MemoThread {
  const what = thread.kind === 'amendment' ? 'Wijzigingsvoorstel' : 'Reactie'
  return {
    kind: thread.kind,
    heading: `${what} van ${personLine(people, thread.createdBy)}, ${formatDateTime(thread.createdAt)}`,
    quote: thread.quote,
    replacement: thread.kind === 'amendment' ? (thread.replacement ?? '') : null,
    comments: thread.comments.map((comment) => ({
      author: `${personLine(people, comment.authorId)}, ${formatDateTime(comment.createdAt)}`,
      body: commentBody(comment),
    })),
    outcome: outcomeOf(thread, people),
    note: thread.note,
  }
}
