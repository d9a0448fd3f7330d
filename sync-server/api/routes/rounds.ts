/** Consultation rounds, positions, the VNG's responses, the summary and the memorandum (R2, R4, R5, R7, R8). */
import { canSee } from '../../auth/Principal.ts'
import { AppError, invalidField } from '../../errors.ts'
import { renderDocxTask } from '../../rounds/memorandum/docx.ts'
import { renderHtml } from '../../rounds/memorandum/html.ts'
import { renderMarkdown } from '../../rounds/memorandum/markdown.ts'
import { docxOnce } from '../../rounds/memorandum/sharedDocx.ts'
import { attachment } from '../contentDisposition.ts'
import { signedIn, visibleProposal, wellFormed } from '../guards.ts'
import { readJsonObject, sendJson } from '../http.ts'
import type { RouteContext, Router } from '../router.ts'
import type { Services } from '../services.ts'

type Context = RouteContext<Services>
const BASE = '/api/proposals/:id/rounds'

const FORMATS = {
  md: { type: 'text/markdown; charset=utf-8', extension: 'md' },
  html: { type: 'text/html; charset=utf-8', extension: 'html' },
  docx: {
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extension: 'docx',
  },
} as const

/** The checks in the contract's order, with the round and block ids checked for shape first. */
async function roundContext(ctx: Context, minimum?: 'editor') {
  const principal = await signedIn(ctx)
  if (ctx.params.rid !== undefined) wellFormed(ctx.params.rid, 'ronde-id')
  if (ctx.params.blockId !== undefined) wellFormed(ctx.params.blockId, 'passage-id')
  const proposal = await visibleProposal(ctx, principal, minimum)
  return { principal, proposal, rid: ctx.params.rid ?? '', blockId: ctx.params.blockId ?? '' }
}

function sendFile(ctx: Context, body: string | Buffer, type: string, filename: string) {
  const data = typeof body === 'string' ? Buffer.from(body, 'utf8') : body
  ctx.res.writeHead(200, {
    'content-type': type,
    'content-length': data.length,
    'content-disposition': attachment(filename),
    'cache-control': 'no-store',
  })
  ctx.res.end(data)
}

export function addRoundRoutes(router: Router<Services>): void {
  router.add('GET', '/api/rounds', async (ctx) => {
    const principal = await signedIn(ctx)
    const visible = (await ctx.services.storage.proposals.list()).filter((p) =>
      canSee(principal, p.id),
    )
    sendJson(ctx.res, 200, await ctx.services.roundReports.openRounds(visible))
  })

  router.add('GET', BASE, async (ctx) => {
    const { proposal } = await roundContext(ctx)
    sendJson(ctx.res, 200, await ctx.services.rounds.list(proposal))
  })

  router.add('POST', BASE, async (ctx) => {
    const { principal, proposal } = await roundContext(ctx, 'editor')
    const input = await readJsonObject(ctx.req)
    const round = await ctx.services.rounds.open(principal, proposal, input)
    const { notifier } = ctx.services
    notifier.later(() => notifier.roundOpened(proposal, round, principal.person.id))
    sendJson(ctx.res, 201, round)
  })

  router.add('GET', `${BASE}/:rid`, async (ctx) => {
    const { proposal, rid } = await roundContext(ctx)
    sendJson(ctx.res, 200, await ctx.services.rounds.get(proposal, rid))
  })

  router.add('POST', `${BASE}/:rid/close`, async (ctx) => {
    const { principal, proposal, rid } = await roundContext(ctx, 'editor')
    sendJson(ctx.res, 200, await ctx.services.rounds.close(principal, proposal, rid))
  })

  router.add('PUT', `${BASE}/:rid/positions/:blockId`, async (ctx) => {
    const { principal, proposal, rid, blockId } = await roundContext(ctx)
    if (!principal.person.organisation) {
      throw new AppError(
        'forbidden',
        'Alleen wie namens een organisatie meedoet, kan een standpunt geven. Vraag de VNG-redactie om uw organisatie toe te voegen.',
      )
    }
    const input = await readJsonObject(ctx.req)
    const position = await ctx.services.positions.give(principal, proposal, rid, blockId, input)
    sendJson(ctx.res, 200, position)
  })

  router.add('GET', `${BASE}/:rid/positions/:blockId`, async (ctx) => {
    const { proposal, rid, blockId } = await roundContext(ctx)
    sendJson(ctx.res, 200, await ctx.services.positions.of(proposal, rid, blockId))
  })

  router.add('PUT', `${BASE}/:rid/responses/:blockId`, async (ctx) => {
    const { principal, proposal, rid, blockId } = await roundContext(ctx, 'editor')
    const input = await readJsonObject(ctx.req)
    const response = await ctx.services.responses.put(principal, proposal, rid, blockId, input)
    sendJson(ctx.res, 200, response)
  })

  router.add('GET', `${BASE}/:rid/responses`, async (ctx) => {
    const { proposal, rid } = await roundContext(ctx)
    sendJson(ctx.res, 200, await ctx.services.responses.list(proposal, rid))
  })

  router.add('GET', `${BASE}/:rid/summary`, async (ctx) => {
    const { proposal, rid } = await roundContext(ctx)
    sendJson(ctx.res, 200, await ctx.services.roundReports.summary(proposal, rid))
  })

  router.add('GET', `${BASE}/:rid/reactienota`, async (ctx) => {
    const { proposal, rid } = await roundContext(ctx)
    const format = ctx.url.searchParams.get('format') ?? 'docx'
    if (format !== 'md' && format !== 'html' && format !== 'docx') {
      throw invalidField('format', 'Kies md, html of docx.')
    }
    const memo = await ctx.services.roundReports.memorandum(proposal, rid)
    const body =
      format === 'md'
        ? renderMarkdown(memo)
        : format === 'html'
          ? renderHtml(memo)
          : bufferView(await docxOnce(memo, (m) => ctx.services.workers.run(renderDocxTask, m)))
    const { type, extension } = FORMATS[format]
    sendFile(ctx, body, type, `${memo.fileName}.${extension}`)
  })
}

/** The bytes as a Buffer without copying them: one rendering is sent to every download that shares it. */
function bufferView(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}
