/**
 * One DOCX per memorandum content: downloads that arrive together get models
 * built one after another (each no older than its request, see
 * `FreshSharedBuilds`), but while nothing changed those models are equal, and
 * rendering is the expensive part (most of a second in a worker). So a
 * rendering is shared by every model with the same content: fifty downloads at
 * once cost the pool one render while the round stands still.
 */
import type { Memorandum } from './model.ts'

/** Renderings of the last few contents, newest last. */
const rendered = new Map<string, Promise<Uint8Array>>()
const KEPT = 4

/** The DOCX of `memo`, rendered by `render` unless one of equal content is there; a failed one is tried again. */
export function docxOnce(
  memo: Memorandum,
  render: (memo: Memorandum) => Promise<Uint8Array>,
): Promise<Uint8Array> {
  const content = JSON.stringify(memo)
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
