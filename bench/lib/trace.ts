/**
 * The editing trace of bench/data (every keystroke of writing arXiv:1608.03960), replayed
 * the way a Tiptap editor stores it: one paragraph per line in the fragment `default`,
 * Enter splitting a paragraph and Backspace at a line start joining two, as y-tiptap's
 * binding writes them. The replay takes seconds, so its updates are cached under
 * bench/results/cache (not committed).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'
import * as Y from 'yjs'
import { FRAGMENT } from './content.ts'

const TRACE = fileURLToPath(new URL('../data/automerge-paper.json.gz', import.meta.url))
const CACHE = fileURLToPath(new URL('../results/cache/', import.meta.url))
/** Bump when the replay changes, so stale caches are not used. */
const REPLAY_VERSION = 1
/** The Yjs client id of the trace's author. */
export const TRACE_CLIENT_ID = 160_803_960

interface Trace {
  txns: Array<{ patches: Array<[number, number, string]> }>
  endContent: string
}

export interface TraceFiles {
  /** Length-prefixed (u32 LE) updates, `batch` keystrokes each. */
  updatesFile: string
  /** One update holding the whole final state. */
  stateFile: string
  /** Encoded state vector of the final document, base64. */
  stateVector: string
  updates: number
  stateBytes: number
  keystrokes: number
}

/** Replays the trace into paragraphs and returns (cached) files of its updates. */
export function traceFiles(batch: number): TraceFiles {
  const base = `${CACHE}trace-v${REPLAY_VERSION}-b${batch}`
  const meta = `${base}-meta.jsonl`
  if (existsSync(meta)) return JSON.parse(readFileSync(meta, 'utf8')) as TraceFiles
  mkdirSync(CACHE, { recursive: true })
  const trace = JSON.parse(gunzipSync(readFileSync(TRACE)).toString('utf8')) as Trace
  const doc = new Y.Doc()
  doc.clientID = TRACE_CLIENT_ID
  const chunks: Buffer[] = []
  doc.on('update', (update: Uint8Array) => {
    const length = Buffer.alloc(4)
    length.writeUInt32LE(update.length)
    chunks.push(length, Buffer.from(update))
  })
  const replay = new ParagraphReplay(doc)
  const txns = trace.txns
  for (let at = 0; at < txns.length; at += batch) {
    doc.transact(() => {
      for (const txn of txns.slice(at, at + batch)) {
        for (const [position, deletes, text] of txn.patches) {
          for (let i = 0; i < deletes; i++) replay.deleteAt(position)
          for (let i = 0; i < text.length; i++) replay.insertAt(position + i, text[i]!)
        }
      }
    })
  }
  if (replay.text() !== trace.endContent) throw new Error('trace replay diverged from endContent')
  const state = Y.encodeStateAsUpdate(doc)
  const files: TraceFiles = {
    updatesFile: `${base}.updates`,
    stateFile: `${base}.state`,
    stateVector: Buffer.from(Y.encodeStateVector(doc)).toString('base64'),
    updates: chunks.length / 2,
    stateBytes: state.length,
    keystrokes: txns.length,
  }
  writeFileSync(files.updatesFile, Buffer.concat(chunks))
  const length = Buffer.alloc(4)
  length.writeUInt32LE(state.length)
  writeFileSync(files.stateFile, Buffer.concat([length, Buffer.from(state)]))
  writeFileSync(meta, JSON.stringify(files))
  return files
}

/** Flat-text positions mapped onto paragraphs, each a Y.XmlElement holding a Y.XmlText. */
class ParagraphReplay {
  private readonly fragment: Y.XmlFragment
  private readonly texts: Y.XmlText[] = []
  private readonly lines: string[] = []
  // the paragraph found last and where it starts: edits are local, so search from there
  private index = 0
  private start = 0

  constructor(doc: Y.Doc) {
    this.fragment = doc.getXmlFragment(FRAGMENT)
    this.insertParagraph(0, '')
  }

  text(): string {
    return this.lines.join('\n')
  }

  /** Paragraph index and offset of flat position `position`. */
  private locate(position: number): [number, number] {
    while (position < this.start && this.index > 0) {
      this.index--
      this.start -= this.lines[this.index]!.length + 1
    }
    while (
      this.index < this.lines.length - 1 &&
      position > this.start + this.lines[this.index]!.length
    ) {
      this.start += this.lines[this.index]!.length + 1
      this.index++
    }
    return [this.index, position - this.start]
  }

  private insertParagraph(index: number, content: string): void {
    const paragraph = new Y.XmlElement('paragraph')
    const text = new Y.XmlText(content)
    paragraph.insert(0, [text])
    this.fragment.insert(index, [paragraph])
    this.texts.splice(index, 0, text)
    this.lines.splice(index, 0, content)
  }

  insertAt(position: number, char: string): void {
    const [index, offset] = this.locate(position)
    const line = this.lines[index]!
    if (char !== '\n') {
      this.texts[index]!.insert(offset, char)
      this.lines[index] = line.slice(0, offset) + char + line.slice(offset)
      return
    }
    // Enter: the tail leaves this paragraph and starts a new one
    const tail = line.slice(offset)
    if (tail) this.texts[index]!.delete(offset, tail.length)
    this.lines[index] = line.slice(0, offset)
    this.insertParagraph(index + 1, tail)
  }

  deleteAt(position: number): void {
    const [index, offset] = this.locate(position)
    const line = this.lines[index]!
    if (offset < line.length) {
      this.texts[index]!.delete(offset, 1)
      this.lines[index] = line.slice(0, offset) + line.slice(offset + 1)
      return
    }
    // the line break after this paragraph: the next one joins it
    const next = this.lines[index + 1]
    if (next === undefined) return
    if (next) this.texts[index]!.insert(line.length, next)
    this.lines[index] = line + next
    this.fragment.delete(index + 1, 1)
    this.texts.splice(index + 1, 1)
    this.lines.splice(index + 1, 1)
  }
}
