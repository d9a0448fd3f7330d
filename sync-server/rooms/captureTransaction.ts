/**
 * Runs `apply` and returns the transaction it made, if that changed anything.
 * Yjs may follow an applied update with a local clean-up transaction (redundant
 * formatting markers); every replica makes that one itself, so only the first
 * transaction of `origin` counts.
 */
import type * as Y from 'yjs'

export function captureTransaction(
  doc: Y.Doc,
  origin: unknown,
  apply: () => void,
): Y.Transaction | null {
  let captured: Y.Transaction | null = null
  const listener = (tr: Y.Transaction) => {
    if (tr.origin === origin) captured ??= tr
  }
  doc.on('afterTransaction', listener)
  try {
    apply()
  } finally {
    doc.off('afterTransaction', listener)
  }
  const tr = captured as Y.Transaction | null
  if (!tr) return null
  const grew = [...tr.afterState].some(([client, clock]) => tr.beforeState.get(client) !== clock)
  return grew || tr.deleteSet.clients.size > 0 ? tr : null
}
