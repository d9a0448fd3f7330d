/**
 * Reading a .docx as HTML with mammoth, in a worker thread of the pool (see
 * `readDocx`). Before mammoth sees the file, every entry is inflated against
 * what is left of the unpacked-size budget, so a zip whose directory understates
 * its sizes (a zip bomb) is stopped at the budget instead of filling memory.
 * What mammoth leaves out is counted here too (`countDropped`), after that
 * check, as it unpacks the file as well; so are Word's tracked changes
 * (`readTrackedChanges`, W2), whose original text is what mammoth reads.
 */
import { inflateRawSync } from 'node:zlib'
import mammoth from 'mammoth'
import type { OffThreadTask } from '../workers/WorkerPool.ts'
import { countDropped } from './countDropped.ts'
import type { Dropped } from './dropped.ts'
import { readTrackedChanges, type TrackedChanges } from './trackedChanges.ts'
import { entryData, zipEntries } from './zipEntries.ts'

export interface DocxInput {
  bytes: Uint8Array
  /** The most all entries together may unpack to. */
  maxUnpackedBytes: number
}

export type DocxHtml =
  | { kind: 'html'; html: string; dropped: Dropped[]; tracked: TrackedChanges | null }
  | { kind: 'unreadable' }
  | { kind: 'tooLarge' }

/**
 * Word styles mammoth does not map itself (our own exports use Title and
 * Quote), and underline and highlight, which mammoth leaves out by default.
 */
const STYLE_MAP = [
  'u => u',
  'highlight => mark',
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Subtitle'] => h2:fresh",
  "p[style-name='Quote'] => blockquote > p:fresh",
  "p[style-name='Intense Quote'] => blockquote > p:fresh",
]

// Images are left out, so their bytes are never read or copied into the HTML.
const NO_IMAGES = mammoth.images.imgElement(async () => ({ src: '' }))

/** Unpacks every entry within the budget. @returns what stops the file, or null when it fits */
export function checkUnpackedSizes(input: DocxInput): 'unreadable' | 'tooLarge' | null {
  const entries = zipEntries(input.bytes)
  if (!entries) return 'unreadable'
  let left = input.maxUnpackedBytes
  for (const entry of entries) {
    const packed = entryData(input.bytes, entry)
    if (!packed || (entry.method !== 0 && entry.method !== 8)) return 'unreadable'
    let size = packed.length
    if (entry.method === 8) {
      try {
        size = inflateRawSync(packed, { maxOutputLength: Math.max(1, left) }).length
      } catch (error) {
        return (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE'
          ? 'tooLarge'
          : 'unreadable'
      }
    }
    left -= size
    if (left < 0) return 'tooLarge'
  }
  return null
}

export async function docxToHtml(input: DocxInput): Promise<DocxHtml> {
  const stop = checkUnpackedSizes(input)
  if (stop) return { kind: stop }
  try {
    // Only after the size check: reading the changes unpacks the file too.
    const found = readTrackedChanges(input.bytes)
    const bytes = found ? found.original : input.bytes
    const tracked = found ? { text: found.text, changes: found.changes } : null
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    const result = await mammoth.convertToHtml(
      { buffer },
      { styleMap: STYLE_MAP, convertImage: NO_IMAGES },
    )
    return { kind: 'html', html: result.value, dropped: countDropped(bytes), tracked }
  } catch {
    return { kind: 'unreadable' }
  }
}

/** docxToHtml in a worker thread of the pool. */
export const docxToHtmlTask: OffThreadTask<DocxInput, DocxHtml> = {
  module: new URL(import.meta.url),
  name: 'docxToHtml',
  inProcess: docxToHtml,
}
