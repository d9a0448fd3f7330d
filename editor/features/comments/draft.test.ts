import { TextSelection } from '@tiptap/pm/state'
import { afterEach, describe, expect, it } from 'vitest'
import { resolveAnchor } from './anchorPositions.ts'
import { setHighlights } from './CommentHighlights.ts'
import { type Draft, startDraft } from './draft.ts'
import { createTestEditor, paragraphText, serverAnchor } from './testEditor.ts'

const HTML = '<p>Gemeenten nemen het voortouw.</p><p>Tweede alinea.</p>'

describe('starting a reaction', () => {
  let destroy = () => {}
  afterEach(() => destroy())

  function setup() {
    const made = createTestEditor(HTML)
    destroy = () => made.editor.destroy()
    const select = (from: number, to: number) =>
      made.editor.view.dispatch(
        made.editor.state.tr.setSelection(TextSelection.create(made.editor.state.doc, from, to)),
      )
    return { ...made, select }
  }

  it('[C2] takes quote and anchor from the selection, without block breaks at its ends', () => {
    const { editor, select } = setup()
    const started = (from: number, to: number) => {
      select(from, to)
      const { draft } = startDraft(editor.state, 'amendment') as { draft: Draft }
      return { quote: draft.quote, range: resolveAnchor(editor.state, draft.anchor!) }
    }
    // From the end of the first paragraph into the second.
    expect(started(30, 38)).toEqual({ quote: 'Tweede', range: { from: 32, to: 38 } })
    // A triple click: up to the start of the next paragraph.
    expect(started(17, 32)).toEqual({ quote: 'het voortouw.', range: { from: 17, to: 30 } })
  })

  it('with nothing selected asks for the words, or opens the thread under the caret', () => {
    const { editor, doc, select } = setup()
    select(3, 3)
    expect(startDraft(editor.state, 'comment')).toEqual({
      draft: { kind: 'comment', quote: '', anchor: null },
    })
    const anchor = serverAnchor(paragraphText(doc, 0), 0, 9)
    setHighlights(
      editor,
      [{ id: 't-1', kind: 'comment', anchor, anchored: true, open: true }],
      null,
    )
    expect(startDraft(editor.state, 'comment')).toEqual({ openThread: 't-1' })
    // "Stel wijziging voor" always starts a new amendment.
    expect(startDraft(editor.state, 'amendment')).toMatchObject({ draft: { quote: '' } })
    expect(startDraft(null, 'comment')).toMatchObject({ draft: { quote: '', anchor: null } })
  })
})
