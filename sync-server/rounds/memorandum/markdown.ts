/** The memorandum as Markdown (R7): every piece of text people wrote is escaped. */
import { POSITIONS } from '../../../shared/rounds.ts'
import { escapeMarkdown } from '../../export/escape.ts'
import {
  type MemoMember,
  type MemoPassage,
  type MemoRow,
  type Memorandum,
  type MemoThread,
  SUMMARY_COLUMNS,
} from './model.ts'

/** One line of text, for table cells and list items: line breaks become spaces. */
const inline = (text: string) => escapeMarkdown(text.replace(/\s*\n\s*/g, ' '))

/** A block quote of text that may span lines. */
const quote = (text: string) =>
  text
    .split('\n')
    .map((line) => `> ${escapeMarkdown(line)}`.trimEnd())
    .join('\n')

/** Text of several lines as one paragraph, its line breaks kept (two spaces, then a break). */
const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => escapeMarkdown(line.trim()))
    .join('  \n')

function thread(t: MemoThread, level: string): string[] {
  const lines = [`${level} ${inline(t.heading)}`, '', quote(t.quote), '']
  if (t.replacement !== null) {
    lines.push(
      t.replacement === ''
        ? '**Voorgesteld:** deze tekst schrappen.'
        : `**Voorgestelde tekst:** ${inline(t.replacement)}`,
      '',
    )
  }
  for (const comment of t.comments)
    lines.push(`- **${inline(comment.author)}:** ${inline(comment.body)}`)
  lines.push('', `**Uitkomst:** ${inline(t.outcome)}`)
  if (t.note) lines.push('', `**Toelichting:** ${inline(t.note)}`)
  lines.push('')
  return lines
}

/** The positions on a passage: per position its count, the reasons, then the others by name. */
function positions(passage: MemoPassage): string[] {
  if (passage.positions.length === 0) return ['Geen standpunten gegeven.', '']
  const out: string[] = []
  for (const group of passage.positions) {
    out.push(`**${group.label} (${group.count})**`, '')
    for (const p of group.withReason) {
      const where = p.province ? ` (${inline(p.province)})` : ''
      out.push(
        `- **${inline(p.organisation)}**${where}: ${inline(p.reason)} _(${inline(p.givenBy)})_`,
      )
    }
    if (group.withReason.length > 0) out.push('')
    if (group.others.length > 0) {
      const label = group.withReason.length > 0 ? 'Zonder toelichting: ' : ''
      out.push(`${label}${group.others.map(inline).join(', ')}.`, '')
    }
  }
  return out
}

/** A table of passages and their four counts. */
function table(rows: readonly MemoRow[]): string[] {
  const out = [
    `| ${SUMMARY_COLUMNS.join(' | ')} |`,
    `|---|---|${POSITIONS.map(() => '---:').join('|')}|`,
  ]
  for (const row of rows) {
    const counts = POSITIONS.map((p) => String(row.counts[p]))
    out.push(`| ${row.number} | ${inline(row.excerpt)} | ${counts.join(' | ')} |`)
  }
  return [...out, '']
}

/** "Gemeente Zwolle (Overijssel)" per line; "Geen." for none. */
function memberList(members: readonly MemoMember[]): string[] {
  if (members.length === 0) return ['Geen.', '']
  const line = (m: MemoMember) =>
    `- ${inline(m.organisation)}${m.province ? ` (${inline(m.province)})` : ''}`
  return [...members.map(line), '']
}

export function renderMarkdown(memo: Memorandum): string {
  const out = [`# ${inline(memo.title)}`, '']
  for (const [label, value] of memo.facts) out.push(`- **${label}:** ${inline(value)}`)
  const { responded, notResponded } = memo.members
  out.push('', '## Lidorganisaties', '')
  out.push(`### Gereageerd (${responded.length})`, '', ...memberList(responded))
  out.push(`### Niet gereageerd (${notResponded.length})`, '', ...memberList(notResponded))
  out.push('## Samenvatting', '', ...table(memo.summary))
  if (memo.omitted) out.push(memo.omitted, '')
  out.push('## Per provincie', '')
  for (const province of memo.provinces) {
    out.push(`### ${inline(province.province)}`, '', inline(province.line), '')
    out.push(...(province.rows.length > 0 ? table(province.rows) : ['Geen standpunten.', '']))
  }
  out.push('## Reacties per passage', '')
  if (memo.omitted) out.push(memo.omitted, '')
  for (const passage of memo.passages) {
    out.push(`### Passage ${passage.number}`, '', quote(passage.text), '')
    if (passage.response) {
      out.push('#### Reactie VNG', '', lines(passage.response.text), '')
      out.push(`_(${inline(passage.response.by)})_`, '')
    }
    out.push('#### Standpunten', '', ...positions(passage))
    if (passage.threads.length > 0) {
      out.push('#### Reacties', '')
      for (const t of passage.threads) out.push(...thread(t, '#####'))
    }
    if (passage.amendments.length > 0) {
      out.push('#### Wijzigingsvoorstellen', '')
      for (const t of passage.amendments) out.push(...thread(t, '#####'))
    }
  }
  if (memo.otherThreads.length > 0) {
    out.push('## Reacties bij tekst die niet in deze versie staat', '')
    for (const t of memo.otherThreads) out.push(...thread(t, '###'))
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`
}
