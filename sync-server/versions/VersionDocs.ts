/**
 * Versions decoded for reading and comparing. A version's stored state is its
 * full Yjs state (V2: no history is replayed); decoding a long proposal still
 * costs milliseconds, and versions never change, so the last few decoded ones
 * stay in memory.
 */
import * as Y from 'yjs'
import { FRAGMENT_NAME } from '../../shared/schema.ts'
import type { Storage } from '../persistence/Storage.ts'
import { type AuthorshipView, readAuthorship } from './diff/AuthorshipRecord.ts'
import type { IdentityMap } from './diff/IdentityMap.ts'

/** What a comparison needs of a version's authorship record. */
export interface VersionAuthorship {
  record: AuthorshipView
  identities: IdentityMap
}

/** A version's text as a Yjs fragment, and its authorship record (read when first asked). */
export interface DecodedVersion {
  fragment: Y.XmlFragment
  authorship(): VersionAuthorship
}

export class VersionDocs {
  readonly #storage: Storage
  readonly #capacity: number
  /** Insertion order is use order: the first entry is the least recently used. */
  readonly #entries = new Map<string, Promise<DecodedVersion | undefined>>()

  /** @param capacity decoded versions kept in memory @default 8 */
  constructor(storage: Storage, capacity = 8) {
    this.#storage = storage
    this.#capacity = capacity
  }

  /** The decoded version, or undefined when its content is not stored. */
  get(proposalId: string, versionId: string): Promise<DecodedVersion | undefined> {
    const key = `${proposalId}/${versionId}`
    let entry = this.#entries.get(key)
    if (entry) this.#entries.delete(key)
    else {
      entry = this.#load(proposalId, versionId)
      // A failed or missing read is tried again next time, not remembered.
      const drop = () => this.#entries.get(key) === entry && this.#entries.delete(key)
      entry.then((version) => version ?? drop(), drop)
    }
    this.#entries.set(key, entry)
    while (this.#entries.size > this.#capacity) {
      const [oldest] = this.#entries.keys()
      this.#entries.delete(oldest!)
    }
    return entry
  }

  /** Drops a version from memory (after pruning). */
  forget(proposalId: string, versionId: string): void {
    this.#entries.delete(`${proposalId}/${versionId}`)
  }

  async #load(proposalId: string, versionId: string): Promise<DecodedVersion | undefined> {
    const stored = await this.#storage.versions.content(proposalId, versionId)
    if (!stored) return undefined
    // gc on, as in the rooms: a version holds no more history than its state.
    const doc = new Y.Doc({ gc: true })
    Y.applyUpdate(doc, stored.state)
    let authorship: VersionAuthorship | null = null
    return {
      fragment: doc.getXmlFragment(FRAGMENT_NAME),
      authorship: () => {
        authorship ??= readAuthorship(stored.authorship)
        return authorship
      },
    }
  }
}
