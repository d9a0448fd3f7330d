/**
 * The response memorandum (reactienota, contract R7) as one model, which
 * `markdown.ts`, `html.ts` and `docx.ts` each render: who responded and who did
 * not, a summary table, a table per province, then per passage (by number) its
 * text, the VNG's response, the positions with reasons by organisation and
 * person, every thread on it with its replies, decision and note, and each
 * amendment with what became of it. Passages nobody reacted to are left out,
 * and a line says how many. Everything is plain text here; escaping is the
 * renderers' work.
 */

import { byOrganisation } from '../../../shared/collation.ts'
import { formatDate, formatDateTime } from '../../../shared/dates.ts'
import { POSITION_LABELS, POSITIONS, type PositionCounts } from '../../../shared/rounds.ts'
import type { PositionRecord, ResponseRecord, ThreadRecord } from '../../persistence/Storage.ts'
import type { PersonLookup } from '../../versions/people.ts'
import type { MemberOrganisation } from '../members.ts'
import { excerptOf, type Passage } from '../passages.ts'
import { citable } from '../summary.ts'
import type { Tally } from '../Tally.ts'
import type { RoundView } from '../views.ts'
import { memoFileName } from './fileName.ts'
import {
  type MemoMember,
  type MemoProvince,
  type MemoRow,
  memberLists,
  provinceSections,
} from './provinces.ts'
import { type MemoThread, memoThread, personLine } from './threads.ts'

export type { MemoMember, MemoProvince, MemoRow, MemoThread }

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
  /** Organisations without a reason, by name, each with who gave it: "Gemeente Ede (Eef)". */
  others: string[]
}

export interface MemoPassage {
  number: string
  kind: 'heading' | 'paragraph'
  level: number | null
  text: string
  counts: PositionCounts
  /** The VNG's response to the passage ("Reactie VNG"), with who wrote it when. */
  response: { text: string; by: string } | null
  positions: MemoPositionGroup[]
  threads: MemoThread[]
  amendments: MemoThread[]
}

export interface Memorandum {
  title: string
  /** "Reactienota Voorstel 1 - Consultatie 1 - 2027-03-31", without extension. */
  fileName: string
  proposalTitle: string
  /** Lines under the title: the round, its version, closing date, response. */
  facts: Array<[label: string, value: string]>
  members: { responded: MemoMember[]; notResponded: MemoMember[] }
  /** The passages shown, with their counts. */
  summary: MemoRow[]
  provinces: MemoProvince[]
  passages: MemoPassage[]
  /** "3 passages zonder standpunten of reacties zijn weggelaten."; null when none were. */
  omitted: string | null
  /** Threads on passages that are not in the round's version (added later, or gone). */
  otherThreads: MemoThread[]
}

/** The column headings of the summary and province tables. */
export const SUMMARY_COLUMNS = ['Nr.', 'Passage', ...POSITIONS.map((p) => POSITION_LABELS[p])]

/** The latest positions on a passage, per position in the order of R4, organisations by name. */
function positionGroups(records: PositionRecord[], people: PersonLookup): MemoPositionGroup[] {
  const sorted = records.sort(byOrganisation)
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
        others: holding
          .filter((record) => !record.reason)
          .map((record) => `${record.organisation} (${people(record.personId).name})`),
      },
    ]
  })
}

function omittedLine(count: number): string | null {
  if (count === 0) return null
  return count === 1
    ? '1 passage zonder standpunten of reacties is weggelaten.'
    : `${count} passages zonder standpunten of reacties zijn weggelaten.`
}

/** What the memorandum is built from. */
export interface MemorandumInput {
  proposalTitle: string
  round: RoundView
  passages: readonly Passage[]
  tally: Tally
  threads: readonly ThreadRecord[]
  /** The VNG's response per passage (blockId → the one that counts). */
  responses: ReadonlyMap<string, ResponseRecord>
  members: readonly MemberOrganisation[]
  people: PersonLookup
  now?: Date
}

export function buildMemorandum(input: MemorandumInput): Memorandum {
  const { round, tally, people } = input
  const byBlock = new Map<string, ThreadRecord[]>()
  const citablePassages = citable(input.passages)
  const inVersion = new Set(citablePassages.map((p) => p.blockId))
  const other: ThreadRecord[] = []
  const threads = [...input.threads].sort((a, b) => a.createdAt.localeCompare(b.createdAt))
  for (const thread of threads) {
    if (thread.blockId === null || !inVersion.has(thread.blockId)) other.push(thread)
    else byBlock.set(thread.blockId, [...(byBlock.get(thread.blockId) ?? []), thread])
  }
  const all = citablePassages.map((passage) => {
    const onIt = byBlock.get(passage.blockId) ?? []
    const response = input.responses.get(passage.blockId)
    const memo: MemoPassage = {
      number: passage.number,
      kind: passage.kind,
      level: passage.level,
      text: passage.text,
      counts: tally.counts(passage.blockId),
      response: response
        ? {
            text: response.text,
            by: `${personLine(people, response.personId)}, ${formatDate(response.createdAt)}`,
          }
        : null,
      positions: positionGroups(tally.current(passage.blockId), people),
      threads: onIt.filter((t) => t.kind === 'comment').map((t) => memoThread(t, people)),
      amendments: onIt.filter((t) => t.kind === 'amendment').map((t) => memoThread(t, people)),
    }
    return { blockId: passage.blockId, excerpt: excerptOf(passage.text, 60), memo }
  })
  const shown = all.filter(
    ({ memo }) =>
      memo.positions.length > 0 ||
      memo.threads.length > 0 ||
      memo.amendments.length > 0 ||
      memo.response !== null,
  )
  const members = memberLists(input.members)
  const invited = input.members.length
  return {
    title: `Reactienota: ${input.proposalTitle}`,
    fileName: memoFileName(input.proposalTitle, round.title, round.closesAt),
    proposalTitle: input.proposalTitle,
    facts: [
      ['Consultatieronde', round.title],
      ['Versie', round.versionName],
      [round.open ? 'Sluit op' : 'Gesloten op', formatDateTime(round.closesAt)],
      [
        'Reacties',
        `${members.responded.length} van de ${invited} uitgenodigde ${invited === 1 ? 'lidorganisatie' : 'lidorganisaties'}`,
      ],
      ['Opgesteld op', formatDateTime((input.now ?? new Date()).toISOString())],
    ],
    members,
    summary: shown.map(({ memo, excerpt }) => ({
      number: memo.number,
      excerpt,
      counts: memo.counts,
    })),
    provinces: provinceSections(
      input.members,
      shown.map(({ blockId, memo, excerpt }) => ({ blockId, number: memo.number, excerpt })),
      tally,
    ),
    passages: shown.map(({ memo }) => memo),
    omitted: omittedLine(all.length - shown.length),
    otherThreads: other.map((t) => memoThread(t, people)),
  }
}
