/**
 * Makes pasted HTML from Word (and similar) fit the schema: Word's list
 * paragraphs (`<p class=MsoListParagraph style="mso-list:l0 level1 lfo1">` with a
 * typed bullet or number) become real lists, `MsoTitle` and `h4`–`h6` become
 * headings the schema has, and styles, classes, Office tags and comments go.
 * Headings, lists, bold, italic and links survive; the schema drops the rest.
 */
const WORD_MARKERS = /urn:schemas-microsoft-com:office|class="?Mso|mso-/i
const DROP = new Set(['style', 'meta', 'link', 'title', 'xml', 'script', 'img'])

interface ListItemInfo {
  /** Word's list id (`l0`, `l1` …): a new id starts a new list. */
  list: string
  level: number
  ordered: boolean
}

function listInfo(p: Element): ListItemInfo | null {
  const style = p.getAttribute('style') ?? ''
  const isListParagraph = /MsoListParagraph/i.test(p.getAttribute('class') ?? '')
  const level = /mso-list:\s*(\S+)\s+level(\d+)/i.exec(style)
  if (!level && !isListParagraph) return null
  const marker = Array.from(p.querySelectorAll('span')).find((span) =>
    /mso-list:\s*Ignore/i.test(span.getAttribute('style') ?? ''),
  )
  const text = (marker?.textContent ?? '').replace(/\u00a0/g, ' ').trim()
  marker?.remove()
  // Typed numbers look like "1.", "a)", "iv."; Word's bullets are "·", "o", "§", "-" or "•".
  const ordered = /^(\d+|[a-z]|[ivxlc]+)[.)]$/i.test(text)
  return { list: level?.[1] ?? '', level: Math.max(1, Number(level?.[2] ?? 1)), ordered }
}

function buildLists(doc: Document, items: { p: Element; info: ListItemInfo }[]): Element {
  const first = items[0]!
  const root = doc.createElement(first.info.ordered ? 'ol' : 'ul')
  const stack: { list: Element; level: number }[] = [{ list: root, level: first.info.level }]
  for (const { p, info } of items) {
    while (stack.length > 1 && info.level < stack[stack.length - 1]!.level) stack.pop()
    let top = stack[stack.length - 1]!
    if (info.level > top.level && top.list.lastElementChild) {
      const nested = doc.createElement(info.ordered ? 'ol' : 'ul')
      top.list.lastElementChild.append(nested)
      top = { list: nested, level: info.level }
      stack.push(top)
    }
    const li = doc.createElement('li')
    const para = doc.createElement('p')
    para.append(...Array.from(p.childNodes))
    li.append(para)
    top.list.append(li)
  }
  return root
}

function convertLists(doc: Document): void {
  const paragraphs = Array.from(doc.body.querySelectorAll('p'))
  let run: { p: Element; info: ListItemInfo }[] = []
  const flush = () => {
    if (run.length === 0) return
    const list = buildLists(doc, run)
    run[0]!.p.replaceWith(list)
    for (const item of run.slice(1)) item.p.remove()
    run = []
  }
  for (const p of paragraphs) {
    const info = listInfo(p)
    const previous = run[run.length - 1]?.p
    const adjacent = previous !== undefined && previous.nextElementSibling === p
    const sameList = info !== null && run[0]?.info.list === info.list
    if (!info || (run.length > 0 && (!adjacent || !sameList))) flush()
    if (info) run.push({ p, info })
  }
  flush()
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

/** Cleans pasted HTML; anything not from Word only loses its block ids (B1). */
export function cleanPastedHtml(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html')
  for (const element of Array.from(doc.querySelectorAll('[data-block-id]'))) {
    element.removeAttribute('data-block-id')
  }
  if (!WORD_MARKERS.test(html)) return doc.body.innerHTML
  removeComments(doc.body)
  for (const element of Array.from(doc.body.querySelectorAll('*'))) {
    // Office namespaces (o:p, v:shape, w:…) and non-content elements go.
    const tag = element.tagName.toLowerCase()
    if (DROP.has(tag) || tag.includes(':')) element.remove()
  }
  convertLists(doc)
  for (const p of Array.from(doc.querySelectorAll('p.MsoTitle'))) renameElement(doc, p, 'h1')
  for (const p of Array.from(doc.querySelectorAll('p.MsoSubtitle'))) renameElement(doc, p, 'h2')
  for (const h of Array.from(doc.querySelectorAll('h4, h5, h6'))) renameElement(doc, h, 'h3')
  for (const element of Array.from(doc.body.querySelectorAll('[style], [class], [lang]'))) {
    element.removeAttribute('style')
    element.removeAttribute('class')
    element.removeAttribute('lang')
  }
  return doc.body.innerHTML
}
