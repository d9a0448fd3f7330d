/**
 * Seeded random convergence: eight real Tiptap editors on y-tiptap's binding edit one
 * proposal at random through the server, some going offline and coming back, and in
 * the end every replica, the stored document and the document after a restart agree,
 * with one unique blockId on every textblock.
 *
 * Rerun a failure with the seed it prints: `SEED=123 npx vitest run test/integration/convergence.test.ts`.
 */
import { get } from 'node:http'
import type { JSONContent } from '@tiptap/core'
import { Selection } from '@tiptap/pm/state'
import * as prng from 'lib0/prng'
import { afterEach, expect, it, onTestFailed, vi } from 'vitest'
import * as Y from 'yjs'
import { BLOCK_ID_ATTRIBUTE, TEXTBLOCK_TYPES } from '../../shared/schema.ts'
import {
  describeDivergence,
  type HeadlessEditor,
  startHeadlessEditor,
  waitForConvergence,
} from '../helpers/headlessEditor.ts'
import { createRandomEdits } from '../helpers/randomEdits.ts'
import { startServer } from '../helpers/server.ts'

const EDITORS = 8
const ROUNDS = 30
const PROPOSAL = 'voorstel-1'
/** The editor that is certainly offline for a while, editing meanwhile. */
const OFFLINE_EDITOR = 3
const OFFLINE_ROUNDS = { from: 3, to: 20 }
/** How long replicas may take to agree once everybody is online. */
const CONVERGENCE_TIMEOUT_MS = 10_000

const seed = process.env.SEED ? Number(process.env.SEED) : Math.floor(Math.random() * 2 ** 31)

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/**
 * GET /api/proposals/:id/content (H3) on a fresh connection: a pooled keep-alive socket
 * would outlive a server restart and fail the first request after it.
 */
function getContent(url: string, token: string): Promise<{ doc: unknown }> {
  return new Promise((resolve, reject) => {
    const request = get(
      `${url}/api/proposals/${PROPOSAL}/content`,
      { agent: false, headers: { authorization: `Bearer ${token}` } },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8')
          if (response.statusCode === 200) resolve(JSON.parse(body) as { doc: unknown })
          else reject(new Error(`content: ${response.statusCode} ${body}`))
        })
      },
    )
    request.on('error', reject)
  })
}

/** Textblocks without a blockId, or sharing one (B1); null when there are none. */
function blockIdProblems(doc: JSONContent): string | null {
  const seen = new Map<string, number>()
  const missing: string[] = []
  const visit = (node: JSONContent) => {
    if ((TEXTBLOCK_TYPES as readonly string[]).includes(node.type ?? '')) {
      const id: unknown = node.attrs?.[BLOCK_ID_ATTRIBUTE]
      const text = (node.content ?? []).map((child) => child.text ?? '').join('')
      if (typeof id !== 'string' || id === '') missing.push(JSON.stringify(text.slice(0, 30)))
      else seen.set(id, (seen.get(id) ?? 0) + 1)
    }
    for (const child of node.content ?? []) visit(child)
  }
  visit(doc)
  const shared = [...seen].filter(([, count]) => count > 1).map(([id, count]) => `${id}×${count}`)
  if (missing.length === 0 && shared.length === 0) return null
  const few = (list: string[]) =>
    `${list.length} [${list.slice(0, 8).join(', ')}${list.length > 8 ? ', …' : ''}]`
  return `textblocks without ${BLOCK_ID_ATTRIBUTE}: ${few(missing)}; ids shared: ${few(shared)}`
}

/** Types `text` at the start of the first textblock. */
function typeAtStart(h: HeadlessEditor, text: string): void {
  h.editor.commands.command(({ tr }) => {
    tr.insertText(text, Selection.atStart(tr.doc).from)
    return true
  })
}

/** Lets socket frames in flight be delivered, without waiting for any of them. */
const yieldToSockets = () => new Promise<void>((resolve) => setImmediate(resolve))

it('[S1][S2][B1] eight editors converge after random concurrent and offline edits, also after a restart', async () => {
  const log: string[] = []
  onTestFailed(() => {
    console.error(`convergence seed ${seed}; rerun with SEED=${seed}. Last edits:`)
    console.error(log.slice(-40).join('\n'))
  })
  // A small compaction threshold, so the restart also reads a compacted log.
  const server = await startServer({ logLevel: 'warn', compactAfterBytes: 32 * 1024 })
  cleanups.push(() => server.close())
  onTestFailed(() => console.error(`server log:\n${server.logs.slice(-20).join('\n')}`))
  const readContent = async () => (await getContent(server.url, server.adminToken)).doc
  const edits = createRandomEdits(seed)
  const gen = edits.gen

  const editors: HeadlessEditor[] = []
  for (let i = 0; i < EDITORS; i++) {
    const name = `schrijver-${i + 1}`
    const h = startHeadlessEditor({
      wsUrl: server.wsUrl,
      proposalId: PROPOSAL,
      token: (await server.invite({ name, role: 'writer', proposals: [PROPOSAL] })).token,
      name,
    })
    cleanups.push(() => h.destroy())
    editors.push(h)
  }
  await Promise.all(editors.map((h) => h.synced()))

  /** Each offline period that changed the text: whose, and its last clock. */
  const offlineEdits: { editor: HeadlessEditor; clock: number }[] = []
  const offlineSince = new Map<HeadlessEditor, number>()
  const ownClock = (h: HeadlessEditor) => Y.getState(h.doc.store, h.doc.clientID)
  const goOffline = (h: HeadlessEditor) => {
    h.disconnect()
    offlineSince.set(h, ownClock(h))
    log.push(`${h.name} offline`)
  }
  const goOnline = (h: HeadlessEditor) => {
    const since = offlineSince.get(h)
    if (since !== undefined && ownClock(h) > since) {
      offlineEdits.push({ editor: h, clock: ownClock(h) })
    }
    offlineSince.delete(h)
    h.connect()
    log.push(`${h.name} online`)
  }

  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, h] of editors.entries()) {
      const offline = offlineSince.has(h)
      if (i === OFFLINE_EDITOR) {
        if (round === OFFLINE_ROUNDS.from) {
          goOffline(h)
          // A word typed offline, so this period certainly changes the text.
          typeAtStart(h, 'offline ')
        }
        if (round === OFFLINE_ROUNDS.to) goOnline(h)
      } else if (!offline && prng.int32(gen, 0, 11) === 0) goOffline(h)
      else if (offline && prng.int32(gen, 0, 2) === 0) goOnline(h)

      const count = prng.int32(gen, 1, 4)
      for (let n = 0; n < count; n++) log.push(`${h.name} ${edits.next(h.editor)}`)
      if (prng.bool(gen)) await yieldToSockets()
    }
    await yieldToSockets()
  }
  for (const h of offlineSince.keys()) goOnline(h)
  await Promise.all(editors.map((h) => h.synced()))

  const agreed = await waitForConvergence(editors, {
    serverDoc: readContent,
    check: blockIdProblems,
    timeoutMs: CONVERGENCE_TIMEOUT_MS,
  })
  expect(describeDivergence(editors)).toBeNull()
  expect(await readContent()).toEqual(agreed)
  expect(blockIdProblems(agreed)).toBeNull()

  // Edits made offline came back: every replica holds each offline period's last change.
  expect(offlineEdits.length).toBeGreaterThan(0)
  for (const { editor, clock } of offlineEdits) {
    for (const h of editors) {
      expect(Y.getState(h.doc.store, editor.doc.clientID), h.name).toBeGreaterThanOrEqual(clock)
    }
  }

  // The stored state survives a restart, and the editors carry on with the restarted server.
  const sockets = editors.map((h) => h.provider.ws)
  await server.restart()
  expect(await readContent()).toEqual(agreed)
  await vi.waitFor(
    () => {
      for (const [i, h] of editors.entries()) {
        expect(h.provider.ws, `${h.name} reconnected`).not.toBe(sockets[i])
        expect(h.isSynced(), `${h.name} synced`).toBe(true)
      }
    },
    { timeout: CONVERGENCE_TIMEOUT_MS, interval: 50 },
  )
  const writer = editors[0]!
  typeAtStart(writer, 'na herstart ')
  const after = await waitForConvergence(editors, {
    serverDoc: readContent,
    check: blockIdProblems,
    timeoutMs: CONVERGENCE_TIMEOUT_MS,
  })
  expect(JSON.stringify(after)).toContain('na herstart')
  expect(blockIdProblems(after)).toBeNull()
}, 50_000)
