/**
 * Small .docx files written by hand, for what Word never makes: a document
 * whose text part unpacks to hundreds of MB from a file of a few hundred kB (a
 * zip bomb), with its central directory telling the truth or understating it.
 * The text part is streamed through deflate, so building one holds no more
 * than a MiB at a time.
 */
import { crc32, createDeflateRaw } from 'node:zlib'

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
const RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'

interface PackedEntry {
  name: string
  packed: Buffer
  crc: number
  size: number
}

/** Deflates the chunks `parts` yields, keeping only the packed bytes, the checksum and the size. */
async function deflateStreamed(name: string, parts: Iterable<Buffer>): Promise<PackedEntry> {
  const deflate = createDeflateRaw({ level: 9 })
  const packed: Buffer[] = []
  deflate.on('data', (chunk: Buffer) => packed.push(chunk))
  const done = new Promise((resolve, reject) => {
    deflate.on('end', resolve)
    deflate.on('error', reject)
  })
  let crc = 0
  let size = 0
  for (const part of parts) {
    crc = crc32(part, crc)
    size += part.length
    if (!deflate.write(part)) await new Promise((resolve) => deflate.once('drain', resolve))
  }
  deflate.end()
  await done
  return { name, packed: Buffer.concat(packed), crc, size }
}

/**
 * A .docx of one paragraph `text`, whose text part is padded with `padding`
 * spaces. With `declaredSize` its headers claim that size instead of the truth.
 */
export async function buildDocx(
  text: string,
  options: { padding?: number; declaredSize?: number } = {},
): Promise<Buffer> {
  const padding = options.padding ?? 0
  const head = Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p>`,
  )
  const tail = Buffer.from('</w:body></w:document>')
  const spaces = Buffer.alloc(1024 * 1024, ' ')
  function* documentXml() {
    yield head
    for (let left = padding; left > 0; left -= spaces.length)
      yield left >= spaces.length ? spaces : spaces.subarray(0, left)
    yield tail
  }
  const entries = [
    await deflateStreamed('[Content_Types].xml', [Buffer.from(CONTENT_TYPES)]),
    await deflateStreamed('_rels/.rels', [Buffer.from(RELS)]),
    await deflateStreamed('word/document.xml', documentXml()),
  ]
  if (options.declaredSize !== undefined) entries[2]!.size = options.declaredSize
  return writeZip(entries)
}

function writeZip(entries: PackedEntry[]): Buffer {
  const locals: Buffer[] = []
  const directory: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const name = Buffer.from(entry.name)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(8, 8)
    local.writeUInt16LE(0x21, 12)
    local.writeUInt32LE(entry.crc >>> 0, 14)
    local.writeUInt32LE(entry.packed.length, 18)
    local.writeUInt32LE(entry.size, 22)
    local.writeUInt16LE(name.length, 26)
    locals.push(local, name, entry.packed)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(8, 10)
    central.writeUInt16LE(0x21, 14)
    central.writeUInt32LE(entry.crc >>> 0, 16)
    central.writeUInt32LE(entry.packed.length, 20)
    central.writeUInt32LE(entry.size, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    directory.push(central, name)
    offset += 30 + name.length + entry.packed.length
  }
  const directorySize = directory.reduce((sum, part) => sum + part.length, 0)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directorySize, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, ...directory, end])
}
