/**
 * Tables from Word, LibreOffice and web pages, fitted to the schema's tables
 * (W1): a header row is `th` cells (LibreOffice writes `td` in its `thead`);
 * column widths go (the editor lays tables out itself); a cell holds
 * paragraphs and lists, so headings in it become paragraphs and quotes give
 * their paragraphs; a table inside a cell becomes the paragraphs of its cells
 * and is reported.
 */
import type { DropCounter } from './dropCounter.ts'

function rename(element: Element, tag: string): Element {
  const replacement = element.ownerDocument.createElement(tag)
  for (const name of ['colspan', 'rowspan']) {
    const value = element.getAttribute(name)
    if (value) replacement.setAttribute(name, value)
  }
  replacement.append(...Array.from(element.childNodes))
  element.replaceWith(replacement)
  return replacement
}

/** The cells' contents of a table, one after the other. */
function flatten(table: Element): Node[] {
  return Array.from(table.querySelectorAll('td, th')).flatMap((cell) => {
    const hasBlocks = Array.from(cell.children).some((c) => /^(P|UL|OL|DIV)$/.test(c.tagName))
    if (hasBlocks) return Array.from(cell.childNodes)
    const p = table.ownerDocument.createElement('p')
    p.append(...Array.from(cell.childNodes))
    return [p]
  })
}

export function fitTables(doc: Document, dropped: DropCounter): void {
  for (const gone of Array.from(doc.querySelectorAll('colgroup, col'))) gone.remove()
  for (const cell of Array.from(doc.querySelectorAll('thead td'))) rename(cell, 'th')
  for (const part of Array.from(doc.querySelectorAll('table, tr, td, th'))) {
    for (const name of ['width', 'height', 'colwidth', 'valign', 'align', 'bgcolor']) {
      part.removeAttribute(name)
    }
  }
  // Innermost first, so a table in a table in a table flattens all the way.
  for (const inner of Array.from(doc.querySelectorAll('td table, th table')).reverse()) {
    dropped.add('tableInside')
    inner.replaceWith(...flatten(inner))
  }
  for (const cell of Array.from(doc.querySelectorAll('td, th'))) {
    for (const heading of Array.from(cell.querySelectorAll('h1, h2, h3, h4, h5, h6'))) {
      rename(heading, 'p')
    }
    for (const quote of Array.from(cell.querySelectorAll('blockquote'))) {
      quote.replaceWith(...Array.from(quote.childNodes))
    }
  }
}
