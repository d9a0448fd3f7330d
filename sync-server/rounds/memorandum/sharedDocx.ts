/**
 * One DOCX per memorandum content: downloads that arrive together get models
 * built one after another (each no older than its request, see
 * `FreshSharedBuilds`), but while nothing changed those models are equal, and
 * rendering is the expensive part (most of a second in a worker). So a
 * rendering is shared by every model with the same content: fifty downloads at
 * once cost the pool one render while the round stands still.
 */
import { createHash } from 'node:crypto'
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { Memorandum } from './model.ts'

/** Renderings of the last few contents (by digest), newest last. */
const rendered = new Map<string, Promise<Uint8Array>>()
const KEPT = 4

/**
 * The digest of each model's content, worked out once per model: downloads
 * sharing one build get the same model object. The digest, not the written-out
 * model (a megabyte for a large round), is the key: looking a megabyte up in a
 * map hashes and compares all of it, on the event loop, for every download.
 */
const digests = new WeakMap<Memorandum, Promise<string>>()

/** Longest stretch of hashing before sockets and timers get the event loop. */
const SLICE_MS = 4

function digestOf(memo: Memorandum): Promise<string> {
  let digest = digests.get(memo)
  if (!digest) {
    digest = digestInSlices(memo)
    digests.set(memo, digest)
  }
  return digest
}

/**
 * Hashes the model a piece at a time (the facts, each passage, each other
 * thread), giving the event loop back every few milliseconds: written out at
 * once, a large round's model held every typist for 15 ms and more. Each piece
 * is one JSON value on a line of its own, so equal digests mean equal models.
 */
async function digestInSlices(memo: Memorandum): Promise<string> {
  // The model was just built in this turn of the event loop: let sockets be served first.
  await nextTurn()
  const { passages, otherThreads, ...facts } = memo
  const pieces: unknown[] = [facts, ...passages, 'andere reacties', ...otherThreads]
  const hash = createHash('sha256')
  let sliceStart = performance.now()
  for (const piece of pieces) {
    if (performance.now() - sliceStart >= SLICE_MS) {
      await nextTurn()
      sliceStart = performance.now()
    }
    hash.update(JSON.stringify(piece))
    hash.update('\n')
  }
  return hash.digest('base64')
}

/** The DOCX of `memo`, rendered by `render` unless one of equal content is there; a failed one is tried again. */
export async function docxOnce(
  memo: Memorandum,
  render: (memo: Memorandum) => Promise<Uint8Array>,
): Promise<Uint8Array> {
  const content = await digestOf(memo)
  let docx = rendered.get(content)
  if (!docx) {
    docx = render(memo)
    rendered.set(content, docx)
    docx.catch(() => rendered.delete(content))
    for (const old of rendered.keys()) {
      if (rendered.size <= KEPT) break
      rendered.delete(old)
    }
  }
  return docx
}
