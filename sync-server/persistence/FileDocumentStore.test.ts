import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createLogger } from '../log.ts'
import { FileDocumentStore } from './FileDocumentStore.ts'
import { faultyFileOps } from './faultyFileOps.fixture.ts'

const record = (personId: string, ...bytes: number[]) => ({
  personId,
  update: new Uint8Array(bytes),
})

describe('FileDocumentStore when the disk misbehaves', () => {
  let root: string
  const stores: FileDocumentStore[] = []
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close()
    await rm(root, { recursive: true, force: true })
  })

  async function open() {
    root ??= await mkdtemp(join(tmpdir(), 'meeschrijven-docs-'))
    const lines: Array<{ level: string; message: string }> = []
    const log = createLogger({ level: 'debug', sink: (line) => lines.push(JSON.parse(line)) })
    const { ops, faults } = faultyFileOps()
    const store = new FileDocumentStore(root, { fsyncDelayMs: 1, log, fileOps: ops })
    stores.push(store)
    const failures: Array<[string, unknown]> = []
    store.onFailure((id, error) => failures.push([id, error]))
    return { store, faults, lines, failures }
  }

  /** A fresh store on the same folder, as the next start reads it. */
  async function reread() {
    const { store } = await open()
    await store.verifyAll()
    return store.load('voorstel-1')
  }

  it('[P5] short writes: every record is written whole and read back', async () => {
    root = await mkdtemp(join(tmpdir(), 'meeschrijven-docs-'))
    const { store, faults } = await open()
    await store.load('voorstel-1')
    faults.shortWritesOf = 3
    await store.append('voorstel-1', record('anna', 1, 2, 3, 4, 5, 6, 7, 8, 9))
    await store.append('voorstel-1', record('bram', 10, 11, 12))
    expect((await reread()).log).toEqual([
      record('anna', 1, 2, 3, 4, 5, 6, 7, 8, 9),
      record('bram', 10, 11, 12),
    ])
  })

  it('[P5][P6] a write that fails midway refuses the append, says so, leaves only whole records, and takes appends again after a load', async () => {
    root = await mkdtemp(join(tmpdir(), 'meeschrijven-docs-'))
    const { store, faults, lines, failures } = await open()
    await store.load('voorstel-1')
    await store.append('voorstel-1', record('anna', 1, 2, 3))
    faults.failWrites = true
    await expect(store.append('voorstel-1', record('bram', 4, 5, 6))).rejects.toThrow('ENOSPC')
    expect(failures.map(([id]) => id)).toEqual(['voorstel-1'])
    expect(lines.some((l) => l.level === 'error' && l.message.includes('write'))).toBe(true)
    // Until it is loaded again, nothing more is taken, even once the disk has room.
    faults.failWrites = false
    await expect(store.append('voorstel-1', record('anna', 7))).rejects.toThrow('ENOSPC')
    expect((await reread()).log).toEqual([record('anna', 1, 2, 3)])
    await store.load('voorstel-1')
    await store.append('voorstel-1', record('anna', 8))
    expect((await reread()).log).toEqual([record('anna', 1, 2, 3), record('anna', 8)])
  })

  it('[P6] when cutting off the torn record fails too, the next load cuts it off and keeps every whole record', async () => {
    root = await mkdtemp(join(tmpdir(), 'meeschrijven-docs-'))
    const { store, faults, lines } = await open()
    await store.load('voorstel-1')
    await store.append('voorstel-1', record('anna', 1, 2, 3))
    faults.failWrites = true
    faults.failTruncate = true
    await expect(store.append('voorstel-1', record('bram', 4, 5, 6))).rejects.toThrow()
    const dir = join(root, 'voorstel-1')
    const [torn] = await readdir(dir)
    const tornSize = (await stat(join(dir, torn!))).size
    // The store takes appends again after a load, in a file of their own.
    faults.failWrites = false
    await store.load('voorstel-1')
    expect(lines.some((l) => l.message.includes('partly written record'))).toBe(true)
    expect((await stat(join(dir, torn!))).size).toBeLessThan(tornSize)
    await store.append('voorstel-1', record('anna', 9))
    expect((await reread()).log).toEqual([record('anna', 1, 2, 3), record('anna', 9)])
  })

  it('[P5] a failing fsync is reported; the record written stays, and no append is taken until the proposal is loaded again', async () => {
    root = await mkdtemp(join(tmpdir(), 'meeschrijven-docs-'))
    const { store, faults, lines, failures } = await open()
    await store.load('voorstel-1')
    faults.failFsync = true
    await store.append('voorstel-1', record('anna', 1, 2, 3))
    await expect.poll(() => failures.length).toBe(1)
    expect(failures[0]![0]).toBe('voorstel-1')
    expect(lines.some((l) => l.level === 'error' && l.message.includes('fsync'))).toBe(true)
    await expect(store.append('voorstel-1', record('anna', 4))).rejects.toThrow('EIO')
    faults.failFsync = false
    await store.load('voorstel-1')
    await store.append('voorstel-1', record('anna', 5))
    expect((await reread()).log).toEqual([record('anna', 1, 2, 3), record('anna', 5)])
  })

  it('[P6] a tail of zeros (the file grew before its data landed) is cut off; the records before it stay', async () => {
    root = await mkdtemp(join(tmpdir(), 'meeschrijven-docs-'))
    const { store } = await open()
    await store.load('voorstel-1')
    await store.append('voorstel-1', record('anna', 1, 2, 3))
    await store.close()
    const dir = join(root, 'voorstel-1')
    const [file] = await readdir(dir)
    const data = await readFile(join(dir, file!))
    await writeFile(join(dir, file!), Buffer.concat([data, Buffer.alloc(4096)]))
    expect((await reread()).log).toEqual([record('anna', 1, 2, 3)])
    expect((await stat(join(dir, file!))).size).toBe(data.length)
  })
})
