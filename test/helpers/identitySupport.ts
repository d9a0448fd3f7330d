/**
 * Shared by the identity and roles tests (auth, closeCodes, people, presence):
 * servers and clients cleaned up after each test, frames, error checks.
 */
import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import * as encoding from 'lib0/encoding'
import { afterEach, expect, vi } from 'vitest'
import type { WebSocket } from 'ws'
import * as Y from 'yjs'
import { connectClient, openRawSocket, type TestClient } from './clients.ts'
import {
  type ApiAnswer,
  type Invited,
  type InviteInput,
  startServer,
  type TestServer,
} from './server.ts'

export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> }
}

export interface PersonView {
  id: string
  name: string
  organisation: string | null
  province?: string | null
  role?: string
  revokedAt?: string | null
}

export interface Me {
  person: { id: string; name: string; organisation: string | null }
  role: string
  proposals: '*' | string[]
  color?: string
}

export const MiB = 1024 * 1024
/** Written out from the contract (R1), not imported: the server is checked against the contract. */
export const PROVINCES = [
  'Groningen',
  'Fryslân',
  'Drenthe',
  'Overijssel',
  'Flevoland',
  'Gelderland',
  'Utrecht',
  'Noord-Holland',
  'Zuid-Holland',
  'Zeeland',
  'Noord-Brabant',
  'Limburg',
]

/** Things to undo after each test of the file that imports this module. */
export const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

export async function start(options: Parameters<typeof startServer>[0] = {}): Promise<TestServer> {
  const server = await startServer(options)
  cleanups.push(() => server.close())
  return server
}

export function client(
  server: TestServer,
  proposal: string,
  token: string | null,
  options: { doc?: Y.Doc; connect?: boolean } = {},
): TestClient {
  const c = connectClient(server.wsUrl, proposal, token, options)
  cleanups.push(() => c.destroy())
  return c
}

export async function rawSocket(
  server: TestServer,
  proposal: string,
  token: string | null,
): Promise<WebSocket> {
  const socket = await openRawSocket(server.wsUrl, proposal, token)
  cleanups.push(() => socket.terminate())
  return socket
}

/** What became of a new raw socket: its close code, or 'open' once the server greets it. */
export async function socketOutcome(
  server: TestServer,
  proposal: string,
  token: string | null,
): Promise<number | 'open'> {
  const socket = await rawSocket(server, proposal, token)
  let outcome: number | 'open' | null = null
  socket.once('message', () => {
    outcome ??= 'open'
  })
  socket.once('close', (code) => {
    outcome ??= code
  })
  await vi.waitFor(() => expect(outcome).not.toBeNull(), { timeout: 3000 })
  return outcome!
}

/** Frames from a raw socket, as they arrive. */
export function framesOf(socket: WebSocket): Uint8Array[] {
  const frames: Uint8Array[] = []
  socket.on('message', (data: Buffer) => frames.push(new Uint8Array(data)))
  return frames
}

/** A y-websocket frame: message type, then the written payload. */
export function frame(
  type: number,
  write: (encoder: encoding.Encoder) => void = () => {},
): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, type)
  write(encoder)
  return encoding.toUint8Array(encoder)
}

/** An awareness frame (type 1) publishing `state` for `clientId`. */
export function awarenessFrame(
  clientId: number,
  clock: number,
  state: Record<string, unknown> | null,
): Uint8Array {
  return frame(1, (e) => {
    const update = encoding.createEncoder()
    encoding.writeVarUint(update, 1)
    encoding.writeVarUint(update, clientId)
    encoding.writeVarUint(update, clock)
    encoding.writeVarString(update, JSON.stringify(state))
    encoding.writeVarUint8Array(e, encoding.toUint8Array(update))
  })
}

/** Sync step 1 of an empty document: the server answers with step 2. */
export const SYNC_STEP1 = frame(0, (e) => {
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()))
})

export const DUTCH_WORDS =
  /\b(je|jij|jouw|dit|deze|de|het|een|niet|geen|is|te|van|of|en|op|voor|met|bestaat|ongeldig|kies|vul|geef)\b/i

export function expectError(answer: ApiAnswer, status: number, code: string): ErrorBody['error'] {
  const body = answer.body as ErrorBody
  expect({ status: answer.status, code: body?.error?.code }).toEqual({ status, code })
  expect(body.error.message).toMatch(DUTCH_WORDS)
  return body.error
}

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

/** Every file under `dir`, with its path relative to `dir`. */
export async function filesUnder(dir: string): Promise<Array<{ path: string; data: Buffer }>> {
  const files: Array<{ path: string; data: Buffer }> = []
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    files.push({ path: relative(dir, path), data: await readFile(path) })
  }
  return files
}

/** Invites as `token` (the helper's `invite` always uses the env admin). */
export async function inviteAs(
  server: TestServer,
  token: string,
  input: InviteInput,
): Promise<Invited> {
  const answer = await server.api<Invited>('/api/invites', { method: 'POST', token, body: input })
  expect(answer.status, JSON.stringify(answer.body)).toBe(201)
  return answer.body
}

export async function peopleNames(server: TestServer): Promise<string[]> {
  const answer = await server.api<PersonView[]>('/api/people')
  expect(answer.status).toBe(200)
  return answer.body.map((person) => person.name)
}

export async function contentText(server: TestServer, proposal: string): Promise<string> {
  const answer = await server.api<{ text: string }>(`/api/proposals/${proposal}/content`)
  expect(answer.status).toBe(200)
  return answer.body.text
}
