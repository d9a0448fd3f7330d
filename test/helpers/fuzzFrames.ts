/**
 * Hostile frames for the sync endpoint, from a seeded generator: random bytes,
 * and valid frames mutated — bit flips, truncations, impossible lengths, corrupt
 * delete sets, updates with missing dependencies, awareness floods, type-100
 * frames. Deterministic for a seed.
 */
import * as encoding from 'lib0/encoding'
import * as prng from 'lib0/prng'
import * as Y from 'yjs'
import { updateFrame } from './clients.ts'

type PRNG = ReturnType<typeof prng.create>

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  write(encoder)
  return encoding.toUint8Array(encoder)
}

/** Valid updates a client could send, built on a copy of `base`. */
export function validUpdates(base: Y.Doc, gen: PRNG, count: number): Uint8Array[] {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base))
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  const fragment = doc.getXmlFragment('default')
  for (let i = 0; i < count; i++) {
    const block = fragment.get(prng.int32(gen, 0, Math.max(0, fragment.length - 1)))
    const text = block instanceof Y.XmlElement ? block.get(0) : null
    if (text instanceof Y.XmlText && text.length > 2 && prng.bool(gen)) {
      text.delete(prng.int32(gen, 0, text.length - 2), 1)
    } else if (text instanceof Y.XmlText) {
      text.insert(prng.int32(gen, 0, text.length), prng.word(gen, 1, 6))
    } else {
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText(prng.word(gen, 1, 8))])
      fragment.insert(fragment.length, [paragraph])
    }
  }
  return updates
}

const mutations: Array<(gen: PRNG, bytes: Uint8Array) => Uint8Array> = [
  // A flipped bit.
  (gen, bytes) => {
    const copy = bytes.slice()
    const at = prng.int32(gen, 0, copy.length - 1)
    copy[at] = copy[at]! ^ (1 << prng.int32(gen, 0, 7))
    return copy
  },
  // Cut short.
  (gen, bytes) => bytes.slice(0, prng.int32(gen, 0, bytes.length - 1)),
  // An impossible length: a var-uint that never ends.
  (gen, bytes) => {
    const copy = bytes.slice()
    const at = prng.int32(gen, 0, copy.length - 1)
    for (let i = at; i < Math.min(copy.length, at + 6); i++) copy[i] = 0xff
    return copy
  },
  // Garbage appended, as a corrupt delete set would look.
  (gen, bytes) => {
    const tail = prng.uint8Array(gen, prng.int32(gen, 1, 12))
    const copy = new Uint8Array(bytes.length + tail.length)
    copy.set(bytes)
    copy.set(tail, bytes.length)
    return copy
  },
]

export interface FuzzFrame {
  kind: string
  data: Uint8Array
}

/** One hostile frame. `updates` are valid updates in order (the source of mutations). */
export function hostileFrame(gen: PRNG, updates: Uint8Array[]): FuzzFrame {
  const pick = prng.int32(gen, 0, 9)
  const update = prng.oneOf(gen, updates)
  switch (pick) {
    case 0:
      return { kind: 'random', data: prng.uint8Array(gen, prng.int32(gen, 1, 64)) }
    case 1:
      return {
        kind: 'event',
        data: frame((e) => {
          encoding.writeVarUint(e, 100)
          encoding.writeVarString(e, JSON.stringify({ type: 'status', status: 'vastgesteld' }))
        }),
      }
    case 2: {
      // An update whose dependencies are missing: one of the later ones alone.
      const later = updates[prng.int32(gen, Math.min(1, updates.length - 1), updates.length - 1)]!
      return { kind: 'missing-dependencies', data: updateFrame(later) }
    }
    case 3:
      return {
        kind: 'awareness-flood',
        data: frame((e) => {
          encoding.writeVarUint(e, 1)
          const inner = encoding.createEncoder()
          const count = prng.int32(gen, 1, 50)
          encoding.writeVarUint(inner, count)
          for (let i = 0; i < count; i++) {
            encoding.writeVarUint(inner, prng.uint32(gen, 1, 2 ** 31))
            encoding.writeVarUint(inner, prng.int32(gen, 0, 1000))
            encoding.writeVarString(
              inner,
              JSON.stringify({ user: { name: prng.word(gen) }, cursor: prng.word(gen, 0, 200) }),
            )
          }
          encoding.writeVarUint8Array(e, encoding.toUint8Array(inner))
        }),
      }
    case 4:
      return {
        kind: 'sync-step-1',
        data: frame((e) => {
          encoding.writeVarUint(e, 0)
          encoding.writeVarUint(e, 0)
          encoding.writeVarUint8Array(e, prng.uint8Array(gen, prng.int32(gen, 0, 20)))
        }),
      }
    default: {
      const mutate = prng.oneOf(gen, mutations)
      const wrapped = prng.bool(gen)
        ? updateFrame(mutate(gen, update))
        : mutate(gen, updateFrame(update))
      return { kind: 'mutated-update', data: wrapped }
    }
  }
}
