import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { faultyFileOps } from '../faultyFileOps.fixture.ts'
import { JsonLines } from './JsonLines.ts'

describe('JsonLines when the disk misbehaves', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'meeschrijven-lines-'))
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))

  it('[P5] short writes still write whole lines', async () => {
    const { ops, faults } = faultyFileOps()
    const lines = new JsonLines<{ n: number; text: string }>(join(dir, 'a.jsonl'), ops)
    faults.shortWritesOf = 2
    await lines.append({ n: 1, text: 'akkoord' })
    await lines.append({ n: 2, text: 'niet akkoord' })
    expect(await new JsonLines(join(dir, 'a.jsonl')).read()).toEqual([
      { n: 1, text: 'akkoord' },
      { n: 2, text: 'niet akkoord' },
    ])
  })

  it('[P5][P6] a failed write or fsync rejects the append and takes back its part; the next line stands alone', async () => {
    const { ops, faults } = faultyFileOps()
    const path = join(dir, 'a.jsonl')
    const lines = new JsonLines<{ n: number }>(path, ops)
    await lines.append({ n: 1 })
    faults.failWrites = true
    await expect(lines.append({ n: 2 })).rejects.toThrow('ENOSPC')
    faults.failWrites = false
    faults.failFsync = true
    await expect(lines.append({ n: 3 })).rejects.toThrow('EIO')
    faults.failFsync = false
    await lines.append({ n: 4 })
    expect(await readFile(path, 'utf8')).toBe('{"n":1}\n{"n":4}\n')
  })

  it('[P6] when taking back fails too, the next append cuts the torn line off first', async () => {
    const { ops, faults } = faultyFileOps()
    const path = join(dir, 'a.jsonl')
    const lines = new JsonLines<{ n: number }>(path, ops)
    await lines.append({ n: 1 })
    faults.failWrites = true
    faults.failTruncate = true
    await expect(lines.append({ n: 22222 })).rejects.toThrow('ENOSPC')
    faults.failWrites = false
    faults.failTruncate = false
    await lines.append({ n: 3 })
    expect(await readFile(path, 'utf8')).toBe('{"n":1}\n{"n":3}\n')
  })
})
