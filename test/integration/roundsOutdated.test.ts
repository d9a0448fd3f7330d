import { afterEach, describe, expect, it, vi } from 'vitest'
import { connectClient, type TestClient } from '../helpers/clients.ts'
import type { HeadlessEditor } from '../helpers/headlessEditor.ts'
import { adminEditor, P1, saveVersion, serverBlocks, WAIT } from '../helpers/rounds.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

interface Thread {
  id: string
  quote: string
  blockId: string | null
  versionId: string | null
  outdated: boolean
  outdatedVersionId?: string
}

const LINES = [
  'Eerste passage over energie.',
  'Tweede passage over wonen.',
  'Derde passage over klimaat.',
]

let server: TestServer
let editor: HeadlessEditor
const clients: TestClient[] = []

afterEach(async () => {
  editor?.destroy()
  for (const c of clients.splice(0)) c.destroy()
  await server?.close()
})

async function thread(quote: string): Promise<Thread> {
  const answer = await server.api<Thread>(`${P1}/threads`, {
    method: 'POST',
    body: { body: `Over "${quote}"`, quote },
  })
  expect(answer.status).toBe(201)
  return answer.body
}

async function threads(): Promise<Map<string, Thread>> {
  const list = await server.api<Thread[]>(`${P1}/threads`)
  return new Map(list.body.map((t) => [t.quote, t]))
}

/** Types `text` right after `word` in the live text, through the editor. */
function typeAfter(word: string, text: string): void {
  let at = -1
  editor.editor.state.doc.descendants((node, pos) => {
    if (at >= 0 || !node.isTextblock) return at < 0
    const index = node.textContent.indexOf(word)
    if (index >= 0) at = pos + 1 + index + word.length
    return false
  })
  editor.editor.chain().setTextSelection(at).insertContent(text).run()
}

async function start(): Promise<void> {
  server = await startServer({ anchorDelayMs: 20 })
  editor = await adminEditor(server)
  editor.editor.commands.insertContent(LINES.map((line) => `<p>${line}</p>`).join(''))
  await serverBlocks(server, LINES)
}

describe('threads across versions', () => {
  it('[R6] a thread is outdated once a later version changes its passage, and not when another passage changes', async () => {
    await start()
    const v1 = await saveVersion(server, 'Eerste versie')
    const onWonen = await thread('wonen')
    const onKlimaat = await thread('klimaat')
    expect(onWonen).toMatchObject({ versionId: v1, outdated: false })
    expect(onWonen.outdatedVersionId).toBeUndefined()

    typeAfter('wonen', ' en werken')
    await serverBlocks(server, [LINES[0]!, 'Tweede passage over wonen en werken.', LINES[2]!])
    // A change of the live text alone is no later version.
    expect((await threads()).get('wonen')?.outdated).toBe(false)

    const v2 = await saveVersion(server, 'Tweede versie')
    const after = await threads()
    expect(after.get('wonen')).toMatchObject({ outdated: true, outdatedVersionId: v2 })
    expect(after.get('klimaat')).toMatchObject({ outdated: false })
    expect(after.get('klimaat')?.outdatedVersionId).toBeUndefined()
    const single = await server.api<Thread>(`${P1}/threads/${onWonen.id}`)
    expect(single.body).toMatchObject({ outdated: true, outdatedVersionId: v2 })

    // A thread opened on the new text is current; a third version that leaves it alone keeps it so,
    // and the first thread keeps naming the first version that changed its passage.
    const onWerken = await thread('werken')
    expect(onWerken).toMatchObject({ versionId: v2, outdated: false })
    typeAfter('energie', ' en water')
    await serverBlocks(server, [
      'Eerste passage over energie en water.',
      'Tweede passage over wonen en werken.',
      LINES[2]!,
    ])
    await saveVersion(server, 'Derde versie')
    const third = await threads()
    expect(third.get('werken')?.outdated).toBe(false)
    expect(third.get('klimaat')?.outdated).toBe(false)
    expect(third.get('wonen')?.outdatedVersionId).toBe(v2)
    expect(onKlimaat.versionId).toBe(v1)
  })

  it('[R6] a thread opened before any version is outdated by the first version that reads differently', async () => {
    await start()
    const early = await thread('wonen')
    expect(early.versionId).toBeNull()
    await saveVersion(server, 'Zelfde tekst')
    expect((await threads()).get('wonen')?.outdated).toBe(false)
    typeAfter('wonen', ' en zorg')
    await serverBlocks(server, [LINES[0]!, 'Tweede passage over wonen en zorg.', LINES[2]!])
    const changed = await saveVersion(server, 'Andere tekst')
    expect((await threads()).get('wonen')).toMatchObject({
      outdated: true,
      outdatedVersionId: changed,
    })
  })

  it('[R6][C7] the threads event carries whether a thread is outdated', async () => {
    await start()
    await saveVersion(server, 'Eerste versie')
    const opened = await thread('wonen')
    typeAfter('wonen', ' en werken')
    await serverBlocks(server, [LINES[0]!, 'Tweede passage over wonen en werken.', LINES[2]!])
    const v2 = await saveVersion(server, 'Tweede versie')
    const socket = connectClient(server.wsUrl, 'voorstel-1', server.adminToken, {
      events: true,
    })
    clients.push(socket)
    await socket.synced()
    await server.api(`${P1}/threads/${opened.id}/comments`, {
      method: 'POST',
      body: { body: 'Nog steeds?' },
    })
    await vi.waitFor(() => {
      const event = socket.events.find((e) => e.type === 'threads')
      expect((event?.threads as Thread[] | undefined)?.[0]).toMatchObject({
        id: opened.id,
        outdated: true,
        outdatedVersionId: v2,
      })
    }, WAIT)
  })
})
