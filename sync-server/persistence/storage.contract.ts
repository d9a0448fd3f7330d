/**
 * The storage contract: every implementation of `Storage` runs this suite
 * (`lowdb/LowdbStorage.test.ts` now; PostgreSQL later).
 */
import { describe, expect, it } from 'vitest'
import type {
  PersonRecord,
  PositionRecord,
  ProposalRecord,
  Storage,
  ThreadRecord,
  VersionRecord,
} from './Storage.ts'

export interface StorageUnderTest {
  storage: Storage
  /** Closes the storage and opens a new one on the same data. */
  reopen(): Promise<Storage>
  cleanup(): Promise<void>
  /**
   * A second storage on the same data, as another instance opens it (D1);
   * closed by `cleanup`. Absent where data belongs to one process (the embedded
   * storage): there the one storage stands in for both.
   */
  another?(): Promise<Storage>
}

/** Record fixtures, shared with the other contract suites. */
export const person = (id: string, extra: Partial<PersonRecord> = {}): PersonRecord => ({
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

export const proposal = (id: string, extra: Partial<ProposalRecord> = {}): ProposalRecord => ({
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

export const thread = (id: string, extra: Partial<ThreadRecord> = {}): ThreadRecord => ({
  id,
  proposalId: 'voorstel-1',
  kind: 'comment',
  status: 'open',
  quote: 'de omkering',
  anchor: {
    from: { type: null },
    to: { type: null },
    anchored: true,
    prefix: 'Over ',
    suffix: '.',
  },
  blockId: 'p-1',
  versionId: null,
  passageText: null,
  replacement: null,
  decision: null,
  note: null,
  resolvedBy: null,
  resolvedAt: null,
  applied: false,
  createdBy: 'a',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  comments: [
    {
      id: 'c1',
      authorId: 'a',
      body: 'Waarom?',
      createdAt: '2026-01-01T00:00:00.000Z',
      editedAt: null,
      deleted: false,
      hidden: null,
    },
  ],
  ...extra,
})

const version = (
  id: string,
  createdAt: string,
  extra: Partial<VersionRecord> = {},
): VersionRecord => ({
  id,
  proposalId: 'voorstel-1',
  name: `Versie ${id}`,
  auto: false,
  createdAt,
  createdBy: 'a',
  ...extra,
})

const position = (organisation: string, extra: Partial<PositionRecord> = {}): PositionRecord => ({
  roundId: 'r1',
  blockId: 'p-1',
  organisation,
  province: 'Overijssel',
  position: 'akkoord',
  reason: null,
  personId: 'a',
  createdAt: '2026-01-01T00:00:00.000Z',
  ...extra,
})

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

    it('[S3] a snapshot keeps the state vector written beside its state; one written without it loads without one', () =>
      withStorage(async ({ storage, reopen }) => {
        await storage.documents.compact('d1', {
          state: bytes(7, 7),
          authorship: bytes(3),
          stateVector: bytes(1, 2),
        })
        await storage.documents.compact('d2', { state: bytes(8), authorship: bytes(5) })
        const again = await reopen()
        expect((await again.documents.load('d1')).snapshot?.stateVector).toEqual(bytes(1, 2))
        expect((await again.documents.load('d2')).snapshot?.stateVector).toBeUndefined()
        // A later compaction without one does not keep the old one: it would not match.
        await again.documents.compact('d1', { state: bytes(9), authorship: bytes(3) })
        expect((await again.documents.load('d1')).snapshot).toEqual({
          state: bytes(9),
          authorship: bytes(3),
        })
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

    it('a released document loads and takes appends again without losing what came before', () =>
      withStorage(async ({ storage, reopen }) => {
        await storage.documents.append('d1', { personId: 'a', update: bytes(1) })
        await storage.documents.compact('d1', { state: bytes(7), authorship: bytes() })
        storage.documents.release('d1')
        await new Promise((resolve) => setTimeout(resolve, 20))
        const loaded = await storage.documents.load('d1')
        expect(loaded.snapshot).toEqual({ state: bytes(7), authorship: bytes() })
        await storage.documents.append('d1', { personId: 'b', update: bytes(2) })
        // Released again right after a new load: the new load wins.
        storage.documents.release('d1')
        await storage.documents.load('d1')
        await storage.documents.append('d1', { personId: 'c', update: bytes(3) })
        const again = await reopen()
        const d1 = await again.documents.load('d1')
        expect(d1.snapshot).toEqual({ state: bytes(7), authorship: bytes() })
        expect(d1.log).toEqual([
          { personId: 'b', update: bytes(2) },
          { personId: 'c', update: bytes(3) },
        ])
      }))

    it('keeps threads per proposal and replaces them whole', () =>
      withStorage(async ({ storage, reopen }) => {
        await storage.threads.put(thread('t1'))
        await storage.threads.put(thread('t2', { proposalId: 'voorstel-2' }))
        await storage.threads.put(thread('t1', { status: 'resolved', decision: 'verwerkt' }))
        const again = await reopen()
        expect((await again.threads.list('voorstel-1')).map((t) => [t.id, t.status])).toEqual([
          ['t1', 'resolved'],
        ])
        expect((await again.threads.get('voorstel-2', 't2'))?.comments[0]?.body).toBe('Waarom?')
        expect(await again.threads.get('voorstel-1', 't2')).toBeUndefined()
      }))

    it('lists threads to read as stored; what was read stays as it was after a change', () =>
      withStorage(async ({ storage }) => {
        await storage.threads.put(thread('t1'))
        await storage.threads.put(thread('t2'))
        const before = await storage.threads.listReadOnly('voorstel-1')
        expect(before).toEqual(await storage.threads.list('voorstel-1'))
        await storage.threads.put(thread('t1', { status: 'resolved', decision: 'verwerkt' }))
        const after = await storage.threads.listReadOnly('voorstel-1')
        expect(after.map((t) => [t.id, t.status])).toEqual([
          ['t1', 'resolved'],
          ['t2', 'open'],
        ])
        // What a reader already held is not altered under it, nor can it alter what is stored.
        expect(before.map((t) => [t.id, t.status])).toEqual([
          ['t1', 'open'],
          ['t2', 'open'],
        ])
        try {
          ;(before[1] as ThreadRecord).status = 'resolved'
        } catch {
          // frozen where the records are kept in memory
        }
        expect((await storage.threads.get('voorstel-1', 't2'))?.status).toBe('open')
        expect((await storage.threads.listReadOnly('voorstel-1'))[1]?.status).toBe('open')
      }))

    it('removes a withdrawn thread and only that one', () =>
      withStorage(async ({ storage, reopen }) => {
        await storage.threads.put(thread('t1'))
        await storage.threads.put(thread('t2'))
        await storage.threads.remove('voorstel-1', 't1')
        await storage.threads.remove('voorstel-1', 'not-there')
        const again = await reopen()
        expect((await again.threads.list('voorstel-1')).map((t) => t.id)).toEqual(['t2'])
        expect(await again.threads.get('voorstel-1', 't1')).toBeUndefined()
      }))

    it('keeps versions with their content, newest first; only automatic ones can be removed', () =>
      withStorage(async ({ storage, reopen }) => {
        await storage.versions.create(version('v1', '2026-01-01T00:00:00.000Z'), {
          state: bytes(1),
          authorship: bytes(2),
        })
        await storage.versions.create(version('v2', '2026-01-02T00:00:00.000Z', { auto: true }), {
          state: bytes(3),
          authorship: bytes(),
        })
        await storage.versions.create(version('v3', '2026-01-03T00:00:00.000Z'), {
          state: bytes(4, 4),
          authorship: bytes(),
        })
        await storage.versions.remove('voorstel-1', 'v1')
        await storage.versions.remove('voorstel-1', 'v2')
        const again = await reopen()
        expect((await again.versions.list('voorstel-1')).map((v) => v.id)).toEqual(['v3', 'v1'])
        expect(await again.versions.content('voorstel-1', 'v1')).toEqual({
          state: bytes(1),
          authorship: bytes(2),
        })
        expect(await again.versions.content('voorstel-1', 'v2')).toBeUndefined()
        expect(await again.versions.get('voorstel-1', 'v2')).toBeUndefined()
      }))

    it('keeps rounds, and every position in order without losing earlier ones', () =>
      withStorage(async ({ storage, reopen }) => {
        await storage.rounds.put({
          id: 'r1',
          proposalId: 'voorstel-1',
          versionId: 'v1',
          title: 'Consultatie',
          closesAt: '2026-02-01T00:00:00.000Z',
          createdAt: '2026-01-01T00:00:00.000Z',
          createdBy: 'a',
        })
        await storage.rounds.addPosition('voorstel-1', position('Gemeente Zwolle'))
        await storage.rounds.addPosition(
          'voorstel-1',
          position('Gemeente Urk', { position: 'niet-akkoord', reason: 'Te vaag' }),
        )
        await storage.rounds.addPosition(
          'voorstel-1',
          position('Gemeente Zwolle', { position: 'akkoord-mits', reason: 'Mits geld' }),
        )
        const again = await reopen()
        expect((await again.rounds.list('voorstel-1')).map((r) => r.id)).toEqual(['r1'])
        const positions = await again.rounds.positions('voorstel-1', 'r1')
        expect(positions.map((p) => [p.organisation, p.position])).toEqual([
          ['Gemeente Zwolle', 'akkoord'],
          ['Gemeente Urk', 'niet-akkoord'],
          ['Gemeente Zwolle', 'akkoord-mits'],
        ])
        expect(await again.rounds.positions('voorstel-1', 'r9')).toEqual([])
      }))

    it("keeps the VNG's responses of a round in order, each round apart", () =>
      withStorage(async ({ storage, reopen }) => {
        const response = (roundId: string, blockId: string, text: string) => ({
          ...{ roundId, blockId, text, personId: 'a' },
          createdAt: '2026-01-02T00:00:00.000Z',
        })
        await storage.rounds.addResponse('voorstel-1', response('r1', 'p-1', 'Eerste versie.'))
        await storage.rounds.addResponse('voorstel-1', response('r2', 'p-1', 'Andere ronde.'))
        await storage.rounds.addResponse('voorstel-1', response('r1', 'p-1', 'Herzien.'))
        const again = await reopen()
        expect((await again.rounds.responses('voorstel-1', 'r1')).map((r) => r.text)).toEqual([
          'Eerste versie.',
          'Herzien.',
        ])
        expect(await again.rounds.responses('voorstel-1', 'r2')).toEqual([
          response('r2', 'p-1', 'Andere ronde.'),
        ])
        expect(await again.rounds.responses('voorstel-2', 'r1')).toEqual([])
      }))

    it('keeps activity newest first, per proposal and in general', () =>
      withStorage(async ({ storage, reopen }) => {
        for (const [id, proposalId] of [
          ['e1', 'voorstel-1'],
          ['e2', null],
          ['e3', 'voorstel-1'],
        ] as const) {
          await storage.activity.append({
            id,
            proposalId,
            type: 'status.changed',
            personId: 'a',
            at: `2026-01-0${id[1]}T00:00:00.000Z`,
            details: { status: 'consultatie' },
          })
        }
        const again = await reopen()
        expect((await again.activity.list('voorstel-1', 10)).map((e) => e.id)).toEqual(['e3', 'e1'])
        expect((await again.activity.list('voorstel-1', 1)).map((e) => e.id)).toEqual(['e3'])
        expect((await again.activity.list(null, 10)).map((e) => e.id)).toEqual(['e2'])
      }))

    it('keeps when a person last looked at a proposal', () =>
      withStorage(async ({ storage, reopen }) => {
        expect(await storage.visits.get('a', 'voorstel-1')).toBeNull()
        await storage.visits.put('a', 'voorstel-1', '2026-01-01T00:00:00.000Z')
        await storage.visits.put('a', 'voorstel-1', '2026-01-02T00:00:00.000Z')
        const again = await reopen()
        expect(await again.visits.get('a', 'voorstel-1')).toBe('2026-01-02T00:00:00.000Z')
        expect(await again.visits.get('b', 'voorstel-1')).toBeNull()
      }))
  })
}
