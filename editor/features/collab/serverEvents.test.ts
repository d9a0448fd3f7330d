import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { describe, expect, it, vi } from 'vitest'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { MessageType } from '../../../shared/protocol.ts'
import { installServerEvents, parseServerEvent, RECONNECTED } from './serverEvents.ts'

function eventFrame(event: unknown): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.event)
  encoding.writeVarString(encoder, JSON.stringify(event))
  return encoding.toUint8Array(encoder)
}

function deliver(provider: WebsocketProvider, frame: Uint8Array): encoding.Encoder {
  const decoder = decoding.createDecoder(frame)
  const type = decoding.readVarUint(decoder)
  const encoder = encoding.createEncoder()
  provider.messageHandlers[type]?.(encoder, decoder, provider, true, type)
  return encoder
}

describe('server events', () => {
  it('[E1] routes type-100 messages by their type and never answers them', () => {
    const provider = new WebsocketProvider('ws://localhost:1', 'voorstel-1', new Y.Doc(), {
      connect: false,
      disableBc: true,
    })
    const events = installServerEvents(provider)
    const onStatus = vi.fn()
    const onAny = vi.fn()
    events.on('status', onStatus)
    events.on('*', onAny)
    const answer = deliver(provider, eventFrame({ type: 'status', status: 'consultatie' }))
    deliver(provider, eventFrame({ type: 'thread', id: 't-1' }))
    expect(onStatus).toHaveBeenCalledWith({ type: 'status', status: 'consultatie' })
    expect(onAny).toHaveBeenCalledTimes(2)
    expect(encoding.length(answer)).toBe(0)
    provider.destroy()
  })

  it('[E1] ignores events that are not JSON objects with a type', () => {
    expect(parseServerEvent('niet json')).toBeNull()
    expect(parseServerEvent('{"status":"concept"}')).toBeNull()
    expect(parseServerEvent('{"type":"status","status":"onbekend"}')).toBeNull()
    expect(parseServerEvent('{"type":"threads","threads":null}')).toBeNull()
    expect(parseServerEvent('{"type":"threads","threads":[]}')).toEqual({
      type: 'threads',
      threads: [],
      removed: [],
    })
    // Withdrawn suggestions' ids pass; anything else in `removed` does not.
    expect(parseServerEvent('{"type":"threads","threads":[],"removed":["t-1",2,null]}')).toEqual({
      type: 'threads',
      threads: [],
      removed: ['t-1'],
    })
    expect(parseServerEvent('{"type":"refused","reason":"frozen"}')).toEqual({
      type: 'refused',
      reason: 'frozen',
    })
  })

  it('[E1] says "reconnected" on each sync after the first, and never for a server event of that name', () => {
    const provider = new WebsocketProvider('ws://localhost:1', 'voorstel-1', new Y.Doc(), {
      connect: false,
      disableBc: true,
    })
    const events = installServerEvents(provider)
    const onReconnected = vi.fn()
    events.on(RECONNECTED, onReconnected)
    provider.emit('sync', [true])
    expect(onReconnected).not.toHaveBeenCalled()
    deliver(provider, eventFrame({ type: RECONNECTED }))
    expect(onReconnected).not.toHaveBeenCalled()
    provider.emit('sync', [false])
    provider.emit('sync', [true])
    expect(onReconnected).toHaveBeenCalledTimes(1)
    provider.destroy()
  })
})
