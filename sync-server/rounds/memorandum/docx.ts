/**
 * The memorandum as a Word document (R7), written with the `docx` package:
 * real heading styles (so Word's navigation pane and mammoth see them), tables
 * for the summary and per province, and bulleted lists for organisations,
 * positions and comments. Text goes in
 * as text runs, so nothing anyone wrote is read as markup.
 */
import {
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import { POSITIONS } from '../../../shared/rounds.ts'
import type { OffThreadTask } from '../../workers/WorkerPool.ts'
import {
  type MemoMember,
  type MemoPassage,
  type MemoRow,
  type Memorandum,
  type MemoThread,
  SUMMARY_COLUMNS,
} from './model.ts'

type Level = (typeof HeadingLevel)[keyof typeof HeadingLevel]

const heading = (text: string, level: Level) => new Paragraph({ text, heading: level })

/** Runs of text with line breaks kept as breaks. */
function runs(text: string, bold = false): TextRun[] {
  return text.split('\n').map((line, i) => new TextRun({ text: line, bold, break: i > 0 ? 1 : 0 }))
}

const labelled = (label: string, text: string, bullet = false) =>
  new Paragraph({
    children: [new TextRun({ text: `${label} `, bold: true }), ...runs(text)],
    ...(bullet ? { bullet: { level: 0 } } : {}),
  })

const quote = (text: string) => new Paragraph({ children: runs(text), indent: { left: 567 } })

function thread(t: MemoThread, level: Level): Array<Paragraph> {
  const out = [heading(t.heading, level), quote(t.quote)]
  if (t.replacement !== null) {
    out.push(
      t.replacement === ''
        ? labelled('Voorgesteld:', 'deze tekst schrappen.')
        : labelled('Voorgestelde tekst:', t.replacement),
    )
  }
  for (const c of t.comments) out.push(labelled(`${c.author}:`, c.body, true))
  out.push(labelled('Uitkomst:', t.outcome))
  if (t.note) out.push(labelled('Toelichting:', t.note))
  return out
}

const cell = (text: string, header = false) =>
  new TableCell({ children: [new Paragraph({ children: runs(text, header) })] })

/** A table of passages and their four counts. */
function countsTable(summary: readonly MemoRow[]): Table {
  const header = new TableRow({
    tableHeader: true,
    children: SUMMARY_COLUMNS.map((column) => cell(column, true)),
  })
  const rows = summary.map(
    (row) =>
      new TableRow({
        children: [
          cell(row.number),
          cell(row.excerpt),
          ...POSITIONS.map((p) => cell(String(row.counts[p]))),
        ],
      }),
  )
  return new Table({ rows: [header, ...rows], width: { size: 100, type: WidthType.PERCENTAGE } })
}

/** The positions on a passage: per position its count, the reasons, then the others by name. */
function positions(passage: MemoPassage): Paragraph[] {
  if (passage.positions.length === 0) return [new Paragraph('Geen standpunten gegeven.')]
  const out: Paragraph[] = []
  for (const group of passage.positions) {
    out.push(new Paragraph({ children: runs(`${group.label} (${group.count})`, true) }))
    for (const p of group.withReason) {
      const where = p.province ? ` (${p.province})` : ''
      // Two runs a line: a round of hundreds of organisations makes thousands of them.
      out.push(
        new Paragraph({
          bullet: { level: 0 },
          children: [
            new TextRun({ text: p.organisation, bold: true }),
            new TextRun(`${where}: ${p.reason.replace(/\s*\n\s*/g, ' ')} (${p.givenBy})`),
          ],
        }),
      )
    }
    if (group.others.length > 0) {
      const label = group.withReason.length > 0 ? 'Zonder toelichting: ' : ''
      out.push(new Paragraph(`${label}${group.others.join(', ')}.`))
    }
  }
  return out
}

function memberList(members: readonly MemoMember[]): Paragraph[] {
  if (members.length === 0) return [new Paragraph('Geen.')]
  return members.map(
    (m) =>
      new Paragraph({
        text: `${m.organisation}${m.province ? ` (${m.province})` : ''}`,
        bullet: { level: 0 },
      }),
  )
}

export async function renderDocx(memo: Memorandum): Promise<Buffer> {
  const body: Array<Paragraph | Table> = [heading(memo.title, HeadingLevel.TITLE)]
  for (const [label, value] of memo.facts) body.push(labelled(`${label}:`, value, true))
  const { responded, notResponded } = memo.members
  const omitted = memo.omitted ? [new Paragraph(memo.omitted)] : []
  body.push(heading('Lidorganisaties', HeadingLevel.HEADING_1))
  body.push(heading(`Gereageerd (${responded.length})`, HeadingLevel.HEADING_2))
  body.push(...memberList(responded))
  body.push(heading(`Niet gereageerd (${notResponded.length})`, HeadingLevel.HEADING_2))
  body.push(...memberList(notResponded))
  body.push(heading('Samenvatting', HeadingLevel.HEADING_1), countsTable(memo.summary), ...omitted)
  body.push(heading('Per provincie', HeadingLevel.HEADING_1))
  for (const province of memo.provinces) {
    body.push(heading(province.province, HeadingLevel.HEADING_2), new Paragraph(province.line))
    body.push(
      province.rows.length > 0 ? countsTable(province.rows) : new Paragraph('Geen standpunten.'),
    )
  }
  body.push(heading('Reacties per passage', HeadingLevel.HEADING_1), ...omitted)
  for (const passage of memo.passages) {
    body.push(heading(`Passage ${passage.number}`, HeadingLevel.HEADING_2), quote(passage.text))
    if (passage.response) {
      body.push(heading('Reactie VNG', HeadingLevel.HEADING_3))
      body.push(new Paragraph({ children: runs(passage.response.text) }))
      body.push(
        new Paragraph({
          children: [new TextRun({ text: `(${passage.response.by})`, italics: true })],
        }),
      )
    }
    body.push(heading('Standpunten', HeadingLevel.HEADING_3))
    body.push(...positions(passage))
    if (passage.threads.length > 0) {
      body.push(heading('Reacties', HeadingLevel.HEADING_3))
      for (const t of passage.threads) body.push(...thread(t, HeadingLevel.HEADING_4))
    }
    if (passage.amendments.length > 0) {
      body.push(heading('Wijzigingsvoorstellen', HeadingLevel.HEADING_3))
      for (const t of passage.amendments) body.push(...thread(t, HeadingLevel.HEADING_4))
    }
  }
  if (memo.otherThreads.length > 0) {
    body.push(heading('Reacties bij tekst die niet in deze versie staat', HeadingLevel.HEADING_1))
    for (const t of memo.otherThreads) body.push(...thread(t, HeadingLevel.HEADING_2))
  }
  const document = new Document({
    title: memo.title,
    creator: 'Meeschrijven',
    sections: [{ children: body }],
  })
  return Packer.toBuffer(document)
}

/** renderDocx in a worker thread of the pool: the event loop stays free meanwhile. */
export const renderDocxTask: OffThreadTask<Memorandum, Uint8Array> = {
  module: new URL(import.meta.url),
  name: 'renderDocx',
  inProcess: renderDocx,
}
