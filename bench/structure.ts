/**
 * What checking an update by structure costs (contract S9), per edit, on a long
 * proposal with history, and what reading it without repairing costs.
 *
 * Builds a proposal of about 15,000 words (paragraphs, headings, lists, quotes)
 * with a history of deleted and retyped passages (tombstones beside the live
 * blocks), then times, in this process, the judging step's two parts for each
 * kind of edit — decoding and the completeness check (`inspectUpdate`, there
 * before) and the structure check (`checkStructure`, new) — and reading the
 * whole text as ProseMirror JSON: the server's reader against y-tiptap's
 * conversion (on a copy, since y-tiptap may change what it reads). The updates
 * of each kind are made first, each on its own replica, and then judged back to
 * back against the same document, as a server judges a stream of them.
 *
 * `node --import tsx bench/structure.ts [--words 15000] [--runs 300]` prints a
 * table and one JSON line.
 */
import { performance } from 'node:perf_hooks'
import { getSchema } from '@tiptap/core'
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import { createSchemaExtensions, FRAGMENT_NAME } from '../shared/schema.ts'
import { inspectUpdate } from '../sync-server/rooms/inspectUpdate.ts'
import { checkStructure } from '../sync-server/structure/checkStructure.ts'
import { readDocument } from '../sync-server/structure/readDocument.ts'
import { SchemaRules } from '../sync-server/structure/SchemaRules.ts'
import { createProse } from './lib/content.ts'
import { describeMachine, machineLine } from './lib/machine.ts'
import { numberFlag, type Timing, timingOf } from './lib/timing.ts'

const rules = SchemaRules.for(getSchema(createSchemaExtensions()))

function element(
  name: string,
  children: Array<Y.XmlElement | string>,
  attrs: Record<string, unknown> = {},
) {
  const node = new Y.XmlElement(name)
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value as string)
  node.insert(
    0,
    children.map((child) => (typeof child === 'string' ? new Y.XmlText(child) : child)),
  )
  return node
}
const paragraph = (text: string) => element('paragraph', [text])

/** A long proposal with history: blocks deleted and retyped leave tombstones. */
function buildProposal(words: number): Y.Doc {
  const doc = new Y.Doc()
  const fragment = doc.getXmlFragment(FRAGMENT_NAME)
  let written = 0
  for (let block = 0; written < words; block++) {
    const text = createProse(160, block)
    written += text.split(' ').length
    const node =
      block % 12 === 0
        ? element('heading', [createProse(40, block)], { level: 2 })
        : block % 17 === 0
          ? element(
              'bulletList',
              [1, 2, 3].map((i) =>
                element('listItem', [paragraph(createProse(60, block * 7 + i))]),
              ),
            )
          : block % 23 === 0
            ? element('blockquote', [paragraph(text)])
            : paragraph(text)
    fragment.insert(fragment.length, [node])
  }
  // History: passages deleted and written again, by other clients, as in a long edit.
  for (let i = 0; i < 300; i++) {
    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
    const f = other.getXmlFragment(FRAGMENT_NAME)
    const at = (i * 37) % f.length
    if (f.get(at) instanceof Y.XmlElement && (f.get(at) as Y.XmlElement).nodeName === 'paragraph') {
      f.delete(at, 1)
      f.insert(at, [paragraph(createProse(160, 10_000 + i))])
    }
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)))
    other.destroy()
  }
  return doc
}

type Edit = (fragment: Y.XmlFragment, round: number) => void
const middle = (f: Y.XmlFragment) => Math.floor(f.length / 2)
function textOf(f: Y.XmlFragment, index: number): Y.XmlText {
  for (let i = index; i < f.length; i++) {
    const node = f.get(i)
    if (node instanceof Y.XmlElement && node.nodeName === 'paragraph')
      return node.get(0) as Y.XmlText
  }
  throw new Error('no paragraph')
}

const EDITS: Array<[string, Edit]> = [
  ['a typed character', (f, round) => textOf(f, middle(f)).insert(round % 100, 'x')],
  ['a deleted character', (f, round) => textOf(f, middle(f)).delete(round % 100, 1)],
  ['bold over a word', (f, round) => textOf(f, middle(f)).format(round % 100, 5, { bold: {} })],
  [
    'Enter (a new paragraph)',
    (f) => {
      const at = middle(f)
      const text = textOf(f, at)
      const tail = text.toString().slice(40)
      text.delete(40, tail.length)
      f.insert(at + 1, [paragraph(tail)])
    },
  ],
  [
    'a new list item',
    (f) => {
      const list = f
        .toArray()
        .find(
          (node) => node instanceof Y.XmlElement && node.nodeName === 'bulletList',
        ) as Y.XmlElement
      list.insert(list.length, [element('listItem', [paragraph('Nieuw punt')])])
    },
  ],
  [
    'pasting 50 paragraphs',
    (f) =>
      f.insert(
        middle(f),
        Array.from({ length: 50 }, (_, i) => paragraph(createProse(160, i))),
      ),
  ],
  ['deleting everything but one block', (f) => f.delete(1, f.length - 1)],
]

/** The updates `runs` edits make, each on its own replica of `doc` (none applied). */
function updatesOf(doc: Y.Doc, edit: Edit, runs: number): Uint8Array[] {
  const updates: Uint8Array[] = []
  for (let round = 0; round < runs; round++) {
    const replica = new Y.Doc()
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc))
    const before = Y.encodeStateVector(replica)
    replica.transact(() => edit(replica.getXmlFragment(FRAGMENT_NAME), round))
    updates.push(Y.encodeStateAsUpdate(replica, before))
    replica.destroy()
  }
  return updates
}

/** Times both parts of judging each update, back to back (the updates are made first). */
function measure(doc: Y.Doc, edit: Edit, runs: number) {
  const updates = updatesOf(doc, edit, runs)
  const inspect: number[] = []
  const structure: number[] = []
  const root = doc.getXmlFragment(FRAGMENT_NAME)
  for (const update of updates) {
    let start = performance.now()
    const inspection = inspectUpdate(doc, update)
    inspect.push(performance.now() - start)
    if (!inspection.ok) throw new Error(`not complete: ${inspection.detail}`)
    start = performance.now()
    const verdict = checkStructure(doc, root, inspection.decoded, rules)
    structure.push(performance.now() - start)
    if (!verdict.ok) throw new Error(`refused: ${verdict.detail}`)
  }
  return { inspect: timingOf(inspect), structure: timingOf(structure) }
}

function timeRuns(runs: number, work: () => void): Timing {
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    work()
    samples.push(performance.now() - start)
  }
  return timingOf(samples)
}

const args = process.argv.slice(2)
const words = numberFlag(args, 'words') ?? 15_000
const runs = numberFlag(args, 'runs') ?? 300
const machine = describeMachine()
const doc = buildProposal(words)
const fragment = doc.getXmlFragment(FRAGMENT_NAME)
const results: Record<string, { inspect: Timing; structure: Timing }> = {}
// Warm up the code paths once.
for (const [, edit] of EDITS) measure(doc, edit, 5)
for (const [name, edit] of EDITS) {
  results[name] = measure(
    doc,
    edit,
    name.startsWith('pasting') || name.startsWith('deleting') ? Math.ceil(runs / 5) : runs,
  )
}
const copy = () => {
  const replica = new Y.Doc()
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc))
  return replica
}
const reader = timeRuns(20, () => readDocument(fragment, rules))
const copies = Array.from({ length: 20 }, copy)
const yTiptap = timeRuns(20, () => {
  const replica = copies.pop() as Y.Doc
  yXmlFragmentToProseMirrorRootNode(replica.getXmlFragment(FRAGMENT_NAME), rules.schema)
})

const us = (ms: number) => `${Math.round(ms * 1000)} µs`
console.log(`${new Date().toISOString()} — ${machineLine(machine)}`)
console.log(
  `${words} words, ${fragment.length} blocks at the top, ${Y.encodeStateAsUpdate(doc).length} bytes of state`,
)
console.log(
  'edit'.padEnd(36),
  'inspect median/p95'.padStart(22),
  'structure median/p95'.padStart(24),
)
for (const [name, { inspect, structure }] of Object.entries(results)) {
  console.log(
    name.padEnd(36),
    `${us(inspect.median)} / ${us(inspect.p95)}`.padStart(22),
    `${us(structure.median)} / ${us(structure.p95)}`.padStart(24),
  )
}
console.log(
  `reading the whole text: server reader ${reader.median.toFixed(1)} ms (p95 ${reader.p95.toFixed(1)}), y-tiptap ${yTiptap.median.toFixed(1)} ms (p95 ${yTiptap.p95.toFixed(1)})`,
)
console.log(JSON.stringify({ machine, words, blocks: fragment.length, results, reader, yTiptap }))
