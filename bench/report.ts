/**
 * Writes results into docs/BENCHMARKS.md, each workload between its own markers
 * (`<!-- bench:typing:start -->` … `<!-- bench:typing:end -->`), so a run with `--only`
 * replaces only what it measured and leaves the rest as it was.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { formatValue } from './lib/format.ts'
import { type Machine, machineLine } from './lib/machine.ts'
import { ratio } from './lib/stats.ts'
import type { Section } from './workloads/Section.ts'

export const REPORT_PATH = fileURLToPath(new URL('../docs/BENCHMARKS.md', import.meta.url))
const BIOME = fileURLToPath(new URL('../node_modules/.bin/biome', import.meta.url))

export interface ReportHeader {
  date: Date
  command: string
  machine: Machine
  labels: [string, string]
}

/** The markdown of one section, markers excluded. */
export function renderSection(section: Section, header: ReportHeader): string {
  const [a, b] = section.labels ?? header.labels
  const withRatio = section.ratio !== false
  const lines = [
    `_Measured ${header.date.toISOString().replace(/\.\d+Z$/, 'Z')} with \`${header.command}\` on ${machineLine(header.machine)}._`,
    '',
    section.description,
    '',
  ]
  if (section.rows.length > 0) {
    lines.push(
      `| Metric | ${a} | ${b} |${withRatio ? ` ${b} ÷ ${a} |` : ''} Goal | Met |`,
      `|---|---:|---:|${withRatio ? '---:|' : ''}---|:---:|`,
    )
    for (const row of section.rows) {
      const r = ratio(row.a ?? Number.NaN, row.b ?? Number.NaN)
      const met = row.met === undefined ? (row.goal ? '?' : '') : row.met ? 'yes' : '**no**'
      const shown = row.unit === 'count' || row.unit === 'share' ? '' : formatValue(r, 'ratio')
      lines.push(
        `| ${row.metric} | ${formatValue(row.a, row.unit)} | ${formatValue(row.b, row.unit)} |` +
          `${withRatio ? ` ${shown} |` : ''} ${row.goal ?? ''} | ${met} |`,
      )
    }
    lines.push('')
  }
  for (const note of section.notes) lines.push(`- ${note}`)
  if (section.notes.length > 0) lines.push('')
  if (section.runs.length > 0) {
    lines.push('<details><summary>Runs</summary>', '')
    for (const run of section.runs) lines.push(`- ${run}`)
    lines.push('', '</details>')
  }
  return lines.join('\n')
}

/** Replaces (or appends) each section's block in docs/BENCHMARKS.md. */
export function writeReport(sections: Array<{ section: Section; header: ReportHeader }>): void {
  let text = existsSync(REPORT_PATH) ? readFileSync(REPORT_PATH, 'utf8') : '# Benchmarks\n'
  for (const { section, header } of sections) {
    const start = `<!-- bench:${section.name}:start -->`
    const end = `<!-- bench:${section.name}:end -->`
    const block = `${start}\n${renderSection(section, header)}\n${end}`
    const from = text.indexOf(start)
    const to = text.indexOf(end)
    if (from >= 0 && to > from) {
      text = text.slice(0, from) + block + text.slice(to + end.length)
    } else {
      text = `${text.trimEnd()}\n\n## ${section.title}\n\n${block}\n`
    }
  }
  writeFileSync(REPORT_PATH, text.endsWith('\n') ? text : `${text}\n`)
  // the project's formatter has the last word on layout (tables are padded, for one)
  try {
    execFileSync(BIOME, ['format', '--write', REPORT_PATH], { stdio: 'ignore' })
  } catch {
    // unformatted is still correct markdown
  }
}
