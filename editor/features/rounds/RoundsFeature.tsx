import type { Editor } from '@tiptap/core'
import { lazy, Suspense, useState } from 'react'
import { createPortal } from 'react-dom'
import { hasRole } from '../../../shared/roles.ts'
import type { Me } from '../../lib/types.ts'
import type { ServerEvents } from '../collab/serverEvents.ts'
import { PassageGutter } from './PassageGutter.tsx'
import { RoundPanel } from './RoundPanel.tsx'
import { useRounds } from './useRounds.ts'
import './rounds.css'

// The overview's charts and tables load only when someone opens it.
const RoundOverview = lazy(() => import('./RoundOverview.tsx'))

/** Where the proposal page lets this feature draw. */
export interface RoundsHosts {
  /** Beside the text, as tall as the editor: numbers and bars. */
  gutter: HTMLElement | null
  /** In the side column. */
  panel: HTMLElement | null
  /** In the text column, shown instead of the text while the overview is open. */
  overview: HTMLElement | null
}

/**
 * Passage numbers and consultation rounds on the proposal page (R2–R5, R7):
 * loaded after the page itself, and drawn into the places the page keeps for
 * it, so the page's own chunk only grows by those places.
 */
export default function RoundsFeature(props: {
  proposalId: string
  me: Me
  editor: Editor | null
  events: ServerEvents | null
  hosts: RoundsHosts
  overviewOpen: boolean
  onOverview: (open: boolean) => void
}) {
  const { proposalId, me, hosts } = props
  const state = useRounds(proposalId, props.events)
  const [selected, setSelected] = useState<string | null>(null)
  const select = (blockId: string | null) => {
    setSelected(blockId)
    if (blockId) props.onOverview(false)
  }
  return (
    <>
      {hosts.gutter &&
        createPortal(
          <PassageGutter
            editor={props.editor}
            host={hosts.gutter}
            summary={state.summary}
            selected={selected}
            onSelect={select}
          />,
          hosts.gutter,
        )}
      {hosts.panel &&
        createPortal(
          <RoundPanel
            proposalId={proposalId}
            me={me}
            state={state}
            selected={selected}
            onSelect={select}
            onOverview={() => props.onOverview(true)}
          />,
          hosts.panel,
        )}
      {hosts.overview &&
        props.overviewOpen &&
        state.summary &&
        createPortal(
          <Suspense fallback={<p role="status">Het overzicht wordt geladen…</p>}>
            <RoundOverview
              proposalId={proposalId}
              summary={state.summary}
              isEditor={hasRole(me.role, 'editor')}
              onClose={() => props.onOverview(false)}
              onSelect={select}
            />
          </Suspense>,
          hosts.overview,
        )}
    </>
  )
}
