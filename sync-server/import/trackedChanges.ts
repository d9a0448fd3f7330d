/**
 * Word's tracked changes in a .docx (W2), read so that the import keeps the
 * text as it stands and makes each change a suggestion: the body with every
 * insertion left out and every deletion kept as plain text (what Word shows
 * with "Geen markeringen – origineel"), and the changes with their place in
 * that text, their author and their time. A deletion followed at once by an
 * insertion of the same author is one replacement, as Word shows it.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'

/** One tracked change, at offsets of the original text (paragraphs joined by "\n"). */
export interface ImportedChange {
  from: number
  to: number
  quote: string
  replacement: string
  author: string
  date: string | null
  /** Up to 30 characters of the original text before it, to find it again. */
  before: string
}

/** The changes of a .docx and the original text their offsets count in. */
export interface TrackedChanges {
  /** The original text as the changes' offsets count it. */
  text: string
  changes: ImportedChange[]
}

export interface TrackedDocx extends TrackedChanges {
  /** The .docx with the original text only, for the ordinary import. */
  original: Uint8Array
}

const DOCUMENT = 'word/document.xml'
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
const decode = (xml: string) =>
  xml.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, name: string) =>
    name[0] === '#'
      ? String.fromCodePoint(Number(name[1] === 'x' ? `0${name.slice(1)}` : name.slice(1)))
      : ENTITIES[name]!,
  )
const attribute = (tag: string, name: string) =>
  tag.match(new RegExp(`${name}="([^"]*)"`))?.[1] ?? null

/** Tags that matter here, in document order. */
const TOKENS =
  /<w:p[\s>]|<\/w:p>|<w:(ins|del)\s[^>]*?(\/?)>|<\/w:(ins|del)>|<w:(t|delText)(?:\s[^>]*)?>([^<]*)<\/w:(?:t|delText)>|<w:(tab|br)\b[^>]*\/>/g

/** Reads the tracked changes of the body; null when it has none. */
export function readTrackedChanges(bytes: Uint8Array): TrackedDocx | null {
  // The body alone first: most files have no tracked changes, and their images
  // need not be unpacked again to find that out.
  const xml = partText(bytes, DOCUMENT)
  if (xml === null || !/<w:(ins|del)\s[^>]*[^/]>/.test(xml)) return null
  let text = ''
  let paragraphs = 0
  let open: { kind: 'ins' | 'del'; author: string; date: string | null; from: number } | null = null
  let inserted = ''
  const changes: ImportedChange[] = []
  for (const match of xml.matchAll(TOKENS)) {
    const token = match[0]
    if (token.startsWith('<w:p')) {
      if (paragraphs++ > 0) text += '\n'
    } else if (match[1] && !match[2]) {
      open = {
        kind: match[1] as 'ins' | 'del',
        author: decode(attribute(token, 'w:author') ?? ''),
        date: attribute(token, 'w:date'),
        from: text.length,
      }
      inserted = ''
    } else if (match[3] && open) {
      const last = changes.at(-1)
      const change: ImportedChange = {
        from: open.from,
        to: open.kind === 'del' ? text.length : open.from,
        quote: open.kind === 'del' ? text.slice(open.from) : '',
        replacement: open.kind === 'ins' ? inserted : '',
        author: open.author,
        date: open.date,
        before: text.slice(Math.max(0, open.from - 30), open.from),
      }
      // A deletion and the insertion right after it, by one person: one replacement.
      if (open.kind === 'ins' && last && last.to === open.from && last.author === open.author)
        last.replacement += inserted
      else if (change.quote !== '' || change.replacement !== '') changes.push(change)
      open = null
    } else if (match[4]) {
      const value = decode(match[5] ?? '')
      if (open?.kind === 'ins') inserted += value
      else text += value
    } else if (match[6]) {
      if (open?.kind === 'ins') inserted += match[6] === 'tab' ? '\t' : '\n'
      else text += match[6] === 'tab' ? '\t' : '\n'
    }
  }
  const files = unzipSync(bytes)
  files[DOCUMENT] = strToU8(originalXml(xml))
  return { original: zipSync(files), text, changes }
}

/** One part of the zip as text, or null when it is missing or the zip unreadable. */
function partText(bytes: Uint8Array, name: string): string | null {
  try {
    const part = unzipSync(bytes, { filter: (file) => file.name === name })[name]
    return part ? strFromU8(part) : null
  } catch {
    return null
  }
}

/** The body without insertions, its deletions as ordinary text. */
function originalXml(xml: string): string {
  return xml
    .replace(/<w:ins\s[^>]*[^/]>[\s\S]*?<\/w:ins>/g, '')
    .replace(/<w:(ins|del)\s[^>]*\/>/g, '')
    .replace(/<w:del\s[^>]*>|<\/w:del>/g, '')
    .replace(/<w:delText\b/g, '<w:t')
    .replace(/<\/w:delText>/g, '</w:t>')
}
