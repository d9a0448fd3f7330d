/**
 * A client that types into its own block on schedule and, as a receiver, notes when the
 * edits of the other clients in its room reach it.
 */
import * as Y from 'yjs'
import { sendOwnAwarenessOnly } from '../../editor/features/presence/sendOwnAwareness.ts'
import { nowNs } from '../lib/clock.ts'
import { blockText } from '../lib/content.ts'
import type { EditPlan } from '../lib/plan.ts'
import { type BenchClient, openClient } from './client.ts'
import type { TypistSpec } from './messages.ts'

/** Anything that receives the edits of a room: a typist, a full or a light reader. */
export interface Receiver {
  readonly spec: TypistSpec
}

/** What a typist reports each delivery to: the run's shared accounting. */
export interface DeliverySink {
  /** Edit `edit` of client `client` arrived at `receiver` at `atNs` (possibly again). */
  onEdit(receiver: Receiver, client: number, edit: number, atNs: number): void
  /** A caret with awareness clock `clock` of client `client` arrived at `atNs`. */
  onCaret(receiver: Receiver, client: number, clock: number, atNs: number): void
  /** The plan of client `client`, or undefined for clients outside the run. */
  planOf(client: number): EditPlan | undefined
  /** Global index of a Yjs client id, or -1 for ids outside the run (the server's own). */
  clientOf(clientId: number): number
}

export class Typist {
  readonly client: BenchClient
  private caret = 0
  private sink: DeliverySink | undefined

  constructor(readonly spec: TypistSpec) {
    this.client = openClient(spec.endpoint, spec.clientId, spec.localAddress)
    if (spec.editorAwareness) sendOwnAwarenessOnly(this.client.provider)
    // the transaction already says which clocks arrived and what was deleted: no decoding
    this.client.doc.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.origin === this.client.provider && this.sink) this.onRemoteTransaction(tr)
    })
    this.client.provider.awareness.on(
      'update',
      ({ added, updated }: { added: number[]; updated: number[] }, origin: unknown) => {
        if (origin === this.client.provider && this.sink) this.onRemoteAwareness(added, updated)
      },
    )
  }

  /** True once the block this typist edits has arrived (a reader: once synced). */
  isReady(): boolean {
    if (!this.client.provider.synced) return false
    return (
      this.spec.reader !== undefined || blockText(this.client.doc, this.spec.block) !== undefined
    )
  }

  /** Starts (or with undefined stops) counting deliveries into `sink`. */
  listen(sink: DeliverySink | undefined): void {
    this.sink = sink
  }

  /** Sets the `user` field as Tiptap's caret does on start; returns the awareness clock. */
  announce(): number {
    const awareness = this.client.provider.awareness
    awareness.setLocalStateField('user', {
      name: `${this.spec.reader ? 'Lezer' : 'Schrijver'} ${this.spec.client}`,
      color: `hsl(${(this.spec.client * 47) % 360} 70% 45%)`,
    })
    return awareness.meta.get(awareness.clientID)?.clock ?? 0
  }

  /** Performs edit `k` of `plan`; returns false when the socket was not open to send it. */
  type(plan: EditPlan, k: number, carets: boolean): boolean {
    const text = blockText(this.client.doc, this.spec.block)
    if (!text) throw new Error(`typist ${this.spec.client} lost its block ${this.spec.block}`)
    const jump = plan.jump[k] ?? -1
    if (jump >= 0) this.caret = Math.floor(jump * text.length)
    if (plan.kind[k] === 0) {
      text.insert(this.caret, plan.text[k]!)
      this.caret++
    } else {
      text.delete(this.caret - 1, 1)
      this.caret--
    }
    if (carets) {
      const position = Y.relativePositionToJSON(
        Y.createRelativePositionFromTypeIndex(text, this.caret),
      )
      this.client.provider.awareness.setLocalStateField('cursor', {
        anchor: position,
        head: position,
      })
    }
    return this.client.provider.wsconnected
  }

  private onRemoteTransaction(tr: Y.Transaction): void {
    const sink = this.sink!
    const at = nowNs()
    for (const [clientId, after] of tr.afterState) {
      const before = tr.beforeState.get(clientId) ?? 0
      if (after <= before) continue
      const sender = sink.clientOf(clientId)
      const plan = sender >= 0 ? sink.planOf(sender) : undefined
      if (!plan) continue
      const end = Math.min(after, plan.insertEdit.length)
      for (let clock = before; clock < end; clock++) {
        const edit = plan.insertEdit[clock]!
        if (edit >= 0) sink.onEdit(this, sender, edit, at)
      }
    }
    for (const [clientId, items] of tr.deleteSet.clients) {
      const sender = sink.clientOf(clientId)
      const plan = sender >= 0 ? sink.planOf(sender) : undefined
      if (!plan) continue
      for (const item of items) {
        const end = Math.min(item.clock + item.len, plan.deleteEdit.length)
        for (let clock = item.clock; clock < end; clock++) {
          const edit = plan.deleteEdit[clock]!
          if (edit >= 0) sink.onEdit(this, sender, edit, at)
        }
      }
    }
  }

  private onRemoteAwareness(added: number[], updated: number[]): void {
    const sink = this.sink!
    const at = nowNs()
    const meta = this.client.provider.awareness.meta
    for (const clientId of added.concat(updated)) {
      const sender = sink.clientOf(clientId)
      const clock = meta.get(clientId)?.clock
      if (sender >= 0 && clock !== undefined) sink.onCaret(this, sender, clock, at)
    }
  }

  destroy(): void {
    this.client.destroy()
  }
}
