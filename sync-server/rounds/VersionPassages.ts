/**
 * The passages of saved versions, read once: versions never change, so what a
 * round's summary and the outdated check of threads (R6) need of a version is
 * decoded from its stored state a single time. Passages with their text are
 * kept for the last few versions; for many more, only a fingerprint of each
 * passage's text (enough to tell whether it changed).
 */
import * as Y from 'yjs'
import { FRAGMENT_NAME } from '../../shared/schema.ts'
import type { Storage } from '../persistence/Storage.ts'
import { type Passage, passagesOf } from './passages.ts'

/** blockId → fingerprint of that passage's text in one version. */
export type Fingerprints = ReadonlyMap<string, number>

/**
 * A 53-bit fingerprint of a text (FNV-1a over its UTF-16 units, with its
 * length): two different texts of one passage share one only by a chance of
 * about one in four billion, and it costs 8 bytes instead of the text.
 */
export function fingerprint(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash * 2 ** 21 + (text.length % 2 ** 21)
}

/** A map that forgets its least recently used entries past `capacity`. */
class Recent<V> {
  readonly #entries = new Map<string, V>()
  constructor(readonly capacity: number) {}
  get(key: string): V | undefined {
    const value = this.#entries.get(key)
    if (value !== undefined) {
      this.#entries.delete(key)
      this.#entries.set(key, value)
    }
    return value
  }
  set(key: string, value: V): void {
    this.#entries.delete(key)
    this.#entries.set(key, value)
    while (this.#entries.size > this.capacity) {
      const [oldest] = this.#entries.keys()
      this.#entries.delete(oldest!)
    }
  }
  delete(key: string): void {
    this.#entries.delete(key)
  }
}

export class VersionPassages {
  readonly #storage: Storage
  readonly #passages: Recent<Promise<Passage[] | undefined>>
  readonly #fingerprints: Recent<Fingerprints>

  /**
   * @param capacity versions whose passages are kept with their text @default 32
   * @param fingerprintCapacity versions whose fingerprints are kept (a few kB each) @default 1000
   */
  constructor(storage: Storage, capacity = 32, fingerprintCapacity = 1000) {
    this.#storage = storage
    this.#passages = new Recent(capacity)
    this.#fingerprints = new Recent(fingerprintCapacity)
  }

  /** The passages of a version in text order, or undefined when it is not stored. */
  passages(proposalId: string, versionId: string): Promise<Passage[] | undefined> {
    const key = `${proposalId}/${versionId}`
    let entry = this.#passages.get(key)
    if (!entry) {
      entry = this.#read(proposalId, versionId)
      this.#passages.set(key, entry)
      // A failed or missing read is tried again next time, not remembered.
      const drop = () => this.#passages.delete(key)
      entry.then((found) => found ?? drop(), drop)
    }
    return entry
  }

  /** Fingerprints of each passage's text in a version; undefined when it is not stored. */
  async fingerprints(proposalId: string, versionId: string): Promise<Fingerprints | undefined> {
    const key = `${proposalId}/${versionId}`
    const known = this.#fingerprints.get(key)
    if (known) return known
    const passages = await this.passages(proposalId, versionId)
    if (!passages) return undefined
    const map = new Map<string, number>()
    for (const passage of passages)
      if (passage.blockId) map.set(passage.blockId, fingerprint(passage.text))
    this.#fingerprints.set(key, map)
    return map
  }

  async #read(proposalId: string, versionId: string): Promise<Passage[] | undefined> {
    const stored = await this.#storage.versions.content(proposalId, versionId)
    if (!stored) return undefined
    const doc = new Y.Doc({ gc: true })
    try {
      Y.applyUpdate(doc, stored.state)
      return passagesOf(doc.getXmlFragment(FRAGMENT_NAME))
    } finally {
      doc.destroy()
    }
  }
}
