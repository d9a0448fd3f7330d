import { relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { anchorFor, quoteOf, resolveAnchor } from './anchorPositions.ts'
import { createTestEditor, paragraphText, serverAnchor } from './testEditor.ts'

const HTML = '<p>Gemeenten nemen het voortouw.</p><p>Tweede alinea.</p>'

describe('anchors in the editor', () => {
  let destroy = () => {}
  afterEach(() => destroy())

  function setup() {
    const made = createTestEditor(HTML)
    destroy = () => made.editor.destroy()
    return made
  }

  it('[C2] makes an anchor from a selection and reads it back; quotes with \\n between blocks', () => {
    const { editor } = setup()
    const range = { from: 17, to: 38 } // "het voortouw." … "Tweede"
    const anchor = anchorFor(editor.state, range)
    expect(anchor).not.toBeNull()
    expect(resolveAnchor(editor.state, anchor!)).toEqual(range)
    expect(quoteOf(editor.state, range)).toBe('het voortouw.\nTweede')
  })

  it('[C3] resolves the server’s anchor on the very first words of the text', () => {
    const { editor, doc } = setup()
    const anchor = serverAnchor(paragraphText(doc, 0), 0, 'Gemeenten'.length)
    expect(resolveAnchor(editor.state, anchor)).toEqual({ from: 1, to: 10 })
    // y-tiptap alone refuses the start position, taking it for one in rebuilt text.
    const sync = ySyncPluginKey.getState(editor.state)
    const raw = relativePositionToAbsolutePosition(
      doc,
      sync.type,
      Y.createRelativePositionFromJSON(anchor.from),
      sync.binding.mapping,
    )
    expect(raw).toBeNull()
  })

  it('[C3] follows its words when text is typed before them, and is gone with them', () => {
    const { editor, doc } = setup()
    const anchor = serverAnchor(paragraphText(doc, 0), 16, 28) // "het voortouw"
    const before = resolveAnchor(editor.state, anchor)!
    expect(editor.state.doc.textBetween(before.from, before.to)).toBe('het voortouw')
    editor.chain().setTextSelection(1).insertContent('Alle ').run()
    const after = resolveAnchor(editor.state, anchor)!
    expect(editor.state.doc.textBetween(after.from, after.to)).toBe('het voortouw')
    editor.chain().setTextSelection(after).deleteSelection().run()
    expect(resolveAnchor(editor.state, anchor)).toBeNull()
  })

  it('treats missing or malformed positions as not anchored', () => {
    const { editor } = setup()
    expect(resolveAnchor(editor.state, { from: null, to: null })).toBeNull()
    expect(resolveAnchor(editor.state, { from: { nonsense: true }, to: {} })).toBeNull()
  })
})
