/** How numbers appear in the report. */

export type Unit = 'ms' | 'us' | 'bytes' | 'kB' | 'count' | 'number' | 'rate' | 'share' | 'ratio'

/** `n` in `unit`, rounded for reading; an en dash when unknown. */
export function formatValue(n: number | undefined, unit: Unit): string {
  if (n === undefined || !Number.isFinite(n)) return '–'
  switch (unit) {
    case 'ms':
      return n >= 100 ? `${n.toFixed(0)} ms` : n >= 10 ? `${n.toFixed(1)} ms` : `${n.toFixed(2)} ms`
    case 'us':
      return n >= 1000 ? `${(n / 1000).toFixed(2)} ms` : `${n.toFixed(0)} µs`
    case 'bytes':
      return formatBytes(n)
    case 'kB':
      return `${(n / 1000).toFixed(1)} kB`
    case 'count':
      return Math.round(n).toLocaleString('en-US')
    case 'number':
      return n.toFixed(2)
    case 'rate':
      return `${Math.round(n).toLocaleString('en-US')}/s`
    case 'share':
      return `${(n * 100).toFixed(0)} %`
    case 'ratio':
      return `${n.toFixed(2)}×`
  }
}

export function formatBytes(n: number): string {
  const sign = n < 0 ? '−' : ''
  const abs = Math.abs(n)
  if (abs >= 1024 * 1024) return `${sign}${(abs / 1024 / 1024).toFixed(2)} MiB`
  if (abs >= 10 * 1024) return `${sign}${(abs / 1024).toFixed(1)} KiB`
  return `${sign}${abs.toFixed(0)} B`
}
