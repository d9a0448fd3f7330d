/**
 * The end of a soak run in words: memory at the start, the end and its peak, and
 * whether it kept growing — judged on the second half of the run, so the climb
 * of the first minutes (caches, JIT, buffers) does not count.
 */
import type { HeapGrowth } from './heapSnapshot.ts'
import type { Sample } from './types.ts'

/** Shorter runs say how memory moved but do not judge it. */
const JUDGE_AFTER_S = 5 * 60
/** Growth per minute in the second half that counts as "kept growing": 0.5 % of the mean. */
const GROWING_SHARE_PER_MIN = 0.005

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

/** Least-squares slope of `value` per minute over the samples. */
export function slopePerMinute(samples: Sample[], value: (s: Sample) => number): number {
  const points = samples
    .map((s) => [s.elapsedS / 60, value(s)] as const)
    .filter(([, y]) => Number.isFinite(y))
  if (points.length < 2) return Number.NaN
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / points.length
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / points.length
  let over = 0
  let under = 0
  for (const [x, y] of points) {
    over += (x - meanX) * (y - meanY)
    under += (x - meanX) ** 2
  }
  return under === 0 ? Number.NaN : over / under
}

/** True, false, or null when there are too few readings to say. */
export function keptGrowing(samples: Sample[], value: (s: Sample) => number): boolean | null {
  const half = samples.slice(Math.floor(samples.length / 2))
  const slope = slopePerMinute(half, value)
  if (!Number.isFinite(slope) || half.length < 4) return null
  const mean = half.reduce((sum, s) => sum + value(s), 0) / half.length
  return slope > mean * GROWING_SHARE_PER_MIN
}

/** Growth of the program's data after the load that still counts as none: 1 MB or 5 %. */
function isBack(growth: HeapGrowth): boolean {
  return growth.dataBytes <= Math.max(1024 * 1024, growth.dataBefore * 0.05)
}

const signed = (bytes: number) => `${bytes >= 0 ? '+' : '−'}${mb(Math.abs(bytes))}`

/** Heap growth after the load, without snapshots, that needs no explaining: 2 MB. */
const SMALL_GROWTH = 2 * 1024 * 1024

/** Whether the heap came back once the load was gone. */
function leakLines(run: {
  heapBefore: number
  heapAfter: number
  growth: HeapGrowth | null
  snapshots: boolean
  unloaded: boolean
}): string[] {
  const { growth } = run
  if (!run.unloaded)
    return [
      'De voorstellen gingen na afloop niet uit het geheugen: de lekcontrole kon niet worden gedaan.',
    ]
  const heap = `heap ${signed(run.heapAfter - run.heapBefore)}`
  if (!run.snapshots) {
    if (run.heapAfter - run.heapBefore <= SMALL_GROWTH)
      return [`Na afloop tegenover vóór de belasting: ${heap}. Geen aanwijzing voor een lek.`]
    if (run.heapAfter - run.heapBefore <= Math.max(4 * SMALL_GROWTH, run.heapBefore / 4))
      return [
        `Na afloop tegenover vóór de belasting: ${heap}. Een paar MB is meestal code die V8 intussen`,
        'heeft gecompileerd; draai met --snapshots om die van de gegevens van het programma te scheiden.',
      ]
    return [
      `Na afloop tegenover vóór de belasting: ${heap}. Mogelijk een lek: draai met --snapshots om te`,
      'zien wat er blijft.',
    ]
  }
  if (!growth) return ['De heap-snapshots mislukten: de lekcontrole kon niet worden gedaan.']
  const sizes = `gegevens ${signed(growth.dataBytes)}, code en V8-intern ${signed(growth.engineBytes)}`
  const note = '(De snapshot vooraf kost de server eenmalig geheugen: de RSS ligt daardoor hoger.)'
  if (isBack(growth))
    return [`Na afloop tegenover vóór de belasting: ${sizes}. Geen aanwijzing voor een lek.`, note]
  return [
    `Na afloop tegenover vóór de belasting: ${sizes}. Mogelijk een lek (meer dan 1 MB en 5 % gegevens); het meest gegroeid:`,
    ...growth.top.map(
      ({ key, count, bytes }) =>
        `    ${key || '?'}: ${count >= 0 ? '+' : ''}${count} stuks, ${signed(bytes)}`,
    ),
    note,
  ]
}

export function summarise(run: {
  samples: Sample[]
  /** Heap in use after forced GC: before the first writer, at the end under load, after the load. */
  heapBefore: number
  heapLoaded: number
  heapAfter: number
  /** The program's data after the load against before it; null without (or failed) snapshots. */
  growth: HeapGrowth | null
  snapshots: boolean
  socketsAfter: number
  proposalsAfter: number
  closeCodes: Map<number, number>
  complaints: string[]
  csv: string
}): string {
  const { samples } = run
  const first = samples[0]
  const last = samples.at(-1)
  if (!first || !last) return 'Geen metingen: de run was te kort.'
  const durationS = last.elapsedS
  const half = samples.slice(Math.floor(samples.length / 2))
  const rssSlope = slopePerMinute(half, (s) => s.rss)
  const growing = keptGrowing(samples, (s) => s.rss)
  const rssVerdict =
    durationS < JUDGE_AFTER_S
      ? `Te kort om te zeggen of het geheugen onder belasting tot rust komt: kies minstens ${JUDGE_AFTER_S / 60} minuten.`
      : growing === null
        ? 'Te weinig metingen om te zeggen of het geheugen onder belasting tot rust komt.'
        : growing
          ? 'Onder belasting bleef het geheugen groeien in de tweede helft (de teksten groeien mee; zie de heap na afloop).'
          : 'Onder belasting kwam het geheugen tot rust in de tweede helft.'
  const unloaded = run.proposalsAfter === 0
  const edits = last.editsTotal
  const codes = [...run.closeCodes].map(([code, n]) => `${code} × ${n}`).join(', ')
  const max = (value: (s: Sample) => number) => mb(Math.max(...samples.map(value)))
  return [
    '',
    `Samenvatting na ${(durationS / 60).toFixed(1)} minuten`,
    `  Geheugen (RSS):    begin ${mb(first.rss)}, eind ${mb(last.rss)}, hoogst ${max((s) => s.rss)}`,
    `  Heap in gebruik:   begin ${mb(first.heapUsed)}, eind ${mb(last.heapUsed)}, hoogst ${max((s) => s.heapUsed)}`,
    `  Heap na GC:        vóór de belasting ${mb(run.heapBefore)}, eind (belast) ${mb(run.heapLoaded)}, na afloop ${mb(run.heapAfter)}`,
    `  De teksten samen (Yjs, gecodeerd): ${(last.docBytes / 1024).toFixed(0)} kB`,
    `  RSS-helling tweede helft: ${Number.isFinite(rssSlope) ? `${(rssSlope / 1024 / 1024).toFixed(2)} MB per minuut` : 'onbekend'}`,
    `  ${rssVerdict}`,
    ...leakLines({ ...run, unloaded }).map((line) => `  ${line}`),
    `  Bewerkingen:       ${edits} opgeslagen (gemiddeld ${(edits / Math.max(1, durationS)).toFixed(1)} per seconde; de server telt zijn eigen alinea-ids mee), ${last.sent} door de schrijvers gemaakt`,
    `  Schrijvers:        ${last.joins} keer binnengekomen, ${last.leaves} keer weggegaan`,
    `  Geweigerd:         ${last.refused}${codes ? `; sluitcodes bij de schrijvers: ${codes}` : ''}`,
    `  Na afloop:         ${run.socketsAfter} open sockets, ${run.proposalsAfter} voorstellen in het geheugen${run.socketsAfter === 0 && unloaded ? '' : ' (verwacht 0 en 0)'}`,
    `  Waarschuwingen en fouten van de server: ${run.complaints.length}`,
    ...run.complaints.slice(0, 5).map((line) => `    ${line}`),
    `  Metingen (CSV): ${run.csv}`,
  ].join('\n')
}
