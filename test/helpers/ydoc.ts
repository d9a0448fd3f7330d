/**
 * Writing Tiptap-shaped content into a bare Y.Doc: the text lives in the
 * XmlFragment `default`, a paragraph is an XmlElement holding an XmlText.
 */
import * as Y from 'yjs'

export function fragmentOf(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment('default')
}

/** Appends a paragraph (or another textblock) holding `text`; returns its XmlText. */
export function appendBlock(
  doc: Y.Doc,
  text: string,
  nodeName = 'paragraph',
  attributes: Record<string, unknown> = {},
): Y.XmlText {
  const block = new Y.XmlElement(nodeName)
  // Yjs types attribute values as strings; Tiptap stores numbers too (a heading's level).
  for (const [key, value] of Object.entries(attributes)) block.setAttribute(key, value as string)
  const content = new Y.XmlText()
  content.insert(0, text)
  block.insert(0, [content])
  const fragment = fragmentOf(doc)
  fragment.insert(fragment.length, [block])
  return content
}

/** The textblocks of the fragment, depth first. */
export function blocksOf(doc: Y.Doc): Y.XmlElement[] {
  const blocks: Y.XmlElement[] = []
  const walk = (parent: Y.XmlFragment | Y.XmlElement) => {
    for (const child of parent.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue
      if (child.nodeName === 'paragraph' || child.nodeName === 'heading') blocks.push(child)
      else walk(child)
    }
  }
  walk(fragmentOf(doc))
  return blocks
}

/** One line per textblock, like the server's `text`. */
export function linesOf(doc: Y.Doc): string {
  return blocksOf(doc)
    .map((block) =>
      block
        .toArray()
        .map((child) =>
          child instanceof Y.XmlText ? child.toString().replace(/<[^>]+>/g, '') : ' ',
        )
        .join(''),
    )
    .join('\n')
}

/** The XmlText of the n-th textblock. */
export function textOfBlock(doc: Y.Doc, index: number): Y.XmlText {
  const block = blocksOf(doc)[index]
  const text = block?.toArray().find((child) => child instanceof Y.XmlText)
  if (!(text instanceof Y.XmlText)) throw new Error(`block ${index} has no text`)
  return text
}
