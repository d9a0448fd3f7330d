import { lazy, Suspense } from 'react'
import type { FreezeState } from './useFreeze.ts'

// Shown only to someone who was writing when the text was frozen: loaded then.
const UnsentNotice = lazy(() => import('./UnsentNotice.tsx'))

/** The person's unsent text after a freeze (S5) or a change of role (A3), or why it could not be checked. */
export function FreezeNotice(props: {
  freeze: FreezeState
  frozen: boolean
  onReload: () => void
}) {
  const { freeze } = props
  if (!freeze.unsent && !freeze.failed) return null
  return (
    <Suspense fallback={null}>
      <UnsentNotice
        passages={freeze.unsent}
        cause={freeze.cause}
        frozen={props.frozen}
        onDismiss={freeze.dismiss}
        onReload={props.onReload}
      />
    </Suspense>
  )
}
