import {
  Document,
  ExternalHyperlink,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  TextRun,
} from 'docx'
import mammoth from 'mammoth'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { type HeadlessEditor, startHeadlessEditor } from '../helpers/headlessEditor.ts'
import { type Invited, startServer, type TestServer } from '../helpers/server.ts'

const P1 = '/api/proposals/voorstel-1'
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
const WAIT = { timeout: 10_000, interval: 50 }

interface PmNode {
  type: string
  attrs?: Record<string, unknown>
  content?: PmNode[]
  text?: string
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>
}

let server: TestServer
const editors: HeadlessEditor[] = []

afterEach(async () => {
  for (const e of editors.splice(0)) e.destroy()
  await server?.close()
})

async function editorOf(person: Invited | { token: string }, proposalId = 'voorstel-1') {
  const editor = startHeadlessEditor({ wsUrl: server.wsUrl, proposalId, token: person.token })
  editors.push(editor)
  await editor.synced()
  return editor
}

/** Downloads an export as the server sends it. */
async function download(query: string, token = server.adminToken) {
  const response = await fetch(`${server.url}${P1}/export?${query}`, {
    headers: { authorization: `Bearer ${token}` },
  })
  return { response, bytes: Buffer.from(await response.arrayBuffer()) }
}

const readBack = async (bytes: Buffer) => (await mammoth.convertToHtml({ buffer: bytes })).value

/** The part of mammoth's HTML after our title and status line. */
const body = (html: string) => html.replace(/^<p>[^<]*<\/p><p><em>Status:[^<]*<\/em><\/p>/, '')

const TEXT =
  '<h1>Omkering</h1><h2>Waarom</h2>' +
  '<p>Gemeenten <strong>nemen</strong> het <em>voortouw</em>, zie <a href="https://vng.nl/?a=1&amp;b=2">VNG</a>.</p>' +
  '<ul><li><p>Energie</p><ul><li><p>Warmte</p></li></ul></li><li><p>Wonen</p></li></ul>' +
  '<ol><li><p>Eerst</p></li><li><p>Dan</p></li></ol><h3>Slot &lt;script&gt;</h3>'

async function writeText() {
  const anna = await server.invite({ name: 'Anna', role: 'writer', proposals: ['voorstel-1'] })
  const a = await editorOf(anna)
  a.editor.commands.insertContent(TEXT)
  await vi.waitFor(async () => {
    const content = await server.api<{ text: string }>(`${P1}/content`)
    expect(content.body.text).toContain('Slot')
  }, WAIT)
  return a
}

describe('export', () => {
  it('[V5] a DOCX keeps headings, nested lists, bold, italic and links: mammoth reads them back', async () => {
    server = await startServer()
    await writeText()
    const { response, bytes } = await download('format=docx')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe(DOCX)
    expect(response.headers.get('content-disposition')).toContain('filename="voorstel-1.docx"')
    const html = await readBack(bytes)
    expect(html).toContain('<p><em>Status: Concept. Huidige tekst.</em></p>')
    expect(body(html)).toBe(
      '<h1>Omkering</h1><h2>Waarom</h2>' +
        '<p>Gemeenten <strong>nemen</strong> het <em>voortouw</em>, zie <a href="https://vng.nl/?a=1&amp;b=2">VNG</a>.</p>' +
        '<ul><li>Energie<ul><li>Warmte</li></ul></li><li>Wonen</li></ul>' +
        '<ol><li>Eerst</li><li>Dan</li></ol><h3>Slot &lt;script&gt;</h3>',
    )
  })

  it('[V5] Markdown and HTML of the current text and of a version, with title, status and version name', async () => {
    server = await startServer()
    const a = await writeText()
    const version = await server.api<{ id: string }>(`${P1}/versions`, {
      method: 'POST',
      body: { name: 'Eerste ronde' },
    })
    a.editor.chain().focus('end').insertContent(' Later.').run()
    await vi.waitFor(async () => {
      expect((await server.api<{ text: string }>(`${P1}/content`)).body.text).toContain('Later.')
    }, WAIT)

    const md = await download('format=md')
    expect(md.response.headers.get('content-type')).toBe('text/markdown; charset=utf-8')
    const markdown = md.bytes.toString('utf8')
    expect(markdown).toContain(
      '# Voorstel 1\n\nStatus: Concept. Huidige tekst.\n\n# Omkering\n\n## Waarom',
    )
    expect(markdown).toContain(
      'Gemeenten **nemen** het *voortouw*, zie [VNG](<https://vng.nl/?a=1&b=2>).',
    )
    expect(markdown).toContain('- Energie\n  - Warmte\n- Wonen\n\n1. Eerst\n2. Dan')
    expect(markdown).toContain('### Slot \\<script\\> Later.')

    const old = await download(`format=md&version=${version.body.id}`)
    expect(old.response.headers.get('content-disposition')).toContain(
      'filename="voorstel-1-eerste-ronde.md"',
    )
    const oldText = old.bytes.toString('utf8')
    expect(oldText).toMatch(
      /Status: Concept\. Versie "Eerste ronde" van \d+ \w+ \d{4} om \d\d:\d\d\./,
    )
    expect(oldText).not.toContain('Later.')

    const page = (await download('format=html')).bytes.toString('utf8')
    expect(page).toContain('<h1>Voorstel 1</h1>')
    expect(page).toContain('<h3>Slot &lt;script&gt; Later.</h3>')
    expect(page).not.toContain('<script>')
    // Target and rel come from the product, whatever the text holds.
    expect(page).toContain(
      '<a href="https://vng.nl/?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">VNG</a>',
    )
    expect(page).toContain('<ul>\n<li><p>Energie</p>\n<ul>\n<li><p>Warmte</p></li>')
  })

  it('[V5][A2] anyone who may read exports; checks run in the contract order', async () => {
    server = await startServer()
    const rik = await server.invite({ name: 'Rik', role: 'reviewer', proposals: ['voorstel-1'] })
    const status = async (query: string, token: string | null = server.adminToken, path = P1) => {
      const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {}
      return (await fetch(`${server.url}${path}/export?${query}`, { headers })).status
    }
    expect(await status('format=md', null)).toBe(401)
    expect(await status('format=md&version=Kapot_Id')).toBe(400)
    expect(await status('format=md', rik.token, '/api/proposals/voorstel-2')).toBe(403)
    expect(await status('format=md', server.adminToken, '/api/proposals/bestaat-niet')).toBe(404)
    expect(await status('format=pdf')).toBe(422)
    expect(await status('format=md&version=v-onbekend')).toBe(404)
    expect(await status('format=md', rik.token)).toBe(200)
    expect(await status('', rik.token)).toBe(200)
  })
})

/** A Word document as people make them: headings, nested lists, emphasis, links. */
async function wordDocument(): Promise<Buffer> {
  const numbered = {
    reference: 'genummerd',
    levels: [0, 1].map((level) => ({ level, format: LevelFormat.DECIMAL, text: `%${level + 1}.` })),
  }
  const document = new Document({
    numbering: { config: [numbered] },
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, text: 'Ambitie' }),
          new Paragraph({
            children: [
              new TextRun({ text: 'Sterke', bold: true }),
              new TextRun(' gemeenten, '),
              new TextRun({ text: 'samen', italics: true }),
              new TextRun(' met '),
              new ExternalHyperlink({
                link: 'https://vng.nl',
                children: [new TextRun({ text: 'de VNG', style: 'Hyperlink' })],
              }),
              new TextRun(' en '),
              new ExternalHyperlink({
                link: 'javascript:alert(1)',
                children: [new TextRun({ text: 'niets', style: 'Hyperlink' })],
              }),
              new TextRun('.'),
            ],
          }),
          new Paragraph({ text: 'Energie', bullet: { level: 0 } }),
          new Paragraph({ text: 'Warmte', bullet: { level: 1 } }),
          new Paragraph({ text: 'Wonen', bullet: { level: 0 } }),
          new Paragraph({ heading: HeadingLevel.HEADING_5, text: 'Stappen' }),
          new Paragraph({ text: 'Eerst', numbering: { reference: 'genummerd', level: 0 } }),
          new Paragraph({ text: 'Daarna', numbering: { reference: 'genummerd', level: 0 } }),
        ],
      },
    ],
  })
  return Packer.toBuffer(document)
}

async function importWord(bytes: Buffer, token = server.adminToken, type = DOCX) {
  return server.api<PmNode & { doc: PmNode; text: string; error?: { code: string } }>(
    `${P1}/import`,
    { method: 'POST', token, raw: new Uint8Array(bytes), headers: { 'content-type': type } },
  )
}

describe('import', () => {
  it('[V5][B1] an editor fills an empty proposal from a .docx in one change; exported again it keeps its structure', async () => {
    server = await startServer()
    const eva = await server.invite({ name: 'Eva', role: 'editor', proposals: '*' })
    const empty = await server.api<{ id: string }>(`${P1}/versions`, {
      method: 'POST',
      body: { name: 'Leeg' },
    })
    const watcher = await editorOf(eva)
    const source = await wordDocument()
    const answer = await importWord(source, eva.token)
    expect(answer.status).toBe(200)
    expect(answer.body.text).toBe(
      'Ambitie\nSterke gemeenten, samen met de VNG en niets.\nEnergie\nWarmte\nWonen\nStappen\nEerst\nDaarna',
    )
    const [h1, p, bullets, h5, numbers] = answer.body.doc.content!
    expect(h1).toMatchObject({ type: 'heading', attrs: { level: 1 } })
    expect(h5).toMatchObject({ type: 'heading', attrs: { level: 3 } })
    expect(
      p!.content!.map((n) => [n.text, (n.marks ?? []).map((m) => m.attrs?.href ?? m.type)]),
    ).toEqual([
      ['Sterke', ['bold']],
      [' gemeenten, ', []],
      ['samen', ['italic']],
      [' met ', []],
      ['de VNG', ['https://vng.nl']],
      // A javascript: link keeps its text and loses the link.
      [' en niets.', []],
    ])
    expect(bullets!.type).toBe('bulletList')
    expect(bullets!.content![0]!.content![1]).toMatchObject({ type: 'bulletList' })
    expect(numbers!.type).toBe('orderedList')
    // Every passage has its id from the server (B1).
    await vi.waitFor(async () => {
      const { doc } = (await server.api<{ doc: PmNode }>(`${P1}/content`)).body
      const ids: unknown[] = []
      const walk = (n: PmNode) => {
        if (n.type === 'paragraph' || n.type === 'heading') ids.push(n.attrs?.blockId)
        n.content?.forEach(walk)
      }
      walk(doc)
      expect(ids).toHaveLength(8)
      expect(ids.every((id) => typeof id === 'string')).toBe(true)
      expect(new Set(ids).size).toBe(8)
    }, WAIT)
    // Open editors receive it; all of it is credited to Eva.
    await vi.waitFor(() => expect(watcher.text()).toBe(answer.body.text), WAIT)
    const diff = await server.api<{ changes: Array<{ by: Array<{ id: string }> }> }>(
      `${P1}/versions/${empty.body.id}/diff?against=current`,
    )
    expect(new Set(diff.body.changes.flatMap((c) => c.by.map((b) => b.id)))).toEqual(
      new Set([eva.person.id]),
    )
    const activity = await server.api<Array<{ type: string; person: { id: string } }>>(
      `${P1}/activity`,
    )
    expect(activity.body.find((e) => e.type === 'proposal.imported')?.person.id).toBe(eva.person.id)

    // Round trip: what Word had is what Word gets back (the link that was dropped aside).
    const exported = body(await readBack((await download('format=docx')).bytes))
    const original = (await readBack(source)).replace(
      '<a href="javascript:alert(1)">niets</a>',
      'niets',
    )
    expect(exported).toBe(original.replace('<h5>Stappen</h5>', '<h3>Stappen</h3>'))
  })

  it('[V5][H4][A2] refusals: role 403, type 415, size 413, not empty 409, frozen 409, unreadable 422 — and nothing changes', async () => {
    server = await startServer()
    const wies = await server.invite({ name: 'Wies', role: 'writer', proposals: ['voorstel-1'] })
    const source = await wordDocument()
    const code = async (answer: ReturnType<typeof importWord>) => {
      const { status, body } = await answer
      return [status, (body as { error?: { code: string } }).error?.code]
    }
    expect(await code(importWord(source, wies.token))).toEqual([403, 'forbidden'])
    expect(await code(importWord(source, server.adminToken, 'application/pdf'))).toEqual([
      415,
      'unsupported_media_type',
    ])
    expect(await code(importWord(Buffer.alloc(1024 * 1024 + 1)))).toEqual([
      413,
      'payload_too_large',
    ])
    expect(await code(importWord(Buffer.from('geen word')))).toEqual([422, 'validation_failed'])
    await server.api(P1, { method: 'PATCH', body: { status: 'vastgesteld' } })
    expect(await code(importWord(source))).toEqual([409, 'frozen'])
    await server.api(P1, { method: 'PATCH', body: { status: 'concept' } })
    expect((await server.api<{ text: string }>(`${P1}/content`)).body.text).toBe('')

    const w = await editorOf(wies)
    w.editor.commands.insertContent('<p>Al begonnen.</p>')
    await vi.waitFor(async () => {
      expect((await server.api<{ text: string }>(`${P1}/content`)).body.text).toBe('Al begonnen.')
    }, WAIT)
    expect(await code(importWord(source))).toEqual([409, 'not_empty'])
    expect((await server.api<{ text: string }>(`${P1}/content`)).body.text).toBe('Al begonnen.')
    // The positive twin: the same file on an empty proposal is taken.
    const other = await server.api('/api/proposals/voorstel-2/import', {
      method: 'POST',
      raw: new Uint8Array(source),
      headers: { 'content-type': DOCX },
    })
    expect(other.status).toBe(200)
  })
})
