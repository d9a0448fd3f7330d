/**
 * Word's list paragraphs (`<p class=MsoListParagraph style="mso-list:l0
 * level1 lfo1">` with a typed bullet or number) as real, nested lists. The
 * typed marker goes: Word puts it between `<![if !supportLists]>` and
 * `<![endif]>` (which an HTML parser reads as comments) and in a span styled
 * `mso-list:Ignore`; older Word versions only do the first, and without both a
 * pasted list would show its bullet twice ("• ·").
 */

interface ListItemInfo {
  /** Word's list id (`l0`, `l1` …): a new id starts a new list. */
  list: string
  level: number
  ordered: boolean
}

/** A typed marker left at the start of a list paragraph's text. */
const TYPED_MARKER = /^[\s\u00a0]*([·•▪◦§o–-]|\d+[.)]|[a-z][.)]|[ivxlc]+[.)])[\s\u00a0]+/i

const isComment = (node: Node | null, pattern: RegExp): node is Comment =>
  node !== null && node.nodeType === 8 && pattern.test((node as Comment).data.trim())

/**
 * Takes out what Word put between `<![if !supportLists]>` and `<![endif]>` in
 * `p` (the typed marker) and returns its text, or null when there is none.
 */
function takeConditionalMarker(p: Element): string | null {
  const walker = p.ownerDocument.createTreeWalker(p, 128)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!isComment(node, /^\[if !supportLists\]$/i)) continue
    let text = ''
    let next = node.nextSibling
    while (next && !isComment(next, /^\[endif\]$/i)) {
      const after = next.nextSibling
      text += next.textContent ?? ''
      next.parentNode?.removeChild(next)
      next = after
    }
    return text
  }
  return null
}

function firstText(element: Element): Text | null {
  const walker = element.ownerDocument.createTreeWalker(element, 4)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if ((node.textContent ?? '').trim() !== '') return node as Text
  }
  return null
}

function listInfo(p: Element): ListItemInfo | null {
  const style = p.getAttribute('style') ?? ''
  const isListParagraph = /MsoListParagraph/i.test(p.getAttribute('class') ?? '')
  const level = /mso-list:\s*(\S+)\s+level(\d+)/i.exec(style)
  if (!level && !isListParagraph) return null
  const span = Array.from(p.querySelectorAll('span')).find((s) =>
    /mso-list:\s*Ignore/i.test(s.getAttribute('style') ?? ''),
  )
  const conditional = takeConditionalMarker(p)
  let text = (span?.textContent ?? conditional ?? '').replace(/\u00a0/g, ' ').trim()
  span?.remove()
  if (!span && conditional === null) {
    // The marker was typed into the text itself (or its span was lost on the way).
    const first = firstText(p)
    const typed = first ? TYPED_MARKER.exec(first.data) : null
    if (first && typed) {
      text = typed[1]!
      first.data = first.data.slice(typed[0].length)
    }
  }
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

/** Turns runs of Word's list paragraphs into lists. */
export function convertWordLists(doc: Document): void {
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
