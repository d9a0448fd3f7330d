/**
 * Helpers of the round tests: write a text through a real editor, save it as a
 * version, read its passages, open a round and give positions.
 */
import { expect, vi } from 'vitest'
import { type HeadlessEditor, startHeadlessEditor } from './headlessEditor.ts'
import type { TestServer } from './server.ts'

export const P1 = '/api/proposals/voorstel-1'
/** Polling limits: generous, for a loaded machine; nothing here measures time. */
export const WAIT = { timeout: 10_000, interval: 50 }

export interface DocNode {
  type: string
  attrs?: Record<string, unknown>
  content?: DocNode[]
  text?: string
}

/** A textblock of a stored text: its id, kind and text. */
export interface Block {
  blockId: string
  type: string
  text: string
}

/** The textblocks of ProseMirror JSON, in text order. */
export function blocksOf(doc: DocNode): Block[] {
  const found: Block[] = []
  const walk = (node: DocNode) => {
    if (node.type === 'paragraph' || node.type === 'heading') {
      const text = (node.content ?? []).map((child) => child.text ?? '').join('')
      found.push({ blockId: String(node.attrs?.blockId ?? ''), type: node.type, text })
      return
    }
    for (const child of node.content ?? []) walk(child)
  }
  walk(doc)
  return found
}

/** Waits until the server's text is `lines` and every passage has its id (B1). */
export async function serverBlocks(server: TestServer, lines: string[]): Promise<Block[]> {
  let blocks: Block[] = []
  await vi.waitFor(async () => {
    const content = await server.api<{ doc: DocNode }>(`${P1}/content`)
    blocks = blocksOf(content.body.doc)
    expect(blocks.map((b) => b.text)).toEqual(lines)
    expect(blocks.every((b) => b.blockId.startsWith('p-'))).toBe(true)
  }, WAIT)
  return blocks
}

/** A headless editor of the administrator on voorstel-1, synced. */
export async function adminEditor(server: TestServer): Promise<HeadlessEditor> {
  const editor = startHeadlessEditor({
    wsUrl: server.wsUrl,
    proposalId: 'voorstel-1',
    token: server.adminToken,
  })
  await editor.synced()
  return editor
}

/** Saves a named version (V1) and returns its id. */
export async function saveVersion(server: TestServer, name: string): Promise<string> {
  const answer = await server.api<{ id: string }>(`${P1}/versions`, {
    method: 'POST',
    body: { name },
  })
  expect(answer.status).toBe(201)
  return answer.body.id
}

/** A time `ms` from now, as the API takes it. */
export const inFuture = (ms = 24 * 60 * 60 * 1000) => new Date(Date.now() + ms).toISOString()

/** Opens a round on a version as the administrator (R2) and returns it. */
export async function openRound(server: TestServer, versionId: string, closesAt = inFuture()) {
  const answer = await server.api<{ id: string; open: boolean }>(`${P1}/rounds`, {
    method: 'POST',
    body: { versionId, closesAt },
  })
  expect(answer.status, JSON.stringify(answer.body)).toBe(201)
  return answer.body
}

/** Gives a position (R4) and returns the answer. */
export function givePosition(
  server: TestServer,
  token: string,
  roundId: string,
  blockId: string,
  body: unknown,
) {
  return server.api<Record<string, unknown>>(`${P1}/rounds/${roundId}/positions/${blockId}`, {
    method: 'PUT',
    token,
    body,
  })
}
