/**
 * The text as a Word document (contract V5), written with the `docx` package.
 * Word's own styles carry the structure, so Word (and mammoth) read it back:
 * Title, Heading 1–3, Quote, and real numbering for lists — bullets and
 * numbers, nested by level, each list numbered from 1. Bold, italic,
 * underline, strikethrough, highlight and links are run properties and
 * hyperlinks. Tables are Word tables whose header rows repeat on every page,
 * footnotes are Word footnotes (W1). Text goes in as text runs, never as markup.
 */
import {
  AlignmentType,
  DeletedTextRun,
  Document,
  ExternalHyperlink,
  FootnoteReferenceRun,
  HeadingLevel,
  InsertedTextRun,
  LevelFormat,
  Packer,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import { formatDateTime } from '../../shared/dates.ts'
import {
  type Block,
  type ExportDocument,
  type Inline,
  subtitle,
  type TrackedMark,
} from './model.ts'

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

/** Word numbers every tracked change of a document; counted from 1 per export. */
let revisions = 0

function runs(parts: Inline[]): ParagraphChild[] {
  return parts.map((part) => {
    if (part.kind === 'break') return new TextRun({ break: 1 })
    if (part.kind === 'footnote') {
      // The footnote's own content: docx numbers it and adds it to the document's footnotes.
      return new FootnoteReferenceRun({
        children: [new Paragraph({ children: runs(part.inlines) })],
      })
    }
    const options = {
      text: part.text,
      bold: part.bold,
      italics: part.italic,
      ...(part.underline ? { underline: {} } : {}),
      ...(part.strike ? { strike: true } : {}),
      ...(part.highlight ? { highlight: 'yellow' as const } : {}),
    }
    if (part.tracked) {
      // A suggestion in a tracked export (W2): Word's w:ins or w:del, by its proposer.
      const change = {
        ...options,
        id: ++revisions,
        author: part.tracked.author,
        date: part.tracked.date,
      }
      return part.tracked.kind === 'insert'
        ? new InsertedTextRun(change)
        : new DeletedTextRun(change)
    }
    if (!part.href) return new TextRun(options)
    return new ExternalHyperlink({
      link: part.href,
      children: [new TextRun({ ...options, style: 'Hyperlink' })],
    })
  })
}

/** The paragraph mark deleted by a suggestion (Word: w:pPr/w:rPr/w:del), when one is. */
function markRun(b: { markDeleted?: TrackedMark }) {
  if (!b.markDeleted) return {}
  const { author, date } = b.markDeleted
  return { run: { deletion: { id: ++revisions, author, date } } }
}

/** Writes blocks as paragraphs and tables; `list` says where in a list they stand. */
class Writer {
  readonly paragraphs: Array<Paragraph | Table> = []
  /** Numbering instances handed out, shared with the writers of table cells. */
  readonly #instances: { count: number }

  constructor(instances = { count: 0 }) {
    this.#instances = instances
  }

  blocks(list: Block[], quote = false, indent = 0): void {
    for (const b of list) this.block(b, quote, indent)
  }

  block(b: Block, quote: boolean, indent: number, numbering?: Numbering): void {
    const left = indent > 0 ? { indent: { left: INDENT * indent } } : {}
    if (b.kind === 'heading') {
      this.paragraphs.push(
        new Paragraph({
          heading: HEADINGS[b.level - 1],
          children: runs(b.inlines),
          ...markRun(b),
        }),
      )
    } else if (b.kind === 'paragraph') {
      const style = quote ? { style: QUOTE_STYLE.id } : {}
      this.paragraphs.push(
        new Paragraph({
          children: runs(b.inlines),
          ...(numbering ? { numbering } : left),
          ...style,
          ...markRun(b),
        }),
      )
    } else if (b.kind === 'quote') {
      this.blocks(b.blocks, true, indent)
    } else if (b.kind === 'table') {
      this.paragraphs.push(this.table(b))
    } else {
      this.list(b, quote, indent)
    }
  }

  table(b: Extract<Block, { kind: 'table' }>): Table {
    // Header rows repeat at the top of every page only when they lead the table.
    let leading = true
    const rows = b.rows.map((row) => {
      leading = leading && row.header
      return new TableRow({
        // Only set when true: readers such as mammoth take any w:tblHeader for a header.
        ...(leading ? { tableHeader: true } : {}),
        children: row.cells.map((cell) => {
          const writer = new Writer(this.#instances)
          writer.blocks(cell.blocks)
          // Word needs a paragraph in every cell.
          const children = writer.paragraphs.length > 0 ? writer.paragraphs : [new Paragraph({})]
          return new TableCell({
            children,
            ...(cell.colspan > 1 ? { columnSpan: cell.colspan } : {}),
            ...(cell.rowspan > 1 ? { rowSpan: cell.rowspan } : {}),
          })
        }),
      })
    })
    return new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } })
  }

  list(b: Extract<Block, { kind: 'list' }>, quote: boolean, indent: number, parent?: Numbering) {
    const reference = b.ordered ? NUMBERS : BULLETS
    // A list nested in a list of its own kind continues that list's numbering one
    // level deeper; any other list is a list of its own, numbered from 1.
    const instance =
      parent && parent.reference === reference ? parent.instance : ++this.#instances.count
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
  revisions = 0
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
