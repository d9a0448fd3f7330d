/**
 * The text as a stand-alone HTML page (contract V5): tables with their header
 * rows as `thead`, footnotes as numbered links to a list below the text (W1).
 * Everything people wrote is
 * escaped, link addresses included, so the page shows text and never runs it;
 * a print style makes the browser's "Save as PDF" clean.
 */
import { formatDateTime } from '../../shared/dates.ts'
import { LINK_REL, LINK_TARGET } from '../../shared/link.ts'
import { escapeHtml } from './escape.ts'
import {
  type Block,
  type ExportDocument,
  type Inline,
  subtitle,
  type TableRowModel,
} from './model.ts'

const STYLE = `body{font-family:Georgia,'Times New Roman',serif;line-height:1.55;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
h1,h2,h3{font-family:system-ui,sans-serif;line-height:1.25}.meta{color:#444;font-family:system-ui,sans-serif}
blockquote{border-left:4px solid #888;margin:1rem 0;padding:0 1rem;color:#333}a{color:#0b4f9c}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #888;padding:.25rem .5rem;vertical-align:top;text-align:left}
th>p:first-child,td>p:first-child{margin-top:0}th>p:last-child,td>p:last-child{margin-bottom:0}.footnotes{border-top:1px solid #888;margin-top:2rem;font-size:.9em}
@media print{body{margin:0;max-width:none}a{color:inherit}h1,h2,h3{break-after:avoid}thead{display:table-header-group}}`

function inline(parts: Inline[]): string {
  return parts
    .map((part) => {
      if (part.kind === 'break') return '<br>'
      if (part.kind === 'footnote') {
        const n = part.number
        return `<sup class="footnote-ref" id="fnref-${n}"><a href="#fn-${n}" aria-label="Voetnoot ${n}">${n}</a></sup>`
      }
      let html = escapeHtml(part.text)
      if (part.highlight) html = `<mark>${html}</mark>`
      if (part.strike) html = `<s>${html}</s>`
      if (part.underline) html = `<u>${html}</u>`
      if (part.italic) html = `<em>${html}</em>`
      if (part.bold) html = `<strong>${html}</strong>`
      if (part.href)
        html = `<a href="${escapeHtml(part.href)}" target="${LINK_TARGET}" rel="${LINK_REL}">${html}</a>`
      return html
    })
    .join('')
}

function table(b: Extract<Block, { kind: 'table' }>): string {
  const row = (r: TableRowModel) =>
    `<tr>${r.cells
      .map((cell) => {
        const tag = cell.header ? 'th' : 'td'
        const span =
          (cell.colspan > 1 ? ` colspan="${cell.colspan}"` : '') +
          (cell.rowspan > 1 ? ` rowspan="${cell.rowspan}"` : '')
        return `<${tag}${span}>${blocks(cell.blocks)}</${tag}>`
      })
      .join('')}</tr>`
  // Header rows at the top are the table's head, which browsers repeat on every printed page.
  const headRows = b.rows.findIndex((r) => !r.header)
  const split = headRows < 0 ? b.rows.length : headRows
  const head = split > 0 ? `<thead>\n${b.rows.slice(0, split).map(row).join('\n')}\n</thead>\n` : ''
  const rest = b.rows.slice(split)
  const body = rest.length > 0 ? `<tbody>\n${rest.map(row).join('\n')}\n</tbody>\n` : ''
  return `<table>\n${head}${body}</table>`
}

/** The footnotes below the text, each with a link back to its reference. */
function footnotes(notes: Inline[][]): string {
  if (notes.length === 0) return ''
  const items = notes.map(
    (note, i) =>
      `<li id="fn-${i + 1}"><p>${inline(note)} <a href="#fnref-${i + 1}" aria-label="Terug naar voetnoot ${i + 1} in de tekst">↩</a></p></li>`,
  )
  return [
    '<section class="footnotes" aria-labelledby="voetnoten">',
    '<h2 id="voetnoten">Voetnoten</h2>',
    '<ol>',
    ...items,
    '</ol>',
    '</section>',
  ].join('\n')
}

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `<h${b.level}>${inline(b.inlines)}</h${b.level}>`
    case 'paragraph':
      return `<p>${inline(b.inlines)}</p>`
    case 'quote':
      return `<blockquote>\n${blocks(b.blocks)}\n</blockquote>`
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul'
      const start = b.ordered && b.start !== 1 ? ` start="${b.start}"` : ''
      const items = b.items.map((item) => `<li>${blocks(item)}</li>`).join('\n')
      return `<${tag}${start}>\n${items}\n</${tag}>`
    }
    case 'table':
      return table(b)
  }
}

function blocks(list: Block[]): string {
  return list.map(block).join('\n')
}

/** The whole export as an HTML page. */
export function renderHtml(document: ExportDocument): string {
  return `${[
    '<!DOCTYPE html>',
    '<html lang="nl">',
    '<head><meta charset="utf-8">',
    `<title>${escapeHtml(document.title)}</title>`,
    `<style>${STYLE}</style></head>`,
    '<body>',
    '<header>',
    `<h1>${escapeHtml(document.title)}</h1>`,
    `<p class="meta">${escapeHtml(subtitle(document, formatDateTime))}</p>`,
    '</header>',
    '<main>',
    blocks(document.blocks),
    footnotes(document.footnotes),
    '</main>',
    '</body>',
    '</html>',
  ].join('\n')}\n`
}
