import type { Thread } from '../comments/types.ts'
import type { VersionTarget } from '../versions/types.ts'

/**
 * Whether to say "Verouderd": only of an open thread. A resolved comment or an
 * accepted amendment is done; that its passage changed since (often because
 * of it) is no news to anyone.
 */
export function showsOutdated(thread: Pick<Thread, 'outdated' | 'status'>): boolean {
  return thread.outdated && thread.status === 'open'
}

/**
 * R6: the passage of this open thread reads differently in a later version than
 * when the thread was opened. Links to the comparison of that change (from the
 * version current at the opening to the first that differs), or to the later
 * version itself when none was saved before the thread.
 */
export function OutdatedNotice(props: {
  thread: Thread
  onShowVersion?: ((target: VersionTarget) => void) | undefined
}) {
  const { thread, onShowVersion } = props
  const later = thread.outdatedVersionId
  if (!showsOutdated(thread) || !later) return null
  const target: VersionTarget = thread.versionId
    ? { kind: 'compare', from: thread.versionId, to: later }
    : { kind: 'read', versionId: later }
  return (
    <p className="thread__outdated" data-testid="thread-outdated">
      Verouderd: deze passage is sinds deze reactie veranderd.{' '}
      {onShowVersion && (
        <button type="button" className="link-button" onClick={() => onShowVersion(target)}>
          {thread.versionId ? 'Bekijk wat er veranderde' : 'Bekijk de latere versie'}
        </button>
      )}
    </p>
  )
}
