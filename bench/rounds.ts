/**
 * Consultation rounds at the size of the VNG (contract R4, R5, R7).
 *
 * Starts the real server in this process on the embedded storage, writes a
 * proposal of 60 passages (headings among them) through a real y-websocket
 * client, saves it as a version and opens a round. Then:
 * - 342 organisations give a position on every passage, twice each (the first
 *   stays in the history), and the summary is timed warm (positions counted in
 *   memory) and cold (read back from storage);
 * - 500 threads with replies, decisions and amendments are opened over HTTP,
 *   and the memorandum is timed in each format.
 * Goals: summary under 200 ms, memorandum under 2 s, on the server.
 *
 * `node --import tsx bench/rounds.ts [--organisations 342] [--passages 60] [--threads 500] [--runs 10]`
 * prints a table and one JSON line.
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { PROVINCES } from '../shared/roles.ts'
import { POSITIONS } from '../shared/rounds.ts'
import { createLogger } from '../sync-server/log.ts'
import { renderDocx } from '../sync-server/rounds/memorandum/docx.ts'
import { renderHtml } from '../sync-server/rounds/memorandum/html.ts'
import { renderMarkdown } from '../sync-server/rounds/memorandum/markdown.ts'
import { createServer, type RunningServer } from '../sync-server/server.ts'
import { downloadBurst } from './downloads.ts'
import { numberFlag, type Timing, timed, timingLine, timingOf, until } from './lib/timing.ts'

const PROPOSAL = 'voorstel-1'
const WORDS =
  'gemeenten nemen het voortouw in de grote transities energie klimaat stikstof woningnood regio samen uitvoering inwoners omkering praktijk'.split(
    ' ',
  )

/** Calls the API as the administrator; throws on anything but 2xx. */
function apiOf(server: RunningServer, token: string) {
  return async <T>(path: string, method = 'GET', body?: unknown): Promise<T> => {
    const send = () =>
      fetch(`${server.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    // A kept-alive connection left idle while the in-process timings ran may be closed by
    // the server just as it is reused (ECONNRESET): such a request is sent once more.
    const response = await send().catch(send)
    if (!response.ok)
      throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`)
    const type = response.headers.get('content-type') ?? ''
    return (type.includes('json') ? await response.json() : await response.arrayBuffer()) as T
  }
}

/** Writes `count` passages (every tenth a heading 1, every fifth a heading 2) and waits for their ids. */
async function writeProposal(server: RunningServer, token: string, count: number) {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(
    `${server.url.replace('http', 'ws')}/sync`,
    PROPOSAL,
    doc,
    {
      params: { token },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    },
  )
  provider.messageHandlers[100] = () => undefined
  await until(() => provider.synced, 'the writer to connect')
  doc.transact(() => {
    for (let i = 0; i < count; i++) {
      const heading = i % 10 === 0 ? 1 : i % 5 === 0 ? 2 : 0
      const element = new Y.XmlElement(heading ? 'heading' : 'paragraph')
      if (heading) element.setAttribute('level', heading as unknown as string)
      const words = Array.from(
        { length: heading ? 4 : 60 },
        (_, w) => WORDS[(i * 7 + w) % WORDS.length],
      )
      const text = new Y.XmlText()
      text.insert(0, `kenmerk-${i} ${words.join(' ')}.`)
      element.insert(0, [text])
      doc.getXmlFragment('default').push([element])
    }
  })
  const api = apiOf(server, token)
  let blockIds: string[] = []
  await until(async () => {
    const content = await api<{ doc: { content: Array<{ attrs?: { blockId?: string } }> } }>(
      `/api/proposals/${PROPOSAL}/content`,
    )
    blockIds = content.doc.content.map((node) => node.attrs?.blockId ?? '')
    return blockIds.length === count && blockIds.every(Boolean)
  }, 'passage ids')
  provider.destroy()
  // The awareness of the document keeps a timer until the document goes too.
  doc.destroy()
  return blockIds
}

export async function runRoundsBench(options: {
  organisations?: number
  passages?: number
  threads?: number
  runs?: number
  /** Concurrent DOCX downloads of the memorandum in the burst. @default 50 */
  downloads?: number
}) {
  const { organisations = 342, passages = 60, threads = 500, runs = 10 } = options
  const dataDir = await mkdtemp(join(tmpdir(), 'meeschrijven-bench-rounds-'))
  const adminToken = randomBytes(24).toString('base64url')
  const server = await createServer({
    port: 0,
    dataDir,
    adminToken,
    staticDir: null,
    log: createLogger({ level: 'error' }),
    rateLimit: { burst: 1_000_000, perSecond: 1_000_000 },
    idleUnloadMs: 600_000,
  })
  try {
    const api = apiOf(server, adminToken)
    const blockIds = await writeProposal(server, adminToken, passages)
    const version = await api<{ id: string }>(`/api/proposals/${PROPOSAL}/versions`, 'POST', {
      name: 'Consultatieversie',
    })
    const closesAt = new Date(Date.now() + 86_400_000).toISOString()
    const round = await api<{ id: string }>(`/api/proposals/${PROPOSAL}/rounds`, 'POST', {
      versionId: version.id,
      closesAt,
    })
    const members: Array<{ id: string; organisation: string; province: string; token: string }> = []
    for (let i = 0; i < organisations; i++) {
      const province = PROVINCES[i % PROVINCES.length]!
      const organisation = `Gemeente ${i + 1}`
      const invited = await api<{ person: { id: string }; token: string }>('/api/invites', 'POST', {
        name: `Lid ${i + 1}`,
        role: 'reviewer',
        proposals: [PROPOSAL],
        organisation,
        province,
      })
      members.push({ id: invited.person.id, organisation, province, token: invited.token })
    }
    const proposal = (await server.services.storage.proposals.get(PROPOSAL))!
    const started = performance.now()
    // Through the service (HTTP adds nothing to what is stored): two positions per
    // organisation and passage, the first of which stays in the history.
    for (const pass of [0, 1]) {
      for (const member of members) {
        for (const [b, blockId] of blockIds.entries()) {
          const position = POSITIONS[(b + members.indexOf(member) + pass) % POSITIONS.length]!
          await server.services.rounds.positions.add(PROPOSAL, {
            roundId: round.id,
            blockId,
            organisation: member.organisation,
            province: member.province,
            position,
            reason: position === 'akkoord' || position === 'onthouding' ? null : `Reden ${b}`,
            personId: member.id,
            createdAt: new Date().toISOString(),
          })
        }
      }
    }
    const storeSeconds = (performance.now() - started) / 1000
    const positionCount = members.length * blockIds.length * 2
    const summaryWarm = await timed(runs, () =>
      server.services.roundReports.summary(proposal, round.id),
    )
    const summaryCold = await timed(Math.min(runs, 5), async () => {
      server.services.rounds.forget(PROPOSAL)
      await server.services.roundReports.summary(proposal, round.id)
    })
    const summaryHttp = await timed(runs, () =>
      api(`/api/proposals/${PROPOSAL}/rounds/${round.id}/summary`),
    )
    const member = members[0]!
    const putHttp = await timed(runs * 5, () =>
      fetch(`${server.url}/api/proposals/${PROPOSAL}/rounds/${round.id}/positions/${blockIds[1]}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${member.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ position: 'akkoord' }),
      }).then((r) => r.text()),
    )

    for (let i = 0; i < threads; i++) {
      const quote = `kenmerk-${i % passages}`
      const author = members[i % members.length]!
      const amendment = i % 5 === 0
      const thread = await api<{ id: string }>(`/api/proposals/${PROPOSAL}/threads`, 'POST', {
        body: `Reactie ${i}: ${WORDS.slice(0, 12).join(' ')}.`,
        quote,
        ...(amendment ? { replacement: `${quote} anders` } : {}),
      })
      await api(`/api/proposals/${PROPOSAL}/threads/${thread.id}/comments`, 'POST', {
        body: `Antwoord van ${author.organisation}.`,
      })
      if (i % 2 === 0)
        await api(
          `/api/proposals/${PROPOSAL}/threads/${thread.id}/${amendment ? 'reject' : 'resolve'}`,
          'POST',
          {
            ...(amendment ? {} : { decision: 'deels-verwerkt' }),
            note: 'Besproken in de werkgroep.',
          },
        )
    }
    const model = await timed(runs, () =>
      server.services.roundReports.memorandum(proposal, round.id),
    )
    const memo = await server.services.roundReports.memorandum(proposal, round.id)
    const markdown = await timed(runs, async () => renderMarkdown(memo))
    const html = await timed(runs, async () => renderHtml(memo))
    const docx = await timed(Math.min(runs, 5), () => renderDocx(memo))
    // The longest the server's event loop stood still during each download: what
    // everyone typing meanwhile would wait (the DOCX is written in a worker thread).
    const loop = monitorEventLoopDelay({ resolution: 5 })
    const stalls: number[] = []
    const docxHttp = await timed(Math.min(runs, 5), async () => {
      loop.reset()
      loop.enable()
      await api(`/api/proposals/${PROPOSAL}/rounds/${round.id}/reactienota?format=docx`)
      loop.disable()
      stalls.push(loop.max / 1e6)
    })
    const docxHttpStall = timingOf(stalls)
    const burst = await downloadBurst(
      server,
      adminToken,
      PROPOSAL,
      `/api/proposals/${PROPOSAL}/rounds/${round.id}/reactienota?format=docx`,
      options.downloads ?? 50,
    )
    const docxBytes = (await renderDocx(memo)).length
    const goalMet = summaryWarm.p95 < 200 && summaryCold.p95 < 200 && model.p95 + docx.p95 < 2000
    return {
      organisations,
      passages: blockIds.length,
      positions: positionCount,
      storeSeconds,
      summaryWarm,
      summaryCold,
      summaryHttp,
      putHttp,
      threads,
      model,
      markdown,
      html,
      docx,
      docxHttp,
      docxHttpStall,
      burst,
      docxBytes,
      goalMet,
    }
  } finally {
    await server.close()
    await rm(dataDir, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const line = (label: string, t: Timing) => timingLine(label, t, 52)
  const args = process.argv.slice(2)
  const result = await runRoundsBench({
    organisations: numberFlag(args, 'organisations'),
    passages: numberFlag(args, 'passages'),
    threads: numberFlag(args, 'threads'),
    runs: numberFlag(args, 'runs'),
    downloads: numberFlag(args, 'downloads'),
  })
  console.log(
    `A round of ${result.organisations} organisations × ${result.passages} passages: ${result.positions} positions ` +
      `(stored one JSON line each in ${result.storeSeconds.toFixed(1)} s); ${result.threads} threads`,
  )
  console.log(`${'server time'.padEnd(52)} ${'median'.padStart(11)} ${'p95'.padStart(11)}`)
  console.log(line('summary (positions counted in memory)', result.summaryWarm))
  console.log(line('summary (positions read from storage)', result.summaryCold))
  console.log(line('summary over HTTP (JSON included)', result.summaryHttp))
  console.log(line('one position over HTTP (fsynced)', result.putHttp))
  console.log(line(`memorandum model (${result.threads} threads)`, result.model))
  console.log(line('  rendered as Markdown', result.markdown))
  console.log(line('  rendered as HTML', result.html))
  console.log(line(`  rendered as DOCX (${(result.docxBytes / 1024).toFixed(0)} KiB)`, result.docx))
  console.log(line('memorandum as DOCX over HTTP', result.docxHttp))
  console.log(line('  longest event-loop stall meanwhile', result.docxHttpStall))
  const b = result.burst
  console.log(line(`${b.downloads} DOCX downloads at once, each`, b.each))
  console.log(
    `  meanwhile: event loop p99 ${b.loopP99Ms.toFixed(1)} ms, max ${b.loopMaxMs.toFixed(0)} ms, ` +
      `all done after ${b.totalMs.toFixed(0)} ms, answers ${JSON.stringify(b.statuses)}`,
  )
  console.log(
    `  window on the monotonic clock (profile.ts --window): ${b.window.map((ms) => ms.toFixed(0)).join('-')}`,
  )
  console.log(
    `goals (summary under 200 ms, memorandum under 2 s): ${result.goalMet ? 'met' : 'NOT met'}`,
  )
  console.log(JSON.stringify({ bench: 'rounds', ...result }))
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error)
    process.exitCode = 1
  })
}
