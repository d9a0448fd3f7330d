/**
 * The text as a stand-alone HTML page (contract V5). Everything people wrote is
 * escaped, link addresses included, so the page shows text and never runs it;
 * a print style makes the browser's "Save as PDF" clean.
 */
import { formatDateTime } from '../../shared/dates.ts'
import { LINK_REL, LINK_TARGET } from '../../shared/link.ts'
import { escapeHtml } from './escape.ts'
import { type Block, type ExportDocument, type Inline, subtitle } from './model.ts'

const STYLE = `body{font-family:Georgia,'Times New Roman',serif;line-height:1.55;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
h1,h2,h3{font-family:system-ui,sans-serif;line-height:1.25}.meta{color:#444;font-family:system-ui,sans-serif}
blockquote{border-left:4px solid #888;margin:1rem 0;padding:0 1rem;color:#333}a{color:#0b4f9c}
@media print{body{margin:0;max-width:none}a{color:inherit}h1,h2,h3{break-after:avoid}}`

function inline(parts: Inline[]): string {
  return parts
    .map((part) => {
      if (part.kind === 'break') return '<br>'
      let html = escapeHtml(part.text)
      if (part.italic) html = `<em>${html}</em>`
      if (part.bold) html = `<strong>${html}</strong>`
      if (part.href)
        html = `<a href="${escapeHtml(part.href)}" target="${LINK_TARGET}" rel="${LINK_REL}">${html}</a>`
      return html
    })
    .join('')
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
    '</main>',
    '</body>',
    '</html>',
  ].join('\n')}\n`
}
