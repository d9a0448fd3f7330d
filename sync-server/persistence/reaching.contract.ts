/**
 * The storage contract of reaching people (M1–M4): every `Storage` runs this
 * suite beside `storage.contract.ts` — the mail queue with its claims, the
 * notifications, sign-in links, settings, and people saved in a batch. Each
 * test reopens the storage, so what it checks was written, not only kept.
 */
import { describe, expect, it } from 'vitest'
import type { MailRecord, NotificationRecord, PersonRecord } from './Storage.ts'
import type { StorageUnderTest } from './storage.contract.ts'

/** Times from an hour ago on: records old enough are dropped when the embedded storage opens. */
const BASE = Date.now() - 60 * 60 * 1000
const T = (minute: number) => new Date(BASE + minute * 60 * 1000).toISOString()

const mail = (id: string, at = T(0)): MailRecord => ({
  id,
  kind: 'invitation',
  personId: 'p-1',
  to: 'anna@urk.nl',
  data: { role: 'reviewer' },
  createdAt: at,
  attempts: 0,
  nextAttemptAt: at,
  sentAt: null,
  failedAt: null,
  lastError: null,
})

const notification = (id: string, personId = 'p-1'): NotificationRecord => ({
  id,
  personId,
  kind: 'reply',
  proposalId: 'voorstel-1',
  data: { quote: 'de omkering' },
  createdAt: T(0),
  readAt: null,
  mailedAt: null,
})

const person = (id: string, extra: Partial<PersonRecord> = {}): PersonRecord => ({
  id,
  name: `Persoon ${id}`,
  role: 'reviewer',
  proposals: ['voorstel-1'],
  organisation: 'Gemeente Urk',
  province: 'Flevoland',
  color: '#1f5f8b',
  tokenHash: `hash-${id}`,
  isAdmin: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: null,
  revokedAt: null,
  email: `${id}@urk.nl`,
  ...extra,
})

export function describeReachingContract(name: string, open: () => Promise<StorageUnderTest>) {
  describe(`storage contract, reaching people: ${name}`, () => {
    it('[M2] the mail queue: queued once per id, claimed by one owner until the lease ends, finished for good', async () => {
      const under = await open()
      try {
        let { storage } = under
        await storage.mail.enqueue([mail('m-1'), mail('m-2'), mail('m-later', T(30))])
        await storage.mail.enqueue([{ ...mail('m-1'), to: 'ander@urk.nl' }])
        storage = await under.reopen()
        expect((await storage.mail.get('m-1'))?.to).toBe('anna@urk.nl')
        expect(await storage.mail.pendingCount()).toBe(3)
        const first = await storage.mail.claimDue('a', T(1), T(6), 10)
        expect(first.map((m) => m.id)).toEqual(['m-1', 'm-2'])
        expect(await storage.mail.claimDue('b', T(2), T(7), 10)).toEqual([])
        await storage.mail.finish('m-1', { sentAt: T(2) })
        await storage.mail.finish('m-2', { retryAt: T(20), error: '451' })
        expect(await storage.mail.claimDue('b', T(10), T(15), 10)).toEqual([])
        const later = await storage.mail.claimDue('b', T(31), T(36), 10)
        expect(later.map((m) => m.id)).toEqual(['m-2', 'm-later'])
        expect(later[0]).toMatchObject({ attempts: 1, lastError: '451' })
        // A lease that ran out (its owner died) lets another take the mail.
        expect((await storage.mail.claimDue('c', T(37), T(40), 10)).map((m) => m.id)).toEqual([
          'm-2',
          'm-later',
        ])
        await storage.mail.finish('m-later', { failedAt: T(38), error: '550' })
        storage = await under.reopen()
        expect(await storage.mail.get('m-1')).toMatchObject({ sentAt: T(2), attempts: 1 })
        expect(await storage.mail.get('m-later')).toMatchObject({
          failedAt: T(38),
          lastError: '550',
        })
        expect(await storage.mail.pendingCount()).toBe(1)
      } finally {
        await under.cleanup()
      }
    })

    it('[M4] notifications: added once per id, listed newest first, read and mailed by field; preferences per person', async () => {
      const under = await open()
      try {
        let { storage } = under
        const added = await storage.notifications.add([notification('n-1'), notification('n-2')])
        expect(added.map((n) => n.id)).toEqual(['n-1', 'n-2'])
        expect(
          (await storage.notifications.add([notification('n-2'), notification('n-3', 'p-2')])).map(
            (n) => n.id,
          ),
        ).toEqual(['n-3'])
        storage = await under.reopen()
        expect((await storage.notifications.list('p-1', 10)).map((n) => n.id)).toEqual([
          'n-2',
          'n-1',
        ])
        expect(await storage.notifications.unreadCount('p-1')).toBe(2)
        await storage.notifications.markRead('p-1', ['n-1'], T(1))
        expect(await storage.notifications.unreadCount('p-1')).toBe(1)
        await storage.notifications.markRead('p-1', null, T(2))
        expect(await storage.notifications.unreadCount('p-1')).toBe(0)
        expect(await storage.notifications.unreadCount('p-2')).toBe(1)
        expect((await storage.notifications.unmailed(10)).map((n) => n.id)).toEqual([
          'n-1',
          'n-2',
          'n-3',
        ])
        await storage.notifications.markMailed(['n-1', 'n-3'], T(3))
        expect(await storage.notifications.preferences('p-1')).toBeUndefined()
        await storage.notifications.setPreferences('p-1', {
          reply: false,
          decision: true,
          round: true,
          reminder: true,
        })
        await storage.notifications.setLastMailAt('p-1', T(3))
        storage = await under.reopen()
        expect((await storage.notifications.unmailed(10)).map((n) => n.id)).toEqual(['n-2'])
        expect((await storage.notifications.list('p-1', 10))[1]).toMatchObject({
          readAt: T(1),
          mailedAt: T(3),
        })
        expect(await storage.notifications.preferences('p-1')).toMatchObject({ reply: false })
        expect(await storage.notifications.lastMailAt('p-1')).toBe(T(3))
        expect(await storage.notifications.lastMailAt('p-2')).toBeNull()
        expect(await storage.notifications.allPreferences()).toEqual([
          {
            personId: 'p-1',
            preferences: { reply: false, decision: true, round: true, reminder: true },
          },
        ])
      } finally {
        await under.cleanup()
      }
    })

    it('[M3] sign-in links: a hash finds its person, writing the same id again replaces the hash', async () => {
      const under = await open()
      try {
        let { storage } = under
        await storage.signInTokens.put({
          id: 'm-1',
          personId: 'p-1',
          tokenHash: 'h-1',
          createdAt: T(1),
        })
        await storage.signInTokens.put({
          id: 'm-2',
          personId: 'p-1',
          tokenHash: 'h-2',
          createdAt: T(2),
        })
        await storage.signInTokens.put({
          id: 'm-1',
          personId: 'p-1',
          tokenHash: 'h-3',
          createdAt: T(3),
        })
        storage = await under.reopen()
        expect(await storage.signInTokens.personOf('h-2')).toBe('p-1')
        expect(await storage.signInTokens.personOf('h-3')).toBe('p-1')
        expect(await storage.signInTokens.personOf('h-1')).toBeUndefined()
        expect((await storage.signInTokens.all()).map((t) => t.tokenHash).sort()).toEqual([
          'h-2',
          'h-3',
        ])
      } finally {
        await under.cleanup()
      }
    })

    it('settings: one value per key, listed by prefix; putIfAbsent keeps the first', async () => {
      const under = await open()
      try {
        let { storage } = under
        await storage.settings.put('timeline:alv', { value: '2027-06-14' })
        await storage.settings.put('description:voorstel-1', { value: 'Samen' })
        expect(await storage.settings.putIfAbsent('secret', 'eerste')).toBe('eerste')
        expect(await storage.settings.putIfAbsent('secret', 'tweede')).toBe('eerste')
        storage = await under.reopen()
        expect(await storage.settings.get('timeline:alv')).toEqual({ value: '2027-06-14' })
        expect(await storage.settings.get('onbekend')).toBeUndefined()
        expect(await storage.settings.list('description:')).toEqual([
          { key: 'description:voorstel-1', value: { value: 'Samen' } },
        ])
        expect(await storage.settings.get('secret')).toBe('eerste')
      } finally {
        await under.cleanup()
      }
    })

    it('[M1] people in a batch: new ones created, others changed in the fields given only', async () => {
      const under = await open()
      try {
        let { storage } = under
        await storage.people.put(person('p-1'))
        await storage.people.saveBatch({
          create: [person('p-2'), person('p-3')],
          change: [{ id: 'p-1', changes: { role: 'writer', organisation: 'Gemeente Ede' } }],
        })
        storage = await under.reopen()
        expect((await storage.people.list()).map((p) => p.id)).toEqual(['p-1', 'p-2', 'p-3'])
        expect(await storage.people.get('p-1')).toMatchObject({
          role: 'writer',
          organisation: 'Gemeente Ede',
          name: 'Persoon p-1',
          email: 'p-1@urk.nl',
        })
        expect((await storage.people.getByTokenHash('hash-p-3'))?.id).toBe('p-3')
      } finally {
        await under.cleanup()
      }
    })
  })
}
