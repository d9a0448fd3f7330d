/**
 * The response memorandum (reactienota, contract R7) as one model, which
 * `markdown.ts`, `html.ts` and `docx.ts` each render: a summary table up front,
 * then per passage (by number) its text, the positions with reasons by
 * organisation, every thread on it with its replies, decision and note, and
 * each amendment with what became of it. Everything is plain text here;
 * escaping is the renderers' work.
 */

import { formatDate, formatDateTime } from '../../../shared/dates.ts'
import { POSITION_LABELS, POSITIONS, type PositionCounts } from '../../../shared/rounds.ts'
import type { CommentRecord, PositionRecord, ThreadRecord } from '../../persistence/Storage.ts'
import type { PersonLookup } from '../../versions/people.ts'
import { excerptOf, type Passage } from '../passages.ts'
import { citable } from '../summary.ts'
import type { Tally } from '../Tally.ts'
import type { RoundView } from '../views.ts'

export interface MemoPosition {
  organisation: string
  province: string | null
  reason: string
  /** "Anna de Vries, 14 juni 2023". */
  givenBy: string
}

/**
 * The organisations holding one position on a passage: those that gave a
 * reason each with it, the others named together. A passage 342 municipalities
 * agree with is one line then, not 342, and every reason is still there.
 */
export interface MemoPositionGroup {
  /** "Akkoord, mits". */
  label: string
  count: number
  withReason: MemoPosition[]
  /** Organisations without a reason, by name. */
  others: string[]
}

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

export interface MemoPassage {
  number: string
  kind: 'heading' | 'paragraph'
  level: number | null
  text: string
  counts: PositionCounts
  positions: MemoPositionGroup[]
  threads: MemoThread[]
  amendments: MemoThread[]
}

export interface Memorandum {
  title: string
  proposalTitle: string
  /** Lines under the title: the round, its version, closing date, response. */
  facts: Array<[label: string, value: string]>
  summary: Array<{ number: string; excerpt: string; counts: PositionCounts }>
  passages: MemoPassage[]
  /** Threads on passages that are not in the round's version (added later, or gone). */
  otherThreads: MemoThread[]
}

/** The column headings of the summary table. */
export const SUMMARY_COLUMNS = ['Nr.', 'Passage', ...POSITIONS.map((p) => POSITION_LABELS[p])]

const DECISIONS = {
  verwerkt: 'Verwerkt',
  'deels-verwerkt': 'Deels verwerkt',
  'niet-verwerkt': 'Niet verwerkt',
} as const

function personLine(people: PersonLookup, id: string): string {
  const person = people(id)
  return person.organisation ? `${person.name} (${person.organisation})` : person.name
}

function commentBody(comment: CommentRecord): string {
  if (comment.deleted) return '(verwijderd door de schrijver)'
  // A public document: what editors hid stays hidden, whoever downloads it.
  if (comment.hidden) return '(verborgen door de redactie)'
  return comment.body
}

function outcomeOf(thread: ThreadRecord): string {
  if (thread.kind === 'amendment') {
    if (thread.applied) return 'Overgenomen: de tekst is aangepast'
    if (thread.status === 'open') return 'Nog niet besloten'
    if (thread.decision === 'niet-verwerkt') return 'Niet overgenomen'
    if (thread.decision === 'deels-verwerkt') return 'Deels overgenomen'
    return thread.decision ? DECISIONS[thread.decision] : 'Afgehandeld'
  }
  if (thread.status === 'open') return 'Open'
  return thread.decision ? DECISIONS[thread.decision] : 'Afgehandeld'
}

function memoThread(thread: ThreadRecord, people: PersonLookup): MemoThread {
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
    outcome: outcomeOf(thread),
    note: thread.note,
  }
}

/** The latest positions on a passage, per position in the order of R4, organisations by name. */
function positionGroups(records: PositionRecord[], people: PersonLookup): MemoPositionGroup[] {
  const sorted = records.sort((a, b) =>
    a.organisation.localeCompare(b.organisation, 'nl', { numeric: true }),
  )
  return POSITIONS.flatMap((position) => {
    const holding = sorted.filter((record) => record.position === position)
    if (holding.length === 0) return []
    return [
      {
        label: POSITION_LABELS[position],
        count: holding.length,
        withReason: holding.flatMap((record) =>
          record.reason
            ? [
                {
                  organisation: record.organisation,
                  province: record.province,
                  reason: record.reason,
                  givenBy: `${people(record.personId).name}, ${formatDate(record.createdAt)}`,
                },
              ]
            : [],
        ),
        others: holding.filter((record) => !record.reason).map((record) => record.organisation),
      },
    ]
  })
}

/** What the memorandum is built from. */
export interface MemorandumInput {
  proposalTitle: string
  round: RoundView
  passages: readonly Passage[]
  tally: Tally
  threads: readonly ThreadRecord[]
  people: PersonLookup
  responded: number
  invited: number
  now?: Date
}

export function buildMemorandum(input: MemorandumInput): Memorandum {
  const { round, tally, people } = input
  const byBlock = new Map<string, ThreadRecord[]>()
  const shown = citable(input.passages)
  const inVersion = new Set(shown.map((p) => p.blockId))
  const other: ThreadRecord[] = []
  const threads = [...input.threads].sort((a, b) => a.createdAt.localeCompare(b.createdAt))
  for (const thread of threads) {
    if (thread.blockId === null || !inVersion.has(thread.blockId)) other.push(thread)
    else byBlock.set(thread.blockId, [...(byBlock.get(thread.blockId) ?? []), thread])
  }
  const passages = shown.map((passage): MemoPassage => {
    const onIt = byBlock.get(passage.blockId) ?? []
    return {
      number: passage.number,
      kind: passage.kind,
      level: passage.level,
      text: passage.text,
      counts: tally.counts(passage.blockId),
      positions: positionGroups(tally.current(passage.blockId), people),
      threads: onIt.filter((t) => t.kind === 'comment').map((t) => memoThread(t, people)),
      amendments: onIt.filter((t) => t.kind === 'amendment').map((t) => memoThread(t, people)),
    }
  })
  return {
    title: `Reactienota: ${input.proposalTitle}`,
    proposalTitle: input.proposalTitle,
    facts: [
      ['Consultatieronde', round.title],
      ['Versie', round.versionName],
      [round.open ? 'Sluit op' : 'Gesloten op', formatDateTime(round.closesAt)],
      ['Reacties', `${input.responded} van de ${input.invited} uitgenodigde organisaties`],
      ['Opgesteld op', formatDateTime((input.now ?? new Date()).toISOString())],
    ],
    summary: passages.map((p) => ({
      number: p.number,
      excerpt: excerptOf(p.text, 60),
      counts: p.counts,
    })),
    passages,
    otherThreads: other.map((t) => memoThread(t, people)),
  }
}
