import { strToU8, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { countDropped } from './countDropped.ts'

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

/** A .docx-shaped zip with the given parts. */
const docx = (parts: Record<string, string>) =>
  zipSync(Object.fromEntries(Object.entries(parts).map(([name, xml]) => [name, strToU8(xml)])))

describe('what a .docx holds that the import cannot keep', () => {
  it('[W1] counts images, text boxes once (not their fallback copy), charts, diagrams, equations and tracked changes in the body and the notes', () => {
    const body = `<w:document ${W}><w:body>
      <w:p><w:r><w:drawing><pic:pic/></w:drawing></w:r><w:r><w:pict><v:imagedata r:id="x"/></w:pict></w:r></w:p>
      <w:p><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p/></w:txbxContent></wps:txbx></w:drawing></mc:Choice>
        <mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p/></w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:p>
      <w:p><w:drawing><c:chart r:id="c1"/></w:drawing><w:drawing><dgm:relIds r:dm="d"/></w:drawing></w:p>
      <m:oMathPara><m:oMath><m:r/></m:oMath></m:oMathPara>
      <w:p><w:ins w:id="1"><w:r><w:t>nieuw</w:t></w:r></w:ins><w:del w:id="2"><w:r><w:delText>oud</w:delText></w:r></w:del></w:p>
      <w:p><w:pPr><w:rPr><w:ins w:id="3"/></w:rPr></w:pPr><w:r><w:rPr><w:b/><w:rPrChange w:id="4"><w:rPr/></w:rPrChange></w:rPr></w:r></w:p>
    </w:body></w:document>`
    const notes = `<w:footnotes ${W}><w:footnote><w:p><w:r><w:drawing><pic:pic/></w:drawing></w:r></w:p></w:footnote></w:footnotes>`
    expect(countDropped(docx({ 'word/document.xml': body, 'word/footnotes.xml': notes }))).toEqual([
      { what: 'image', count: 3 },
      { what: 'textbox', count: 1 },
      { what: 'trackedChange', count: 4 },
      { what: 'chart', count: 1 },
      { what: 'diagram', count: 1 },
      { what: 'equation', count: 1 },
    ])
  })

  it('[W1] counts comments, and headers and footers that show text (an empty one is nothing lost)', () => {
    const parts = {
      'word/document.xml': `<w:document ${W}><w:body><w:p><w:r><w:t>Tekst</w:t></w:r></w:p></w:body></w:document>`,
      'word/comments.xml': `<w:comments ${W}><w:comment w:id="0"><w:p/></w:comment><w:comment w:id="1"><w:p/></w:comment></w:comments>`,
      'word/header1.xml': `<w:hdr ${W}><w:p><w:r><w:t xml:space="preserve">Concept – VNG</w:t></w:r></w:p></w:hdr>`,
      'word/footer2.xml': `<w:ftr ${W}><w:p><w:r><w:t> </w:t></w:r></w:p></w:ftr>`,
    }
    expect(countDropped(docx(parts))).toEqual([
      { what: 'comment', count: 2 },
      { what: 'headerFooter', count: 1 },
    ])
  })

  it('[W1] a plain document gives nothing, and bytes that are no zip give nothing (mammoth reports those)', () => {
    const plain = `<w:document ${W}><w:body><w:p><w:r><w:t>Alleen tekst</w:t></w:r></w:p></w:body></w:document>`
    expect(countDropped(docx({ 'word/document.xml': plain }))).toEqual([])
    expect(countDropped(new TextEncoder().encode('geen zip'))).toEqual([])
  })
})
