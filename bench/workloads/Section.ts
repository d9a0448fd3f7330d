/**
 * What a workload hands the report: a table comparing A and B, with goals where the
 * product has one, plus notes and one line per run (discarded runs included).
 */
import type { Unit } from '../lib/format.ts'

export interface Row {
  metric: string
  a: number | undefined
  b: number | undefined
  unit: Unit
  /** The goal in words, e.g. `≤ ½ stock`. */
  goal?: string
  /** Whether B meets the goal; undefined when it cannot be judged. */
  met?: boolean
}

export interface Section {
  /** Key of the report markers and of `--only`. */
  name: string
  title: string
  /** What was measured and how, in a sentence or two. */
  description: string
  rows: Row[]
  notes: string[]
  runs: string[]
  /**
   * Headings of the two value columns when they are not the invocation's A and B (one
   * instance against three; median and p95 of a single server).
   */
  labels?: [string, string]
  /** Whether the table has a B ÷ A column. @default true */
  ratio?: boolean
}

/** True/false when both values are known, otherwise undefined. */
export function judge(
  a: number | undefined,
  b: number | undefined,
  test: (a: number, b: number) => boolean,
) {
  if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b))
    return undefined
  return test(a, b)
}
