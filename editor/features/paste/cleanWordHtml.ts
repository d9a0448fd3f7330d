/**
 * Makes pasted HTML fit the schema, and counts what it cannot keep (W1). From
 * anywhere: tables fitted to the schema's tables, footnotes with their text
 * kept as footnotes, typed bullets out of list items, images left out, block
 * ids never copied (B1). From Word besides: list paragraphs become real lists
 * without their typed bullets, `MsoTitle` and `h4`–`h6` become headings the
 * schema has, comments, tracked changes and text boxes are taken out (their
 * words kept where they belong), and styles, classes, Office tags and
 * conditional comments go.
 */
import { DropCounter } from './dropCounter.ts'
import { convertFootnotes } from './pastedNotes.ts'
import { fitTables } from './pastedTables.ts'
import {
  acceptWordChanges,
  keepWordHighlights,
  removeWordComments,
  unwrapWordTextBoxes,
} from './wordExtras.ts'
import { convertWordLists } from './wordLists.ts'

const WORD_MARKERS = /urn:schemas-microsoft-com:office|class="?Mso|mso-/i
const DROP = new Set(['style', 'meta', 'link', 'title', 'xml', 'script'])
/** A bullet typed at the start of a list item's text, besides the list's own. */
const TYPED_BULLET = /^[\s\u00a0]*[•·◦▪‣●○■□][\s\u00a0]*/

/** The cleaned HTML and what it left out, as `[{what, count}]`. */
export interface CleanedPaste {
  html: string
  dropped: Array<{ what: string; count: number }>
}

function renameElement(doc: Document, element: Element, tag: string): void {
  const replacement = doc.createElement(tag)
  replacement.append(...Array.from(element.childNodes))
  element.replaceWith(replacement)
}

function removeComments(node: Node): void {
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === 8) child.remove()
    else removeComments(child)
  }
}

function removeImages(doc: Document, dropped: DropCounter): void {
  for (const image of Array.from(doc.querySelectorAll('img'))) {
    dropped.add('image')
    image.remove()
  }
}

/** A bullet character typed before a list item's own text (web pages, converters). */
function removeTypedBullets(doc: Document): void {
  for (const item of Array.from(doc.querySelectorAll('li'))) {
    const walker = doc.createTreeWalker(item, 4)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node as Text
      if (text.data.trim() === '') continue
      text.data = text.data.replace(TYPED_BULLET, '')
      break
    }
  }
}

/**
 * Lists that only number headings (LibreOffice's outline numbering writes
 * `<ol><li><h1>…</h1></ol>`) give their headings back.
 */
function unwrapHeadingLists(doc: Document): void {
  const isHeading = (element: Element) => /^H[1-6]$/.test(element.tagName)
  // Innermost first: a list that held such a list now holds its headings.
  for (const list of Array.from(doc.querySelectorAll('ol, ul')).reverse()) {
    const parts = Array.from(list.children)
    const numbersHeadings =
      parts.length > 0 &&
      parts.every(
        (part) =>
          isHeading(part) ||
          (part.tagName === 'LI' &&
            part.children.length > 0 &&
            Array.from(part.children).every(isHeading)),
      )
    if (!numbersHeadings) continue
    for (const item of parts)
      if (item.tagName === 'LI') item.replaceWith(...Array.from(item.childNodes))
    list.replaceWith(...Array.from(list.childNodes))
  }
}

/**
 * LibreOffice's floating frames (text boxes): their words follow their
 * paragraph; the break that only cleared the float goes.
 */
function unwrapFrames(doc: Document, dropped: DropCounter): void {
  for (const clear of Array.from(doc.querySelectorAll('br[clear]'))) clear.remove()
  for (const frame of Array.from(doc.querySelectorAll('span[id^="Frame"][style*="float"]'))) {
    dropped.add('textbox')
    const paragraph = frame.closest('p')
    const contents = Array.from(frame.childNodes)
    frame.remove()
    if (paragraph) paragraph.after(...contents)
    else frame.replaceWith(...contents)
  }
}

function cleanWord(doc: Document, dropped: DropCounter): void {
  removeWordComments(doc, dropped)
  acceptWordChanges(doc, dropped)
  unwrapWordTextBoxes(doc, dropped)
  keepWordHighlights(doc)
  // The list markers sit between conditional comments, which must still be there.
  convertWordLists(doc)
  removeComments(doc.body)
  for (const element of Array.from(doc.body.querySelectorAll('*'))) {
    // Office namespaces (o:p, v:shape, w:…) and non-content elements go.
    const tag = element.tagName.toLowerCase()
    if (DROP.has(tag) || tag.includes(':')) element.remove()
  }
  for (const p of Array.from(doc.querySelectorAll('p.MsoTitle'))) renameElement(doc, p, 'h1')
  for (const p of Array.from(doc.querySelectorAll('p.MsoSubtitle'))) renameElement(doc, p, 'h2')
  for (const h of Array.from(doc.querySelectorAll('h4, h5, h6'))) renameElement(doc, h, 'h3')
  for (const element of Array.from(doc.body.querySelectorAll('[style], [class], [lang]'))) {
    element.removeAttribute('style')
    element.removeAttribute('class')
    element.removeAttribute('lang')
  }
}

/** Cleans pasted HTML and says what it left out. */
export function cleanPaste(html: string): CleanedPaste {
  const doc = new DOMParser().parseFromString(html, 'text/html')
  const dropped = new DropCounter()
  for (const element of Array.from(doc.querySelectorAll('[data-block-id]'))) {
    element.removeAttribute('data-block-id')
  }
  const fromWord = WORD_MARKERS.test(html)
  convertFootnotes(doc, dropped)
  if (fromWord) cleanWord(doc, dropped)
  unwrapFrames(doc, dropped)
  removeImages(doc, dropped)
  unwrapHeadingLists(doc)
  removeTypedBullets(doc)
  fitTables(doc, dropped)
  return { html: doc.body.innerHTML, dropped: dropped.list() }
}

/** Cleans pasted HTML (what ProseMirror's `transformPastedHTML` asks). */
export function cleanPastedHtml(html: string): string {
  return cleanPaste(html).html
}
