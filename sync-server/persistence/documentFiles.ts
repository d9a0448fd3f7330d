/**
 * The on-disk format of one proposal's document, in its own folder:
 *   state-<g>.bin  a compacted snapshot (Yjs state + authorship), checksummed
 *   log-<g>.bin    the updates accepted after snapshot <g>, one framed record each
 * A record is [u32 length][u32 crc32][body]; a snapshot is ['MSS1'][body][u32 crc32].
 * Nothing here touches the disk; `DocumentFiles.ts` does.
 */
import { crc32 } from 'node:zlib'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { DocumentSnapshot, LogRecord } from './Storage.ts'

const SNAPSHOT_MAGIC = 'MSS1'
const RECORD_HEADER = 8

export const stateFileName = (generation: number) => `state-${generation}.bin`
export const logFileName = (generation: number) => `log-${generation}.bin`

/** Parses `state-12.bin` / `log-12.bin` into kind and generation, or null. */
export function parseFileName(name: string): { kind: 'state' | 'log'; generation: number } | null {
  const match = /^(state|log)-(\d+)\.bin$/.exec(name)
  if (!match) return null
  return { kind: match[1] as 'state' | 'log', generation: Number(match[2]) }
}

export function encodeRecord(record: LogRecord): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarString(encoder, record.personId)
  encoding.writeVarUint8Array(encoder, record.update)
  const body = encoding.toUint8Array(encoder)
  const framed = Buffer.allocUnsafe(RECORD_HEADER + body.length)
  framed.writeUInt32LE(body.length, 0)
  framed.writeUInt32LE(crc32(body), 4)
  framed.set(body, RECORD_HEADER)
  return framed
}

/**
 * Reads every record of a log. A last record cut short (a crash or a failed
 * write mid-record) is reported as `tornTail`, with `complete` the bytes of the
 * whole records before it; so is a tail of zero bytes (a file system that grew
 * the file before the data reached it). A record whose checksum fails is
 * corruption.
 * @throws Error naming the offset when a record is corrupt
 */
export function decodeRecords(data: Uint8Array): {
  records: LogRecord[]
  tornTail: boolean
  complete: number
} {
  const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength)
  const records: LogRecord[] = []
  let offset = 0
  const torn = () => ({ records, tornTail: true, complete: offset })
  while (offset < buffer.length) {
    if (buffer.length - offset < RECORD_HEADER) return torn()
    const length = buffer.readUInt32LE(offset)
    const checksum = buffer.readUInt32LE(offset + 4)
    const start = offset + RECORD_HEADER
    if (start + length > buffer.length) return torn()
    // No record is empty (it holds at least a person id's length): zeros are no record.
    if (length === 0 && buffer.subarray(offset).every((byte) => byte === 0)) return torn()
    const body = buffer.subarray(start, start + length)
    if (crc32(body) !== checksum) throw new Error(`record at byte ${offset} fails its checksum`)
    const decoder = decoding.createDecoder(body)
    const personId = decoding.readVarString(decoder)
    const update = decoding.readVarUint8Array(decoder)
    records.push({ personId, update })
    offset = start + length
  }
  return { records, tornTail: false, complete: offset }
}

export function encodeSnapshot(snapshot: DocumentSnapshot): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint8Array(encoder, snapshot.state)
  encoding.writeVarUint8Array(encoder, snapshot.authorship)
  // Last and optional: files written before it end after the authorship.
  if (snapshot.stateVector) encoding.writeVarUint8Array(encoder, snapshot.stateVector)
  const body = encoding.toUint8Array(encoder)
  const file = Buffer.allocUnsafe(4 + body.length + 4)
  file.write(SNAPSHOT_MAGIC, 0, 'latin1')
  file.set(body, 4)
  file.writeUInt32LE(crc32(body), 4 + body.length)
  return file
}

/** @throws Error when the file is not a complete, intact snapshot */
export function decodeSnapshot(data: Uint8Array): DocumentSnapshot {
  const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength)
  if (buffer.length < 8 || buffer.toString('latin1', 0, 4) !== SNAPSHOT_MAGIC) {
    throw new Error('not a snapshot file')
  }
  const body = buffer.subarray(4, buffer.length - 4)
  if (crc32(body) !== buffer.readUInt32LE(buffer.length - 4)) {
    throw new Error('snapshot fails its checksum')
  }
  const decoder = decoding.createDecoder(body)
  const state = decoding.readVarUint8Array(decoder)
  const authorship = decoding.readVarUint8Array(decoder)
  const stateVector = decoding.hasContent(decoder) ? decoding.readVarUint8Array(decoder) : undefined
  return { state, authorship, stateVector }
}
