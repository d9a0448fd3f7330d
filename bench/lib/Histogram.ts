/**
 * A mergeable latency histogram: values in microseconds, logarithmic buckets 1 % wide,
 * so drivers can ship a fixed-size summary to the harness instead of every sample.
 * Percentiles are exact to within one bucket (±0.5 %); the maximum is exact.
 */
const GROWTH = Math.log(1.01)
const BUCKETS = 2200 // 1.01^2200 µs ≈ 3 × 10^9 µs: anything slower lands in the last bucket

/** The wire form of a histogram: sparse `[bucket, count]` pairs plus exact extremes. */
export interface HistogramData {
  buckets: Array<[number, number]>
  count: number
  sum: number
  max: number
}

export class Histogram {
  private readonly counts = new Float64Array(BUCKETS)
  count = 0
  sum = 0
  max = 0

  /** Records one value in microseconds; negative values (clock jitter) count as 0. */
  record(valueUs: number): void {
    const v = Math.max(0, valueUs)
    const index = Math.min(BUCKETS - 1, Math.floor(Math.log1p(v) / GROWTH))
    this.counts[index] = (this.counts[index] ?? 0) + 1
    this.count++
    this.sum += v
    if (v > this.max) this.max = v
  }

  /** Adds another histogram's samples to this one. */
  merge(other: Histogram | HistogramData): this {
    const data = other instanceof Histogram ? other.toJSON() : other
    for (const [index, n] of data.buckets) this.counts[index] = (this.counts[index] ?? 0) + n
    this.count += data.count
    this.sum += data.sum
    if (data.max > this.max) this.max = data.max
    return this
  }

  /** The value below which `p` (0–1) of the samples fall, in microseconds; NaN when empty. */
  percentile(p: number): number {
    if (this.count === 0) return Number.NaN
    const rank = Math.ceil(p * this.count)
    let seen = 0
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i] ?? 0
      if (seen >= rank && seen > 0) {
        // the bucket's middle, capped by the exact maximum
        return Math.min(this.max, Math.expm1((i + 0.5) * GROWTH))
      }
    }
    return this.max
  }

  /** Mean in microseconds; NaN when empty. */
  mean(): number {
    return this.count === 0 ? Number.NaN : this.sum / this.count
  }

  toJSON(): HistogramData {
    const buckets: Array<[number, number]> = []
    this.counts.forEach((n, i) => {
      if (n > 0) buckets.push([i, n])
    })
    return { buckets, count: this.count, sum: this.sum, max: this.max }
  }

  static from(data: HistogramData): Histogram {
    return new Histogram().merge(data)
  }
}
