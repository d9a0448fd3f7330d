import mammoth from 'mammoth'
import { afterEach, describe, expect, it } from 'vitest'
import type { HeadlessEditor } from '../helpers/headlessEditor.ts'
import {
  adminEditor,
  givePosition,
  openRound,
  P1,
  saveVersion,
  serverBlocks,
} from '../helpers/rounds.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

interface Thread {
  id: string
  quote: string
  comments: Array<{ id: string; body: string }>
}

let server: TestServer
let editor: HeadlessEditor

afterEach(async () => {
  editor?.destroy()
  await server?.close()
})

async function post<T>(path: string, body: unknown, token?: string): Promise<T> {
  const answer = await server.api<T>(`${P1}${path}`, { method: 'POST', body, token })
  expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300)
  return answer.body
}

const download = (roundId: string, format: string) =>
  fetch(`${server.url}${P1}/rounds/${roundId}/reactienota?format=${format}`, {
    headers: { authorization: `Bearer ${server.adminToken}` },
  })

/** A round with positions, threads with replies and decisions, amendments and a hidden comment. */
async function roundWithReactions() {
  server = await startServer({ anchorDelayMs: 20 })
  editor = await adminEditor(server)
  editor.editor.commands.insertContent(
    '<h1>Omkering</h1><p>Gemeenten nemen het voortouw.</p><p>Regio’s verschillen.</p>',
  )
  const lines = ['Omkering', 'Gemeenten nemen het voortouw.', 'Regio’s verschillen.']
  const [, lead, regions] = await serverBlocks(server, lines)
  const round = await openRound(server, await saveVersion(server, 'Consultatieversie'))
  const invite = (name: string, organisation: string, province: string) =>
    server.invite({ name, role: 'reviewer', proposals: ['voorstel-1'], organisation, province })
  const zwolle = await invite('Anna', 'Gemeente Zwolle', 'Overijssel')
  const urk = await invite('Uri', 'Gemeente Urk', 'Flevoland')
  const ede = await invite('Eef', 'Gemeente Ede', 'Gelderland')
  const positions = [
    [zwolle, lead!, 'akkoord-mits', 'Mits er geld komt <script>alert(1)</script> & **vet**'],
    [urk, lead!, 'niet-akkoord', 'Te vaag over de rol van de provincie.'],
    [ede, lead!, 'onthouding', null],
    [urk, regions!, 'akkoord', null],
  ] as const
  for (const [who, block, position, reason] of positions) {
    const answer = await givePosition(server, who.token, round.id, block.blockId, {
      position,
      reason,
    })
    expect(answer.status).toBe(200)
  }

  const comment = await post<Thread>(
    '/threads',
    { body: 'Wie betaalt dit?', quote: 'voortouw' },
    zwolle.token,
  )
  await post(`/threads/${comment.id}/comments`, { body: 'Het Rijk, zie paragraaf 3.' })
  const hidden = await post<{ id: string }>(
    `/threads/${comment.id}/comments`,
    { body: 'Scheldwoord' },
    urk.token,
  )
  await server.api(`${P1}/threads/${comment.id}/comments/${hidden.id}`, {
    method: 'PATCH',
    body: { hidden: true, reason: 'Ongepast' },
  })
  await post(`/threads/${comment.id}/resolve`, {
    decision: 'deels-verwerkt',
    note: 'Geld volgt in de uitwerking.',
  })
  const accepted = await post<Thread>(
    '/threads',
    { body: 'Sterker zeggen.', quote: 'verschillen', replacement: 'verschillen sterk' },
    ede.token,
  )
  await post(`/threads/${accepted.id}/accept`, {})
  const rejected = await post<Thread>(
    '/threads',
    { body: 'Liever provincies.', quote: 'Gemeenten', replacement: 'Provincies' },
    urk.token,
  )
  await post(`/threads/${rejected.id}/reject`, { note: 'Past niet bij de omkering.' })
  editor.editor.commands.insertContentAt(
    editor.editor.state.doc.content.size,
    '<p>Nieuwe alinea na de versie.</p>',
  )
  await serverBlocks(server, [
    ...lines.slice(0, 2),
    'Regio’s verschillen sterk.',
    'Nieuwe alinea na de versie.',
  ])
  const later = await post<Thread>(
    '/threads',
    { body: 'Hoort dit erbij?', quote: 'Nieuwe alinea' },
    zwolle.token,
  )
  return { round, threads: [comment, accepted, rejected, later], positions }
}

describe('the response memorandum', () => {
  it('[R7] holds every thread and position of the round, by passage number, as Markdown', async () => {
    const { round, positions } = await roundWithReactions()
    const answer = await download(round.id, 'md')
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-type')).toContain('text/markdown')
    expect(answer.headers.get('content-disposition')).toMatch(
      /^attachment; filename="Reactienota Voorstel 1 - Consultatie 1 - \d{4}-\d{2}-\d{2}\.md"; filename\*=UTF-8''Reactienota%20Voorstel%201%20-%20Consultatie%201%20-%20\d{4}-\d{2}-\d{2}\.md$/,
    )
    const md = await answer.text()
    // Every thread, every visible comment, its decision and note (server's own list).
    const all = await server.api<Thread[]>(`${P1}/threads`)
    expect(all.body).toHaveLength(4)
    for (const thread of all.body) {
      for (const c of thread.comments)
        if (c.body && c.body !== 'Scheldwoord') expect(md).toContain(c.body)
    }
    expect(md).not.toContain('Scheldwoord')
    expect(md).toContain('(verborgen door de redactie)')
    expect(md).toContain('Deels verwerkt')
    expect(md).toContain('Geld volgt in de uitwerking.')
    expect(md).toContain('Overgenomen door Beheerder (VNG): de tekst is aangepast')
    expect(md).toContain('Niet overgenomen')
    expect(md).toContain('Past niet bij de omkering.')
    for (const [who, , , reason] of positions) {
      expect(md).toContain(who.person.organisation!)
      if (reason) expect(md).toContain(reason.slice(0, 8))
    }
    // Passages by number, with the summary table up front and later text apart.
    expect(md.indexOf('## Samenvatting')).toBeLessThan(md.indexOf('### Passage 1'))
    expect(md).toMatch(/\| 1\.1 \| Gemeenten nemen het voortouw\. \| 0 \| 1 \| 1 \| 1 \|/)
    const p11 = md.indexOf('### Passage 1.1')
    const p12 = md.indexOf('### Passage 1.2')
    expect(p11).toBeGreaterThan(0)
    expect(md.slice(p11, p12)).toContain('Wie betaalt dit?')
    expect(md.slice(p12)).toContain('Sterker zeggen.')
    expect(md.slice(md.indexOf('niet in deze versie'))).toContain('Hoort dit erbij?')
    // Markup written by members stays text.
    expect(md).toContain('\\<script\\>')
    expect(md).toContain('\\*\\*vet\\*\\*')
  })

  it('[R7] as HTML every text is escaped', async () => {
    const { round } = await roundWithReactions()
    const answer = await download(round.id, 'html')
    expect(answer.headers.get('content-type')).toContain('text/html')
    const html = await answer.text()
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; **vet**')
    expect(html).not.toContain('<script>')
    expect(html).toContain('<table>')
    expect(html).toContain('<h3>Passage 1.1</h3>')
  })

  it('[R7] as DOCX it opens with headings, the summary table and lists intact (read back by mammoth)', async () => {
    const { round } = await roundWithReactions()
    const answer = await download(round.id, 'docx')
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    )
    expect(answer.headers.get('content-disposition')).toMatch(
      /filename="Reactienota Voorstel 1 - Consultatie 1 - \d{4}-\d{2}-\d{2}\.docx"/,
    )
    const buffer = Buffer.from(await answer.arrayBuffer())
    const { value: html, messages } = await mammoth.convertToHtml({ buffer })
    expect(messages.filter((m) => m.type === 'error')).toEqual([])
    expect(html).toMatch(/<h1>Samenvatting<\/h1><table>/)
    expect(html).toContain('<h2>Passage 1.1</h2>')
    expect(html).toContain(
      '<h3>Standpunten</h3><p><strong>Akkoord, mits (1)</strong></p><ul><li><strong>Gemeente Zwolle</strong>',
    )
    expect(html).toContain('<p><strong>Onthouding (1)</strong></p><p>Gemeente Ede (Eef).</p>')
    expect(html).toMatch(/<td><p>1\.1<\/p><\/td><td><p>Gemeenten nemen het voortouw\.<\/p><\/td>/)
    expect(html).toContain('&lt;script&gt;')
    for (const text of [
      'Wie betaalt dit?',
      'Het Rijk, zie paragraaf 3.',
      'Hoort dit erbij?',
      'Liever provincies.',
    ]) {
      expect(html).toContain(text)
    }
    const { value: raw } = await mammoth.extractRawText({ buffer })
    expect(raw).not.toContain('Scheldwoord')
    // Written in a worker thread, so the event loop kept serving meanwhile.
    expect(server.logs.filter((line) => line.includes('worker thread failed'))).toEqual([])
  })
})
