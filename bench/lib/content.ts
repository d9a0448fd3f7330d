/**
 * Documents shaped the way Tiptap's Collaboration extension stores them (contract S2):
 * the Y.XmlFragment `default` holds one Y.XmlElement per block, each holding a Y.XmlText.
 */
import * as Y from 'yjs'
import { createRandom } from './plan.ts'

/** Name of the fragment Tiptap's Collaboration extension edits (contract S2). */
export const FRAGMENT = 'default'

const WORDS = (
  'de het een gemeente voorstel leden vereniging strategie samen werken aan ' +
  'dienstverlening inwoners ondernemers regio provincie rijk wet uitvoering ' +
  'financiering fonds taken middelen en of met voor door van naar bij om te ' +
  'zorgen digitale informatie huisvesting energie klimaat sociaal domein'
).split(' ')

/** Dutch-looking text of about `length` characters. */
export function createProse(length: number, seed: number): string {
  const random = createRandom(seed)
  let text = ''
  while (text.length < length) {
    text += (text ? ' ' : '') + WORDS[Math.floor(random() * WORDS.length)]
  }
  return `${text.slice(0, Math.max(0, length - 1))}.`
}

/** Appends a heading and `paragraphs` paragraphs of `chars` characters to `doc`. */
export function writeDocument(
  doc: Y.Doc,
  { paragraphs, chars, seed }: { paragraphs: number; chars: number; seed: number },
): void {
  const fragment = doc.getXmlFragment(FRAGMENT)
  doc.transact(() => {
    const heading = new Y.XmlElement('heading')
    heading.setAttribute('level', 1 as unknown as string)
    heading.insert(0, [new Y.XmlText(createProse(40, seed))])
    const blocks: Y.XmlElement[] = [heading]
    for (let i = 0; i < paragraphs; i++) {
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText(createProse(chars, seed * 31 + i))])
      blocks.push(paragraph)
    }
    fragment.insert(fragment.length, blocks)
  })
}

/** The Y.XmlText of block `index` of the fragment, or undefined while it has not arrived. */
export function blockText(doc: Y.Doc, index: number): Y.XmlText | undefined {
  const block = doc.getXmlFragment(FRAGMENT).get(index)
  if (!(block instanceof Y.XmlElement)) return undefined
  const text = block.get(0)
  return text instanceof Y.XmlText ? text : undefined
}

/** Number of blocks in the fragment. */
export function blockCount(doc: Y.Doc): number {
  return doc.getXmlFragment(FRAGMENT).length
}
