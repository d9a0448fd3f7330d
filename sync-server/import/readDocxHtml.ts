/**
 * A .docx body as HTML, read off the main thread. The zip's central directory
 * is read first, here, at no cost: a file that says it unpacks to more than the
 * limit is refused before it takes a worker. Mammoth then reads it in the pool,
 * where the sizes are checked again while unpacking (`docxToHtml`).
 */
import { AppError, invalidField } from '../errors.ts'
import type { Logger } from '../log.ts'
import type { TaskRunner } from '../workers/WorkerPool.ts'
import { docxToHtmlTask } from './docxToHtml.ts'
import type { Dropped } from './dropped.ts'
import type { TrackedChanges } from './trackedChanges.ts'
import { declaredUnpackedSize, zipEntries } from './zipEntries.ts'

export interface DocxReading {
  workers: TaskRunner
  /** The most a .docx may unpack to, all its parts together. */
  maxImportUnpackedBytes: number
  log: Logger
}

/** 422 for a file that is no readable .docx. */
export const unreadableDocx = () =>
  invalidField('file', 'Dit bestand kan niet als Word-document (.docx) worden gelezen.')

/** 422 for a .docx that unpacks to more than the server reads. */
export function unpackedTooLarge(limit: number): AppError {
  const mib = Math.round(limit / (1024 * 1024))
  return new AppError(
    'validation_failed',
    `Dit bestand is uitgepakt te groot: een Word-document mag uitgepakt hoogstens ${mib} MB zijn. Sla grote afbeeldingen apart op of verdeel de tekst over meer documenten.`,
    { details: { field: 'file', reason: 'unpacked_too_large', limit } },
  )
}

/**
 * The document's HTML as mammoth reads it, and what the file holds that
 * mammoth leaves out (W1).
 * @throws AppError validation_failed (422) for a file that is no .docx or unpacks
 *   past the limit; server_busy (503) when the pool's queue is full
 */
export async function readDocxHtml(
  bytes: Buffer,
  reading: DocxReading,
): Promise<{ html: string; dropped: Dropped[]; tracked: TrackedChanges | null }> {
  const limit = reading.maxImportUnpackedBytes
  const entries = zipEntries(bytes)
  if (!entries) throw unreadableDocx()
  if (declaredUnpackedSize(entries) > limit) throw unpackedTooLarge(limit)
  let result: Awaited<ReturnType<typeof docxToHtmlTask.inProcess>>
  try {
    result = await reading.workers.run(docxToHtmlTask, { bytes, maxUnpackedBytes: limit })
  } catch (error) {
    if (error instanceof AppError) throw error
    // The worker died reading it (its heap limit): the file is what it could not take.
    reading.log.warn('reading a .docx stopped its worker', { error: String(error) })
    throw unreadableDocx()
  }
  if (result.kind === 'tooLarge') throw unpackedTooLarge(limit)
  if (result.kind === 'unreadable') throw unreadableDocx()
  return { html: result.html, dropped: result.dropped, tracked: result.tracked }
}
