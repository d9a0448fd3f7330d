/**
 * The memorandum as a stand-alone HTML page (R7). Every text is escaped: what
 * members wrote is shown as text, never read as markup.
 */
import { POSITIONS } from '../../../shared/rounds.ts'
import { escapeHtml } from '../../export/escape.ts'
import {
  type MemoMember,
  type MemoPassage,
  type MemoRow,
  type Memorandum,
  type MemoThread,
  SUMMARY_COLUMNS,
} from './model.ts'

/** Text that may span lines: each line escaped, line breaks kept. */
const lines = (text: string) => escapeHtml(text).replace(/\n/g, '<br>')

const STYLE = `body{font-family:system-ui,sans-serif;line-height:1.5;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #888;padding:.25rem .5rem;text-align:left;vertical-align:top}
td.n{text-align:right}blockquote{border-left:4px solid #888;margin:.5rem 0;padding:0 1rem;color:#333}`

function thread(t: MemoThread, tag: 'h3' | 'h5'): string {
  const parts = [
    `<${tag}>${escapeHtml(t.heading)}</${tag}>`,
    `<blockquote>${lines(t.quote)}</blockquote>`,
  ]
  if (t.replacement !== null) {
    parts.push(
      t.replacement === ''
        ? '<p><strong>Voorgesteld:</strong> deze tekst schrappen.</p>'
        : `<p><strong>Voorgestelde tekst:</strong> ${lines(t.replacement)}</p>`,
    )
  }
  parts.push('<ul>')
  for (const c of t.comments)
    parts.push(`<li><strong>${escapeHtml(c.author)}:</strong> ${lines(c.body)}</li>`)
  parts.push('</ul>', `<p><strong>Uitkomst:</strong> ${escapeHtml(t.outcome)}</p>`)
  if (t.note) parts.push(`<p><strong>Toelichting:</strong> ${lines(t.note)}</p>`)
  return parts.join('\n')
}

/** The positions on a passage: per position its count, the reasons, then the others by name. */
function positions(passage: MemoPassage): string[] {
  if (passage.positions.length === 0) return ['<p>Geen standpunten gegeven.</p>']
  const out: string[] = []
  for (const group of passage.positions) {
    out.push(`<p><strong>${escapeHtml(group.label)} (${group.count})</strong></p>`)
    if (group.withReason.length > 0) {
      out.push('<ul>')
      for (const p of group.withReason) {
        const where = p.province ? ` (${escapeHtml(p.province)})` : ''
        out.push(
          `<li><strong>${escapeHtml(p.organisation)}</strong>${where}: ${lines(p.reason)} <em>(${escapeHtml(p.givenBy)})</em></li>`,
        )
      }
      out.push('</ul>')
    }
    if (group.others.length > 0) {
      const label = group.withReason.length > 0 ? 'Zonder toelichting: ' : ''
      out.push(`<p>${label}${escapeHtml(group.others.join(', '))}.</p>`)
    }
  }
  return out
}

/** A table of passages and their four counts. */
function table(caption: string, rows: readonly MemoRow[]): string[] {
  const out = [
    `<table><caption>${escapeHtml(caption)}</caption><thead><tr>`,
    ...SUMMARY_COLUMNS.map((c) => `<th scope="col">${escapeHtml(c)}</th>`),
    '</tr></thead><tbody>',
  ]
  for (const row of rows) {
    const counts = POSITIONS.map((p) => `<td class="n">${row.counts[p]}</td>`).join('')
    out.push(
      `<tr><th scope="row">${escapeHtml(row.number)}</th><td>${escapeHtml(row.excerpt)}</td>${counts}</tr>`,
    )
  }
  out.push('</tbody></table>')
  return out
}

function memberList(members: readonly MemoMember[]): string[] {
  if (members.length === 0) return ['<p>Geen.</p>']
  const item = (m: MemoMember) =>
    `<li>${escapeHtml(m.organisation)}${m.province ? ` (${escapeHtml(m.province)})` : ''}</li>`
  return ['<ul>', ...members.map(item), '</ul>']
}

export function renderHtml(memo: Memorandum): string {
  const { responded, notResponded } = memo.members
  const omitted = memo.omitted ? [`<p>${escapeHtml(memo.omitted)}</p>`] : []
  const out = [
    '<!DOCTYPE html>',
    '<html lang="nl">',
    '<head><meta charset="utf-8">',
    `<title>${escapeHtml(memo.title)}</title>`,
    `<style>${STYLE}</style></head>`,
    '<body>',
    `<h1>${escapeHtml(memo.title)}</h1>`,
    '<ul>',
    ...memo.facts.map(([l, v]) => `<li><strong>${escapeHtml(l)}:</strong> ${escapeHtml(v)}</li>`),
    '</ul>',
    '<h2>Lidorganisaties</h2>',
    `<h3>Gereageerd (${responded.length})</h3>`,
    ...memberList(responded),
    `<h3>Niet gereageerd (${notResponded.length})</h3>`,
    ...memberList(notResponded),
    '<h2>Samenvatting</h2>',
    ...table('Standpunten per passage', memo.summary),
    ...omitted,
    '<h2>Per provincie</h2>',
  ]
  for (const province of memo.provinces) {
    out.push(`<h3>${escapeHtml(province.province)}</h3>`, `<p>${escapeHtml(province.line)}</p>`)
    out.push(
      ...(province.rows.length > 0
        ? table(`Standpunten uit ${province.province}`, province.rows)
        : ['<p>Geen standpunten.</p>']),
    )
  }
  out.push('<h2>Reacties per passage</h2>', ...omitted)
  for (const passage of memo.passages) {
    out.push(
      `<h3>Passage ${escapeHtml(passage.number)}</h3>`,
      `<blockquote>${lines(passage.text)}</blockquote>`,
    )
    if (passage.response) {
      out.push(
        '<h4>Reactie VNG</h4>',
        `<p>${lines(passage.response.text)}</p>`,
        `<p><em>(${escapeHtml(passage.response.by)})</em></p>`,
      )
    }
    out.push('<h4>Standpunten</h4>', ...positions(passage))
    if (passage.threads.length > 0) {
      out.push('<h4>Reacties</h4>', ...passage.threads.map((t) => thread(t, 'h5')))
    }
    if (passage.amendments.length > 0) {
      out.push('<h4>Wijzigingsvoorstellen</h4>', ...passage.amendments.map((t) => thread(t, 'h5')))
    }
  }
  if (memo.otherThreads.length > 0) {
    out.push(
      '<h2>Reacties bij tekst die niet in deze versie staat</h2>',
      ...memo.otherThreads.map((t) => thread(t, 'h3')),
    )
  }
  out.push('</body>', '</html>')
  return `${out.join('\n')}\n`
}
