import { Document, Packer, Paragraph } from 'docx'
import { describe, expect, it } from 'vitest'
import { buildDocx } from '../../test/helpers/docxFiles.ts'
import { checkUnpackedSizes } from './docxToHtml.ts'
import { declaredUnpackedSize, entryData, zipEntries } from './zipEntries.ts'

const MiB = 1024 * 1024

describe('zip entries', () => {
  it('lists the parts of a real .docx with their sizes, without unpacking', async () => {
    const bytes = await Packer.toBuffer(
      new Document({ sections: [{ children: [new Paragraph('Hallo')] }] }),
    )
    const entries = zipEntries(bytes)!
    expect(entries.map((e) => e.name)).toContain('word/document.xml')
    const document = entries.find((e) => e.name === 'word/document.xml')!
    expect(entryData(bytes, document)!.length).toBe(document.compressedSize)
    expect(declaredUnpackedSize(entries)).toBeGreaterThan(bytes.length)
    expect(checkUnpackedSizes({ bytes, maxUnpackedBytes: MiB })).toBeNull()
  })

  it('is null for what is no zip', () => {
    expect(zipEntries(Buffer.from('Dit is geen Word-document, maar gewone tekst.'))).toBeNull()
    expect(zipEntries(Buffer.alloc(0))).toBeNull()
  })

  it('reads what a bomb says it unpacks to; unpacking stops at the budget, also when it lies', async () => {
    const honest = await buildDocx('Hallo', { padding: 64 * MiB })
    expect(honest.length).toBeLessThan(MiB)
    expect(declaredUnpackedSize(zipEntries(honest)!)).toBeGreaterThan(64 * MiB)
    const lying = await buildDocx('Hallo', { padding: 64 * MiB, declaredSize: 1000 })
    expect(declaredUnpackedSize(zipEntries(lying)!)).toBeLessThan(MiB)
    expect(checkUnpackedSizes({ bytes: lying, maxUnpackedBytes: 8 * MiB })).toBe('tooLarge')
    const small = await buildDocx('Hallo', { padding: 1000, declaredSize: 10 })
    expect(checkUnpackedSizes({ bytes: small, maxUnpackedBytes: 8 * MiB })).toBeNull()
  })
})
