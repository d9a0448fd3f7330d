import mammoth from 'mammoth'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HeadlessEditor } from '../helpers/headlessEditor.ts'
import { adminEditor, givePosition, P1, saveVersion, serverBlocks } from '../helpers/rounds.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

let server: TestServer
let editor: HeadlessEditor
let roundId = ''
const YEAR = new Date().getUTCFullYear() + 1
const FILE = `Reactienota Voorstel 1 - Consultatie 1 - ${YEAR}-03-31`
const RESPONSE = 'De VNG neemt de voorwaarde over in paragraaf 3.'
const TODAY = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Amsterdam',
}).format(new Date())

/**
 * Three provinces, five member municipalities of which two do not respond, the
 * VNG's own people, and a VNG response on passage 1.1. Passages 1 (a heading)
 * and 1.3 get nothing and are left out.
 */
beforeAll(async () => {
  server = await startServer({ anchorDelayMs: 20 })
  editor = await adminEditor(server)
  editor.editor.commands.insertContent(
    '<h1>Omkering</h1><p>Gemeenten nemen het voortouw.</p><p>Regio’s verschillen sterk.</p><p>Hier reageert niemand op.</p>',
  )
  const [, lead, regions] = await serverBlocks(server, [
    'Omkering',
    'Gemeenten nemen het voortouw.',
    'Regio’s verschillen sterk.',
    'Hier reageert niemand op.',
  ])
  const versionId = await saveVersion(server, 'Consultatieversie')
  const opened = await server.api<{ id: string }>(`${P1}/rounds`, {
    method: 'POST',
    body: { versionId, closesAt: `${YEAR}-03-31` },
  })
  roundId = opened.body.id
  const member = (name: string, organisation: string, province: string) =>
    server.invite({ name, role: 'reviewer', proposals: ['voorstel-1'], organisation, province })
  const anna = await member('Anna', 'Gemeente Zwolle', 'Overijssel')
  await member('Dirk', 'Gemeente Deventer', 'Overijssel')
  const uri = await member('Uri', 'Gemeente Urk', 'Flevoland')
  await member('Amir', 'Gemeente Almere', 'Flevoland')
  const eef = await member('Eef', 'Gemeente Ede', 'Gelderland')
  const eva = await server.invite({
    ...{ name: 'Eva', role: 'editor', proposals: '*' },
    organisation: 'VNG',
  })
  for (const [who, block, position, reason] of [
    [anna, lead!, 'akkoord-mits', 'Mits er geld komt.'],
    [uri, lead!, 'niet-akkoord', 'Te vaag.'],
    [eef, lead!, 'onthouding', null],
    [uri, regions!, 'akkoord', null],
  ] as const) {
    const given = await givePosition(server, who.token, roundId, block.blockId, {
      position,
      reason,
    })
    expect(given.status).toBe(200)
  }
  const response = await server.api(`${P1}/rounds/${roundId}/responses/${lead!.blockId}`, {
    method: 'PUT',
    token: eva.token,
    body: { text: RESPONSE },
  })
  expect(response.status).toBe(200)
})

afterAll(async () => {
  editor?.destroy()
  await server?.close()
})

async function download(format: 'md' | 'html' | 'docx') {
  const answer = await fetch(`${server.url}${P1}/rounds/${roundId}/reactienota?format=${format}`, {
    headers: { authorization: `Bearer ${server.adminToken}` },
  })
  expect(answer.status).toBe(200)
  return answer
}

/** The rows of every table in (mammoth's or our own) HTML after `from`, up to `to`: cell texts. */
function htmlRows(html: string, from: string, to: string): string[][] {
  const section = html.slice(html.indexOf(from), html.indexOf(to, html.indexOf(from)))
  return [...section.matchAll(/<tr>(.*?)<\/tr>/gs)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/gs)].map((cell) =>
      cell[1]!.replace(/<[^>]+>/g, '').trim(),
    ),
  )
}

/** The rows of the Markdown tables after `from`, up to `to`. */
function mdRows(md: string, from: string, to: string): string[][] {
  const section = md.slice(md.indexOf(from), md.indexOf(to, md.indexOf(from)))
  return section
    .split('\n')
    .filter((line) => line.startsWith('|') && !line.startsWith('|---'))
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    )
}

const HEADER = ['Nr.', 'Passage', 'Akkoord', 'Akkoord, mits', 'Niet akkoord', 'Onthouding']
const SUMMARY = [
  HEADER,
  ['1.1', 'Gemeenten nemen het voortouw.', '0', '1', '1', '1'],
  ['1.2', 'Regio’s verschillen sterk.', '1', '0', '0', '0'],
]
const OVERIJSSEL = [HEADER, ['1.1', 'Gemeenten nemen het voortouw.', '0', '1', '0', '0']]
const FLEVOLAND = [
  HEADER,
  ['1.1', 'Gemeenten nemen het voortouw.', '0', '0', '1', '0'],
  ['1.2', 'Regio’s verschillen sterk.', '1', '0', '0', '0'],
]
const GELDERLAND = [HEADER, ['1.1', 'Gemeenten nemen het voortouw.', '0', '0', '0', '1']]
const LINES = {
  overijssel:
    'Gereageerd: 1 van 2 lidorganisaties (Gemeente Zwolle). Niet gereageerd: Gemeente Deventer.',
  flevoland:
    'Gereageerd: 1 van 2 lidorganisaties (Gemeente Urk). Niet gereageerd: Gemeente Almere.',
  gelderland: 'Gereageerd: 1 van 1 lidorganisatie (Gemeente Ede).',
  omitted: '2 passages zonder standpunten of reacties zijn weggelaten.',
}

describe('the memorandum for the members’ assembly (R5, R7)', () => {
  it('[R7][R5] as Markdown: who did and did not respond, a table per province, the VNG response, and only passages with reactions', async () => {
    const answer = await download('md')
    expect(answer.headers.get('content-disposition')).toBe(
      `attachment; filename="${FILE}.md"; filename*=UTF-8''${encodeURIComponent(FILE)}.md`,
    )
    const md = await answer.text()
    expect(md).toContain('- **Reacties:** 3 van de 5 uitgenodigde lidorganisaties')
    expect(md).toContain(
      [
        '### Gereageerd (3)',
        '',
        '- Gemeente Ede (Gelderland)',
        '- Gemeente Urk (Flevoland)',
        '- Gemeente Zwolle (Overijssel)',
        '',
        '### Niet gereageerd (2)',
        '',
        '- Gemeente Almere (Flevoland)',
        '- Gemeente Deventer (Overijssel)',
      ].join('\n'),
    )
    expect(md).not.toMatch(/^- VNG/m)
    expect(mdRows(md, '## Samenvatting', '## Per provincie')).toEqual(SUMMARY)
    const provinces = md.slice(
      md.indexOf('## Per provincie'),
      md.indexOf('## Reacties per passage'),
    )
    expect([...provinces.matchAll(/^### (.+)$/gm)].map((m) => m[1])).toEqual([
      'Overijssel',
      'Flevoland',
      'Gelderland',
    ])
    expect(mdRows(md, '### Overijssel', '### Flevoland')).toEqual(OVERIJSSEL)
    expect(mdRows(md, '### Flevoland', '### Gelderland')).toEqual(FLEVOLAND)
    expect(mdRows(md, '### Gelderland', '## Reacties per passage')).toEqual(GELDERLAND)
    expect(provinces).toContain(LINES.overijssel)
    expect(provinces).toContain(LINES.flevoland)
    expect(provinces).toContain(LINES.gelderland)

    const passages = md.slice(md.indexOf('## Reacties per passage'))
    expect([...passages.matchAll(/^### Passage (.+)$/gm)].map((m) => m[1])).toEqual(['1.1', '1.2'])
    expect(passages).toContain(LINES.omitted)
    const p11 = passages.slice(0, passages.indexOf('### Passage 1.2'))
    expect(p11).toContain(`#### Reactie VNG\n\n${RESPONSE}\n\n_(Eva (VNG), ${TODAY})_`)
    expect(p11.indexOf('#### Reactie VNG')).toBeLessThan(p11.indexOf('#### Standpunten'))
    expect(p11).toContain(
      `**Akkoord, mits (1)**\n\n- **Gemeente Zwolle** (Overijssel): Mits er geld komt. _(Anna, ${TODAY})_`,
    )
    expect(p11).toContain(
      `**Niet akkoord (1)**\n\n- **Gemeente Urk** (Flevoland): Te vaag. _(Uri, ${TODAY})_`,
    )
    expect(p11).toContain('**Onthouding (1)**\n\nGemeente Ede (Eef).')
    expect(p11).not.toContain('Akkoord (')
    const p12 = passages.slice(passages.indexOf('### Passage 1.2'))
    expect(p12).toContain('**Akkoord (1)**\n\nGemeente Urk (Uri).')
    expect(p12).not.toContain('Reactie VNG')
    expect(md).not.toContain('Hier reageert niemand op.')
  })

  it('[R7][R5] as HTML: the same names and numbers, every table a real table', async () => {
    const answer = await download('html')
    expect(answer.headers.get('content-disposition')).toContain(`filename="${FILE}.html"`)
    const html = await answer.text()
    expect(html).toContain(
      '<li><strong>Reacties:</strong> 3 van de 5 uitgenodigde lidorganisaties</li>',
    )
    expect(html).toContain(
      '<h3>Gereageerd (3)</h3>\n<ul>\n<li>Gemeente Ede (Gelderland)</li>\n<li>Gemeente Urk (Flevoland)</li>\n<li>Gemeente Zwolle (Overijssel)</li>\n</ul>',
    )
    expect(html).toContain(
      '<h3>Niet gereageerd (2)</h3>\n<ul>\n<li>Gemeente Almere (Flevoland)</li>\n<li>Gemeente Deventer (Overijssel)</li>\n</ul>',
    )
    expect(htmlRows(html, '<h2>Samenvatting', '<h2>Per provincie')).toEqual(SUMMARY)
    expect(htmlRows(html, '<h3>Overijssel', '<h3>Flevoland')).toEqual(OVERIJSSEL)
    expect(htmlRows(html, '<h3>Flevoland', '<h3>Gelderland')).toEqual(FLEVOLAND)
    expect(htmlRows(html, '<h3>Gelderland', '<h2>Reacties per passage')).toEqual(GELDERLAND)
    for (const line of Object.values(LINES)) expect(html).toContain(`<p>${line}</p>`)
    expect(html).toContain(
      `<h4>Reactie VNG</h4>\n<p>${RESPONSE}</p>\n<p><em>(Eva (VNG), ${TODAY})</em></p>\n<h4>Standpunten</h4>`,
    )
    expect([...html.matchAll(/<h3>Passage (.+?)<\/h3>/g)].map((m) => m[1])).toEqual(['1.1', '1.2'])
  })

  it('[R7][R5] as DOCX (read back by mammoth): the same names and numbers, in Word headings, lists and tables', async () => {
    const answer = await download('docx')
    expect(answer.headers.get('content-disposition')).toBe(
      `attachment; filename="${FILE}.docx"; filename*=UTF-8''${encodeURIComponent(FILE)}.docx`,
    )
    const buffer = Buffer.from(await answer.arrayBuffer())
    const { value: html, messages } = await mammoth.convertToHtml({ buffer })
    expect(messages.filter((m) => m.type === 'error')).toEqual([])
    expect(html).toContain('<strong>Reacties: </strong>3 van de 5 uitgenodigde lidorganisaties')
    expect(html).toContain(
      '<h2>Gereageerd (3)</h2><ul><li>Gemeente Ede (Gelderland)</li><li>Gemeente Urk (Flevoland)</li><li>Gemeente Zwolle (Overijssel)</li></ul>',
    )
    expect(html).toContain(
      '<h2>Niet gereageerd (2)</h2><ul><li>Gemeente Almere (Flevoland)</li><li>Gemeente Deventer (Overijssel)</li></ul>',
    )
    expect(htmlRows(html, '<h1>Samenvatting', '<h1>Per provincie')).toEqual(SUMMARY)
    expect(htmlRows(html, '<h2>Overijssel', '<h2>Flevoland')).toEqual(OVERIJSSEL)
    expect(htmlRows(html, '<h2>Flevoland', '<h2>Gelderland')).toEqual(FLEVOLAND)
    expect(htmlRows(html, '<h2>Gelderland', '<h1>Reacties per passage')).toEqual(GELDERLAND)
    for (const line of Object.values(LINES)) expect(html).toContain(`<p>${line}</p>`)
    expect(html).toContain(
      `<h3>Reactie VNG</h3><p>${RESPONSE}</p><p><em>(Eva (VNG), ${TODAY})</em></p><h3>Standpunten</h3>`,
    )
    expect([...html.matchAll(/<h2>Passage (.+?)<\/h2>/g)].map((m) => m[1])).toEqual(['1.1', '1.2'])
    expect(html).toContain(
      `<li><strong>Gemeente Zwolle</strong> (Overijssel): Mits er geld komt. (Anna, ${TODAY})</li>`,
    )
    expect(html).toContain('<p><strong>Onthouding (1)</strong></p><p>Gemeente Ede (Eef).</p>')
  })

  it('[R7] a title with letters outside ASCII reaches the file name whole (RFC 5987), with an ASCII stand-in', async () => {
    const renamed = await server.api(P1, {
      method: 'PATCH',
      body: { title: 'Fryslân: één "regio"' },
    })
    expect(renamed.status).toBe(200)
    try {
      const answer = await download('md')
      const name = `Reactienota Fryslân één regio - Consultatie 1 - ${YEAR}-03-31.md`
      expect(answer.headers.get('content-disposition')).toBe(
        `attachment; filename="Reactienota Fryslan een regio - Consultatie 1 - ${YEAR}-03-31.md"; filename*=UTF-8''${encodeURIComponent(name)}`,
      )
    } finally {
      await server.api(P1, { method: 'PATCH', body: { title: 'Voorstel 1' } })
    }
  })
})
