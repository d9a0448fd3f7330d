/**
 * One DOCX per memorandum model: requests that shared a model's build (see
 * `FreshSharedBuilds`) share its rendering too, so fifty downloads at once cost
 * the worker pool one or two renders, not fifty. Kept only as long as the model.
 */
import type { Memorandum } from './model.ts'

const rendered = new WeakMap<Memorandum, Promise<Uint8Array>>()

/** The DOCX of `memo`, rendered by `render` once; a failed rendering is tried again by the next caller. */
export function docxOnce(
  memo: Memorandum,
  render: (memo: Memorandum) => Promise<Uint8Array>,
): Promise<Uint8Array> {
  let docx = rendered.get(memo)
  if (!docx) {
    docx = render(memo)
    rendered.set(memo, docx)
    docx.catch(() => rendered.delete(memo))
  }
  return docx
}
