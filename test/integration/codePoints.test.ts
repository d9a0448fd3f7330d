import { afterEach, describe, expect, it, vi } from 'vitest'
import { anchorOf, rangeOf } from '../helpers/anchors.ts'
import { type HeadlessEditor, startHeadlessEditor } from '../helpers/headlessEditor.ts'
import { type Invited, startServer, type TestServer } from '../helpers/server.ts'

const P1 = '/api/proposals/voorstel-1'

interface Change {
  type: 'insert' | 'delete'
  text: string
}

describe('characters outside the Basic Multilingual Plane stay whole', () => {
  let server: TestServer
  let editor: HeadlessEditor
  let editorPerson: Invited
  afterEach(async () => {
    editor?.destroy()
    await server.close()
  })

  async function start(text: string) {
    server = await startServer({ anchorDelayMs: 20 })
    editorPerson = await server.invite({ name: 'Eva', role: 'editor', proposals: '*' })
    editor = startHeadlessEditor({
      wsUrl: server.wsUrl,
      proposalId: 'voorstel-1',
      token: editorPerson.token,
    })
    await editor.synced()
    editor.editor.commands.insertContent(`<p>${text}</p>`)
    await vi.waitFor(async () =>
      expect((await server.api<{ text: string }>(`${P1}/content`)).body.text).toBe(text),
    )
  }

  /** An editor proposes replacing `quote` (as selected in the editor) and accepts it. */
  async function acceptAmendment(quote: string, replacement: string) {
    const range = rangeOf(editor, quote)
    const opened = await server.api<{ id: string }>(`${P1}/threads`, {
      method: 'POST',
      token: editorPerson.token,
      body: {
        body: 'Anders',
        quote,
        replacement,
        anchor: anchorOf(editor, range.from, range.to),
      },
    })
    expect(opened.status).toBe(201)
    const accepted = await server.api(`${P1}/threads/${opened.body.id}/accept`, {
      method: 'POST',
      token: editorPerson.token,
    })
    expect(accepted.status).toBe(200)
  }

  const storedText = async () => {
    await server.restart()
    return (await server.api<{ text: string }>(`${P1}/content`)).body.text
  }

  it('[C6][V3] accepting an amendment that replaces 😀 by 😃 stores 😃, and the comparison counts one character each way', async () => {
    await start('Tevreden 😀 en klaar.')
    const before = await server.api<{ id: string }>(`${P1}/versions`, {
      method: 'POST',
      body: { name: 'Voor' },
    })
    await acceptAmendment('😀', '😃')
    await vi.waitFor(() => expect(editor.text()).toBe('Tevreden 😃 en klaar.'))
    const diff = await server.api<{ changes: Change[]; inserted: number; deleted: number }>(
      `${P1}/versions/${before.body.id}/diff?against=current`,
    )
    expect(diff.body.changes.map(({ type, text }) => ({ type, text }))).toEqual([
      { type: 'delete', text: '😀' },
      { type: 'insert', text: '😃' },
    ])
    expect(diff.body).toMatchObject({ inserted: 1, deleted: 1 })
    const stored = await storedText()
    expect(stored).toBe('Tevreden 😃 en klaar.')
    expect(stored).not.toContain('\uFFFD')
  })

  it('[C6] surrogate pairs, combining marks and joined emoji survive replacements that share their first or last unit', async () => {
    const family = '👨‍👩‍👧'
    await start(`Café e\u0301 ${family} 😀 einde`)
    const cases: Array<[string, string]> = [
      ['😀', '\u{1F200}'],
      ['e\u0301', 'e\u0300'],
      [family, '👨‍👩‍👦'],
    ]
    let expected = `Café e\u0301 ${family} 😀 einde`
    for (const [quote, replacement] of cases) {
      await acceptAmendment(quote, replacement)
      expected = expected.replace(quote, replacement)
      await vi.waitFor(() => expect(editor.text()).toBe(expected))
    }
    expect(await storedText()).toBe(expected)
  })

  it('[V4] restoring a version whose emoji differ from the current ones brings them back whole', async () => {
    await start('Stemming: 😀 en 👍.')
    const saved = await server.api<{ id: string }>(`${P1}/versions`, {
      method: 'POST',
      body: { name: 'Blij' },
    })
    // Replace the emoji in the editor as a person would: select and type.
    const range = rangeOf(editor, '😀 en 👍')
    editor.editor.chain().setTextSelection(range).insertContent('😃 en 👎').run()
    await vi.waitFor(async () =>
      expect((await server.api<{ text: string }>(`${P1}/content`)).body.text).toBe(
        'Stemming: 😃 en 👎.',
      ),
    )
    const restored = await server.api(`${P1}/versions/${saved.body.id}/restore`, {
      method: 'POST',
    })
    expect(restored.status).toBe(200)
    await vi.waitFor(() => expect(editor.text()).toBe('Stemming: 😀 en 👍.'))
    expect(await storedText()).toBe('Stemming: 😀 en 👍.')
  })
})
