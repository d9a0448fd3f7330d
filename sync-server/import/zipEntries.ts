/**
 * The entries of a zip file (a .docx is one) as its central directory lists
 * them, read without unpacking anything: what each entry says it unpacks to
 * can be checked before a single byte is inflated. A zip can lie about those
 * sizes; `checkUnpackedSizes` (in the worker) inflates against a budget too.
 */

export interface ZipEntry {
  name: string
  /** 0 stored, 8 deflated; .docx files use nothing else. */
  method: number
  compressedSize: number
  /** What the central directory says; 0xFFFFFFFF for a ZIP64 size. */
  uncompressedSize: number
  localHeaderOffset: number
}

const END_OF_DIRECTORY = 0x06054b50
const DIRECTORY_ENTRY = 0x02014b50
const LOCAL_HEADER = 0x04034b50
const END_OF_DIRECTORY_SIZE = 22
const MAX_COMMENT = 0xffff

const view = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)

/**
 * Lists the entries of the zip in `bytes`.
 * @returns null when `bytes` is no zip this server reads (no end of central
 *   directory, one that points outside the file, or a ZIP64 directory)
 */
export function zipEntries(bytes: Uint8Array): ZipEntry[] | null {
  const data = view(bytes)
  const end = findEndOfDirectory(data)
  if (end < 0) return null
  const count = data.readUInt16LE(end + 10)
  const size = data.readUInt32LE(end + 12)
  let at = data.readUInt32LE(end + 16)
  if (count === 0xffff || at === 0xffffffff || at + size > end) return null
  const entries: ZipEntry[] = []
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || data.readUInt32LE(at) !== DIRECTORY_ENTRY) return null
    const nameLength = data.readUInt16LE(at + 28)
    const extraLength = data.readUInt16LE(at + 30)
    const commentLength = data.readUInt16LE(at + 32)
    entries.push({
      name: data.toString('utf8', at + 46, at + 46 + nameLength),
      method: data.readUInt16LE(at + 10),
      compressedSize: data.readUInt32LE(at + 20),
      uncompressedSize: data.readUInt32LE(at + 24),
      localHeaderOffset: data.readUInt32LE(at + 42),
    })
    at += 46 + nameLength + extraLength + commentLength
  }
  return entries
}

function findEndOfDirectory(data: Buffer): number {
  const last = data.length - END_OF_DIRECTORY_SIZE
  const first = Math.max(0, last - MAX_COMMENT)
  for (let at = last; at >= first; at--) {
    if (data.readUInt32LE(at) === END_OF_DIRECTORY) return at
  }
  return -1
}

/** What the entries together say they unpack to, in bytes. */
export function declaredUnpackedSize(entries: ZipEntry[]): number {
  return entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0)
}

/** The packed bytes of one entry, found through its local header; null when they lie outside the file. */
export function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array | null {
  const data = view(bytes)
  const at = entry.localHeaderOffset
  if (at + 30 > data.length || data.readUInt32LE(at) !== LOCAL_HEADER) return null
  const start = at + 30 + data.readUInt16LE(at + 26) + data.readUInt16LE(at + 28)
  const stop = start + entry.compressedSize
  return stop > data.length ? null : data.subarray(start, stop)
}
