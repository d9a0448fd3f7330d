/**
 * Mammoth's HTML as ProseMirror JSON of the shared schema (contract V5):
 * headings 1–3 (4–6 become 3), paragraphs, bulleted and numbered lists with
 * nesting, quotes, bold, italic, and links to http, https and mailto addresses
 * only. Everything else gives its text: tables become their cells' paragraphs,
 * underline or superscript plain text; images are left out. No block ids: the
 * server gives every new passage one.
 */
import type { PmJson } from '../export/model.ts'
import { safeHref } from '../export/model.ts'
import { type HtmlElement, type HtmlNode, parseHtml } from './parseHtml.ts'

type Mark = NonNullable<PmJson['marks']>[number]

const HEADING = /^h([1-6])$/
const LISTS = new Set(['ul', 'ol'])
/** Elements that hold blocks; anything else met among blocks is read as inline text. */
const BLOCKS = new Set([
  'p',
  'ul',
  'ol',
  'li',
  'blockquote',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'div',
  'section',
  'article',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
])

const isBlock = (node: HtmlNode) => typeof node !== 'string' && BLOCKS.has(node.tag)

function inlines(nodes: HtmlNode[], marks: Mark[] = [], out: PmJson[] = []): PmJson[] {
  for (const node of nodes) {
    if (typeof node === 'string') {
      // Word's tabs and line ends inside a paragraph are spaces in the text.
      const text = node.replace(/[\t\r\n]+/g, ' ')
      if (text) out.push(marks.length ? { type: 'text', text, marks } : { type: 'text', text })
      continue
    }
    if (node.tag === 'br') out.push({ type: 'hardBreak' })
    else if (node.tag === 'img') continue
    else if (node.tag === 'strong' || node.tag === 'b')
      inlines(node.children, withMark(marks, { type: 'bold' }), out)
    else if (node.tag === 'em' || node.tag === 'i')
      inlines(node.children, withMark(marks, { type: 'italic' }), out)
    else if (node.tag === 'a') {
      const href = safeHref(node.attrs.href)
      inlines(node.children, href ? withMark(marks, { type: 'link', attrs: { href } }) : marks, out)
    } else inlines(node.children, marks, out)
  }
  return out
}

function withMark(marks: Mark[], mark: Mark): Mark[] {
  return marks.some((m) => m.type === mark.type) ? marks : [...marks, mark]
}

const paragraph = (content: PmJson[]): PmJson =>
  content.length ? { type: 'paragraph', content } : { type: 'paragraph' }

/** Blocks of a container; runs of loose inline content become paragraphs. */
function blocks(nodes: HtmlNode[]): PmJson[] {
  const out: PmJson[] = []
  let loose: HtmlNode[] = []
  const flush = () => {
    const content = inlines(loose)
    if (content.some((n) => n.type !== 'text' || n.text?.trim())) out.push(paragraph(content))
    loose = []
  }
  for (const node of nodes) {
    if (!isBlock(node)) {
      loose.push(node)
      continue
    }
    flush()
    out.push(...block(node as HtmlElement))
  }
  flush()
  return out
}

function block(element: HtmlElement): PmJson[] {
  const heading = HEADING.exec(element.tag)
  if (heading) {
    const level = Math.min(Number(heading[1]), 3)
    const content = inlines(element.children)
    return [
      content.length
        ? { type: 'heading', attrs: { level }, content }
        : { type: 'heading', attrs: { level } },
    ]
  }
  if (element.tag === 'p') return [paragraph(inlines(element.children))]
  if (LISTS.has(element.tag)) return list(element)
  if (element.tag === 'blockquote') {
    const content = blocks(element.children)
    return content.length ? [{ type: 'blockquote', content }] : []
  }
  // Tables, cells, divs and stray list items: their content, without the box.
  return blocks(element.children)
}

function list(element: HtmlElement): PmJson[] {
  const items: PmJson[] = []
  for (const child of element.children) {
    if (typeof child === 'string') continue
    const content = child.tag === 'li' ? blocks(child.children) : block(child)
    if (child.tag !== 'li' && LISTS.has(child.tag) && items.length > 0) {
      // A list directly inside a list belongs to the item before it.
      items[items.length - 1]!.content!.push(...content)
      continue
    }
    // An item starts with a paragraph (the schema says so), even when Word's starts with a list.
    if (content[0]?.type !== 'paragraph') content.unshift(paragraph([]))
    items.push({ type: 'listItem', content })
  }
  if (items.length === 0) return []
  return [{ type: element.tag === 'ol' ? 'orderedList' : 'bulletList', content: items }]
}

/** The document for mammoth's `html`; an empty `content` when it holds no text. */
export function htmlToDoc(html: string): PmJson {
  return { type: 'doc', content: blocks(parseHtml(html).children) }
}
