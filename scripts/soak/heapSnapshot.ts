/**
 * A V8 heap snapshot (the JSON the inspector streams) reduced to bytes and counts
 * per kind and name, and the growth between two of them — split into the
 * program's data (objects, strings, arrays, closures, buffers) and what V8 keeps
 * for itself (compiled code, feedback, shapes), which grows as more code gets
 * optimised and is no leak.
 */

/** Bytes and count per `kind:name`, e.g. `object:Connection`. */
export type HeapSummary = Map<string, { count: number; bytes: number }>

/** Node kinds that are V8's own rather than the program's data. */
const ENGINE_KINDS = new Set(['code', 'hidden', 'object shape', 'synthetic'])

interface SnapshotJson {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } }
  nodes: number[]
  strings: string[]
}

export function summariseSnapshot(json: string): HeapSummary {
  const { snapshot, nodes, strings } = JSON.parse(json) as SnapshotJson
  const fields = snapshot.meta.node_fields
  const kinds = snapshot.meta.node_types[0]
  const width = fields.length
  const kindAt = fields.indexOf('type')
  const nameAt = fields.indexOf('name')
  const sizeAt = fields.indexOf('self_size')
  const summary: HeapSummary = new Map()
  for (let i = 0; i < nodes.length; i += width) {
    const kind = kinds[nodes[i + kindAt]!] ?? '?'
    // Strings are named by their text: one line for all of them.
    const name = kind.includes('string') ? '' : (strings[nodes[i + nameAt]!] ?? '').slice(0, 60)
    const key = `${kind}:${name}`
    const entry = summary.get(key) ?? { count: 0, bytes: 0 }
    entry.count++
    entry.bytes += nodes[i + sizeAt]!
    summary.set(key, entry)
  }
  return summary
}

export interface HeapGrowth {
  /** The program's data at the first snapshot, and how much it grew. */
  dataBefore: number
  dataBytes: number
  /** V8's own (code, shapes): grows with optimisation. */
  engineBytes: number
  /** The kinds of data that grew most, largest first. */
  top: Array<{ key: string; count: number; bytes: number }>
}

export function heapGrowth(before: HeapSummary, after: HeapSummary): HeapGrowth {
  let dataBefore = 0
  let dataBytes = 0
  let engineBytes = 0
  const grown: HeapGrowth['top'] = []
  for (const [key, { bytes }] of before) {
    if (!ENGINE_KINDS.has(key.slice(0, key.indexOf(':')))) dataBefore += bytes
  }
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const was = before.get(key) ?? { count: 0, bytes: 0 }
    const now = after.get(key) ?? { count: 0, bytes: 0 }
    const bytes = now.bytes - was.bytes
    if (ENGINE_KINDS.has(key.slice(0, key.indexOf(':')))) {
      engineBytes += bytes
      continue
    }
    dataBytes += bytes
    if (bytes > 0) grown.push({ key, count: now.count - was.count, bytes })
  }
  grown.sort((a, b) => b.bytes - a.bytes)
  return { dataBefore, dataBytes, engineBytes, top: grown.slice(0, 5) }
}
