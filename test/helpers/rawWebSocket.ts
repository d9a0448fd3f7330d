/**
 * A WebSocket spoken by hand over a TCP socket, for what no WebSocket client
 * does: announce a frame and send only part of it, or stream a huge frame
 * without holding it in memory.
 */
import { randomBytes } from 'node:crypto'
import { connect, type Socket } from 'node:net'

export interface RawWebSocket {
  socket: Socket
  /** Resolves with the server's close frame (code and reason), or null if the socket ended without one. */
  closeFrame: Promise<{ code: number; reason: string } | null>
}

/** Upgrades a TCP connection to `path` (e.g. `/sync/voorstel-1?token=…`) and starts reading frames. */
export function openRawWebSocket(httpUrl: string, path: string): Promise<RawWebSocket> {
  const { hostname, port } = new URL(httpUrl)
  // Half-open: the test may go on sending after the server has closed its side.
  const socket = connect({ port: Number(port), host: hostname, allowHalfOpen: true })
  socket.on('error', () => {})
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0)
    let upgraded = false
    let settleClose: (value: { code: number; reason: string } | null) => void = () => {}
    const closeFrame = new Promise<{ code: number; reason: string } | null>((done) => {
      settleClose = done
    })
    socket.on('close', () => {
      settleClose(null)
      if (!upgraded) reject(new Error('the socket closed before the upgrade'))
    })
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk])
      if (!upgraded) {
        const end = received.indexOf('\r\n\r\n')
        if (end < 0) return
        const head = received.subarray(0, end).toString('latin1')
        if (!head.startsWith('HTTP/1.1 101')) return reject(new Error(`no upgrade: ${head}`))
        upgraded = true
        received = received.subarray(end + 4)
        resolve({ socket, closeFrame })
      }
      for (;;) {
        const frame = nextServerFrame(received)
        if (!frame) return
        received = received.subarray(frame.size)
        if (frame.opcode === 0x8) {
          settleClose({
            code: frame.payload.readUInt16BE(0),
            reason: frame.payload.subarray(2).toString('utf8'),
          })
        }
      }
    })
    socket.once('connect', () => {
      socket.write(
        [
          `GET ${path} HTTP/1.1`,
          `Host: ${hostname}:${port}`,
          'Upgrade: websocket',
          'Connection: Upgrade',
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
          'Sec-WebSocket-Version: 13',
          '',
          '',
        ].join('\r\n'),
      )
    })
  })
}

/** One unmasked frame the server sent, when `data` holds all of it. */
function nextServerFrame(data: Buffer) {
  if (data.length < 2) return null
  let length = data[1]! & 0x7f
  let offset = 2
  if (length === 126) {
    if (data.length < 4) return null
    length = data.readUInt16BE(2)
    offset = 4
  } else if (length === 127) {
    if (data.length < 10) return null
    length = Number(data.readBigUInt64BE(2))
    offset = 10
  }
  if (data.length < offset + length) return null
  return {
    opcode: data[0]! & 0x0f,
    payload: data.subarray(offset, offset + length),
    size: offset + length,
  }
}

/**
 * The header of a final binary frame of `length` bytes as a client sends it:
 * masked, with an all-zero key, so the payload that follows is sent as is.
 */
export function clientFrameHeader(length: number): Buffer {
  const header = Buffer.alloc(14)
  header[0] = 0x82
  header[1] = 0x80 | 127
  header.writeBigUInt64BE(BigInt(length), 2)
  // Bytes 10–13: the masking key, zero.
  return header
}
