/** The memorandum as Markdown (R7): every piece of text people wrote is escaped. */
import { POSITIONS } from '../../../shared/rounds.ts'
import { escapeMarkdown } from '../../export/escape.ts'
import { type MemoPassage, type Memorandum, type MemoThread, SUMMARY_COLUMNS } from './model.ts'

/** One line of text, for table cells and list items: line breaks become spaces. */
const inline = (text: string) => escapeMarkdown(text.replace(/\s*\n\s*/g, ' '))

/** A block quote of text that may span lines. */
const quote = (text: string) =>
  text
    .split('\n')
    .map((line) => `> ${escapeMarkdown(line)}`.trimEnd())
    .join('\n')

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

export function renderMarkdown(memo: Memorandum): string {
  const out = [`# ${inline(memo.title)}`, '']
  for (const [label, value] of memo.facts) out.push(`- **${label}:** ${inline(value)}`)
  out.push('', '## Samenvatting', '')
  out.push(
    `| ${SUMMARY_COLUMNS.join(' | ')} |`,
    `|---|---|${POSITIONS.map(() => '---:').join('|')}|`,
  )
  for (const row of memo.summary) {
    const counts = POSITIONS.map((p) => String(row.counts[p]))
    out.push(`| ${row.number} | ${inline(row.excerpt)} | ${counts.join(' | ')} |`)
  }
  out.push('', '## Reacties per passage', '')
  for (const passage of memo.passages) {
    out.push(`### Passage ${passage.number}`, '', quote(passage.text), '', '#### Standpunten', '')
    out.push(...positions(passage))
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
