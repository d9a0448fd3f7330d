/**
 * A WebSocket frame built once and written as is to every socket of a room:
 * framing a message per receiver (what `ws.send` does) is most of a broadcast's
 * cost. Server frames are never masked, and the server offers no compression, so
 * the same bytes are right for every socket.
 */
import * as ws from 'ws'

interface FrameOptions {
  fin: boolean
  rsv1: boolean
  opcode: number
  mask: boolean
  readOnly: boolean
}

// ws exports its Sender at run time; its type definitions leave it out.
const { Sender } = ws as unknown as {
  Sender: { frame(data: Buffer, options: FrameOptions): Buffer[] }
}

/** A complete binary frame holding `data`. */
export function binaryFrame(data: Uint8Array): Buffer {
  const payload = Buffer.from(data.buffer, data.byteOffset, data.byteLength)
  const parts = Sender.frame(payload, {
    fin: true,
    rsv1: false,
    opcode: 2,
    mask: false,
    readOnly: true,
  })
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts)
}
