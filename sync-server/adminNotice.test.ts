import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { adminNotice } from './adminNotice.ts'
import { ensureAdmin } from './firstStart.ts'
import { createLogger } from './log.ts'
import { LowdbStorage } from './persistence/lowdb/LowdbStorage.ts'

const created = {
  kind: 'created' as const,
  token: 'geheim-token-123',
  file: '/data/beheerder-token.txt',
  link: 'http://127.0.0.1:1234/#/welkom?token=geheim-token-123',
}

describe('what a start prints about the administrator', () => {
  it('[P3] on a terminal, the first start shows the link once and where it is kept', () => {
    const lines = adminNotice(created, true)
    expect(lines.join('\n')).toContain(created.link)
    expect(lines.join('\n')).toContain(created.file)
  })

  it('[P3] without a terminal (logs collected by a service), only where the link is: never the token', () => {
    const lines = adminNotice(created, false)
    expect(lines).toEqual([
      'Beheerder aangemaakt. Uw aanmeldlink staat in /data/beheerder-token.txt',
    ])
    expect(lines.join('\n')).not.toContain(created.token)
  })

  it('[P3] later starts name the file, terminal or not; ADMIN_TOKEN prints nothing', () => {
    const existing = { kind: 'existing' as const, file: '/data/beheerder-token.txt' }
    expect(adminNotice(existing, true)).toEqual([
      'Uw aanmeldlink staat in /data/beheerder-token.txt',
    ])
    expect(adminNotice(existing, false)).toEqual(adminNotice(existing, true))
    expect(adminNotice({ kind: 'environment' }, true)).toEqual([])
  })
})

describe('the administrator’s file', () => {
  async function withStorage(work: (storage: LowdbStorage, dir: string) => Promise<void>) {
    const dir = await mkdtemp(join(tmpdir(), 'meeschrijven-admin-'))
    const storage = new LowdbStorage({ dataDir: dir, log: createLogger({ sink: () => {} }) })
    await storage.open()
    try {
      await work(storage, dir)
    } finally {
      await storage.close()
      await rm(dir, { recursive: true, force: true })
    }
  }

  it('[P3] holds the whole sign-in link, and follows the address on later starts with the same token', async () => {
    await withStorage(async (storage, dir) => {
      const first = await ensureAdmin(storage, dir, undefined, 'http://127.0.0.1:1234')
      if (first.kind !== 'created') throw new Error(first.kind)
      const file = join(dir, 'beheerder-token.txt')
      expect(await readFile(file, 'utf8')).toContain(
        `http://127.0.0.1:1234/#/welkom?token=${first.token}`,
      )
      const later = await ensureAdmin(storage, dir, undefined, 'https://meeschrijven.vng.nl')
      expect(later).toEqual({ kind: 'existing', file })
      expect(await readFile(file, 'utf8')).toContain(
        `https://meeschrijven.vng.nl/#/welkom?token=${first.token}`,
      )
    })
  })

  it('[P3] a file of an older version (the bare token) becomes a link; a file with another token is left alone', async () => {
    await withStorage(async (storage, dir) => {
      const first = await ensureAdmin(storage, dir, undefined, 'http://127.0.0.1:1234')
      if (first.kind !== 'created') throw new Error(first.kind)
      const file = join(dir, 'beheerder-token.txt')
      await writeFile(file, `${first.token}\n`)
      await ensureAdmin(storage, dir, undefined, 'http://127.0.0.1:1234')
      expect(await readFile(file, 'utf8')).toContain(
        `http://127.0.0.1:1234/#/welkom?token=${first.token}`,
      )
      await writeFile(file, 'iets-anders\n')
      await ensureAdmin(storage, dir, undefined, 'http://127.0.0.1:1234')
      expect(await readFile(file, 'utf8')).toBe('iets-anders\n')
    })
  })
})
