import mammoth from 'mammoth'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { type HeadlessEditor, startHeadlessEditor } from '../helpers/headlessEditor.ts'
import { docxFixture, libreOfficeSkipReason } from '../helpers/libreOffice.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import {
  between,
  exportOf,
  importDocx,
  type PmNode,
  readBackWithLibreOffice,
  textOf,
  withoutIds,
  wordFixture,
} from '../helpers/word.ts'

const skip = libreOfficeSkipReason()
const WAIT = { timeout: 10_000, interval: 50 }
/** LibreOffice starts in seconds, more on a busy machine: its conversions get this long. */
const OFFICE_TIMEOUT = 120_000

let server: TestServer
const editors: HeadlessEditor[] = []

afterEach(async () => {
  for (const e of editors.splice(0)) e.destroy()
  await server?.close()
})

/** Every node of a document, depth first. */
function nodes(doc: PmNode): PmNode[] {
  return [doc, ...(doc.content ?? []).flatMap(nodes)]
}

const textIn = (node: PmNode): string => node.text ?? (node.content ?? []).map(textIn).join('')

/** The body of an export read back: without the title and the status line it starts with. */
const bodyOf = (doc: PmNode): PmNode => ({ ...doc, content: doc.content!.slice(2) })

describe.skipIf(skip)('Word files made by an office suite', () => {
  let fixture: Buffer

  beforeAll(async () => {
    fixture = await docxFixture(wordFixture('beleidsnotitie.fodt'))
  }, OFFICE_TIMEOUT)

  it(
    '[W1][V5][B1] an import keeps tables, footnotes, lists and underline, reports the images, text box, tracked changes and comment; exported and read back by LibreOffice the structure is intact, and imported again it is the same text',
    async () => {
      server = await startServer()
      const answer = await importDocx(server, 'voorstel-1', fixture)
      expect(answer.status).toBe(200)
      expect(answer.body.dropped).toEqual([
        { what: 'image', count: 2 },
        { what: 'textbox', count: 1 },
        { what: 'comment', count: 1 },
      ])
      const { doc } = answer.body
      expect(answer.body.text).toBe(
        [
          'Omkering in de praktijk',
          'Gemeenten nemen samen het voortouw[1] bij de grote transities, zie vng.nl.',
          'Energie',
          'Warmtenetten',
          'Wonen',
          'Wie doet wat',
          'Partij',
          'Rol',
          'Gemeente',
          'Regie[2]',
          'en uitvoering',
          'Provincie',
          'Ruimte',
          'Natuur',
          'Samen met het Rijk',
          'Eerst de wijken',
          'Dan de regio',
          // Tracked changes are not applied: the original text, the changes are suggestions (W2).
          'Met  tekst en oude woorden zonder oude.',
          'Vastgesteld in 2023.',
          'Kaart  en logo .',
          'Tekst naast het vak.',
          'Let op: dit vak',
          '[1] Zie de ledenbrief van 2022.',
          '[2] Volgens de Gemeentewet.',
        ].join('\n'),
      )
      const suggestions = await server.api<
        Array<{ kind: string; quote: string; replacement: string; createdBy: { name: string } }>
      >('/api/proposals/voorstel-1/threads')
      expect(
        suggestions.body.map((t) => [t.kind, t.quote, t.replacement, t.createdBy.name]),
      ).toEqual([
        ['amendment', '', 'nieuwe', 'Auteur uit Word: Piet de Vries'],
        ['amendment', 'oude woorden ', '', 'Auteur uit Word: Piet de Vries'],
      ])
      const marks = (text: string) =>
        nodes(doc)
          .find((n) => n.type === 'text' && n.text === text)
          ?.marks?.map((m) => m.type)
      expect(marks('voortouw')).toEqual(['underline'])
      expect(marks('samen')).toEqual(['bold'])
      expect(marks('grote')).toEqual(['strike'])
      expect(marks('ledenbrief')).toEqual(['italic'])
      const table = nodes(doc).find((n) => n.type === 'table')!
      expect(
        table.content!.map((row) => row.content!.map((cell) => [cell.type, textIn(cell)])),
      ).toEqual([
        [
          ['tableHeader', 'Partij'],
          ['tableHeader', 'Rol'],
        ],
        [
          ['tableCell', 'Gemeente'],
          ['tableCell', 'RegieVolgens de Gemeentewet.en uitvoering'],
        ],
        [
          ['tableCell', 'Provincie'],
          ['tableCell', 'RuimteNatuur'],
        ],
        [['tableCell', 'Samen met het Rijk']],
      ])
      expect(table.content![3]!.content![0]!.attrs?.colspan).toBe(2)
      expect(table.content![2]!.content![1]!.content![0]!.type).toBe('orderedList')
      // Every passage, in table cells too, gets its id from the server (B1).
      await vi.waitFor(async () => {
        const stored = (await server.api<{ doc: PmNode }>('/api/proposals/voorstel-1/content')).body
        const ids = nodes(stored.doc)
          .filter((n) => n.type === 'paragraph' || n.type === 'heading')
          .map((n) => n.attrs?.blockId)
        expect(ids.length).toBe(22)
        expect(ids.every((id) => typeof id === 'string')).toBe(true)
        expect(new Set(ids).size).toBe(ids.length)
      }, WAIT)

      // Out again, and read by the office suite: Word's structures, not loose paragraphs.
      const docx = await exportOf(server, 'voorstel-1', 'format=docx')
      const [html] = await readBackWithLibreOffice([{ name: 'export.docx', bytes: docx }])
      const body = html!.replace(/\s+/g, ' ')
      expect(textOf(between(body, /<h1[\s>]/, '</h1>'))).toBe('Omkering in de praktijk')
      const thead = textOf(between(body, /<thead[\s>]/, '</thead>'))
      expect(thead).toBe('Partij Rol')
      const tableHtml = between(body, /<table[\s>]/, '</table>')
      expect(tableHtml.match(/<tr[\s>]/g)).toHaveLength(4)
      expect(tableHtml).toMatch(/<td[^>]*colspan="2"[^>]*>.*Samen met het Rijk/)
      expect(textOf(between(tableHtml, /<ol[\s>]/, '</ol>'))).toBe('Ruimte Natuur')
      expect(body).toMatch(/<u>(<[^>]+>)*voortouw/)
      expect(body).toMatch(/<(strike|s|del)>(<[^>]+>)*\s*grote/)
      expect(textOf(between(body, /<div id="sdfootnote1"/, '</div>'))).toBe(
        '1 Zie de ledenbrief van 2022.',
      )
      expect(textOf(between(body, /<div id="sdfootnote2"/, '</div>'))).toBe(
        '2 Volgens de Gemeentewet.',
      )
      // The second footnote's reference stands in its table cell.
      expect(tableHtml).toContain('href="#sdfootnote2sym"')
      // A nested list: the inner one ends before its outer one does.
      const list = between(body, /<ul[\s>]/, '<h2').slice(0, -3)
      expect(textOf(list)).toBe('Energie Warmtenetten Wonen')
      expect(list).toMatch(/Energie.*<ul[\s>].*Warmtenetten.*<\/ul>.*Wonen/)

      // And back in: the export imported into an empty proposal is the same text.
      const again = await importDocx(server, 'voorstel-2', docx)
      expect(again.status).toBe(200)
      expect(again.body.dropped).toEqual([])
      expect(withoutIds(bodyOf(again.body.doc))).toEqual(withoutIds(doc))
    },
    OFFICE_TIMEOUT,
  )

  it(
    '[W1][V5] a text written in the editor with a table, a footnote, underline, strikethrough and highlight goes out as Markdown, HTML and DOCX; LibreOffice and mammoth read the DOCX and the HTML back with their tables and footnotes',
    async () => {
      server = await startServer()
      const writer = await server.invite({ name: 'Wim', role: 'writer', proposals: ['voorstel-1'] })
      const w = startHeadlessEditor({
        wsUrl: server.wsUrl,
        proposalId: 'voorstel-1',
        token: writer.token,
      })
      editors.push(w)
      await w.synced()
      w.editor.commands.setContent({
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'Regie' },
              { type: 'footnote', content: [{ type: 'text', text: 'Zie artikel 3.' }] },
              { type: 'text', text: ' met ' },
              { type: 'text', text: 'nadruk', marks: [{ type: 'underline' }] },
              { type: 'text', text: ', ' },
              { type: 'text', text: 'oud', marks: [{ type: 'strike' }] },
              { type: 'text', text: ' en ' },
              { type: 'text', text: 'geel', marks: [{ type: 'highlight' }] },
              { type: 'text', text: '.' },
            ],
          },
          {
            type: 'table',
            content: [
              {
                type: 'tableRow',
                content: ['Thema', 'Rol | taak'].map((text) => ({
                  type: 'tableHeader',
                  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
                })),
              },
              {
                type: 'tableRow',
                content: ['Wonen', 'Bouwen'].map((text) => ({
                  type: 'tableCell',
                  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
                })),
              },
            ],
          },
        ],
      })
      await vi.waitFor(async () => {
        const { text } = (await server.api<{ text: string }>('/api/proposals/voorstel-1/content'))
          .body
        expect(text).toBe(
          'Regie[1] met nadruk, oud en geel.\nThema\nRol | taak\nWonen\nBouwen\n[1] Zie artikel 3.',
        )
      }, WAIT)

      const markdown = (await exportOf(server, 'voorstel-1', 'format=md')).toString('utf8')
      expect(markdown).toContain(
        'Regie[^1] met <u>nadruk</u>, ~~oud~~ en <mark>geel</mark>.\n\n' +
          '| Thema | Rol \\| taak |\n| --- | --- |\n| Wonen | Bouwen |\n\n' +
          '[^1]: Zie artikel 3.\n',
      )
      const page = (await exportOf(server, 'voorstel-1', 'format=html')).toString('utf8')
      expect(page).toContain(
        '<thead>\n<tr><th><p>Thema</p></th><th><p>Rol | taak</p></th></tr>\n</thead>',
      )
      expect(page).toContain(
        '<tbody>\n<tr><td><p>Wonen</p></td><td><p>Bouwen</p></td></tr>\n</tbody>',
      )
      expect(page).toContain('Regie<sup class="footnote-ref" id="fnref-1"><a href="#fn-1"')
      expect(page).toMatch(/<li id="fn-1"><p>Zie artikel 3\. <a href="#fnref-1"/)
      expect(page).toContain('<u>nadruk</u>, <s>oud</s> en <mark>geel</mark>')

      const docx = await exportOf(server, 'voorstel-1', 'format=docx')
      const read = await mammoth.convertToHtml(
        { buffer: docx },
        { styleMap: ['u => u', 'highlight => mark'] },
      )
      expect(read.value).toContain(
        '<table><thead><tr><th><p>Thema</p></th><th><p>Rol | taak</p></th></tr></thead><tbody><tr><td><p>Wonen</p></td><td><p>Bouwen</p></td></tr></tbody></table>',
      )
      expect(read.value).toMatch(
        /<li id="footnote-1"><p>Zie artikel 3\. <a href="#footnote-ref-1">/,
      )
      expect(read.value).toContain('<u>nadruk</u>, <s>oud</s> en <mark>geel</mark>')

      const [fromDocx, fromHtml] = await readBackWithLibreOffice([
        { name: 'export.docx', bytes: docx },
        { name: 'export.html', bytes: Buffer.from(page) },
      ])
      for (const html of [fromDocx!, fromHtml!]) {
        const body = html.replace(/\s+/g, ' ')
        expect(textOf(between(body, /<table[\s>]/, '</table>'))).toBe(
          'Thema Rol | taak Wonen Bouwen',
        )
        expect(textOf(between(body, /<thead[\s>]/, '</thead>'))).toBe('Thema Rol | taak')
      }
      // Word's own footnote in the DOCX; in the HTML a list of notes below the text.
      expect(
        textOf(between(fromDocx!.replace(/\s+/g, ' '), /<div id="sdfootnote1"/, '</div>')),
      ).toBe('1 Zie artikel 3.')

      // Imported again, the DOCX is the same text: highlight included.
      const again = await importDocx(server, 'voorstel-2', docx)
      expect(withoutIds(bodyOf(again.body.doc))).toEqual(withoutIds(w.json() as PmNode))
    },
    OFFICE_TIMEOUT,
  )
})
