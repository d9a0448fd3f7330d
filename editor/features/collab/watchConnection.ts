import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import { MessageType } from '../../../shared/protocol.ts'

/** How the watch decides; every interval is an option so tests and products can differ. */
export interface WatchOptions {
  /** Local edits are pending until the server confirms them; told on every change. */
  onUnsentChange(unsent: boolean): void
  /** True for transactions that are not this person's edits (remote, browser copy). */
  isRemote(origin: unknown): boolean
  /** Edits the browser kept from an earlier visit wait for confirmation too. */
  startUnsent: boolean
  /** Probe a socket that has been quiet this long. @default 2000 */
  silenceMs?: number
  /** A probe not answered within this is a dead connection. @default 1500 */
  answerMs?: number
  /** A socket still opening after this is started afresh. @default 8000 */
  connectMs?: number
}

/** What the rest of the editor asks the watch. */
export interface ConnectionWatch {
  /** True while some local edit has not been confirmed stored by the server. */
  hasUnsent(): boolean
  /**
   * Resolves once every edit made so far is stored by the server; connects if
   * needed. @throws Error when the connection fails or that does not happen
   * within `timeoutMs`
   */
  whenSent(timeoutMs: number): Promise<void>
  destroy(): void
}

/** Marks the step 1 y-websocket sends on opening: its answer may overtake our edits. */
const CONFIRMS_NOTHING = -1

/**
 * Watches a sync socket for two things y-websocket cannot tell.
 *
 * Liveness: y-websocket notices a dead connection only after 30 s of silence.
 * When nothing has arrived for `silenceMs`, the watch sends a sync step 1 (the
 * server answers a caught-up socket with a two-byte step 2, see docs/PROTOCOL.md);
 * no answer within `answerMs` means the connection is gone: the socket is closed,
 * so the page says "offline" and y-websocket reconnects. The browser's `offline`
 * event does the same at once, `online` reconnects at once.
 *
 * Delivery: the server never acknowledges an update, but it handles one socket's
 * frames in order and answers a step 1 only after storing what came before. So an
 * answer to a step 1 sent after an edit confirms that edit.
 */
export function watchConnection(
  provider: WebsocketProvider,
  doc: Y.Doc,
  options: WatchOptions,
): ConnectionWatch {
  const silenceMs = options.silenceMs ?? 2000
  const answerMs = options.answerMs ?? 1500
  const connectMs = options.connectMs ?? 8000
  let edits = options.startUnsent ? 1 : 0
  let confirmed = 0
  /** Per step 1 on this socket, in order: the edits its answer confirms. */
  let asked: number[] = []
  let probeSentAt: number | null = null
  /** Whether the server's step 1 arrived on this socket (and was answered with our edits). */
  let greeted = false
  let connectingSince: number | null = null
  let confirmTimer: ReturnType<typeof setTimeout> | undefined
  const waiting = new Set<() => void>()
  let unsentShown = false

  const report = () => {
    const unsent = edits > confirmed
    if (unsent !== unsentShown) {
      unsentShown = unsent
      options.onUnsentChange(unsent)
    }
    if (!unsent) for (const resolve of [...waiting]) resolve()
  }
  report()

  const sendStep1 = (): boolean => {
    const socket = provider.ws
    if (!provider.wsconnected || !socket || socket.readyState !== socket.OPEN) return false
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.sync)
    syncProtocol.writeSyncStep1(encoder, doc)
    socket.send(encoding.toUint8Array(encoder))
    // Before the server's greeting was answered, edits made offline are not sent yet.
    asked.push(greeted ? edits : CONFIRMS_NOTHING)
    return true
  }
  const askConfirmation = () => {
    clearTimeout(confirmTimer)
    if (edits > confirmed) confirmTimer = setTimeout(sendStep1, 300)
  }
  const restart = () => {
    probeSentAt = null
    connectingSince = null
    provider.disconnect()
    provider.connect()
  }

  const handleSync = provider.messageHandlers[MessageType.sync]!
  provider.messageHandlers[MessageType.sync] = (encoder, decoder, ...rest) => {
    const step = decoding.peekVarUint(decoder)
    handleSync(encoder, decoder, ...rest)
    if (step === syncProtocol.messageYjsSyncStep2) {
      const covered = asked.shift()
      if (covered !== undefined && covered > confirmed) confirmed = covered
      report()
    } else if (step === syncProtocol.messageYjsSyncStep1) {
      greeted = true
      // y-websocket answers the server's step 1 with a step 2 holding what the
      // server lacks, sent once this handler returns; ask after it.
      queueMicrotask(askConfirmation)
    }
  }
  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (options.isRemote(origin)) return
    edits++
    report()
    askConfirmation()
  }
  const onStatus = ({ status }: { status: string }) => {
    probeSentAt = null
    connectingSince = status === 'connecting' ? Date.now() : null
    asked = status === 'connected' ? [CONFIRMS_NOTHING] : []
    greeted = false
  }
  const check = () => {
    const now = Date.now()
    if (provider.wsconnecting && connectingSince !== null && now - connectingSince > connectMs) {
      restart()
      return
    }
    if (!provider.wsconnected) return
    if (probeSentAt !== null) {
      if (provider.wsLastMessageReceived >= probeSentAt) probeSentAt = null
      else if (now - probeSentAt > answerMs) restart()
      return
    }
    // A tab nobody looks at is not probed (hundreds of readers leave tabs open),
    // unless it holds edits not yet confirmed.
    if (document.visibilityState === 'hidden' && edits <= confirmed) return
    if (now - provider.wsLastMessageReceived > silenceMs && sendStep1()) probeSentAt = now
  }
  const onOffline = () => {
    if (provider.wsconnected || provider.wsconnecting) restart()
  }
  const onOnline = () => {
    if (!provider.wsconnected) restart()
  }

  doc.on('update', onUpdate)
  provider.on('status', onStatus)
  const timer = setInterval(check, Math.min(250, silenceMs / 4))
  window.addEventListener('offline', onOffline)
  window.addEventListener('online', onOnline)

  return {
    hasUnsent: () => edits > confirmed,
    whenSent: (timeoutMs) =>
      new Promise<void>((resolve, reject) => {
        if (edits <= confirmed) return resolve()
        const finish = (error?: Error) => {
          clearTimeout(timeout)
          waiting.delete(done)
          provider.off('connection-close', onClose)
          if (error) reject(error)
          else resolve()
        }
        const done = () => finish()
        const onClose = () => finish(new Error('no connection to the server'))
        const timeout = setTimeout(() => finish(new Error('not confirmed in time')), timeoutMs)
        waiting.add(done)
        if (provider.wsconnected) sendStep1()
        else restart()
        // After the restart, whose closing of a half-open socket is no answer.
        provider.on('connection-close', onClose)
      }),
    destroy: () => {
      clearInterval(timer)
      clearTimeout(confirmTimer)
      doc.off('update', onUpdate)
      provider.off('status', onStatus)
      provider.messageHandlers[MessageType.sync] = handleSync
      window.removeEventListener('offline', onOffline)
      window.removeEventListener('online', onOnline)
    },
  }
}
