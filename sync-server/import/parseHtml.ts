/**
 * A small HTML reader for what mammoth writes: elements with double-quoted
 * attributes, `<br />`, escaped text. It builds a tree and never runs or fetches
 * anything; markup it does not know is kept as elements for the converter to
 * unwrap. Not a general HTML parser: no scripts, comments or implied end tags
 * beyond closing what is still open.
 */

/** An element with its attributes and children (elements or decoded text). */
export interface HtmlElement {
  tag: string
  attrs: Record<string, string>
  children: HtmlNode[]
}

export type HtmlNode = HtmlElement | string

const VOID = new Set(['br', 'img', 'hr', 'col', 'wbr', 'input', 'meta', 'link'])
const TOKEN =
  /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?)*)\s*(\/?)>|([^<]+)|</g
const ATTRIBUTE = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?/g
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
}

/** Decodes character references (`&amp;`, `&#39;`, `&#x2019;`). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X'
          ? Number.parseInt(name.slice(2), 16)
          : Number(name.slice(1))
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff
        ? String.fromCodePoint(code)
        : whole
    }
    return NAMED[name.toLowerCase()] ?? whole
  })
}

function readAttributes(source: string): Record<string, string> {
  const attrs: Record<string, string> = {}
  for (const match of source.matchAll(ATTRIBUTE)) {
    const name = match[1]!.toLowerCase()
    attrs[name] = decodeEntities(match[2] ?? match[3] ?? match[4] ?? '')
  }
  return attrs
}

/** Reads `html` into a root element (tag `#root`). */
export function parseHtml(html: string): HtmlElement {
  const root: HtmlElement = { tag: '#root', attrs: {}, children: [] }
  const open: HtmlElement[] = [root]
  for (const match of html.matchAll(TOKEN)) {
    const [whole, closing, name, attributes, , text] = match
    const current = open[open.length - 1]!
    if (text !== undefined) {
      current.children.push(decodeEntities(text))
    } else if (name === undefined) {
      // A comment is dropped; a lone `<` is text.
      if (whole === '<') current.children.push('<')
    } else if (closing) {
      const tag = name.toLowerCase()
      const at = open.map((e) => e.tag).lastIndexOf(tag)
      // An end tag without its start is ignored; one that closes an outer element closes the inner ones too.
      if (at > 0) open.length = at
    } else {
      const element: HtmlElement = {
        tag: name.toLowerCase(),
        attrs: readAttributes(attributes ?? ''),
        children: [],
      }
      current.children.push(element)
      if (!VOID.has(element.tag) && !whole.endsWith('/>')) open.push(element)
    }
  }
  return root
}
