/**
 * Inline content of mammoth's HTML as ProseMirror JSON: text with bold,
 * italic, underline, strikethrough, highlight and safe links; line breaks; and
 * footnotes. Mammoth writes a footnote as a reference (`<sup><a
 * href="#footnote-2">[1]</a></sup>`) and its text in a list at the end (`<li
 * id="footnote-2">… <a href="#footnote-ref-2">↑</a></li>`); the reference
 * becomes a footnote node holding that text, and the list is not read as text.
 * Images are left out (`countDropped` counts them in the .docx itself).
 */
import { FOOTNOTE } from '../../shared/footnote.ts'
import type { PmJson } from '../export/model.ts'
import { safeHref } from '../export/model.ts'
import type { DroppedCounter } from './dropped.ts'
import type { HtmlElement, HtmlNode } from './parseHtml.ts'

type Mark = NonNullable<PmJson['marks']>[number]

/** Footnotes and endnotes (both become footnotes) by the id mammoth gives their list item. */
const NOTE_ID = /^(footnote|endnote)-\d+$/
const NOTE_LINK = /^#((?:footnote|endnote)-\d+)$/
const BACK_LINK = /^#(footnote|endnote)-ref-\d+$/

const MARK_TAGS: Record<string, Mark> = {
  strong: { type: 'bold' },
  b: { type: 'bold' },
  em: { type: 'italic' },
  i: { type: 'italic' },
  u: { type: 'underline' },
  s: { type: 'strike' },
  del: { type: 'strike' },
  strike: { type: 'strike' },
  mark: { type: 'highlight' },
}

/** What reading inline content needs: the notes' texts, and the count of what is dropped. */
export interface InlineContext {
  notes: ReadonlyMap<string, HtmlElement>
  dropped: DroppedCounter
}

/** The list items holding footnote and endnote texts, by id. */
export function collectNotes(root: HtmlElement, into = new Map<string, HtmlElement>()) {
  for (const child of root.children) {
    if (typeof child === 'string') continue
    if (child.tag === 'li' && NOTE_ID.test(child.attrs.id ?? '')) into.set(child.attrs.id!, child)
    else collectNotes(child, into)
  }
  return into
}

/** True for mammoth's list of notes at the end, which is no text of its own. */
export function isNoteList(element: HtmlElement): boolean {
  const items = element.children.filter((c): c is HtmlElement => typeof c !== 'string')
  return items.length > 0 && items.every((li) => li.tag === 'li' && NOTE_ID.test(li.attrs.id ?? ''))
}

function withMark(marks: Mark[], mark: Mark): Mark[] {
  return marks.some((m) => m.type === mark.type) ? marks : [...marks, mark]
}

/** The reference's note id when `element` is (or wraps) a link to a footnote. */
function noteReference(element: HtmlElement): string | null {
  if (element.tag === 'a') return NOTE_LINK.exec(element.attrs.href ?? '')?.[1] ?? null
  if (element.tag !== 'sup') return null
  const links = element.children.filter((c): c is HtmlElement => typeof c !== 'string')
  return links.length === 1 ? noteReference(links[0]!) : null
}

/** Inline JSON for `nodes`; `inNote` while reading a footnote's own text. */
export function inlines(
  nodes: HtmlNode[],
  context: InlineContext,
  marks: Mark[] = [],
  out: PmJson[] = [],
  inNote = false,
): PmJson[] {
  for (const node of nodes) {
    if (typeof node === 'string') {
      // Word's tabs and line ends inside a paragraph are spaces in the text.
      const text = node.replace(/[\t\r\n]+/g, ' ')
      if (text) out.push(marks.length ? { type: 'text', text, marks } : { type: 'text', text })
      continue
    }
    const note = inNote ? null : noteReference(node)
    const mark = MARK_TAGS[node.tag]
    if (node.tag === 'br') out.push({ type: 'hardBreak' })
    else if (node.tag === 'img') continue
    else if (note !== null) {
      const body = context.notes.get(note)
      if (body) out.push(footnote(body, context))
    } else if (mark) inlines(node.children, context, withMark(marks, mark), out, inNote)
    else if (node.tag === 'a') {
      if (inNote && BACK_LINK.test(node.attrs.href ?? '')) continue
      const href = safeHref(node.attrs.href)
      const linked = href ? withMark(marks, { type: 'link', attrs: { href } }) : marks
      inlines(node.children, context, linked, out, inNote)
    } else inlines(node.children, context, marks, out, inNote)
  }
  return out
}

/** A footnote node from its list item: its paragraphs joined by line breaks. */
function footnote(item: HtmlElement, context: InlineContext): PmJson {
  const content: PmJson[] = []
  const parts = item.children.some((c) => typeof c !== 'string' && c.tag === 'p')
    ? item.children.filter((c): c is HtmlElement => typeof c !== 'string' && c.tag === 'p')
    : [item]
  for (const part of parts) {
    if (content.length > 0) content.push({ type: 'hardBreak' })
    inlines(part.children, context, [], content, true)
  }
  // The space mammoth puts before its "↑" link.
  const last = content[content.length - 1]
  if (last?.type === 'text') {
    last.text = last.text!.trimEnd()
    if (!last.text) content.pop()
  }
  while (content[content.length - 1]?.type === 'hardBreak') content.pop()
  return content.length ? { type: FOOTNOTE, content } : { type: FOOTNOTE }
}
