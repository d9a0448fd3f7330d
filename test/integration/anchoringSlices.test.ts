/**
 * Re-anchoring many threads gives the event loop back between slices (C3): a
 * pass over hundreds of threads would otherwise hold every typist on the
 * instance. The text a pass resolves against must stay the text, so a change
 * during a pause starts it again. Here every thread is a slice of its own
 * (`anchorSliceMs: 0`) and someone types while the threads are read.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { anchorOf, rangeOf, textAt } from '../helpers/anchors.ts'
import { type HeadlessEditor, startHeadlessEditor } from '../helpers/headlessEditor.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

interface Thread {
  id: string
  quote: string
  anchored: boolean
  quoteChanged?: boolean
  anchor: { from: unknown; to: unknown }
}

const PASSAGES = 30

let server: TestServer | undefined
const editors: HeadlessEditor[] = []
afterEach(async () => {
  for (const editor of editors.splice(0)) editor.destroy()
  await server?.close()
})

describe('re-anchoring in slices', () => {
  it('[C3] threads read while someone types keep their text and are not marked changed; a change inside a quote still marks that one', async () => {
    server = await startServer({ anchorDelayMs: 5, anchorSliceMs: 0 })
    const writer = await server.invite({ name: 'Wies', role: 'writer', proposals: ['voorstel-1'] })
    const typist = startHeadlessEditor({
      wsUrl: server.wsUrl,
      proposalId: 'voorstel-1',
      token: writer.token,
    })
    editors.push(typist)
    await typist.synced()
    const passages = Array.from({ length: PASSAGES }, (_, i) => `Afspraak ${i + 1}: samen doen.`)
    typist.editor.commands.insertContent(passages.map((text) => `<p>${text}</p>`).join(''))
    const api = <T>(path: string, init: { method?: string; body?: unknown } = {}) =>
      server!.api<T>(`/api/proposals/voorstel-1${path}`, { token: writer.token, ...init })
    const threads: Thread[] = []
    for (let i = 0; i < PASSAGES; i++) {
      const quote = `Afspraak ${i + 1}:`
      const range = rangeOf(typist, quote)
      const created = await api<Thread>('/threads', {
        method: 'POST',
        body: { body: 'Mee eens', quote, anchor: anchorOf(typist, range.from, range.to) },
      })
      expect(created.status).toBe(201)
      threads.push(created.body)
    }

    // Typing before every passage while the threads are read (each read runs a pass):
    // no read may show a thread as changed, which a pass on an old text would.
    for (let i = 0; i < 15; i++) {
      const reading = api<Thread[]>('/threads')
      typist.editor.commands.insertContentAt(1, 'x')
      const read = await reading
      expect(read.status).toBe(200)
      expect(read.body.filter((thread) => thread.quoteChanged)).toEqual([])
    }
    await vi.waitFor(async () => {
      const listed = (await api<Thread[]>('/threads')).body
      expect(listed).toHaveLength(PASSAGES)
      for (const thread of listed) {
        expect(thread.anchored).toBe(true)
        expect(thread.quoteChanged ?? false).toBe(false)
        expect(textAt(typist, thread.anchor)).toBe(thread.quote)
      }
    })

    // A change inside one quote marks that thread, and only that one.
    const seventh = rangeOf(typist, 'Afspraak 7:')
    typist.editor.commands.insertContentAt(seventh.from + 'Afspraak '.length, 'nummer ')
    await vi.waitFor(async () => {
      const listed = (await api<Thread[]>('/threads')).body
      const marked = listed.filter((thread) => thread.quoteChanged).map((thread) => thread.quote)
      expect(marked).toEqual(['Afspraak 7:'])
    })
  })
})
