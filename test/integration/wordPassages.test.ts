import type { JSONContent } from '@tiptap/core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { anchorOf, textAt } from '../helpers/anchors.ts'
import { type HeadlessEditor, startHeadlessEditor } from '../helpers/headlessEditor.ts'
import {
  blocksOf,
  type DocNode,
  givePosition,
  openRound,
  P1,
  saveVersion,
  serverBlocks,
  WAIT,
} from '../helpers/rounds.ts'
import { type Invited, startServer, type TestServer } from '../helpers/server.ts'

interface Thread {
  id: string
  quote: string
  anchored: boolean
  blockId: string | null
  anchor: { from: unknown; to: unknown }
}
interface Diff {
  changes: Array<{ type: string; text: string; blockId: string | null; by: Array<{ id: string }> }>
  inserted: number
  deleted: number
  view: Array<{
    blockId: string | null
    block?: string
    cell?: { row: number; column: number; header: boolean }
    parts: Array<{ text: string; change?: number }>
  }>
}

let server: TestServer
const editors: HeadlessEditor[] = []

afterEach(async () => {
  for (const e of editors.splice(0)) e.destroy()
  await server?.close()
})

async function editorOf(person: Invited | { token: string }): Promise<HeadlessEditor> {
  const editor = startHeadlessEditor({
    wsUrl: server.wsUrl,
    proposalId: 'voorstel-1',
    token: person.token,
  })
  editors.push(editor)
  await editor.synced()
  return editor
}

const p = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content })
const t = (text: string): JSONContent => ({ type: 'text', text })
const cell = (type: 'tableHeader' | 'tableCell', text: string) => ({ type, content: [p(t(text))] })

/** A section with a paragraph holding a footnote, a table of two rows, and a closing paragraph. */
const TEXT: JSONContent = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 1 }, content: [t('Rollen')] },
    p(
      t('Wie doet wat'),
      { type: 'footnote', content: [t('Volgens de Gemeentewet.')] },
      t(' staat hieronder.'),
    ),
    {
      type: 'table',
      content: [
        { type: 'tableRow', content: [cell('tableHeader', 'Partij'), cell('tableHeader', 'Rol')] },
        {
          type: 'tableRow',
          content: [cell('tableCell', 'Gemeente'), cell('tableCell', 'Regie en uitvoering')],
        },
      ],
    },
    p(t('Slot.')),
  ],
}
const LINES = [
  'Rollen',
  'Wie doet wat staat hieronder.',
  'Partij',
  'Rol',
  'Gemeente',
  'Regie en uitvoering',
  'Slot.',
]

/** The writer's text on voorstel-1, once the server has it with every passage's id. */
async function writeText(writer: HeadlessEditor) {
  writer.editor.commands.setContent(TEXT)
  return serverBlocks(server, LINES)
}

/** The start of the passage whose whole text is `text` (a footnote's text would match `rangeOf`). */
function startOf(editor: HeadlessEditor, text: string): number {
  let at = -1
  editor.editor.state.doc.descendants((node, pos) => {
    if (at >= 0 || !node.isTextblock) return at < 0
    if (node.textContent === text) at = pos + 1
    return false
  })
  if (at < 0) throw new Error(`no passage reads "${text}"`)
  return at
}

/** Where the footnote's text is in an editor: `[from, to)` of `text` inside it. */
function inFootnote(editor: HeadlessEditor, text: string): { from: number; to: number } {
  let found: { from: number; to: number } | null = null
  editor.editor.state.doc.descendants((node, pos) => {
    if (found || node.type.name !== 'footnote') return !found
    const at = node.textContent.indexOf(text)
    if (at >= 0) found = { from: pos + 1 + at, to: pos + 1 + at + text.length }
    return false
  })
  if (!found) throw new Error(`"${text}" is in no footnote`)
  return found
}

const threads = async (token = server.adminToken) =>
  (await server.api<Thread[]>(`${P1}/threads`, { token })).body

describe('passages in tables and footnotes', () => {
  it('[R3][R4][C2][R7][W1] a passage in a table cell has its number in its section, takes positions and anchored comments; a comment in a footnote belongs to its paragraph', async () => {
    server = await startServer()
    const writer = await server.invite({ name: 'Wies', role: 'writer', proposals: ['voorstel-1'] })
    const member = await server.invite({
      name: 'Mila',
      role: 'reviewer',
      proposals: ['voorstel-1'],
      organisation: 'Gemeente Zwolle',
      province: 'Overijssel',
    })
    const w = await editorOf(writer)
    const [, withNote, , , , regie] = await writeText(w)
    const round = await openRound(server, await saveVersion(server, 'Met tabel'))
    const summary = await server.api<{
      blocks: Array<{ blockId: string; number: string; excerpt: string }>
    }>(`${P1}/rounds/${round.id}/summary`)
    // The table goes on with the numbers of its section, row by row, cell by cell.
    expect(summary.body.blocks.map((b) => [b.number, b.excerpt])).toEqual([
      ['1', 'Rollen'],
      ['1.1', 'Wie doet wat staat hieronder.'],
      ['1.2', 'Partij'],
      ['1.3', 'Rol'],
      ['1.4', 'Gemeente'],
      ['1.5', 'Regie en uitvoering'],
      ['1.6', 'Slot.'],
    ])
    const position = await givePosition(server, member.token, round.id, regie!.blockId, {
      position: 'akkoord-mits',
      reason: 'Met budget.',
    })
    expect(position.status).toBe(200)

    // A comment on the cell's text, anchored where the reviewer selected it.
    const reader = await editorOf(member)
    const regieAt = startOf(reader, 'Regie en uitvoering')
    const range = { from: regieAt, to: regieAt + 'Regie'.length }
    const onCell = await server.api<Thread>(`${P1}/threads`, {
      method: 'POST',
      token: member.token,
      body: {
        body: 'Wie betaalt?',
        quote: 'Regie',
        anchor: anchorOf(reader, range.from, range.to),
      },
    })
    expect(onCell.status).toBe(201)
    expect(onCell.body).toMatchObject({ quote: 'Regie', anchored: true, blockId: regie!.blockId })
    // One in a footnote, by its quote: it belongs to the paragraph the footnote stands in.
    const onNote = await server.api<Thread>(`${P1}/threads`, {
      method: 'POST',
      token: member.token,
      body: { body: 'Welk artikel?', quote: 'Gemeentewet' },
    })
    expect(onNote.status).toBe(201)
    expect(onNote.body).toMatchObject({ anchored: true, blockId: withNote!.blockId })
    // The footnote's text changes around it: the anchor follows (C3).
    w.editor.commands.insertContentAt(inFootnote(w, 'Gemeentewet').from, 'nieuwe ')
    await vi.waitFor(async () => {
      const note = (await threads()).find((th) => th.id === onNote.body.id)!
      expect(textAt(reader, note.anchor)).toBe('Gemeentewet')
      expect(JSON.stringify(reader.json())).toContain('Volgens de nieuwe Gemeentewet.')
    }, WAIT)
    expect(textAt(reader, onCell.body.anchor)).toBe('Regie')

    // The memorandum names the cell's passage by its number, with the position and the comment.
    const memo = await fetch(`${server.url}${P1}/rounds/${round.id}/reactienota?format=md`, {
      headers: { authorization: `Bearer ${server.adminToken}` },
    })
    const markdown = await memo.text()
    const passage = markdown.slice(
      markdown.indexOf('### Passage 1.5'),
      markdown.indexOf('### Passage 1.6'),
    )
    expect(passage).toContain('> Regie en uitvoering')
    expect(passage).toContain('**Gemeente Zwolle** (Overijssel): Met budget.')
    expect(passage).toContain('Wie betaalt?')
    const noteSection = markdown.slice(
      markdown.indexOf('### Passage 1.1'),
      markdown.indexOf('### Passage 1.2'),
    )
    expect(noteSection).toContain('Welk artikel?')
  })

  it('[V3][W1] a comparison where a row was added shows the new cells as new passages with their row and column, and a footnote edit in its paragraph', async () => {
    server = await startServer()
    const writer = await server.invite({ name: 'Wies', role: 'writer', proposals: ['voorstel-1'] })
    const w = await editorOf(writer)
    const before = await writeText(w)
    const version = await saveVersion(server, 'Twee rijen')

    w.editor.commands.setTextSelection(startOf(w, 'Gemeente'))
    expect(w.editor.commands.addRowAfter()).toBe(true)
    let newCell = -1
    w.editor.state.doc.descendants((node, pos) => {
      if (node.type.name === 'tableRow' && node.textContent === '') newCell = pos + 3
      return newCell < 0
    })
    w.editor.commands.insertContentAt(newCell, 'Provincie')
    w.editor.commands.insertContentAt(inFootnote(w, 'Gemeentewet').to, ' (art. 1)')
    const after = await serverBlocks(server, [...LINES.slice(0, 6), 'Provincie', '', 'Slot.'])

    const diff = (await server.api<Diff>(`${P1}/versions/${version}/diff?against=current`)).body
    expect(diff.changes).toEqual([
      {
        type: 'insert',
        text: ' (art. 1)',
        blockId: before[1]!.blockId,
        by: [expect.objectContaining({ id: writer.person.id })],
      },
      {
        type: 'insert',
        text: 'Provincie',
        blockId: after[6]!.blockId,
        by: [expect.objectContaining({ id: writer.person.id })],
      },
    ])
    expect(diff.inserted).toBe(' (art. 1)'.length + 'Provincie'.length)
    const row = diff.view.filter((b) => b.cell?.row === 3)
    expect(row.map((b) => [b.cell, b.block, b.parts.map((part) => part.text).join('')])).toEqual([
      [{ row: 3, column: 1, header: false }, 'added', 'Provincie'],
      [{ row: 3, column: 2, header: false }, 'added', ''],
    ])
    // The footnote's text shows in its paragraph, marked as a footnote.
    const note = diff.view.find((b) => b.blockId === before[1]!.blockId)!
    expect(note.parts.map((part) => part.text).join('')).toBe(
      'Wie doet wat [voetnoot: Volgens de Gemeentewet (art. 1).] staat hieronder.',
    )
    // Header cells say so.
    expect(diff.view.find((b) => b.blockId === before[2]!.blockId)?.cell).toEqual({
      row: 1,
      column: 1,
      header: true,
    })
  })

  it('[V4][W1][B1] a restore across a table change brings the row back; cells that did not change keep their ids and their comments', async () => {
    server = await startServer()
    const writer = await server.invite({ name: 'Wies', role: 'writer', proposals: ['voorstel-1'] })
    const w = await editorOf(writer)
    const before = await writeText(w)
    const rolAt = startOf(w, 'Rol')
    const range = { from: rolAt, to: rolAt + 3 }
    const thread = await server.api<Thread>(`${P1}/threads`, {
      method: 'POST',
      body: { body: 'Goed.', quote: 'Rol', anchor: anchorOf(w, range.from, range.to) },
    })
    expect(thread.status).toBe(201)
    const version = await server.api<{ id: string }>(`${P1}/versions`, {
      method: 'POST',
      body: { name: 'Met tabel' },
    })

    // The second row goes, a header is renamed, a paragraph comes after the table.
    w.editor.commands.setTextSelection(startOf(w, 'Gemeente'))
    expect(w.editor.commands.deleteRow()).toBe(true)
    w.editor.commands.insertContentAt(startOf(w, 'Partij') + 'Partij'.length, 'en')
    w.editor.commands.insertContentAt(startOf(w, 'Slot.') - 1, '<p>Nieuw.</p>')
    await serverBlocks(server, [
      'Rollen',
      'Wie doet wat staat hieronder.',
      'Partijen',
      'Rol',
      'Nieuw.',
      'Slot.',
    ])

    const restore = await server.api(`${P1}/versions/${version.body.id}/restore`, {
      method: 'POST',
    })
    expect(restore.status).toBe(200)
    const restored = await serverBlocks(server, LINES)
    // Passages that stayed keep their ids (the row that came back is new text).
    for (const i of [0, 1, 2, 3, 6]) expect(restored[i]!.blockId).toBe(before[i]!.blockId)
    const content = (await server.api<{ doc: DocNode }>(`${P1}/content`)).body
    const table = content.doc.content!.find((n) => n.type === 'table')!
    expect(table.content!.map((r) => r.content!.map((c) => c.type))).toEqual([
      ['tableHeader', 'tableHeader'],
      ['tableCell', 'tableCell'],
    ])
    expect(blocksOf(content.doc).map((b) => b.text)).toEqual(LINES)
    await vi.waitFor(async () => {
      const after = (await threads()).find((th) => th.id === thread.body.id)!
      expect(after.anchored).toBe(true)
      expect(textAt(w, after.anchor)).toBe('Rol')
    }, WAIT)
  })

  it('[C6][W1] an amendment on words in a footnote, once accepted, changes the footnote and nothing else', async () => {
    server = await startServer()
    const writer = await server.invite({ name: 'Wies', role: 'writer', proposals: ['voorstel-1'] })
    const w = await editorOf(writer)
    await writeText(w)
    const amendment = await server.api<Thread>(`${P1}/threads`, {
      method: 'POST',
      body: { body: 'Preciezer.', quote: 'Gemeentewet', replacement: 'Gemeentewet, artikel 108' },
    })
    expect(amendment.status).toBe(201)
    const accepted = await server.api(`${P1}/threads/${amendment.body.id}/accept`, {
      method: 'POST',
    })
    expect(accepted.status).toBe(200)
    await vi.waitFor(async () => {
      const { text } = (await server.api<{ text: string }>(`${P1}/content`)).body
      expect(text).toBe(
        [
          ...LINES.slice(0, 1),
          'Wie doet wat[1] staat hieronder.',
          ...LINES.slice(2),
          '[1] Volgens de Gemeentewet, artikel 108.',
        ].join('\n'),
      )
      expect(JSON.stringify(w.json())).toContain('Volgens de Gemeentewet, artikel 108.')
    }, WAIT)
  })
})
