/**
 * Footnotes (contract W1): an inline node where the reference stands, holding
 * the footnote's own text. Numbers are not stored: a footnote is number n when
 * it is the n-th in text order, so two people adding footnotes at once, or a
 * paragraph moved with its footnote, can never leave two footnotes with one
 * number or a reference without its text. In Yjs a footnote is an XmlElement
 * inside its paragraph with one XmlText, so comments and suggestions anchor in
 * its text with relative positions like anywhere else.
 *
 * The editor shows the reference as a superscript number and the text in a
 * list below the text (editor/features/footnotes); exports write real footnotes.
 */
import { Node } from '@tiptap/core'

/** The node's name in the schema and in Yjs. */
export const FOOTNOTE = 'footnote'

/** The HTML attribute that marks a footnote: `<span data-footnote>its text</span>`. */
export const FOOTNOTE_ATTRIBUTE = 'data-footnote'

export const Footnote = Node.create({
  name: FOOTNOTE,
  group: 'inline',
  inline: true,
  // One unit for the caret in the text: it is typed in below the text.
  atom: true,
  selectable: true,
  draggable: false,
  // Text with its marks and line breaks; never a footnote in a footnote.
  content: '(text | hardBreak)*',

  parseHTML() {
    return [{ tag: `span[${FOOTNOTE_ATTRIBUTE}]` }]
  },

  renderHTML() {
    return ['span', { [FOOTNOTE_ATTRIBUTE]: '', class: 'footnote' }, 0]
  },
})
