import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { type HighlightThread, highlightRanges, setHighlights } from './CommentHighlights.ts'
import { createTestEditor, paragraphText, serverAnchor } from './testEditor.ts'

const HTML = '<p>Gemeenten nemen het voortouw in de grote transities.</p>'

function highlighted(root: Element): string[] {
  return Array.from(root.querySelectorAll('.comment-anchor'), (el) => el.textContent ?? '')
}

describe('comment highlights', () => {
  let destroy = () => {}
  afterEach(() => destroy())

  function setup() {
    const made = createTestEditor(HTML)
    destroy = () => made.editor.destroy()
    const text = paragraphText(made.doc, 0)
    const thread = (id: string, from: number, to: number, open = true): HighlightThread => ({
      id,
      kind: 'comment',
      anchor: serverAnchor(text, from, to),
      anchored: true,
      open,
    })
    return { ...made, thread }
  }

  it('[C3] draws open threads, overlaps in layers; resolved ones only while open in the panel', () => {
    const { editor, thread } = setup()
    const threads = [thread('a', 16, 28), thread('b', 20, 35), thread('done', 0, 9, false)]
    setHighlights(editor, threads, null)
    const dom = editor.view.dom
    expect(highlighted(dom)).toEqual(['het ', 'voortouw', ' in de '])
    expect(dom.querySelector('[data-thread-ids="a b"]')?.className).toContain('depth-2')
    setHighlights(editor, threads, 'done')
    expect(highlighted(dom)[0]).toBe('Gemeenten')
    expect(dom.querySelector('.comment-anchor--active')?.textContent).toBe('Gemeenten')
  })

  it('never writes to the Yjs document (a reviewer may not change the text)', () => {
    const { editor, doc, thread } = setup()
    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(update))
    setHighlights(editor, [thread('a', 16, 28)], 'a')
    setHighlights(editor, [], null)
    expect(updates).toEqual([])
  })

  it('[C3] keeps the highlight on its words while the person types before it', () => {
    const { editor, thread } = setup()
    setHighlights(editor, [thread('a', 16, 28)], null)
    editor.chain().setTextSelection(1).insertContent('Alle ').run()
    editor
      .chain()
      .setTextSelection(editor.state.doc.content.size - 1)
      .insertContent('!')
      .run()
    expect(highlighted(editor.view.dom)).toEqual(['het voortouw'])
  })

  it('[C3] follows its words through a change from another person', () => {
    const { editor, doc, thread } = setup()
    setHighlights(editor, [thread('a', 16, 28)], null)
    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
    other.on('update', (update: Uint8Array) => Y.applyUpdate(doc, update, 'remote'))
    paragraphText(other, 0).insert(0, 'Vandaag: ')
    expect(editor.getText()).toContain('Vandaag: Gemeenten')
    expect(highlighted(editor.view.dom)).toEqual(['het voortouw'])
    const range = highlightRanges(editor.state).get('a')!
    expect(editor.state.doc.textBetween(range.from, range.to)).toBe('het voortouw')
  })

  it('opens the innermost thread when its text is clicked', () => {
    const opened: string[] = []
    const made = createTestEditor(HTML, (id) => opened.push(id))
    destroy = () => made.editor.destroy()
    const text = paragraphText(made.doc, 0)
    const outer = { id: 'outer', kind: 'comment' as const, anchored: true, open: true }
    setHighlights(
      made.editor,
      [
        { ...outer, anchor: serverAnchor(text, 0, 40) },
        { ...outer, id: 'inner', anchor: serverAnchor(text, 20, 28) },
      ],
      null,
    )
    const segment = made.editor.view.dom.querySelector('[data-thread-ids="inner outer"]')!
    const pos = made.editor.view.posAtDOM(segment, 0) + 1
    made.editor.view.someProp('handleClick', (f) =>
      f(made.editor.view, pos, { target: segment } as unknown as MouseEvent),
    )
    expect(opened).toEqual(['inner'])
  })
})
