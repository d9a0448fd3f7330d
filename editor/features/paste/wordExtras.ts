/**
 * What Word's clipboard holds besides text and lists, which the text cannot
 * keep: comments (a list of them at the end, marks in the text), tracked
 * changes (`<ins>` and `<del>` with the author in `cite`), text boxes (a
 * `v:shape` in a conditional comment plus a layout table around a `<div
 * v:shape>`), and highlights (`mso-highlight` styles, kept as highlight). Each
 * kind left out is counted; the words of a text box and of inserted text stay.
 */
import type { DropCounter } from './dropCounter.ts'

function unwrap(element: Element): void {
  element.replaceWith(...Array.from(element.childNodes))
}

/** Comments: the list at the end goes, as do the marks in the text; the commented words stay. */
export function removeWordComments(doc: Document, dropped: DropCounter): void {
  dropped.add(
    'comment',
    doc.querySelectorAll('[style*="mso-element:comment"]:not([style*="comment-list"])').length,
  )
  for (const list of Array.from(doc.querySelectorAll('[style*="mso-element:comment-list"]'))) {
    list.remove()
  }
  for (const mark of Array.from(doc.querySelectorAll('.msocomanchor, .MsoCommentReference'))) {
    mark.remove()
  }
}

/** Tracked changes as if accepted: deleted text goes, inserted text stays as text. */
export function acceptWordChanges(doc: Document, dropped: DropCounter): void {
  for (const del of Array.from(doc.querySelectorAll('del[cite], del[datetime]'))) {
    dropped.add('trackedChange')
    del.remove()
  }
  for (const ins of Array.from(doc.querySelectorAll('ins[cite], ins[datetime]'))) {
    dropped.add('trackedChange')
    unwrap(ins)
  }
}

/** A text box's paragraphs take the place of the layout around them. */
export function unwrapWordTextBoxes(doc: Document, dropped: DropCounter): void {
  const boxes = Array.from(doc.querySelectorAll('div')).filter(
    (div) => div.hasAttribute('v:shape') || div.classList.contains('shape'),
  )
  for (const box of boxes) {
    if (!box.isConnected) continue
    dropped.add('textbox')
    // The outermost layout wrapper Word put around it (a span of absolute position, tables).
    let outer: Element = box
    for (let node = box.parentElement; node && node !== doc.body; node = node.parentElement) {
      const style = node.getAttribute('style') ?? ''
      if (/mso-ignore:\s*vglayout/i.test(style) || node.tagName === 'TABLE') outer = node
    }
    const paragraph = outer.closest('p')
    const contents = Array.from(box.childNodes)
    if (paragraph && paragraph !== outer) {
      // A box anchored in a paragraph: its words follow that paragraph.
      outer.remove()
      paragraph.after(...contents)
    } else {
      outer.replaceWith(...contents)
    }
  }
}

/** Word's highlighter (`mso-highlight:yellow`) as the highlight mark. */
export function keepWordHighlights(doc: Document): void {
  for (const span of Array.from(doc.querySelectorAll('span[style*="mso-highlight"]'))) {
    const mark = doc.createElement('mark')
    mark.append(...Array.from(span.childNodes))
    span.replaceWith(mark)
  }
}
