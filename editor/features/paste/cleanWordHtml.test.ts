import { generateJSON, type JSONContent } from '@tiptap/core'
import { describe, expect, it } from 'vitest'
import { createSchemaExtensions } from '../../../shared/schema.ts'
import { cleanPastedHtml } from './cleanWordHtml.ts'

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
