/**
 * The end of a soak run in words: memory at the start, the end and its peak, and
 * whether it kept growing — judged on the second half of the run, so the climb
 * of the first minutes (caches, JIT, buffers) does not count.
 */
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

/** Heap after the load that is still "back where it started": 2 MB or 10 %, whichever is more. */
function isBack(start: number, after: number): boolean {
  return after - start <= Math.max(2 * 1024 * 1024, start * 0.1)
}

export function summarise(run: {
  samples: Sample[]
  /** Heap after forced GC: after warm-up, at the end under load, and after the load. */
  heapStart: number
  heapLoaded: number
  heapAfter: number
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
  const growth = `${run.heapAfter >= run.heapStart ? '+' : '−'}${mb(Math.abs(run.heapAfter - run.heapStart))}`
  const leakVerdict = !unloaded
    ? 'De voorstellen gingen na afloop niet uit het geheugen: de lekcontrole kon niet worden gedaan.'
    : isBack(run.heapStart, run.heapAfter)
      ? `Na afloop is de heap terug bij het begin (${growth}, binnen 2 MB of 10 %): geen aanwijzing voor een lek.`
      : `Na afloop is de heap ${growth} groter dan bij het begin: mogelijk een lek (meer dan 2 MB en 10 %).`
  const edits = last.editsTotal
  const codes = [...run.closeCodes].map(([code, n]) => `${code} × ${n}`).join(', ')
  const max = (value: (s: Sample) => number) => mb(Math.max(...samples.map(value)))
  return [
    '',
    `Samenvatting na ${(durationS / 60).toFixed(1)} minuten`,
    `  Geheugen (RSS):    begin ${mb(first.rss)}, eind ${mb(last.rss)}, hoogst ${max((s) => s.rss)}`,
    `  Heap in gebruik:   begin ${mb(first.heapUsed)}, eind ${mb(last.heapUsed)}, hoogst ${max((s) => s.heapUsed)}`,
    `  Heap na GC:        begin ${mb(run.heapStart)}, eind (belast) ${mb(run.heapLoaded)}, na afloop ${mb(run.heapAfter)}`,
    `  De teksten samen (Yjs, gecodeerd): ${(last.docBytes / 1024).toFixed(0)} kB`,
    `  RSS-helling tweede helft: ${Number.isFinite(rssSlope) ? `${(rssSlope / 1024 / 1024).toFixed(2)} MB per minuut` : 'onbekend'}`,
    `  ${rssVerdict}`,
    `  ${leakVerdict}`,
    `  Bewerkingen:       ${edits} opgeslagen (gemiddeld ${(edits / Math.max(1, durationS)).toFixed(1)} per seconde; de server telt zijn eigen alinea-ids mee), ${last.sent} door de schrijvers gemaakt`,
    `  Schrijvers:        ${last.joins} keer binnengekomen, ${last.leaves} keer weggegaan`,
    `  Geweigerd:         ${last.refused}${codes ? `; sluitcodes bij de schrijvers: ${codes}` : ''}`,
    `  Na afloop:         ${run.socketsAfter} open sockets, ${run.proposalsAfter} voorstellen in het geheugen${run.socketsAfter === 0 && unloaded ? '' : ' (verwacht 0 en 0)'}`,
    `  Waarschuwingen en fouten van de server: ${run.complaints.length}`,
    ...run.complaints.slice(0, 5).map((line) => `    ${line}`),
    `  Metingen (CSV): ${run.csv}`,
  ].join('\n')
}
