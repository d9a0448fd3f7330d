/**
 * Footnotes in pasted HTML become footnotes of the text (W1). Word, LibreOffice
 * and web pages (Markdown tools, our own export) all write a footnote as a link
 * to its text elsewhere on the page, and that text links back to the
 * reference: Word `<a href="#_ftn1" name="_ftnref1">` and `<div id=ftn1>…<a
 * href="#_ftnref1">[1]</a> text</div>`, LibreOffice `sdfootnote1anc` /
 * `sdfootnote1sym`, Markdown `#fn1` / `#fnref1`. Such a pair becomes
 * `<span data-footnote>text</span>` where the reference stood, which the
 * schema reads as a footnote, and the list of notes goes. A reference whose
 * text is not on the clipboard stays as its number and is reported.
 */
import { FOOTNOTE_ATTRIBUTE } from '../../../shared/footnote.ts'
import type { DropCounter } from './dropCounter.ts'

/** Links that look like a footnote reference even when their note is not there. */
const NOTE_LIKE = /^#(_ftn|_edn|sdfootnote|sdendnote|fn|cite_note|footnote)/i

/** The element `#id` or `<a name=id>`. */
function target(doc: Document, id: string): Element | null {
  if (!id) return null
  return (
    doc.getElementById(id) ??
    Array.from(doc.querySelectorAll('a[name]')).find((a) => a.getAttribute('name') === id) ??
    null
  )
}

/** The names a reference can be linked back by: its id or name, and its `sup`'s id. */
function namesOf(reference: Element): string[] {
  const names = [reference.id, reference.getAttribute('name') ?? '']
  const sup = reference.closest('sup')
  if (sup) names.push(sup.id)
  return names.filter((name) => name !== '')
}

/** The note's own text as inline HTML: its paragraphs joined by line breaks, the back link out. */
function noteContent(container: Element, backLink: Element): string {
  const copy = container.cloneNode(true) as Element
  const path: number[] = []
  for (let node: Element | null = backLink; node && node !== container; node = node.parentElement) {
    path.unshift(Array.from(node.parentElement!.children).indexOf(node))
  }
  let back: Element | null = copy
  for (const index of path) back = back?.children[index] ?? null
  back?.remove()
  const paragraphs = Array.from(copy.querySelectorAll('p'))
  const parts = paragraphs.length > 0 ? paragraphs.map((p) => p.innerHTML) : [copy.innerHTML]
  return parts
    .map((part) => part.replace(/^(\s|&nbsp;)+|(\s|&nbsp;)+$/g, ''))
    .filter((part) => part !== '')
    .join('<br>')
}

/** Removes a note's container, and the list or section around it once nothing else is left in it. */
function removeNote(container: Element): void {
  let gone: Element | null = container
  while (gone) {
    const parent: Element | null = gone.parentElement
    gone.remove()
    const emptied: boolean | null =
      parent &&
      parent !== parent.ownerDocument.body &&
      Array.from(parent.children).every((child) => /^(H[1-6]|HR|BR)$/.test(child.tagName)) &&
      Array.from(parent.childNodes).every(
        (child) => child.nodeType !== 3 || (child.textContent ?? '').trim() === '',
      )
    gone = emptied ? parent : null
  }
}

/** Turns footnote references with their text into footnotes; counts references without. */
export function convertFootnotes(doc: Document, dropped: DropCounter): void {
  const containers = new Set<Element>()
  for (const reference of Array.from(doc.querySelectorAll('a[href^="#"]'))) {
    if (!reference.isConnected || containers.has(reference.closest('li, div') as Element)) continue
    const href = reference.getAttribute('href') ?? ''
    const note = target(doc, decodeURIComponent(href.slice(1)))
    const container = note?.closest('li, div, aside') ?? note?.parentElement ?? null
    const names = namesOf(reference)
    const backLink =
      container &&
      Array.from(container.querySelectorAll('a[href^="#"]')).find((a) =>
        names.includes(decodeURIComponent((a.getAttribute('href') ?? '').slice(1))),
      )
    if (!container || !backLink || container.contains(reference)) {
      if (!note && NOTE_LIKE.test(href) && reference.closest('sup, [style*="footnote"]')) {
        dropped.add('footnoteReference')
      }
      continue
    }
    const footnote = doc.createElement('span')
    footnote.setAttribute(FOOTNOTE_ATTRIBUTE, '')
    footnote.innerHTML = noteContent(container, backLink)
    // The reference's superscript goes with it: the footnote draws its own number.
    const sup = reference.closest('sup')
    const replaced =
      sup && sup.textContent?.trim() === reference.textContent?.trim() ? sup : reference
    replaced.replaceWith(footnote)
    containers.add(container)
  }
  for (const container of containers) removeNote(container)
  // Word's own lists of notes, with their separator line.
  for (const list of Array.from(
    doc.querySelectorAll(
      '[style*="mso-element:footnote-list"], [style*="mso-element:endnote-list"]',
    ),
  )) {
    if (containers.size > 0) list.remove()
  }
}
