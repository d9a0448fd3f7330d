/**
 * The storage contract: every implementation of `Storage` runs this suite
 * (`lowdb/LowdbStorage.test.ts` now; PostgreSQL later).
 */
import { describe, expect, it } from 'vitest'
import type { PersonRecord, ProposalRecord, Storage } from './Storage.ts'

export interface StorageUnderTest {
  storage: Storage
  /** Closes the storage and opens a new one on the same data. */
  reopen(): Promise<Storage>
  cleanup(): Promise<void>
}

const person = (id: string, extra: Partial<PersonRecord> = {}): PersonRecord => ({
  id,
  name: `Persoon ${id}`,
  role: 'writer',
  proposals: ['voorstel-1'],
  organisation: 'Gemeente Zwolle',
  province: 'Overijssel',
  color: '#1f5f8b',
  tokenHash: `hash-${id}`,
  isAdmin: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: null,
  revokedAt: null,
  ...extra,
})

const proposal = (id: string, extra: Partial<ProposalRecord> = {}): ProposalRecord => ({
  id,
  title: `Titel ${id}`,
  status: 'concept',
  statusChangedAt: null,
  statusChangedBy: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...extra,
})

const bytes = (...values: number[]) => new Uint8Array(values)

export function describeStorageContract(
  name: string,
  create: () => Promise<StorageUnderTest>,
): void {
  describe(`storage contract: ${name}`, () => {
    async function withStorage(test: (subject: StorageUnderTest) => Promise<void>) {
      const subject = await create()
      try {
        await test(subject)
      } finally {
        await subject.cleanup()
      }
    }

    it('keeps people, finds them by token hash, and replaces on put', () =>
      withStorage(async ({ storage, reopen }) => {
        await storage.people.put(person('a'))
        await storage.people.put(person('b', { role: 'reviewer' }))
        await storage.people.put(
          person('a', { name: 'Anna', revokedAt: '2026-02-01T00:00:00.000Z' }),
        )
        const again = await reopen()
        expect((await again.people.list()).map((p) => p.id).sort()).toEqual(['a', 'b'])
        expect(await again.people.get('a')).toMatchObject({
          name: 'Anna',
          revokedAt: '2026-02-01T00:00:00.000Z',
        })
        expect((await again.people.getByTokenHash('hash-b'))?.id).toBe('b')
        expect(await again.people.getByTokenHash('hash-x')).toBeUndefined()
        expect(await again.people.get('x')).toBeUndefined()
      }))

    it('returns copies: changing a returned record changes nothing stored', () =>
      withStorage(async ({ storage }) => {
        await storage.people.put(person('a'))
        const copy = (await storage.people.get('a'))!
        copy.name = 'Veranderd'
        expect((await storage.people.get('a'))!.name).toBe('Persoon a')
      }))

    it('keeps proposals', () =>
      withStorage(async ({ storage, reopen }) => {
        await storage.proposals.put(proposal('voorstel-1'))
        await storage.proposals.put(proposal('voorstel-2', { status: 'vastgesteld' }))
        const again = await reopen()
        expect((await again.proposals.get('voorstel-2'))?.status).toBe('vastgesteld')
        expect((await again.proposals.list()).length).toBe(2)
        expect(await again.proposals.get('voorstel-9')).toBeUndefined()
      }))

    it('an unknown document has no snapshot and an empty log', () =>
      withStorage(async ({ storage }) => {
        expect(await storage.documents.load('nergens')).toMatchObject({ snapshot: null, log: [] })
      }))

    it('appends records in order, per document, and reads them back after a reopen', () =>
      withStorage(async ({ storage, reopen }) => {
        await storage.documents.append('d1', { personId: 'a', update: bytes(1) })
        await storage.documents.append('d2', { personId: 'b', update: bytes(9) })
        await storage.documents.append('d1', { personId: 'b', update: bytes(2, 2) })
        expect(storage.documents.logBytes('d1')).toBeGreaterThan(0)
        const again = await reopen()
        const d1 = await again.documents.load('d1')
        expect(d1.snapshot).toBeNull()
        expect(d1.log).toEqual([
          { personId: 'a', update: bytes(1) },
          { personId: 'b', update: bytes(2, 2) },
        ])
        expect((await again.documents.load('d2')).log).toEqual([
          { personId: 'b', update: bytes(9) },
        ])
      }))

    it('compaction replaces the log; appends made while it runs stay after it', () =>
      withStorage(async ({ storage, reopen }) => {
        await storage.documents.append('d1', { personId: 'a', update: bytes(1) })
        const compacted = storage.documents.compact('d1', {
          state: bytes(7, 7),
          authorship: bytes(3),
        })
        await storage.documents.append('d1', { personId: 'c', update: bytes(4) })
        await compacted
        expect(storage.documents.logBytes('d1')).toBeGreaterThan(0)
        await storage.documents.compact('d1', { state: bytes(8, 8), authorship: bytes(5) })
        expect(storage.documents.logBytes('d1')).toBe(0)
        await storage.documents.append('d1', { personId: 'd', update: bytes(6) })
        const again = await reopen()
        const d1 = await again.documents.load('d1')
        expect(d1.snapshot).toEqual({ state: bytes(8, 8), authorship: bytes(5) })
        expect(d1.log).toEqual([{ personId: 'd', update: bytes(6) }])
      }))

    it('a snapshot written while appends continue keeps them, even without a second compaction', () =>
      withStorage(async ({ storage, reopen }) => {
        await storage.documents.append('d1', { personId: 'a', update: bytes(1) })
        const compacted = storage.documents.compact('d1', { state: bytes(7), authorship: bytes() })
        await storage.documents.append('d1', { personId: 'b', update: bytes(2) })
        await compacted
        const again = await reopen()
        const d1 = await again.documents.load('d1')
        expect(d1.snapshot).toEqual({ state: bytes(7), authorship: bytes() })
        expect(d1.log).toEqual([{ personId: 'b', update: bytes(2) }])
      }))
  })
}
