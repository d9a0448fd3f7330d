/**
 * A reader that speaks just the y-websocket protocol over `ws`, with no Y.Doc: it asks for
 * the document, answers the server's sync step 1 with an empty step 2, announces its own
 * presence once (as an editor does on connecting) and notes when each keystroke's
 * characters arrive, from the clocks an update carries (`Y.parseUpdateMeta`). Backspaces
 * carry no new clock, so a light reader times inserts only. Hundreds fit in one process.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { nowNs } from '../lib/clock.ts'
import type { TypistSpec } from './messages.ts'
import type { DeliverySink } from './Typist.ts'

const MESSAGE_SYNC = 0
const MESSAGE_AWARENESS = 1
const SYNC_STEP_1 = 0
const SYNC_STEP_2 = 1
const SYNC_UPDATE = 2

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  write(encoder)
  return encoding.toUint8Array(encoder)
}

const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc())
const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc())
const ASK = frame((e) => {
  encoding.writeVarUint(e, MESSAGE_SYNC)
  encoding.writeVarUint(e, SYNC_STEP_1)
  encoding.writeVarUint8Array(e, EMPTY_STATE_VECTOR)
})
const ANSWER = frame((e) => {
  encoding.writeVarUint(e, MESSAGE_SYNC)
  encoding.writeVarUint(e, SYNC_STEP_2)
  encoding.writeVarUint8Array(e, EMPTY_UPDATE)
})

export class LightReader {
  readonly closeCodes: string[] = []
  frames = 0
  bytes = 0
  synced = false
  private sink: DeliverySink | undefined
  private readonly ws: WebSocket

  constructor(readonly spec: TypistSpec) {
    const { serverUrl, room, params } = spec.endpoint
    const query = new URLSearchParams(params).toString()
    this.ws = new WebSocket(`${serverUrl}/${room}${query ? `?${query}` : ''}`, {
      localAddress: spec.localAddress,
    })
    this.ws.binaryType = 'nodebuffer'
    this.ws.on('open', () => {
      this.ws.send(ASK)
      this.ws.send(this.presence())
    })
    this.ws.on('message', (data: Buffer) => this.onFrame(data))
    this.ws.on('close', (code, reason) => {
      this.closeCodes.push(`${code}${reason.length ? ` ${reason.toString()}` : ''}`)
    })
    this.ws.on('error', () => {})
  }

  isReady(): boolean {
    return this.synced
  }

  /** Starts (or with undefined stops) counting deliveries into `sink`. */
  listen(sink: DeliverySink | undefined): void {
    this.sink = sink
  }

  /** The awareness frame of this reader's own presence, as the editor sends it on connecting. */
  private presence(): Uint8Array {
    const state = JSON.stringify({
      user: { name: `Lezer ${this.spec.client}`, color: 'hsl(200 70% 45%)' },
    })
    const update = frame((e) => {
      encoding.writeVarUint(e, 1)
      encoding.writeVarUint(e, this.spec.clientId)
      encoding.writeVarUint(e, 1)
      encoding.writeVarString(e, state)
    })
    return frame((e) => {
      encoding.writeVarUint(e, MESSAGE_AWARENESS)
      encoding.writeVarUint8Array(e, update)
    })
  }

  private onFrame(data: Buffer): void {
    this.frames++
    this.bytes += data.length
    const decoder = decoding.createDecoder(data)
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return
    const kind = decoding.readVarUint(decoder)
    if (kind === SYNC_STEP_1) {
      this.ws.send(ANSWER)
      return
    }
    if (kind !== SYNC_STEP_2 && kind !== SYNC_UPDATE) return
    const update = decoding.readVarUint8Array(decoder)
    if (kind === SYNC_STEP_2) this.synced = true
    if (this.sink) this.onUpdate(update)
  }

  private onUpdate(update: Uint8Array): void {
    const sink = this.sink!
    const at = nowNs()
    const { from, to } = Y.parseUpdateMeta(update)
    for (const [clientId, end] of to) {
      const sender = sink.clientOf(clientId)
      const plan = sender >= 0 ? sink.planOf(sender) : undefined
      if (!plan) continue
      const last = Math.min(end, plan.insertEdit.length)
      for (let clock = from.get(clientId) ?? 0; clock < last; clock++) {
        const edit = plan.insertEdit[clock]!
        if (edit >= 0) sink.onEdit(this, sender, edit, at)
      }
    }
  }

  destroy(): void {
    this.sink = undefined
    this.ws.terminate()
  }
}
