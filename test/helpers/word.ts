/**
 * Helpers of the Word tests: the fixtures, an import and an export through
 * the API, and reading what LibreOffice and mammoth make of a file.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { convertWithLibreOffice } from './libreOffice.ts'
import type { TestServer } from './server.ts'

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

/** A fixture file of test/fixtures/word. */
export const wordFixture = (name: string) =>
  fileURLToPath(new URL(`../fixtures/word/${name}`, import.meta.url))

/** ProseMirror JSON as the API serves it. */
export interface PmNode {
  type: string
  attrs?: Record<string, unknown>
  content?: PmNode[]
  text?: string
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>
}

/** The answer of an import (V5, W1). */
export interface ImportAnswer {
  doc: PmNode
  text: string
  dropped: Array<{ what: string; count: number }>
  error?: { code: string }
}

/** Posts a .docx to a proposal's import as `token` (default: the administrator). */
export function importDocx(server: TestServer, proposalId: string, bytes: Buffer, token?: string) {
  return server.api<ImportAnswer>(`/api/proposals/${proposalId}/import`, {
    method: 'POST',
    ...(token ? { token } : {}),
    raw: new Uint8Array(bytes),
    headers: { 'content-type': DOCX_TYPE },
  })
}

/** Downloads an export of a proposal as the administrator. */
export async function exportOf(server: TestServer, proposalId: string, query: string) {
  const response = await fetch(`${server.url}/api/proposals/${proposalId}/export?${query}`, {
    headers: { authorization: `Bearer ${server.adminToken}` },
  })
  if (!response.ok) throw new Error(`export ${query}: HTTP ${response.status}`)
  return Buffer.from(await response.arrayBuffer())
}

/** What LibreOffice reads in each of `files` (Buffers), as its own HTML, in one run. */
export async function readBackWithLibreOffice(files: Array<{ name: string; bytes: Buffer }>) {
  const dir = await mkdtemp(join(tmpdir(), 'meeschrijven-readback-'))
  const paths = await Promise.all(
    files.map(async ({ name, bytes }) => {
      const path = join(dir, name)
      await writeFile(path, bytes)
      return path
    }),
  )
  const results = await convertWithLibreOffice(paths, 'html')
  return Promise.all(results.map((path) => readFile(path, 'utf8')))
}

/** The text of an HTML fragment: tags out, entities of LibreOffice's output in, spaces collapsed. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim()
}

/** The part of `html` from the first match of `start` to the first `end` after it. */
export function between(html: string, start: RegExp, end: string): string {
  const at = html.search(start)
  if (at < 0) return ''
  const stop = html.indexOf(end, at)
  return html.slice(at, stop < 0 ? undefined : stop + end.length)
}

/** A ProseMirror document without its passage ids, to compare structure and text. */
export function withoutIds(node: PmNode): PmNode {
  const { attrs, content, ...rest } = node
  const kept = attrs
    ? Object.fromEntries(Object.entries(attrs).filter(([k]) => k !== 'blockId'))
    : {}
  return {
    ...rest,
    ...(Object.keys(kept).length ? { attrs: kept } : {}),
    ...(content ? { content: content.map(withoutIds) } : {}),
  }
}
