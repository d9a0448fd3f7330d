/**
 * Threads across versions (contract R6). A thread keeps the version current
 * when it was opened and its passage's text then; it is outdated once a later
 * version holds a different text for that passage (or no longer holds the
 * passage), and `outdatedVersionId` names the first such version.
 *
 * Versions never change, so each version's passages are read once (as
 * fingerprints, see `VersionPassages`); listing threads then costs a walk over
 * the versions newer than each thread's, with no document decoded.
 */
import type { Storage, ThreadRecord, VersionRecord } from '../persistence/Storage.ts'
import { type Fingerprints, fingerprint, type VersionPassages } from './VersionPassages.ts'

export class OutdatedThreads {
  readonly #storage: Storage
  readonly #passages: VersionPassages

  constructor(storage: Storage, passages: VersionPassages) {
    this.#storage = storage
    this.#passages = passages
  }

  /** threadId → the first later version in which the thread's passage reads differently. */
  async of(proposalId: string, threads: Iterable<ThreadRecord>): Promise<Map<string, string>> {
    const found = new Map<string, string>()
    const candidates = [...threads].filter((t) => t.blockId !== null && t.passageText !== null)
    if (candidates.length === 0) return found
    const versions = (await this.#storage.versions.list(proposalId)).reverse()
    if (versions.length === 0) return found
    const order = new Map(versions.map((version, index) => [version.id, index]))
    const read = new Map<string, Promise<Fingerprints | undefined>>()
    const fingerprintsOf = (version: VersionRecord) => {
      let entry = read.get(version.id)
      if (!entry) {
        entry = this.#passages.fingerprints(proposalId, version.id)
        read.set(version.id, entry)
      }
      return entry
    }
    for (const thread of candidates) {
      const expected = fingerprint(thread.passageText!)
      for (let i = firstNewer(thread, versions, order); i < versions.length; i++) {
        const version = versions[i]!
        const texts = await fingerprintsOf(version)
        // A version whose state is gone (pruned meanwhile) says nothing either way.
        if (texts && texts.get(thread.blockId!) !== expected) {
          found.set(thread.id, version.id)
          break
        }
      }
    }
    return found
  }
}

/**
 * Index of the first version newer than the one current when the thread was
 * opened. When that version is unknown (none existed yet, or an automatic one
 * was pruned since), the versions saved after the thread was opened.
 */
function firstNewer(
  thread: ThreadRecord,
  versions: readonly VersionRecord[],
  order: ReadonlyMap<string, number>,
): number {
  const known = thread.versionId === null ? undefined : order.get(thread.versionId)
  if (known !== undefined) return known + 1
  const index = versions.findIndex((version) => version.createdAt > thread.createdAt)
  return index < 0 ? versions.length : index
}
