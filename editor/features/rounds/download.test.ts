import { describe, expect, it } from 'vitest'
import { fileNameOf } from './download.ts'

describe('the name of a downloaded file', () => {
  it('[R7] takes the UTF-8 name of filename* (RFC 5987) over the ASCII stand-in', () => {
    expect(
      fileNameOf(
        `attachment; filename="Reactienota Fryslan.docx"; filename*=UTF-8''Reactienota%20Frysl%C3%A2n.docx`,
        'reactienota.docx',
      ),
    ).toBe('Reactienota Fryslân.docx')
  })

  it('[R7] without filename* it takes filename, and without either the fallback', () => {
    expect(fileNameOf('attachment; filename="Reactienota Voorstel 1.md"', 'x.md')).toBe(
      'Reactienota Voorstel 1.md',
    )
    expect(fileNameOf(`attachment; filename="a.md"; filename*=UTF-8''%E0%A4%A`, 'x.md')).toBe(
      'a.md',
    )
    expect(fileNameOf(null, 'reactienota.md')).toBe('reactienota.md')
  })
})
