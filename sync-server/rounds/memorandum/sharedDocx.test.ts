import { describe, expect, it } from 'vitest'
import type { Memorandum } from './model.ts'
import { docxOnce } from './sharedDocx.ts'

const memo = (title: string) => ({ fileName: title, title }) as unknown as Memorandum

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
