/**
 * One writer of the soak run: a stock y-websocket client that types into a
 * proposal at about `rate` edits per second — words at its caret, now and then a
 * new paragraph or a deleted passage, so the text stays about the same size —
 * and shows its caret as Tiptap does (awareness `cursor` with relative positions).
 */
import * as encoding from 'lib0/encoding'
import * as prng from 'lib0/prng'
import { WebSocket } from 'ws'
import * as awarenessProtocol from 'y-protocols/awareness'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { MessageType } from '../../shared/protocol.ts'

export interface SoakClient {
  readonly proposalId: string
  synced(): boolean
  connected(): boolean
  /** Size of the encoded state of this client's copy of the text. */
  docBytes(): number
  stop(): void
}

const WORDS = (
  'gemeenten nemen de regie bij de grote opgaven energie klimaat wonen en bestaanszekerheid ' +
  'samen met inwoners provincie en rijk de vereniging ondersteunt en verbindt de regio'
).split(' ')

/** Blocks are kept between these sizes, so memory can settle when nothing leaks. */
const MAX_BLOCK_CHARS = 400
const MAX_BLOCKS = 40

/**
 * Sends only this client's own awareness, as the editor does: y-websocket would
 * also relay every state it receives, which the server drops (A6) anyway.
 */
function sendOwnAwarenessOnly(provider: WebsocketProvider): void {
  const { awareness, doc } = provider
  awareness.off('update', provider._awarenessUpdateHandler)
  const handler = (change: { added: number[]; updated: number[]; removed: number[] }) => {
    const changed = [...change.added, ...change.updated, ...change.removed]
    const ws = provider.ws
    if (!changed.includes(doc.clientID) || !provider.wsconnected || ws?.readyState !== 1) return
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.awareness)
    encoding.writeVarUint8Array(
      encoder,
      awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]),
    )
    ws.send(encoding.toUint8Array(encoder))
  }
  provider._awarenessUpdateHandler = handler
  awareness.on('update', handler)
}

function paragraph(text: string): Y.XmlElement {
  const block = new Y.XmlElement('paragraph')
  block.insert(0, [new Y.XmlText(text)])
  return block
}

export function startSoakClient(options: {
  url: string
  proposalId: string
  token: string
  rate: number
  seed: number
  onEdit: () => void
  onClose: (code: number) => void
}): SoakClient {
  const gen = prng.create(options.seed * 7919 + Date.now())
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(options.url, options.proposalId, doc, {
    params: { token: options.token },
    WebSocketPolyfill: WebSocket as never,
    disableBc: true,
    maxBackoffTime: 2000,
  })
  // Server events (E1) are not this client's business; without a handler y-websocket logs them.
  provider.messageHandlers[MessageType.event] = () => {}
  provider.on('connection-close', (event: { code: number } | null) => {
    if (event && event.code >= 4000) options.onClose(event.code)
  })
  sendOwnAwarenessOnly(provider)
  provider.awareness.setLocalStateField('user', { name: 'Schrijver', color: '#1f6feb' })
  const fragment = doc.getXmlFragment('default')
  let block = 0
  let caret = 0

  const textOf = (index: number): Y.XmlText | null => {
    const element = fragment.get(index)
    if (!(element instanceof Y.XmlElement)) return null
    const text = element.get(0)
    return text instanceof Y.XmlText ? text : null
  }

  const edit = () => {
    if (!provider.synced || !provider.wsconnected) return
    if (fragment.length === 0) fragment.insert(0, [paragraph('Begin van de tekst.')])
    if (block >= fragment.length || prng.int32(gen, 0, 19) === 0) {
      block = prng.int32(gen, 0, fragment.length - 1)
      caret = -1
    }
    const text = textOf(block)
    if (!text) {
      block = prng.int32(gen, 0, fragment.length - 1)
      return
    }
    if (caret < 0 || caret > text.length) caret = prng.int32(gen, 0, text.length)
    const roll = prng.int32(gen, 0, 99)
    if (text.length > MAX_BLOCK_CHARS) {
      // Select a passage and delete it, as a writer tidies up.
      const from = prng.int32(gen, 0, text.length - 60)
      text.delete(from, prng.int32(gen, 20, 60))
      caret = from
    } else if (roll < 3 && fragment.length < MAX_BLOCKS) {
      fragment.insert(block + 1, [paragraph(prng.oneOf(gen, WORDS))])
      block++
      caret = 0
    } else if (roll < 5 && fragment.length > MAX_BLOCKS / 2) {
      fragment.delete(block, 1)
      block = Math.max(0, block - 1)
      caret = -1
      options.onEdit()
      return
    } else {
      const word = `${prng.oneOf(gen, WORDS)} `
      text.insert(caret, word)
      caret += word.length
    }
    options.onEdit()
    const current = textOf(block)
    if (!current) return
    const position = Y.relativePositionToJSON(
      Y.createRelativePositionFromTypeIndex(current, Math.min(caret, current.length)),
    )
    provider.awareness.setLocalStateField('cursor', { anchor: position, head: position })
  }

  // About `rate` edits per second, with the irregular rhythm of people typing.
  let timer: ReturnType<typeof setTimeout>
  const next = () => {
    timer = setTimeout(
      () => {
        edit()
        next()
      },
      (1000 / options.rate) * (0.5 + prng.real53(gen)),
    )
  }
  next()

  return {
    proposalId: options.proposalId,
    synced: () => provider.synced,
    connected: () => provider.wsconnected,
    docBytes: () => Y.encodeStateAsUpdate(doc).byteLength,
    stop() {
      clearTimeout(timer)
      provider.destroy()
      doc.destroy()
    },
  }
}
