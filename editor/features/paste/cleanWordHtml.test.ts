import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { generateJSON, type JSONContent } from '@tiptap/core'
import { describe, expect, it } from 'vitest'
import { createSchemaExtensions } from '../../../shared/schema.ts'
import { cleanPaste, cleanPastedHtml } from './cleanWordHtml.ts'

/** A fixture of test/fixtures/word (see its README for where each comes from); tests run from the root. */
const fixture = (name: string) => readFileSync(resolve('test/fixtures/word', name), 'utf8')

const WORD = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{mso-style-parent:"";}</style></head><body lang=NL>
<h1 style='mso-margin-top-alt:0cm'>Omkering<o:p></o:p></h1>
<p class=MsoNormal style='mso-line-height-alt:12pt'><b>Gemeenten</b> nemen de <i>regie</i>, zie <a href="https://vng.nl/">vng.nl</a>.<o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol;mso-fareast-font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;</span></span></span><![endif]>Energie<o:p></o:p></p>
<p class=MsoListParagraphCxSpMiddle style='text-indent:-18pt;mso-list:l0 level2 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>o<span>&nbsp;</span></span><![endif]>Warmtenet<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>·<span>&nbsp;</span></span><![endif]>Klimaat<o:p></o:p></p>
<p class=MsoNormal>Tussentekst</p>
<p class=MsoListParagraph style='mso-list:l1 level1 lfo2'><![if !supportLists]><span style='mso-list:Ignore'>1.<span>&nbsp;</span></span><![endif]>Eerste<o:p></o:p></p>
<p class=MsoListParagraph style='mso-list:l1 level1 lfo2'><![if !supportLists]><span style='mso-list:Ignore'>2.<span>&nbsp;</span></span><![endif]>Tweede<o:p></o:p></p>
<p class=MsoListParagraph style='mso-list:l2 level1 lfo3'><![if !supportLists]><span style='mso-list:Ignore'>·<span>&nbsp;</span></span><![endif]>Andere lijst<o:p></o:p></p>
<h4>Diepe kop</h4>
</body></html>`

function toDoc(html: string): JSONContent {
  return generateJSON(cleanPastedHtml(html), createSchemaExtensions())
}

function texts(node: JSONContent): string {
  return (node.content ?? []).map((child) => child.text ?? texts(child)).join('')
}

describe('paste from Word', () => {
  const doc = toDoc(WORD)
  const blocks = doc.content ?? []

  it('keeps headings, bold, italic and links', () => {
    expect(blocks[0]).toMatchObject({ type: 'heading', attrs: { level: 1 } })
    const marks = (blocks[1]?.content ?? []).flatMap((n) => (n.marks ?? []).map((m) => m.type))
    expect(marks).toEqual(expect.arrayContaining(['bold', 'italic', 'link']))
  })

  it('turns list paragraphs into nested bullet and numbered lists without the typed bullets', () => {
    const bullets = blocks[2]
    expect(bullets?.type).toBe('bulletList')
    expect(bullets?.content?.map(texts)).toEqual(['EnergieWarmtenet', 'Klimaat'])
    expect(bullets?.content?.[0]?.content?.[1]?.type).toBe('bulletList')
    expect(blocks[3]).toMatchObject({ type: 'paragraph' })
    expect(blocks[4]?.type).toBe('orderedList')
    expect(blocks[4]?.content?.map(texts)).toEqual(['Eerste', 'Tweede'])
  })

  it('starts a new list where Word starts one, even without text between', () => {
    expect(blocks[5]?.type).toBe('bulletList')
    expect(blocks[5]?.content?.map(texts)).toEqual(['Andere lijst'])
  })

  it('maps headings the schema lacks to level 3 and drops Office markup', () => {
    expect(blocks[6]).toMatchObject({ type: 'heading', attrs: { level: 3 } })
    const html = cleanPastedHtml(WORD)
    expect(html).not.toMatch(/mso-|Mso|o:p|style=/)
  })

  it('[B1] never carries block ids into the text', () => {
    const html = cleanPastedHtml('<p data-block-id="b-1">Kopie</p>')
    expect(html).toBe('<p>Kopie</p>')
    expect(toDoc('<p data-block-id="b-1">Kopie</p>').content?.[0]?.attrs?.blockId).toBeNull()
  })
})

/** Every node of a document, depth first. */
function nodes(node: JSONContent): JSONContent[] {
  return [node, ...(node.content ?? []).flatMap(nodes)]
}

/** Each row of the first table: its cells' types and texts. */
function tableOf(doc: JSONContent) {
  const table = nodes(doc).find((n) => n.type === 'table')
  return table?.content?.map((row) => (row.content ?? []).map((cell) => [cell.type, texts(cell)]))
}

const footnotes = (doc: JSONContent) =>
  nodes(doc)
    .filter((n) => n.type === 'footnote')
    .map(texts)

describe('paste of a whole note from Word and from LibreOffice (W1)', () => {
  it('[W1] Word’s clipboard keeps the table with its header row, the footnotes with their text and the lists without typed bullets; the rest is reported', () => {
    const { html, dropped } = cleanPaste(fixture('word-clipboard.html'))
    const doc = generateJSON(html, createSchemaExtensions())
    expect(tableOf(doc)).toEqual([
      [
        ['tableHeader', 'Partij'],
        ['tableHeader', 'Rol'],
      ],
      [
        ['tableCell', 'Gemeente'],
        ['tableCell', 'RegieVolgens de Gemeentewet.en uitvoering'],
      ],
      [['tableCell', 'Samen met het Rijk']],
    ])
    expect(footnotes(doc)).toEqual(['Zie de ledenbrief van 2022.', 'Volgens de Gemeentewet.'])
    const list = doc.content?.find((n: JSONContent) => n.type === 'bulletList')
    // Also the item whose typed bullet had no mso-list:Ignore span of its own.
    expect(list?.content?.map(texts)).toEqual(['EnergieWarmtenetten', 'Wonen'])
    const paragraphs = nodes(doc)
      .filter((n) => n.type === 'paragraph')
      .map(texts)
    expect(paragraphs).toContain('Met nieuwe tekst en zonder oude.')
    expect(paragraphs).toContain('Vastgesteld in 2023.')
    expect(paragraphs).toContain('Let op: dit vak')
    expect(paragraphs).toContain('Tekst naast het vak.')
    expect(paragraphs.join('\n')).not.toMatch(/\[JJ1\]|Klopt dit jaartal|·|\[1\]/)
    const marks = nodes(doc).flatMap((n) => (n.marks ?? []).map((m) => `${m.type}:${n.text}`))
    expect(marks).toEqual(
      expect.arrayContaining(['underline:voortouw', 'strike:grote', 'highlight:transities']),
    )
    expect(dropped).toEqual([
      { what: 'comment', count: 1 },
      { what: 'trackedChange', count: 2 },
      { what: 'textbox', count: 1 },
      { what: 'image', count: 1 },
    ])
  })

  it('[W1] LibreOffice’s HTML keeps its table (header cells from its thead), footnotes, lists and headings', () => {
    const { html, dropped } = cleanPaste(fixture('libreoffice-export.html'))
    const doc = generateJSON(html, createSchemaExtensions())
    const [h1, paragraph] = doc.content ?? []
    expect(h1).toMatchObject({ type: 'heading', attrs: { level: 1 } })
    expect(texts(paragraph!)).toContain('het voortouwZie de ledenbrief van 2022.')
    expect(
      nodes(doc).find((n) => n.type === 'heading' && texts(n) === 'Wie doet wat'),
    ).toBeDefined()
    expect(tableOf(doc)).toEqual([
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
    expect(footnotes(doc)).toEqual(['Zie de ledenbrief van 2022.', 'Volgens de Gemeentewet.'])
    // Nothing of the notes' list is left as text of its own.
    expect(JSON.stringify(doc)).not.toContain('sdfootnote')
    const last = nodes(doc)
      .filter((n) => n.type === 'paragraph')
      .map(texts)
    // The frame's words follow its paragraph (LibreOffice's HTML splits "Tekst" around the frame).
    expect(last.slice(-2)).toEqual(['T ekst naast het vak.', 'Let op: dit vak'])
    expect(dropped).toEqual([
      { what: 'textbox', count: 1 },
      { what: 'image', count: 3 },
    ])
  })

  it('[W1] footnotes of a web page (and of our own HTML export) are kept; a reference whose note is not on the clipboard is reported', () => {
    const ours =
      '<p>Regie<sup class="footnote-ref" id="fnref-1"><a href="#fn-1">1</a></sup> nu.</p>' +
      '<section class="footnotes"><h2>Voetnoten</h2><ol><li id="fn-1"><p>Zie artikel 3. <a href="#fnref-1">↩</a></p></li></ol></section>'
    const kept = cleanPaste(ours)
    expect(footnotes(generateJSON(kept.html, createSchemaExtensions()))).toEqual(['Zie artikel 3.'])
    expect(kept.html).not.toContain('Voetnoten')
    expect(kept.dropped).toEqual([])
    const wiki = cleanPaste(
      '<p>Gemeenten<sup class="reference"><a href="#cite_note-1">[1]</a></sup> nu.</p>',
    )
    expect(texts(generateJSON(wiki.html, createSchemaExtensions()))).toBe('Gemeenten[1] nu.')
    expect(wiki.dropped).toEqual([{ what: 'footnoteReference', count: 1 }])
  })

  it('[W1] a table in a cell gives its words and is reported; list items lose bullets typed before their text', () => {
    const { html, dropped } = cleanPaste(
      '<table><tr><td><h2>Kop</h2><table><tr><td>Binnen</td></tr></table></td></tr></table>' +
        '<ul><li>• Eerste</li><li>·&nbsp;Tweede</li></ul>',
    )
    const doc = generateJSON(html, createSchemaExtensions())
    expect(tableOf(doc)).toEqual([[['tableCell', 'KopBinnen']]])
    expect(doc.content?.[1]?.content?.map(texts)).toEqual(['Eerste', 'Tweede'])
    expect(dropped).toEqual([{ what: 'tableInside', count: 1 }])
  })
})
