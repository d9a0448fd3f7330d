/**
 * What a .docx holds that the import cannot keep and mammoth leaves out
 * without a word (contract W1): counted in the document's own XML. Mammoth
 * reads tracked insertions as text and skips deletions (the text as if every
 * change were accepted), skips comments, headers, footers, charts, diagrams
 * and equations, and turns a text box into a paragraph after the one it stood
 * in — so each is counted here and reported.
 */
import { type Unzipped, unzipSync } from 'fflate'
import { type Dropped, DroppedCounter, type DroppedKind } from './dropped.ts'

/** The parts whose content the import reads: the body and the notes. */
const CONTENT_PARTS = ['word/document.xml', 'word/footnotes.xml', 'word/endnotes.xml']
const COMMENTS_PART = 'word/comments.xml'
const HEADER_FOOTER = /^word\/(header|footer)\d*\.xml$/
/** No part of a .docx under the import's size limit inflates this far; a larger claim is not read. */
const MAX_PART_BYTES = 64 * 1024 * 1024

/** Elements that are one item of what is not kept, by kind (the tag name ends at a space, `/` or `>`). */
const PATTERNS: Array<[DroppedKind, RegExp]> = [
  ['image', /<(pic:pic|v:imagedata)[\s/>]/g],
  ['textbox', /<w:txbxContent[\s/>]/g],
  ['trackedChange', /<w:(ins|del|moveFrom|moveTo|rPrChange|pPrChange)[\s/>]/g],
  ['chart', /<c:chart[\s/>]/g],
  ['diagram', /<dgm:relIds[\s/>]/g],
  ['equation', /<m:oMath[\s/>]/g],
]

const count = (xml: string, pattern: RegExp) => xml.match(pattern)?.length ?? 0

/**
 * Word writes a drawing twice — the modern form and a fallback for old
 * readers (`mc:Fallback`) — so the fallback is left out before counting.
 */
function withoutFallbacks(xml: string): string {
  return xml.replace(/<mc:Fallback[\s>][\s\S]*?<\/mc:Fallback>/g, '')
}

function unzip(bytes: Uint8Array): Unzipped {
  return unzipSync(bytes, {
    filter: (file) =>
      file.originalSize <= MAX_PART_BYTES &&
      (CONTENT_PARTS.includes(file.name) ||
        file.name === COMMENTS_PART ||
        HEADER_FOOTER.test(file.name)),
  })
}

/** True when a header or footer part shows any text. */
function hasText(xml: string): boolean {
  for (const match of xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)) {
    if (match[1]!.trim() !== '') return true
  }
  return false
}

/**
 * Counts what the import leaves out of the .docx in `bytes`. A file that is
 * no zip gives an empty list: mammoth's own error then says it is unreadable.
 */
export function countDropped(bytes: Uint8Array): Dropped[] {
  let files: Unzipped
  try {
    files = unzip(bytes)
  } catch {
    return []
  }
  const decoder = new TextDecoder()
  const dropped = new DroppedCounter()
  for (const [name, data] of Object.entries(files)) {
    const xml = decoder.decode(data)
    if (CONTENT_PARTS.includes(name)) {
      const content = withoutFallbacks(xml)
      for (const [what, pattern] of PATTERNS) dropped.add(what, count(content, pattern))
    } else if (name === COMMENTS_PART) {
      dropped.add('comment', count(xml, /<w:comment[\s>]/g))
    } else if (hasText(xml)) {
      dropped.add('headerFooter')
    }
  }
  return dropped.list()
}
