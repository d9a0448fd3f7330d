/**
 * Open suggestions in a Word export as Word's own tracked changes (W2): with
 * `suggestions=tracked` each is a w:del of the text it replaces and a w:ins of
 * its proposed text, by the proposer's name and organisation; without it the
 * export is the clean text. Imported into an empty proposal, such a file gives
 * the original text and one suggestion per change, credited by author name.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import JSZip from 'jszip'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { anchorOf, rangeOf } from '../helpers/anchors.ts'
import { type HeadlessEditor, startHeadlessEditor } from '../helpers/headlessEditor.ts'
import { convertWithLibreOffice, libreOfficeSkipReason } from '../helpers/libreOffice.ts'
import { P1, WAIT } from '../helpers/rounds.ts'
import { type Invited, startServer, type TestServer } from '../helpers/server.ts'
import { importDocx } from '../helpers/word.ts'

const FIRST = 'Gemeenten kiezen een scherpere koers in de transities.'
const SECOND = 'Regio’s verschillen sterk.'
const MILA = 'Mila (Gemeente Zwolle)'
/** LibreOffice starts in seconds, more on a busy machine. */
const OFFICE_TIMEOUT = 120_000

/** The main part of a .docx, as Word reads it. */
async function documentXml(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes)
  return zip.file('word/document.xml')!.async('string')
}

/** The w:ins and w:del of a document: kind, author and their text. */
function trackedIn(xml: string) {
  const found: Array<[string, string, string]> = []
  for (const match of xml.matchAll(/<w:(ins|del) [^>]*w:author="([^"]*)"[^>]*>(.*?)<\/w:\1>/g)) {
    const text = [...match[3]!.matchAll(/<w:(?:t|delText)[^>]*>([^<]*)</g)]
      .map((t) => t[1])
      .join('')
    found.push([match[1]!, match[2]!, text])
  }
  return found
}

describe('open suggestions in a Word export', () => {
  let server: TestServer
  let member: Invited
  let editor: HeadlessEditor

  beforeEach(async () => {
    server = await startServer({ anchorDelayMs: 20 })
    const proposals = ['voorstel-1']
    const writer = await server.invite({ name: 'Wies', role: 'writer', proposals })
    member = await server.invite({
      ...{ name: 'Mila', role: 'reviewer', proposals },
      organisation: 'Gemeente Zwolle',
    })
    editor = startHeadlessEditor({
      wsUrl: server.wsUrl,
      proposalId: 'voorstel-1',
      token: writer.token,
    })
    await editor.synced()
    editor.editor.commands.insertContent(`<p>${FIRST}</p><p>${SECOND}</p>`)
    await vi.waitFor(() => expect(editor.text()).toBe(`${FIRST}\n${SECOND}`), WAIT)
    const suggest = async (body: Record<string, unknown>) => {
      const made = await server.api(`${P1}/threads`, { method: 'POST', token: member.token, body })
      expect(made.status, JSON.stringify(made.body)).toBe(201)
    }
    await suggest({ quote: 'scherpere', replacement: 'duidelijke' })
    await suggest({ quote: ' sterk', replacement: '' })
    const at = rangeOf(editor, 'in de').to
    await suggest({ quote: '', anchor: anchorOf(editor, at, at), replacement: ' grote' })
  })
  afterEach(async () => {
    editor.destroy()
    await server.close()
  })

  const download = async (query: string) => {
    const response = await fetch(`${server.url}${P1}/export?${query}`, {
      headers: { authorization: `Bearer ${member.token}` },
    })
    return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) }
  }

  it('[W2] suggestions=tracked writes each open suggestion as w:del and w:ins by the member; the clean export has none', async () => {
    const tracked = await download('format=docx&suggestions=tracked')
    expect(tracked.status).toBe(200)
    const xml = await documentXml(tracked.bytes)
    expect(trackedIn(xml)).toEqual([
      ['del', MILA, 'scherpere'],
      ['ins', MILA, 'duidelijke'],
      ['ins', MILA, ' grote'],
      ['del', MILA, ' sterk'],
    ])
    // Each change has the time it was proposed.
    expect(xml.match(/<w:(?:ins|del) [^>]*w:date="\d{4}-\d\d-\d\dT/g)).toHaveLength(4)

    const clean = await documentXml((await download('format=docx')).bytes)
    expect(trackedIn(clean)).toEqual([])
    expect(clean).toContain('scherpere')
    expect(clean).not.toContain('duidelijke')
  })

  it('[W2] a suggestion that deletes a paragraph break marks the paragraph mark deleted (w:pPr/w:rPr/w:del), so Word joins the passages', async () => {
    const made = await server.api(`${P1}/threads`, {
      method: 'POST',
      token: member.token,
      body: { quote: 'transities.\nRegio’s', replacement: '' },
    })
    expect(made.status, JSON.stringify(made.body)).toBe(201)
    const xml = await documentXml((await download('format=docx&suggestions=tracked')).bytes)
    const paragraphs = [...xml.matchAll(/<w:p>(.*?)<\/w:p>|<w:p [^>]*>(.*?)<\/w:p>/g)].map(
      (match) => match[1] ?? match[2] ?? '',
    )
    const markDeleted = (paragraph: string) =>
      /<w:pPr>.*<w:rPr>.*<w:del [^>]*w:author="([^"]*)"[^>]*w:date="\d{4}-[^"]*"/.exec(
        paragraph,
      )?.[1]
    const withText = (text: string) => paragraphs.find((p) => p.includes(text))!
    // The first passage's mark is deleted, by the member; the second's is not.
    expect(markDeleted(withText('transities.'))).toBe(MILA)
    expect(markDeleted(withText('verschillen'))).toBeUndefined()
    // The text of both sides of the break is deleted as well.
    expect(trackedIn(xml)).toEqual(
      expect.arrayContaining([
        ['del', MILA, 'transities.'],
        ['del', MILA, 'Regio’s'],
      ]),
    )
    // Revision ids stay unique within the document, as Word requires.
    const ids = [...xml.matchAll(/<w:(?:ins|del) [^>]*w:id="(\d+)"/g)].map((m) => m[1])
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('[W2] tracked changes only in Word and of the current text: other requests are refused with a reason', async () => {
    for (const query of [
      'format=md&suggestions=tracked',
      'format=docx&suggestions=alle',
      'format=docx&suggestions=tracked&version=v-onbekend',
    ]) {
      const response = await server.api<{ error: { code: string; message: string } }>(
        `${P1}/export?${query}`,
        { token: member.token },
      )
      expect([query, response.status, response.body.error.code]).toEqual([
        query,
        422,
        'validation_failed',
      ])
    }
    // The positive twin: the same person's tracked Word export is given.
    expect((await download('format=docx&suggestions=tracked')).status).toBe(200)
  })

  it.skipIf(libreOfficeSkipReason())(
    '[W2] LibreOffice opens the tracked export and keeps the changes and their author',
    async () => {
      const { bytes } = await download('format=docx&suggestions=tracked')
      const file = join(tmpdir(), `tracked-${process.pid}-${Date.now()}.docx`)
      await writeFile(file, bytes)
      const [converted] = await convertWithLibreOffice([file], 'docx')
      const again = trackedIn(await documentXml(await readFile(converted!)))
      expect(again.map(([kind, author]) => `${kind} ${author}`).sort()).toEqual([
        `del ${MILA}`,
        `del ${MILA}`,
        `ins ${MILA}`,
        `ins ${MILA}`,
      ])
      expect(again.map(([, , text]) => text).sort()).toEqual([
        ' grote',
        ' sterk',
        'duidelijke',
        'scherpere',
      ])
    },
    OFFICE_TIMEOUT,
  )

  it('[W2] a .docx with tracked changes imported into an empty proposal is the original text plus one suggestion per change, credited by the author name in the file', async () => {
    const { bytes } = await download('format=docx&suggestions=tracked')
    // The same file once more, its changes by someone who has no account here.
    const zip = await JSZip.loadAsync(bytes)
    const xml = await zip.file('word/document.xml')!.async('string')
    zip.file('word/document.xml', xml.replaceAll(`w:author="${MILA}"`, 'w:author="Jan Jansen"'))
    const foreign = Buffer.from(await zip.generateAsync({ type: 'uint8array' }))

    interface ImportedThread {
      kind: string
      status: string
      quote: string
      replacement: string
      anchored: boolean
      createdBy: { name: string }
    }
    const suggestionsIn = async (proposalId: string) =>
      (await server.api<ImportedThread[]>(`/api/proposals/${proposalId}/threads`)).body.map((t) => [
        t.kind,
        t.status,
        t.anchored,
        t.quote,
        t.replacement,
        t.createdBy.name,
      ])

    for (const [proposalId, file, author] of [
      ['voorstel-2', bytes, 'Mila'],
      ['voorstel-3', foreign, 'Auteur uit Word: Jan Jansen'],
    ] as const) {
      const imported = await importDocx(server, proposalId, file)
      expect(imported.status, JSON.stringify(imported.body)).toBe(200)
      // The original text: no change applied, none reported as left out.
      expect(imported.body.text.split('\n').slice(2)).toEqual([FIRST, SECOND])
      expect(imported.body.dropped).toEqual([])
      expect(await suggestionsIn(proposalId)).toEqual([
        ['amendment', 'open', true, 'scherpere', 'duidelijke', author],
        ['amendment', 'open', true, '', ' grote', author],
        ['amendment', 'open', true, ' sterk', '', author],
      ])
    }
    // The Word author is one person, made once, who cannot sign in (revoked, no token of theirs exists).
    const people =
      await server.api<Array<{ name: string; revokedAt: string | null }>>('/api/people')
    const fromWord = people.body.filter((p) => p.name.startsWith('Auteur uit Word'))
    expect(fromWord.map((p) => [p.name, p.revokedAt !== null])).toEqual([
      ['Auteur uit Word: Jan Jansen', true],
    ])
  })
})
