/**
 * What the editor's liveness probe costs the server (see docs/PROTOCOL.md,
 * "Probes"). Every visible, quiet editor sends a sync step 1 about every 2 s;
 * with hundreds of readers that must cost next to nothing.
 *
 * Builds a long proposal the way a working group writes one (eight writers
 * typing, deleting and formatting, so the delete set is large), then times, for
 * a client that lacks nothing, the answer the server gives now (`syncAnswer`: an
 * empty update) against the one it gave before (`Y.encodeStateAsUpdate` with
 * the client's state vector, which always encodes the whole delete set).
 *
 * `node --import tsx bench/probes.ts [--words 15000] [--runs 2000]` prints a table
 * and one JSON line.
 */
import { performance } from 'node:perf_hooks'
import * as prng from 'lib0/prng'
import * as Y from 'yjs'
import { syncAnswer } from '../sync-server/rooms/syncAnswer.ts'
import { numberFlag } from './lib/timing.ts'

const args = process.argv.slice(2)
const words = numberFlag(args, 'words') ?? 15_000
const runs = numberFlag(args, 'runs') ?? 2000
const gen = prng.create(20_30)
const VOCABULARY =
  'gemeenten nemen het voortouw in de grote transities energie klimaat woningnood regio samen inwoners omkering'.split(
    ' ',
  )

/** A document of about `words` words in 60 passages, written by eight clients with deletions and formatting. */
function writeProposal(): Y.Doc {
  const server = new Y.Doc()
  const writers = Array.from({ length: 8 }, () => new Y.Doc())
  const fragment = server.getXmlFragment('default')
  for (let i = 0; i < 60; i++) {
    const block = new Y.XmlElement('paragraph')
    block.insert(0, [new Y.XmlText()])
    fragment.insert(i, [block])
  }
  for (const writer of writers) Y.applyUpdate(writer, Y.encodeStateAsUpdate(server))
  // Each writer types about twice its share and deletes about half again.
  for (let n = 0; n < words * 2; n++) {
    const writer = prng.oneOf(gen, writers)
    const block = writer.getXmlFragment('default').get(prng.int32(gen, 0, 59)) as Y.XmlElement
    const text = block.get(0) as Y.XmlText
    const before = Y.encodeStateVector(writer)
    if (text.length > 20 && prng.int32(gen, 0, 3) === 0) {
      text.delete(prng.int32(gen, 0, text.length - 10), prng.int32(gen, 1, 9))
    } else {
      text.insert(prng.int32(gen, 0, text.length), `${prng.oneOf(gen, VOCABULARY)} `)
      if (prng.int32(gen, 0, 20) === 0) text.format(0, Math.min(5, text.length), { bold: {} })
    }
    Y.applyUpdate(server, Y.encodeStateAsUpdate(writer, before))
  }
  return server
}

function time(label: string, answer: () => Uint8Array) {
  let bytes = 0
  const start = performance.now()
  for (let i = 0; i < runs; i++) bytes = answer().length
  const microseconds = ((performance.now() - start) * 1000) / runs
  return { label, microseconds, bytes }
}

const doc = writeProposal()
const stateVector = Y.encodeStateVector(doc)
const deleteRanges = [...Y.createDeleteSetFromStructStore(doc.store).clients.values()].reduce(
  (sum, ranges) => sum + ranges.length,
  0,
)
const full = Y.encodeStateAsUpdate(doc)
const results = [
  time('answer now: syncAnswer for a caught-up socket', () =>
    syncAnswer(doc, stateVector, true, () => full),
  ),
  time('answer before: encodeStateAsUpdate(doc, stateVector)', () =>
    Y.encodeStateAsUpdate(doc, stateVector),
  ),
]
console.log(
  `A proposal of ${doc.getXmlFragment('default').toString().length} characters of XML, ${deleteRanges} deleted ranges, ${full.length} bytes encoded; ${runs} probes each.`,
)
console.log('| answer | µs per probe | bytes sent | CPU for 500 readers probing every 2.25 s |')
console.log('|---|---:|---:|---:|')
for (const { label, microseconds, bytes } of results) {
  const share = ((500 / 2.25) * microseconds) / 1e6
  console.log(
    `| ${label} | ${microseconds.toFixed(1)} | ${bytes} | ${(share * 100).toFixed(2)} % |`,
  )
}
console.log(JSON.stringify({ words, runs, deleteRanges, encodedBytes: full.length, results }))
