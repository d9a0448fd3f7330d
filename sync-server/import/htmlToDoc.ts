/**
 * Mammoth's HTML as ProseMirror JSON of the shared schema (contract V5, W1):
 * headings 1–3 (4–6 become 3), paragraphs, bulleted and numbered lists with
 * nesting, quotes, tables with their header rows and merged cells, footnotes,
 * and the marks of `htmlInlines`. What the schema cannot hold where it stands
 * keeps its text: a heading or quote in a table cell becomes paragraphs, a
 * table inside a list, quote or cell becomes its cells' paragraphs (and is
 * reported). Images are left out and reported. No block ids: the server gives
 * every new passage one.
 */
import type { PmJson } from '../export/model.ts'
import { type Dropped, DroppedCounter } from './dropped.ts'
import { collectNotes, type InlineContext, inlines, isNoteList } from './htmlInlines.ts'
import { type HtmlElement, type HtmlNode, parseHtml } from './parseHtml.ts'

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

/** Where blocks stand: only the text itself holds tables; a cell holds paragraphs and lists. */
type Place = 'text' | 'inside' | 'cell'

const paragraph = (content: PmJson[]): PmJson =>
  content.length ? { type: 'paragraph', content } : { type: 'paragraph' }

class Converter {
  readonly context: InlineContext

  constructor(root: HtmlElement) {
    this.context = { notes: collectNotes(root), dropped: new DroppedCounter() }
  }

  /** Blocks of a container; runs of loose inline content become paragraphs. */
  blocks(nodes: HtmlNode[], place: Place): PmJson[] {
    const out: PmJson[] = []
    let loose: HtmlNode[] = []
    const flush = () => {
      const content = inlines(loose, this.context)
      if (content.some((n) => n.type !== 'text' || n.text?.trim())) out.push(paragraph(content))
      loose = []
    }
    for (const node of nodes) {
      if (!isBlock(node)) {
        loose.push(node)
        continue
      }
      flush()
      out.push(...this.block(node as HtmlElement, place))
    }
    flush()
    return out
  }

  block(element: HtmlElement, place: Place): PmJson[] {
    const heading = HEADING.exec(element.tag)
    if (heading) {
      const content = inlines(element.children, this.context)
      if (place === 'cell') return [paragraph(content)]
      const level = Math.min(Number(heading[1]), 3)
      return [
        content.length
          ? { type: 'heading', attrs: { level }, content }
          : { type: 'heading', attrs: { level } },
      ]
    }
    if (element.tag === 'p') return [paragraph(inlines(element.children, this.context))]
    if (LISTS.has(element.tag)) return isNoteList(element) ? [] : this.list(element, place)
    if (element.tag === 'blockquote') {
      const content = this.blocks(element.children, place === 'cell' ? 'cell' : 'inside')
      if (place === 'cell') return content
      return content.length ? [{ type: 'blockquote', content }] : []
    }
    if (element.tag === 'table') {
      if (place === 'text') return [this.table(element)]
      // The schema has tables only in the text itself: keep the words, say the table went.
      this.context.dropped.add('tableInside')
      return this.blocks(element.children, place)
    }
    // Cells, divs and stray list items: their content, without the box.
    return this.blocks(element.children, place)
  }

  list(element: HtmlElement, place: Place): PmJson[] {
    const inner: Place = place === 'cell' ? 'cell' : 'inside'
    const items: PmJson[] = []
    for (const child of element.children) {
      if (typeof child === 'string') continue
      const content =
        child.tag === 'li' ? this.blocks(child.children, inner) : this.block(child, inner)
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

  table(element: HtmlElement): PmJson {
    const rows: PmJson[] = []
    const readRows = (parent: HtmlElement) => {
      for (const child of parent.children) {
        if (typeof child === 'string') continue
        if (child.tag === 'tr') rows.push(this.row(child))
        else if (child.tag === 'thead' || child.tag === 'tbody' || child.tag === 'tfoot')
          readRows(child)
      }
    }
    readRows(element)
    // A table needs a row and a row a cell: an empty one keeps its place as one empty cell.
    if (rows.length === 0) rows.push({ type: 'tableRow', content: [this.cell(null)] })
    return { type: 'table', content: rows }
  }

  row(element: HtmlElement): PmJson {
    const cells = element.children.filter(
      (c): c is HtmlElement => typeof c !== 'string' && (c.tag === 'td' || c.tag === 'th'),
    )
    return { type: 'tableRow', content: cells.map((cell) => this.cell(cell)) }
  }

  cell(element: HtmlElement | null): PmJson {
    const content = element ? this.blocks(element.children, 'cell') : []
    const attrs: Record<string, unknown> = {}
    const colspan = Number(element?.attrs.colspan ?? 1)
    const rowspan = Number(element?.attrs.rowspan ?? 1)
    if (Number.isInteger(colspan) && colspan > 1) attrs.colspan = colspan
    if (Number.isInteger(rowspan) && rowspan > 1) attrs.rowspan = rowspan
    return {
      type: element?.tag === 'th' ? 'tableHeader' : 'tableCell',
      ...(Object.keys(attrs).length ? { attrs } : {}),
      content: content.length ? content : [paragraph([])],
    }
  }
}

/** The document for mammoth's `html` (an empty `content` when it holds no text), and what was left out. */
export function htmlToDoc(html: string): { doc: PmJson; dropped: Dropped[] } {
  const root = parseHtml(html)
  const converter = new Converter(root)
  const doc = { type: 'doc', content: converter.blocks(root.children, 'text') }
  return { doc, dropped: converter.context.dropped.list() }
}
