import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { StorageError } from '../../errors.ts'
import { createLogger } from '../../log.ts'
import { describeChangeContract } from '../change.contract.ts'
import { describeReachingContract } from '../reaching.contract.ts'
import { describeStorageContract } from '../storage.contract.ts'
import { LowdbStorage } from './LowdbStorage.ts'

const log = createLogger({ level: 'error', sink: () => {} })

async function openAt(dataDir: string) {
  const storage = new LowdbStorage({ dataDir, log, fsyncDelayMs: 5 })
  await storage.open()
  return storage
}

async function underTest() {
  const dataDir = await mkdtemp(join(tmpdir(), 'meeschrijven-storage-'))
  let storage = await openAt(dataDir)
  return {
    get storage() {
      return storage
    },
    async reopen() {
      await storage.close()
      storage = await openAt(dataDir)
      return storage
    },
    async cleanup() {
      await storage.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

describeStorageContract('lowdb', underTest)
describeReachingContract('lowdb', underTest)
describeChangeContract('lowdb', underTest)

describe('lowdb files', () => {
  it('[P6] a log record that fails its checksum stops the start, naming the file', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'meeschrijven-storage-'))
    const storage = await openAt(dataDir)
    await storage.documents.append('voorstel-1', {
      personId: 'a',
      update: new Uint8Array([1, 2, 3]),
    })
    await storage.documents.append('voorstel-1', {
      personId: 'a',
      update: new Uint8Array([4, 5, 6]),
    })
    await storage.close()
    const dir = join(dataDir, 'documents', 'voorstel-1')
    const [logFile] = await readdir(dir)
    const data = await readFile(join(dir, logFile!))
    data[10] = data[10]! ^ 0xff
    await writeFile(join(dir, logFile!), data)
    const error = await openAt(dataDir).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StorageError)
    expect((error as StorageError).file).toBe(join(dir, logFile!))
    await rm(dataDir, { recursive: true, force: true })
  })

  it('a record cut short by a crash is dropped; every whole record before it is kept', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'meeschrijven-storage-'))
    const storage = await openAt(dataDir)
    await storage.documents.append('voorstel-1', {
      personId: 'a',
      update: new Uint8Array([1, 2, 3]),
    })
    await storage.documents.append('voorstel-1', {
      personId: 'b',
      update: new Uint8Array([4, 5, 6]),
    })
    await storage.close()
    const dir = join(dataDir, 'documents', 'voorstel-1')
    const [logFile] = await readdir(dir)
    const data = await readFile(join(dir, logFile!))
    await writeFile(join(dir, logFile!), data.subarray(0, data.length - 2))
    const again = await openAt(dataDir)
    const stored = await again.documents.load('voorstel-1')
    expect(stored.log).toEqual([{ personId: 'a', update: new Uint8Array([1, 2, 3]) }])
    await again.close()
    await rm(dataDir, { recursive: true, force: true })
  })
})
