/**
 * Reads a CSV file as Excel writes it (M1): `;` or `,` between fields (taken
 * from the header line), fields in double quotes that may hold the separator,
 * quotes ("") and line breaks, CRLF or LF, UTF-8 with or without a byte order
 * mark — and, since Excel's plain "CSV" is Windows-1252 on Dutch computers,
 * that too when the bytes are not UTF-8.
 */

export interface CsvRecord {
  /** The line of the file the record starts on (the header is line 1). */
  line: number
  cells: string[]
}

export interface CsvFile {
  delimiter: ';' | ','
  encoding: 'utf-8' | 'windows-1252'
  records: CsvRecord[]
}

/** Decodes the bytes: UTF-8 (BOM or not) when they are valid UTF-8, else Windows-1252. */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvFile['encoding'] } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return { text: text.replace(/^\uFEFF/, ''), encoding: 'utf-8' }
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' }
  }
}

/** The separator of the header line: the one that occurs most outside quotes. */
function delimiterOf(text: string): ';' | ',' {
  let semicolons = 0
  let commas = 0
  let quoted = false
  for (const char of text) {
    if (char === '"') quoted = !quoted
    else if (!quoted && (char === '\n' || char === '\r')) break
    else if (!quoted && char === ';') semicolons++
    else if (!quoted && char === ',') commas++
  }
  return semicolons > commas ? ';' : ','
}

export function parseCsv(bytes: Uint8Array): CsvFile {
  const { text, encoding } = decodeCsv(bytes)
  const delimiter = delimiterOf(text)
  const records: CsvRecord[] = []
  let cells: string[] = []
  let cell = ''
  let quoted = false
  let line = 1
  let start = 1
  const endRecord = () => {
    cells.push(cell)
    if (cells.some((value) => value.trim() !== '')) records.push({ line: start, cells })
    cells = []
    cell = ''
  }
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (char === '"') quoted = false
      else {
        if (char === '\n') line++
        cell += char
      }
    } else if (char === '"') quoted = true
    else if (char === delimiter) {
      cells.push(cell)
      cell = ''
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && text[i + 1] === '\n') i++
      endRecord()
      line++
      start = line
    } else cell += char
  }
  if (cell !== '' || cells.length > 0) endRecord()
  return { delimiter, encoding, records }
}
