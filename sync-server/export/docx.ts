/**
 * The text as a Word document (contract V5), written with the `docx` package.
 * Word's own styles carry the structure, so Word (and mammoth) read it back:
 * Title, Heading 1–3, Quote, and real numbering for lists — bullets and
 * numbers, nested by level, each list numbered from 1. Bold, italic and links
 * are run properties and hyperlinks. Text goes in as text runs, never as markup.
 */
import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  type ParagraphChild,
  TextRun,
} from 'docx'
import { formatDateTime } from '../../shared/dates.ts'
import { type Block, type ExportDocument, type Inline, subtitle } from './model.ts'

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3] as const
const BULLETS = 'opsomming'
const NUMBERS = 'nummering'
/** Word allows nine list levels. */
const MAX_LEVEL = 8
const INDENT = 720

const levels = (
  format: (typeof LevelFormat)[keyof typeof LevelFormat],
  text: (l: number) => string,
) =>
  Array.from({ length: MAX_LEVEL + 1 }, (_, level) => ({
    level,
    format,
    text: text(level),
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: INDENT * (level + 1), hanging: 360 } } },
  }))

const NUMBERING = {
  config: [
    { reference: BULLETS, levels: levels(LevelFormat.BULLET, (l) => ['•', '◦', '▪'][l % 3]!) },
    { reference: NUMBERS, levels: levels(LevelFormat.DECIMAL, (l) => `%${l + 1}.`) },
  ],
}

/** Word's built-in "Quote" style, so Word shows it by name and imports map it back. */
const QUOTE_STYLE = {
  id: 'Quote',
  name: 'Quote',
  basedOn: 'Normal',
  next: 'Normal',
  quickFormat: true,
  run: { italics: true },
  paragraph: { indent: { left: INDENT } },
}

function runs(parts: Inline[]): ParagraphChild[] {
  return parts.map((part) => {
    if (part.kind === 'break') return new TextRun({ break: 1 })
    const options = { text: part.text, bold: part.bold, italics: part.italic }
    if (!part.href) return new TextRun(options)
    return new ExternalHyperlink({
      link: part.href,
      children: [new TextRun({ ...options, style: 'Hyperlink' })],
    })
  })
}

/** Writes blocks as paragraphs; `list` says where in a list they stand. */
class Writer {
  readonly paragraphs: Paragraph[] = []
  #instances = 0

  blocks(list: Block[], quote = false, indent = 0): void {
    for (const b of list) this.block(b, quote, indent)
  }

  block(b: Block, quote: boolean, indent: number, numbering?: Numbering): void {
    const left = indent > 0 ? { indent: { left: INDENT * indent } } : {}
    if (b.kind === 'heading') {
      this.paragraphs.push(
        new Paragraph({ heading: HEADINGS[b.level - 1], children: runs(b.inlines) }),
      )
    } else if (b.kind === 'paragraph') {
      const style = quote ? { style: QUOTE_STYLE.id } : {}
      this.paragraphs.push(
        new Paragraph({
          children: runs(b.inlines),
          ...(numbering ? { numbering } : left),
          ...style,
        }),
      )
    } else if (b.kind === 'quote') {
      this.blocks(b.blocks, true, indent)
    } else {
      this.list(b, quote, indent)
    }
  }

  list(b: Extract<Block, { kind: 'list' }>, quote: boolean, indent: number, parent?: Numbering) {
    const reference = b.ordered ? NUMBERS : BULLETS
    // A list nested in a list of its own kind continues that list's numbering one
    // level deeper; any other list is a list of its own, numbered from 1.
    const instance = parent && parent.reference === reference ? parent.instance : ++this.#instances
    const level = parent ? Math.min(parent.level + 1, MAX_LEVEL) : 0
    for (const item of b.items) {
      item.forEach((child, i) => {
        if (child.kind === 'list') {
          this.list(child, quote, indent, { reference, level, instance })
        } else if (i === 0 && child.kind === 'paragraph') {
          this.block(child, quote, indent, { reference, level, instance })
        } else {
          this.block(child, quote, level + 1 + indent)
        }
      })
    }
  }
}

interface Numbering {
  reference: string
  level: number
  instance: number
}

/** The whole export as the bytes of a .docx file. */
export async function renderDocx(document: ExportDocument): Promise<Buffer> {
  const writer = new Writer()
  writer.blocks(document.blocks)
  const doc = new Document({
    title: document.title,
    creator: 'Meeschrijven',
    numbering: NUMBERING,
    styles: { paragraphStyles: [QUOTE_STYLE] },
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, text: document.title }),
          new Paragraph({
            children: [new TextRun({ text: subtitle(document, formatDateTime), italics: true })],
          }),
          ...writer.paragraphs,
        ],
      },
    ],
  })
  return Packer.toBuffer(doc)
}
