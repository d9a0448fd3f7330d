/** Word in and out (V5): export as Markdown, HTML or DOCX, and filling an empty proposal from a .docx. */
import { suggestionsOf } from '../../comments/importedSuggestions.ts'
import { trackedState } from '../../comments/trackedSuggestions.ts'
import { AppError, invalidField } from '../../errors.ts'
import { docxFromStateTask } from '../../export/docxFromState.ts'
import { renderHtml } from '../../export/html.ts'
import { renderMarkdown } from '../../export/markdown.ts'
import { exportDocument, type PmJson } from '../../export/model.ts'
import { importDocx } from '../../import/importDocx.ts'
import { slugify } from '../../proposals/slug.ts'
import { signedIn, visibleProposal, wellFormed } from '../guards.ts'
import { readBody, sendJson } from '../http.ts'
import type { RouteContext, Router } from '../router.ts'
import type { Services } from '../services.ts'

type Context = RouteContext<Services>

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

const FORMATS = {
  md: { type: 'text/markdown; charset=utf-8', extension: 'md' },
  html: { type: 'text/html; charset=utf-8', extension: 'html' },
  docx: { type: DOCX_TYPE, extension: 'docx' },
} as const
type Format = keyof typeof FORMATS

const isFormat = (value: string): value is Format => Object.hasOwn(FORMATS, value)

function sendDownload(ctx: Context, body: string | Buffer, format: Format, name: string) {
  const data = typeof body === 'string' ? Buffer.from(body, 'utf8') : body
  const filename = `${name}.${FORMATS[format].extension}`
  ctx.res.writeHead(200, {
    'content-type': FORMATS[format].type,
    'content-length': data.length,
    'content-disposition': `attachment; filename="${filename}"; filename*=UTF-8''${filename}`,
    'cache-control': 'no-store',
  })
  ctx.res.end(data)
}

/**
 * True for `suggestions=tracked` (W2): the open suggestions as Word's tracked
 * changes. Only a Word document of the current text can carry them.
 */
function trackedRequested(ctx: Context, format: Format, versionId: string | null): boolean {
  const value = ctx.url.searchParams.get('suggestions')
  if (value === null) return false
  if (value !== 'tracked')
    throw invalidField('suggestions', 'Gebruik suggestions=tracked of laat het weg.')
  if (format !== 'docx')
    throw invalidField(
      'suggestions',
      'Voorstellen als bijgehouden wijzigingen kan alleen in Word (format=docx).',
    )
  if (versionId !== null)
    throw invalidField(
      'suggestions',
      'Voorstellen horen bij de huidige tekst, niet bij een versie.',
    )
  return true
}

export function addExportRoutes(router: Router<Services>): void {
  router.add('GET', '/api/proposals/:id/export', async (ctx) => {
    const principal = await signedIn(ctx)
    const versionId = ctx.url.searchParams.get('version')
    if (versionId !== null) wellFormed(versionId, 'versie-id')
    const proposal = await visibleProposal(ctx, principal)
    const format = ctx.url.searchParams.get('format') ?? 'docx'
    if (!isFormat(format)) throw invalidField('format', 'Kies md, html of docx.')
    const tracked = trackedRequested(ctx, format, versionId)
    const { services } = ctx
    const name = (version: { name: string } | null) =>
      [slugify(proposal.title), ...(version ? [slugify(version.name)] : [])].join('-')
    if (format === 'docx') {
      // Read, converted and written in a worker thread: only the encoded state is made here.
      const stored = versionId ? await services.versions.stored(proposal, versionId) : null
      const version = stored && { name: stored.name, createdAt: stored.createdAt }
      // With suggestions=tracked (W2) the open suggestions go along, placed on the same state.
      const current = tracked ? await trackedState(services, proposal) : null
      const state = stored?.state ?? current?.state ?? (await services.proposals.state(proposal))
      const { title, status } = proposal
      const docx = await services.workers.run(docxFromStateTask, {
        state,
        proposal: { title, status },
        version,
        ...(current ? { changes: current.changes } : {}),
      })
      sendDownload(ctx, Buffer.from(docx), format, name(version))
      return
    }
    const source = versionId
      ? await services.versions.read(proposal, versionId)
      : { ...(await services.proposals.content(proposal)), name: null, createdAt: null }
    const version =
      source.name !== null && source.createdAt !== null
        ? { name: source.name, createdAt: source.createdAt }
        : null
    const model = exportDocument(proposal, source.doc as unknown as PmJson, version)
    const body = format === 'md' ? renderMarkdown(model) : renderHtml(model)
    sendDownload(ctx, body, format, name(version))
  })

  router.add('POST', '/api/proposals/:id/import', async (ctx) => {
    const principal = await signedIn(ctx)
    const proposal = await visibleProposal(ctx, principal, 'editor')
    const type = (ctx.req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
    if (type !== DOCX_TYPE) {
      throw new AppError(
        'unsupported_media_type',
        'Alleen een Word-document (.docx) kan worden geladen.',
        { details: { field: 'content-type', expected: DOCX_TYPE } },
      )
    }
    const bytes = await readBody(ctx.req)
    const { services } = ctx
    const { dropped, changes, ...content } = await importDocx(services, principal, proposal, bytes)
    const suggestions = await suggestionsOf(services.storage, proposal, principal, changes)
    await services.threads.addImported(proposal.id, suggestions)
    await services.activity.record('proposal.imported', principal.person.id, proposal.id, {
      passages: content.text ? content.text.split('\n').length : 0,
      characters: content.text.replace(/\n/g, '').length,
    })
    const { id, title, status } = proposal
    sendJson(ctx.res, 200, {
      id,
      title,
      status,
      ...content,
      dropped,
      suggestions: suggestions.length,
    })
  })
}
