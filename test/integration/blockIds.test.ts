import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { type HeadlessEditor, startHeadlessEditor } from '../helpers/headlessEditor.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

/** [text, blockId] of every textblock the editor shows. */
function passages(editor: HeadlessEditor): Array<[string, string | null]> {
  const result: Array<[string, string | null]> = []
  editor.editor.state.doc.descendants((node) => {
    if (!node.isTextblock) return true
    result.push([node.textContent, node.attrs.blockId ?? null])
    return false
  })
  return result
}

describe('[B1] passage ids', () => {
  let server: TestServer
  let writer: HeadlessEditor
  let other: HeadlessEditor
  beforeEach(async () => {
    server = await startServer()
    const { token } = await server.invite({
      name: 'Wim',
      role: 'writer',
      proposals: ['voorstel-1'],
    })
    writer = startHeadlessEditor({ wsUrl: server.wsUrl, proposalId: 'voorstel-1', token })
    other = startHeadlessEditor({ wsUrl: server.wsUrl, proposalId: 'voorstel-1', token })
    await Promise.all([writer.synced(), other.synced()])
    writer.editor.commands.insertContent(
      '<p>Eerste alinea</p><p>Tweede alinea</p><p>Derde alinea</p>',
    )
    await vi.waitFor(() => expect(passages(other).every(([, id]) => id !== null)).toBe(true))
  })
  afterEach(async () => {
    writer.destroy()
    other.destroy()
    await server.close()
  })

  const idsOf = (editor: HeadlessEditor) => passages(editor).map(([, id]) => id)
  const settled = async (expected: (ids: Array<string | null>) => void) => {
    await vi.waitFor(
      () => {
        expect(passages(other)).toEqual(passages(writer))
        expect(idsOf(other).every((id) => id !== null)).toBe(true)
        expect(new Set(idsOf(other)).size).toBe(idsOf(other).length)
        expected(idsOf(other))
      },
      { timeout: 5000 },
    )
  }

  it('a split keeps the id on the first part; a join keeps the first block’s', async () => {
    const [first, second, third] = idsOf(writer)
    writer.editor.chain().setTextSelection(8).splitBlock().run()
    await settled((ids) => {
      expect(ids[0]).toBe(first)
      expect([ids[2], ids[3]]).toEqual([second, third])
      expect([first, second, third]).not.toContain(ids[1])
    })
    const start = writer.editor.state.doc.child(0).nodeSize + 1
    writer.editor.chain().setTextSelection(start).joinBackward().run()
    await settled((ids) => expect(ids).toEqual([first, second, third]))
  })

  it('a type change, clear formatting and turning a heading into a list keep the id', async () => {
    const ids = idsOf(writer)
    writer.editor.chain().setTextSelection(3).setNode('heading', { level: 2 }).run()
    await settled((now) => expect(now).toEqual(ids))
    writer.editor.chain().setTextSelection(3).toggleBulletList().run()
    await settled((now) => expect(now).toEqual(ids))
    writer.editor.chain().setTextSelection(3).clearNodes().run()
    await settled((now) => expect(now).toEqual(ids))
    // A type change over a selection of several blocks.
    writer.editor
      .chain()
      .setTextSelection({ from: 3, to: writer.editor.state.doc.content.size - 3 })
      .setNode('heading', { level: 3 })
      .run()
    await settled((now) => expect(now).toEqual(ids))
  })

  it('pasting a block that carries an existing id gives the copy a new one', async () => {
    const ids = idsOf(writer)
    writer.editor.commands.insertContentAt(writer.editor.state.doc.content.size, {
      type: 'paragraph',
      attrs: { blockId: ids[0] },
      content: [{ type: 'text', text: 'Kopie' }],
    })
    await settled((now) => {
      expect(now.slice(0, 3)).toEqual(ids)
      expect(ids).not.toContain(now[3])
    })
  })
})
