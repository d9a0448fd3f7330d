import { describe, expect, it } from 'vitest'
import type { Memorandum } from './model.ts'
import { docxOnce } from './sharedDocx.ts'

const memo = (title: string, passages: unknown[] = []) =>
  ({ fileName: title, title, passages, otherThreads: [] }) as unknown as Memorandum

/** A round's model of `count` passages, each with a long reaction. */
const largeModel = (count: number, changed = -1) =>
  memo(
    'Nota groot',
    Array.from({ length: count }, (_, i) => ({
      number: i + 1,
      text: `Passage ${i + 1}`,
      reaction: (i === changed ? 'Anders. ' : 'Eens. ').repeat(5_000),
    })),
  )

describe('docxOnce', () => {
  it('[R7] models of equal content share one rendering; a changed model is rendered anew', async () => {
    let renders = 0
    const render = async (m: Memorandum) => new TextEncoder().encode(`${m.fileName} ${++renders}`)
    const first = await docxOnce(memo('Nota A'), render)
    const equal = await docxOnce(memo('Nota A'), render)
    expect(renders).toBe(1)
    expect(equal).toBe(first)
    await docxOnce(memo('Nota B'), render)
    expect(renders).toBe(2)
  })

  it('[R7] a change in one passage of a large model is a new content; the model is hashed in slices, other work running between them', async () => {
    let renders = 0
    const render = async () => new Uint8Array([++renders])
    let turns = 0
    let ticking = true
    const tick = () => {
      turns++
      if (ticking) setImmediate(tick)
    }
    setImmediate(tick)
    await docxOnce(largeModel(400), render)
    ticking = false
    // 400 passages of 30 kB: hashed at once, only the one turn before hashing passed.
    expect(turns).toBeGreaterThan(2)
    await docxOnce(largeModel(400), render)
    expect(renders).toBe(1)
    await docxOnce(largeModel(400, 399), render)
    expect(renders).toBe(2)
  })

  it('[R7] a rendering that failed is tried again by the next request', async () => {
    let attempts = 0
    const render = async () => {
      attempts++
      if (attempts === 1) throw new Error('server_busy')
      return new Uint8Array([1])
    }
    await expect(docxOnce(memo('Nota C'), render)).rejects.toThrow('server_busy')
    await expect(docxOnce(memo('Nota C'), render)).resolves.toEqual(new Uint8Array([1]))
    expect(attempts).toBe(2)
  })
})
