/**
 * `npm run soak -- --minutes 30`: a long run under steady load, to see whether the
 * server's memory settles or keeps growing. Not part of `npm test` or CI.
 *
 * Starts the server as its own process (fresh DATA_DIR, a free port, its own
 * ADMIN_TOKEN), invites one writer per client, and keeps `--clients` y-websocket
 * clients typing in `--proposals` proposals with carets; clients leave and new ones
 * join all the time. Every `--every` seconds it prints and records the server's
 * resident memory (/proc/<pid>/status), its V8 heap (through the inspector), and
 * sockets and edits from GET /metrics; at the end a summary, and the samples as CSV.
 *
 * A live text grows with every edit (Yjs keeps the structure of deleted text), so
 * memory under load grows with the texts. The leak check is therefore made after
 * the load: once every client has gone and the proposals have left memory, the
 * heap after garbage collection should be back where it was before the first
 * writer came. V8's compiled code grows a few MB meanwhile; `--snapshots` takes
 * heap snapshots to tell the program's data from that code.
 */
import { randomBytes } from 'node:crypto'
import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { heapGrowth } from './soak/heapSnapshot.ts'
import { openInspector } from './soak/inspector.ts'
import { type SoakClient, startSoakClient } from './soak/SoakClient.ts'
import { post, readMetrics, residentBytes, startSoakServer, stopServer } from './soak/soakServer.ts'
import { summarise } from './soak/summary.ts'
import type { Sample } from './soak/types.ts'

/** Proposals nobody has open leave memory this soon (default 30 s), so the end comes sooner. */
const IDLE_UNLOAD_MS = 10_000
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms))

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '30' },
    clients: { type: 'string', default: '24' },
    proposals: { type: 'string', default: '4' },
    rate: { type: 'string', default: '2' },
    every: { type: 'string' },
    stay: { type: 'string', default: '90' },
    snapshots: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
})
if (values.help) {
  console.log(`Gebruik: npm run soak -- [opties]
  --minutes <n>    hoe lang de belasting duurt (standaard 30; 0.5 mag ook)
  --clients <n>    hoeveel schrijvers tegelijk verbonden zijn (standaard 24)
  --proposals <n>  over hoeveel voorstellen ze verdeeld zijn (standaard 4)
  --rate <n>       bewerkingen per seconde per schrijver (standaard 2)
  --every <s>      seconden tussen twee metingen (standaard 10; korter bij een korte run)
  --stay <s>       gemiddeld aantal seconden dat een schrijver blijft voor hij weggaat
                   en een ander binnenkomt (standaard 90)
  --snapshots      heap-snapshots vóór en na de belasting, om gegevens en gecompileerde
                   code te scheiden; kost de server eenmalig veel geheugen (RSS)`)
  process.exit(0)
}
function positive(name: string, raw: string | undefined): number {
  const value = Number(raw)
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`--${name} moet een getal groter dan 0 zijn, niet "${raw}"`)
    process.exit(2)
  }
  return value
}
const minutes = positive('minutes', values.minutes)
const clientCount = Math.round(positive('clients', values.clients))
const proposalCount = Math.round(positive('proposals', values.proposals))
const rate = positive('rate', values.rate)
const stayMs = positive('stay', values.stay) * 1000
const everyMs =
  1000 * (values.every ? positive('every', values.every) : Math.min(10, Math.max(2, minutes * 6)))
// Each y-websocket client listens to the process's exit to say goodbye: one per client.
process.setMaxListeners(clientCount + 20)

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1)
/** A number for the CSV and the screen; empty when it is unknown. */
const num = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '')
const clock = (ms: number) => {
  const s = Math.round(ms / 1000)
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'meeschrijven-soak-'))
  const csv = join(
    tmpdir(),
    `meeschrijven-soak-${new Date().toISOString().replace(/[:.]/g, '-')}.csv`,
  )
  const adminToken = randomBytes(24).toString('base64url')
  const server = await startSoakServer({ dataDir, adminToken, idleUnloadMs: IDLE_UNLOAD_MS })
  const pid = server.child.pid!
  const inspector = await openInspector(server.inspector)
  let stopping = false
  process.once('SIGINT', () => {
    console.log('\nGestopt met Ctrl-C: de belasting stopt, de samenvatting volgt.')
    stopping = true
  })
  try {
    console.log(`Server (pid ${pid}) op ${server.url}, gegevens in ${dataDir}`)
    const proposals: string[] = []
    for (let i = 1; i <= proposalCount; i++) {
      const made = await post<{ id: string }>(server.url, adminToken, '/api/proposals', {
        title: `Duurtest ${i}`,
      })
      proposals.push(made.id)
    }
    const tokens: string[] = []
    for (let i = 1; i <= clientCount; i++) {
      const invited = await post<{ token: string }>(server.url, adminToken, '/api/invites', {
        name: `Schrijver ${i}`,
        role: 'writer',
        proposals,
      })
      tokens.push(invited.token)
    }
    // Before any writer comes: what the server holds with nothing open, to compare the end with.
    // A snapshot costs the server memory it keeps (RSS), so it is asked for.
    const heapNow = async () =>
      values.snapshots
        ? inspector.snapshot()
        : { used: await inspector.heapAfterGc(), summary: null }
    const before = await heapNow()
    const wsUrl = `${server.url.replace(/^http/, 'ws')}/sync`
    const counts = { sent: 0, joins: 0, leaves: 0, closeCodes: new Map<number, number>() }
    const slots: Array<SoakClient | null> = []
    const enter = (slot: number) => {
      if (stopping) return
      counts.joins++
      slots[slot] = startSoakClient({
        url: wsUrl,
        proposalId: proposals[slot % proposals.length]!,
        token: tokens[slot]!,
        rate,
        seed: slot,
        onEdit: () => counts.sent++,
        onClose: (code) => counts.closeCodes.set(code, (counts.closeCodes.get(code) ?? 0) + 1),
      })
      // Stays for a random while (exponential, mean `stay`), then leaves; another joins.
      const stay = -Math.log(1 - Math.random()) * stayMs
      setTimeout(() => {
        slots[slot]?.stop()
        slots[slot] = null
        counts.leaves++
        setTimeout(() => enter(slot), 500 + Math.random() * 2000)
      }, stay).unref()
    }
    for (let slot = 0; slot < clientCount; slot++) enter(slot)
    console.log(
      `${clientCount} schrijvers in ${proposalCount} voorstellen, ${rate} bewerkingen/s per schrijver, ${minutes} min; metingen elke ${everyMs / 1000} s in ${csv}`,
    )

    const header =
      'elapsed_s,rss_mb,heap_used_mb,heap_total_mb,sockets,open_proposals,edits_total,edits_per_s,server_edits_per_s,sent_total,bytes_written,refused_total,loop_p99_ms,clients_connected,joins,leaves,doc_kb'
    await writeFile(csv, `${header}\n`)
    const samples: Sample[] = []
    const started = Date.now()
    const measure = async (): Promise<Sample> => {
      const [heap, found] = await Promise.all([
        inspector.heap(),
        readMetrics(server.url, adminToken),
      ])
      const previous = samples.at(-1)
      const elapsedMs = Date.now() - started
      const edits = found.get('meeschrijven_edits_total') ?? Number.NaN
      const live = slots.filter((client): client is SoakClient => client !== null)
      const docBytes = new Map<string, number>()
      for (const client of live)
        if (client.synced()) docBytes.set(client.proposalId, client.docBytes())
      const sample: Sample = {
        elapsedS: elapsedMs / 1000,
        rss: residentBytes(pid),
        heapUsed: heap.used,
        heapTotal: heap.total,
        sockets: found.get('meeschrijven_sockets') ?? Number.NaN,
        openProposals: found.get('meeschrijven_open_proposals') ?? Number.NaN,
        editsTotal: edits,
        editsPerS: previous
          ? (edits - previous.editsTotal) / (elapsedMs / 1000 - previous.elapsedS)
          : Number.NaN,
        serverEditsPerS: found.get('meeschrijven_edits_per_second') ?? Number.NaN,
        sent: counts.sent,
        bytesWritten: found.get('meeschrijven_bytes_written_total') ?? Number.NaN,
        refused: [...found]
          .filter(([name]) => name.startsWith('meeschrijven_refused_total'))
          .reduce((sum, [, n]) => sum + n, 0),
        loopP99Ms:
          1000 *
          (found.get('meeschrijven_event_loop_delay_seconds{quantile="0.99"}') ?? Number.NaN),
        connected: live.filter((client) => client.connected()).length,
        joins: counts.joins,
        leaves: counts.leaves,
        docBytes: [...docBytes.values()].reduce((sum, n) => sum + n, 0),
      }
      const row = [
        sample.elapsedS.toFixed(1),
        mb(sample.rss),
        mb(sample.heapUsed),
        mb(sample.heapTotal),
        sample.sockets,
        sample.openProposals,
        sample.editsTotal,
        num(sample.editsPerS),
        num(sample.serverEditsPerS),
        sample.sent,
        sample.bytesWritten,
        sample.refused,
        num(sample.loopP99Ms),
        sample.connected,
        sample.joins,
        sample.leaves,
        (sample.docBytes / 1024).toFixed(1),
      ]
      await appendFile(csv, `${row.join(',')}\n`)
      console.log(
        `${clock(elapsedMs).padStart(6)}  RSS ${mb(sample.rss).padStart(6)} MB  heap ${mb(sample.heapUsed).padStart(6)} MB  sockets ${String(sample.sockets).padStart(4)}  bewerkingen/s ${(num(sample.editsPerS) || '–').padStart(6)}  geweigerd ${sample.refused}  lus p99 ${num(sample.loopP99Ms) || '–'} ms`,
      )
      return sample
    }

    // Warm-up: everyone connected and typing before the first reading counts.
    await sleep(Math.min(5000, everyMs))
    samples.push(await measure())
    const end = started + minutes * 60_000
    while (!stopping && Date.now() < end) {
      await sleep(Math.min(everyMs, Math.max(0, end - Date.now())))
      samples.push(await measure())
    }
    const heapLoaded = await inspector.heapAfterGc()
    stopping = true
    for (const client of slots) client?.stop()
    console.log('Alle schrijvers zijn weg; wachten tot de voorstellen uit het geheugen zijn…')
    // Every socket must be released, and idle proposals leave memory after IDLE_UNLOAD_MS.
    const deadline = Date.now() + IDLE_UNLOAD_MS + 20_000
    let left = await readMetrics(server.url, adminToken)
    while (
      Date.now() < deadline &&
      (left.get('meeschrijven_sockets') !== 0 || left.get('meeschrijven_open_proposals') !== 0)
    ) {
      await sleep(250)
      left = await readMetrics(server.url, adminToken)
    }
    const after = await heapNow()
    const growth =
      before.summary && after.summary ? heapGrowth(before.summary, after.summary) : null
    console.log(
      summarise({
        samples,
        heapBefore: before.used,
        heapLoaded,
        heapAfter: after.used,
        growth,
        snapshots: values.snapshots,
        socketsAfter: left.get('meeschrijven_sockets') ?? Number.NaN,
        proposalsAfter: left.get('meeschrijven_open_proposals') ?? Number.NaN,
        closeCodes: counts.closeCodes,
        complaints: server.complaints,
        csv,
      }),
    )
  } finally {
    inspector.close()
    await stopServer(server.child)
    await rm(dataDir, { recursive: true, force: true })
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(
      `De duurtest is mislukt: ${error instanceof Error ? error.message : String(error)}`,
    )
    process.exit(1)
  },
)
