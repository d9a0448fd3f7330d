/**
 * A participant who sends malformed presence cannot break anyone's editor
 * (contract A7): a real Chromium editor keeps following a writer's typing
 * while another participant sends 1,000 malformed carets, and still draws
 * the writer's well-formed caret.
 */
import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { browserSkipReason } from '../helpers/browser.ts'
import { closeOf, openRawSocket } from '../helpers/clients.ts'
import { type HeadlessEditor, startHeadlessEditor } from '../helpers/headlessEditor.ts'
import { awarenessFrame } from '../helpers/identitySupport.ts'
import type { TestServer } from '../helpers/server.ts'
import { editorText, openProposal, signIn, waitOnline, withEditorAndBrowser } from './support.ts'

const skip = browserSkipReason()

/** Carets that break y-tiptap's caret plugin in every editor that draws them unchecked. */
const MALFORMED: unknown[] = [
  {},
  { anchor: {}, head: {} },
  { anchor: { tname: 'default' } },
  { anchor: { type: { client: 1 } }, head: { type: { client: 1 } } },
  { anchor: { tname: 'geheim' }, head: { tname: 'geheim' } },
  'hier',
  [1, 2],
]

/** A well-formed caret at the end of the writer's text. */
function caretAtEnd(writer: HeadlessEditor) {
  const block = writer.doc.getXmlFragment('default').get(0) as Y.XmlElement
  const text = block.get(0) as Y.XmlText
  const at = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, text.length))
  return { anchor: at, head: at }
}

describe.skipIf(skip)('hostile presence', () => {
  let server: TestServer
  let browser: Browser

  withEditorAndBrowser((started) => ({ server, browser } = started))

  it('[A7] an editor keeps following the text and drawing carets while another participant sends 1,000 malformed carets', {
    timeout: 120_000,
  }, async () => {
    const lies = await server.invite({ name: 'Lies', role: 'reviewer', proposals: ['voorstel-3'] })
    const wies = await server.invite({ name: 'Wies', role: 'writer', proposals: ['voorstel-3'] })
    const hans = await server.invite({ name: 'Hans', role: 'writer', proposals: ['voorstel-3'] })
    const reader = await signIn(browser, lies.url)
    const errors: string[] = []
    reader.page.on('pageerror', (error) => errors.push(error.message))
    await openProposal(reader.page, server.url, 'voorstel-3')
    await waitOnline(reader.page)
    const writer = startHeadlessEditor({
      wsUrl: server.wsUrl,
      proposalId: 'voorstel-3',
      token: wies.token,
      name: 'Wies',
    })
    try {
      await writer.synced()
      writer.editor.chain().insertContent('Begin.').run()

      let sent = 0
      for (let round = 0; sent < 1000; round++) {
        // Each socket is closed after 20 malformed states in a row; the next takes over.
        const socket = await openRawSocket(server.wsUrl, 'voorstel-3', hans.token)
        const closed = closeOf(socket)
        for (let i = 0; i < 20 && sent < 1000; i++, sent++) {
          const cursor = MALFORMED[sent % MALFORMED.length]
          socket.send(awarenessFrame(900_000 + round, i + 1, { user: { name: 'Hans' }, cursor }))
        }
        expect(await closed).toEqual({ code: 4400, reason: 'bad_presence' })
        // The writer types on meanwhile; the browser follows.
        writer.editor.chain().focus('end').insertContent(` woord${round}`).run()
        writer.provider.awareness.setLocalStateField('cursor', caretAtEnd(writer))
        await expect.poll(() => editorText(reader.page)).toContain(`woord${round}`)
      }
      expect(sent).toBe(1000)
      // The writer's own, well-formed caret is drawn with her name.
      await expect
        .poll(() => reader.page.locator('.collaboration-carets__label').allInnerTexts())
        .toContain('Wies')
      writer.editor.chain().focus('end').insertContent(' Slot.').run()
      await expect.poll(() => editorText(reader.page)).toContain('Slot.')
      expect(errors).toEqual([])
    } finally {
      writer.destroy()
      await reader.context.close()
    }
  })
})
