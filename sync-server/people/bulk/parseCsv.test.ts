import { describe, expect, it } from 'vitest'
import { parseCsv } from './parseCsv.ts'

const bytes = (text: string) => new TextEncoder().encode(text)

describe('reading CSV as Excel writes it', () => {
  it('[M1] takes the separator from the header, keeps quoted separators, quotes and line breaks, and numbers records by their first line', () => {
    const file = parseCsv(
      bytes(
        '\uFEFFnaam;e-mail\r\n"Jansen; Piet";piet@ede.nl\r\n\r\n"Regel\neen ""twee""";x@y.nl\r\nlaatste;z@y.nl',
      ),
    )
    expect(file).toMatchObject({ delimiter: ';', encoding: 'utf-8' })
    expect(file.records).toEqual([
      { line: 1, cells: ['naam', 'e-mail'] },
      { line: 2, cells: ['Jansen; Piet', 'piet@ede.nl'] },
      { line: 4, cells: ['Regel\neen "twee"', 'x@y.nl'] },
      { line: 6, cells: ['laatste', 'z@y.nl'] },
    ])
  })

  it('[M1] commas too, and bytes that are not UTF-8 are read as Windows-1252', () => {
    const file = parseCsv(Buffer.from('naam,e-mail\nJos\xe9,"a,b@c.nl"\n', 'latin1'))
    expect(file).toMatchObject({ delimiter: ',', encoding: 'windows-1252' })
    expect(file.records[1]).toEqual({ line: 2, cells: ['José', 'a,b@c.nl'] })
  })
})
