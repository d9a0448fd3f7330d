import { afterEach, describe, expect, it } from 'vitest'
import type { HeadlessEditor } from '../helpers/headlessEditor.ts'
import { adminEditor, openRound, P1, saveVersion, serverBlocks } from '../helpers/rounds.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

let server: TestServer
let editor: HeadlessEditor

afterEach(async () => {
  editor?.destroy()
  await server?.close()
})

/** Puts the caret in the passage that holds `text`. */
function caretIn(text: string): void {
  let at = -1
  editor.editor.state.doc.descendants((node, pos) => {
    if (at >= 0 || !node.isTextblock) return at < 0
    if (node.textContent.includes(text)) at = pos + 1
    return false
  })
  if (at < 0) throw new Error(`"${text}" is not in the text`)
  editor.editor.commands.setTextSelection(at)
}

/** Saves a version, opens a round on it (closing the one before) and reads its numbers. */
async function numbersOfNewRound(name: string, previous: string | null) {
  if (previous) await server.api(`${P1}/rounds/${previous}/close`, { method: 'POST' })
  const round = await openRound(server, await saveVersion(server, name))
  const summary = await server.api<{ blocks: Array<{ blockId: string; number: string }> }>(
    `${P1}/rounds/${round.id}/summary`,
  )
  return { round: round.id, numbers: summary.body.blocks.map((b) => [b.blockId, b.number]) }
}

describe('passage numbers', () => {
  it("[R3] follow the headings as they are added and removed; a round keeps its version's numbers", async () => {
    server = await startServer()
    editor = await adminEditor(server)
    editor.editor.commands.insertContent('<p>Aanleiding.</p><p>Energie.</p><p>Zon.</p><p>Wind.</p>')
    const lines = ['Aanleiding.', 'Energie.', 'Zon.', 'Wind.']
    const [a, b, c, d] = (await serverBlocks(server, lines)).map((block) => block.blockId)

    const first = await numbersOfNewRound('Zonder kopjes', null)
    expect(first.numbers).toEqual([
      [a, '1'],
      [b, '2'],
      [c, '3'],
      [d, '4'],
    ])

    caretIn('Energie.')
    editor.editor.commands.setHeading({ level: 1 })
    caretIn('Wind.')
    editor.editor.commands.insertContentAt(
      editor.editor.state.selection.from - 1,
      '<h2>Opwekking</h2>',
    )
    const withHeadings = await serverBlocks(server, [
      'Aanleiding.',
      'Energie.',
      'Zon.',
      'Opwekking',
      'Wind.',
    ])
    const sub = withHeadings[3]!.blockId
    const second = await numbersOfNewRound('Met kopjes', first.round)
    expect(second.numbers).toEqual([
      [a, '1'],
      [b, '2'],
      [c, '2.1'],
      [sub, '2.2'],
      [d, '2.2.1'],
    ])

    caretIn('Energie.')
    editor.editor.commands.setParagraph()
    caretIn('Opwekking')
    editor.editor.commands.setParagraph()
    await serverBlocks(server, ['Aanleiding.', 'Energie.', 'Zon.', 'Opwekking', 'Wind.'])
    const third = await numbersOfNewRound('Weer zonder kopjes', second.round)
    expect(third.numbers).toEqual([
      [a, '1'],
      [b, '2'],
      [c, '3'],
      [sub, '4'],
      [d, '5'],
    ])

    // The earlier rounds still cite their own versions' numbers.
    const again = await server.api<{ blocks: Array<{ number: string }> }>(
      `${P1}/rounds/${second.round}/summary`,
    )
    expect(again.body.blocks.map((block) => block.number)).toEqual([
      '1',
      '2',
      '2.1',
      '2.2',
      '2.2.1',
    ])
  })
})
