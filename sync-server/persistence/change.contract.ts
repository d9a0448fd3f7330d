/**
 * The storage contract of changing a record in place (D4): every `Storage`
 * runs this suite beside `storage.contract.ts`. A change runs on the freshest
 * stored record and writes it back as one step, so changes made at the same
 * time — through this storage or another one on the same data, as another
 * instance would — are all kept; a change that refuses writes nothing.
 */
import { describe, expect, it } from 'vitest'
import type { Storage } from './Storage.ts'
import { person, proposal, type StorageUnderTest, thread } from './storage.contract.ts'

const comment = (id: string, authorId: string) => ({
  id,
  authorId,
  body: `Reactie ${id}`,
  createdAt: '2026-01-02T00:00:00.000Z',
  editedAt: null,
  deleted: false,
  hidden: null,
})

/** Twenty changes from each side at once, as two instances would make them. */
const SIDE = 20

export function describeChangeContract(name: string, open: () => Promise<StorageUnderTest>) {
  describe(`storage contract, changes in place: ${name}`, () => {
    async function withStorages(
      test: (one: Storage, two: Storage, subject: StorageUnderTest) => Promise<void>,
    ) {
      const subject = await open()
      try {
        const two = subject.another ? await subject.another() : subject.storage
        await test(subject.storage, two, subject)
      } finally {
        await subject.cleanup()
      }
    }

    it('[D4] a change of an unknown record changes nothing and says so', () =>
      withStorages(async (storage) => {
        await storage.threads.put(thread('t1'))
        let called = false
        const apply = <T>(current: T) => {
          called = true
          return current
        }
        expect(await storage.threads.change('voorstel-1', 'nergens', apply)).toBeUndefined()
        expect(await storage.threads.change('voorstel-2', 't1', apply)).toBeUndefined()
        expect(await storage.people.change('nergens', apply)).toBeUndefined()
        expect(await storage.proposals.change('nergens', apply)).toBeUndefined()
        expect(called).toBe(false)
        expect(await storage.threads.get('voorstel-2', 't1')).toBeUndefined()
        // The positive twin: a known record is changed, and the change is returned and kept.
        const changed = await storage.threads.change('voorstel-1', 't1', (current) => ({
          ...current,
          status: 'resolved',
        }))
        expect(changed?.status).toBe('resolved')
        expect((await storage.threads.get('voorstel-1', 't1'))?.status).toBe('resolved')
      }))

    it('[D4] a change that refuses writes nothing, and the refusal reaches the caller', () =>
      withStorages(async (storage, _two, { reopen }) => {
        await storage.threads.put(thread('t1'))
        await storage.people.put(person('a'))
        await storage.proposals.put(proposal('voorstel-1'))
        const refusal = new Error('opgelost intussen')
        const refuse = (current: { id: string }) => {
          Object.assign(current, { name: 'Veranderd', title: 'Veranderd', status: 'resolved' })
          throw refusal
        }
        await expect(storage.threads.change('voorstel-1', 't1', refuse)).rejects.toBe(refusal)
        await expect(storage.people.change('a', refuse)).rejects.toBe(refusal)
        await expect(storage.proposals.change('voorstel-1', refuse)).rejects.toBe(refusal)
        const unchanged = async (kept: Storage) => {
          expect((await kept.threads.get('voorstel-1', 't1'))?.status).toBe('open')
          expect((await kept.people.get('a'))?.name).toBe('Persoon a')
          expect((await kept.proposals.get('voorstel-1'))?.title).toBe('Titel voorstel-1')
        }
        await unchanged(storage)
        const reopened = await reopen()
        await unchanged(reopened)
        // The positive twin: the same changes without the refusal are kept after a reopen.
        await reopened.people.change('a', (current) => ({ ...current, name: 'Anna' }))
        await reopened.proposals.change('voorstel-1', (current) => ({ ...current, title: 'Nieuw' }))
        const again = await reopen()
        expect((await again.people.get('a'))?.name).toBe('Anna')
        expect((await again.proposals.get('voorstel-1'))?.title).toBe('Nieuw')
      }))

    it('[D4] a removal whose check refuses removes nothing; one whose check passes removes', () =>
      withStorages(async (storage, two, { reopen }) => {
        await storage.threads.put(thread('t1'))
        await storage.threads.put(thread('t2'))
        await two.threads.change('voorstel-1', 't1', (current) => ({
          ...current,
          comments: [...current.comments, comment('c2', 'b')],
        }))
        const onlyOwn = (current: { comments: Array<{ authorId: string }> }) => {
          if (current.comments.some((c) => c.authorId !== 'a'))
            throw new Error('anderen reageerden')
        }
        await expect(storage.threads.remove('voorstel-1', 't1', onlyOwn)).rejects.toThrow(
          'anderen reageerden',
        )
        await storage.threads.remove('voorstel-1', 't2', onlyOwn)
        const again = await reopen()
        expect((await again.threads.list('voorstel-1')).map((t) => t.id)).toEqual(['t1'])
      }))

    it('[D4] changes of one thread made at the same time from two sides are all kept', () =>
      withStorages(async (one, two, { reopen }) => {
        await one.threads.put(thread('t1'))
        const reply = (storage: Storage, id: string, authorId: string) =>
          storage.threads.change('voorstel-1', 't1', (current) => ({
            ...current,
            comments: [...current.comments, comment(id, authorId)],
          }))
        await Promise.all([
          ...Array.from({ length: SIDE }, (_, i) => reply(one, `een-${i}`, 'a')),
          ...Array.from({ length: SIDE }, (_, i) => reply(two, `twee-${i}`, 'b')),
          two.threads.change('voorstel-1', 't1', (current) => ({
            ...current,
            status: 'resolved',
            decision: 'verwerkt',
          })),
        ])
        const stored = (await reopen()).threads.get('voorstel-1', 't1')
        const kept = (await stored)!
        expect(kept.comments).toHaveLength(1 + 2 * SIDE)
        for (let i = 0; i < SIDE; i++) {
          expect(kept.comments.map((c) => c.id)).toContain(`een-${i}`)
          expect(kept.comments.map((c) => c.id)).toContain(`twee-${i}`)
        }
        expect(kept).toMatchObject({ status: 'resolved', decision: 'verwerkt' })
      }))

    it('[D4] changes of one person from two sides are all kept; a token hash changed in place signs in', () =>
      withStorages(async (one, two, { reopen }) => {
        await one.people.put(person('a', { proposals: [] }))
        const addProposal = (storage: Storage, id: string) =>
          storage.people.change('a', (current) => ({
            ...current,
            proposals: current.proposals === '*' ? '*' : [...current.proposals, id],
          }))
        await Promise.all([
          ...Array.from({ length: SIDE }, (_, i) => addProposal(one, `een-${i}`)),
          ...Array.from({ length: SIDE }, (_, i) => addProposal(two, `twee-${i}`)),
          two.people.change('a', (current) => ({
            ...current,
            tokenHash: 'hash-nieuw',
            revokedAt: '2026-02-01T00:00:00.000Z',
          })),
        ])
        const again = await reopen()
        const kept = (await again.people.get('a'))!
        expect(kept.proposals).toHaveLength(2 * SIDE)
        expect(kept.revokedAt).toBe('2026-02-01T00:00:00.000Z')
        expect(await again.people.getByTokenHash('hash-a')).toBeUndefined()
        expect((await again.people.getByTokenHash('hash-nieuw'))?.id).toBe('a')
      }))

    it('[D4] a batch does not change a person revoked or anonymised meanwhile; it changes the others', () =>
      withStorages(async (one, two, { reopen }) => {
        await one.people.put(person('a'))
        await one.people.put(person('b'))
        await one.people.put(person('c'))
        await two.people.change('a', (current) => ({
          ...current,
          name: 'Verwijderde gebruiker',
          revokedAt: '2026-02-01T00:00:00.000Z',
          anonymisedAt: '2026-02-01T00:00:00.000Z',
        }))
        await two.people.change('b', (current) => ({
          ...current,
          revokedAt: '2026-02-01T00:00:00.000Z',
        }))
        // Planned from a list read before: it still calls them by their old names.
        await one.people.saveBatch({
          create: [],
          change: ['a', 'b', 'c'].map((id) => ({ id, changes: { name: `Nieuw ${id}` } })),
        })
        const again = await reopen()
        expect((await again.people.get('a'))?.name).toBe('Verwijderde gebruiker')
        expect((await again.people.get('b'))?.name).toBe('Persoon b')
        expect((await again.people.get('c'))?.name).toBe('Nieuw c')
      }))

    it('[D4] a proposal added with an id taken meanwhile changes nothing and says so', () =>
      withStorages(async (one, two, { reopen }) => {
        expect(await one.proposals.add(proposal('nota', { title: 'Van de een' }))).toBe(true)
        expect(await two.proposals.add(proposal('nota', { title: 'Van de ander' }))).toBe(false)
        expect(await two.proposals.add(proposal('nota-2', { title: 'Van de ander' }))).toBe(true)
        const again = await reopen()
        expect((await again.proposals.list()).map((p) => [p.id, p.title])).toEqual([
          ['nota', 'Van de een'],
          ['nota-2', 'Van de ander'],
        ])
      }))

    it('[D4] a proposal changed from two sides keeps both changes', () =>
      withStorages(async (one, two, { reopen }) => {
        await one.proposals.put(proposal('voorstel-1'))
        await Promise.all([
          one.proposals.change('voorstel-1', (current) => ({
            ...current,
            status: 'vastgesteld',
            statusChangedAt: '2026-02-01T00:00:00.000Z',
          })),
          two.proposals.change('voorstel-1', (current) => ({
            ...current,
            updatedAt:
              current.updatedAt > '2026-02-02T00:00:00.000Z'
                ? current.updatedAt
                : '2026-02-02T00:00:00.000Z',
          })),
        ])
        expect(await (await reopen()).proposals.get('voorstel-1')).toMatchObject({
          status: 'vastgesteld',
          statusChangedAt: '2026-02-01T00:00:00.000Z',
          updatedAt: '2026-02-02T00:00:00.000Z',
        })
      }))
  })
}
