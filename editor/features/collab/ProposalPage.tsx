import type { Editor } from '@tiptap/core'
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react'
import { CloseCode } from '../../../shared/protocol.ts'
import { hasRole, isFrozen } from '../../../shared/roles.ts'
import { PageTitle } from '../../lib/PageTitle.tsx'
import { hrefFor } from '../../lib/route.ts'
import { SkipLink } from '../../lib/SkipLink.tsx'
import type { Me } from '../../lib/types.ts'
import { CommentBar } from '../comments/CommentBar.tsx'
import { CommentsPanel } from '../comments/CommentsPanel.tsx'
import { MarginCards } from '../comments/MarginCards.tsx'
import { useComments } from '../comments/useComments.ts'
import { ConnectionStatus } from '../connection/ConnectionStatus.tsx'
import { type Refusal, refusalForCloseCode, refusalForEvent } from '../connection/closeMessages.ts'
import { RefusalNotice } from '../connection/RefusalNotice.tsx'
import { useConnection } from '../connection/useConnection.ts'
import { useTextIsEmpty } from '../export/useTextIsEmpty.ts'
import { PresenceList } from '../presence/PresenceList.tsx'
import { colorForPerson } from '../presence/personColor.ts'
import { usePresence } from '../presence/usePresence.ts'
import { useSession } from '../session/SessionContext.ts'
import { readToken } from '../session/tokenStore.ts'
import { StatusArea } from '../status/StatusArea.tsx'
import { FailedSuggestions } from '../suggestions/FailedSuggestions.tsx'
import { SuggestionControls } from '../suggestions/SuggestionControls.tsx'
import { SuggestionPopover } from '../suggestions/SuggestionPopover.tsx'
import { SuggestionsByPerson } from '../suggestions/SuggestionsByPerson.tsx'
import { SuggestionTooltip } from '../suggestions/SuggestionTooltip.tsx'
import { useSuggestions } from '../suggestions/useSuggestions.ts'
import { useRestored } from '../versions/useRestored.ts'
import { useVersions } from '../versions/useVersions.ts'
import { useVersionTarget } from '../versions/useVersionTarget.ts'
import { VersionsPanel } from '../versions/VersionsPanel.tsx'
import { VersionView } from '../versions/VersionView.tsx'
import '../../styles/editor.css'
import { FreezeNotice } from './FreezeNotice.tsx'
import { ProposalEditor } from './ProposalEditor.tsx'
import { ReadOnlyNotice } from './ReadOnlyNotice.tsx'
import type { RefusedEvent } from './serverEvents.ts'
import { useAccessChanges } from './useAccessChanges.ts'
import { useCollab } from './useCollab.ts'
import { useFreeze } from './useFreeze.ts'
import { useProposalMeta } from './useProposalMeta.ts'

// Downloading, printing and loading Word come after the text: loaded once the page is there.
const ExportPanel = lazy(() => import('../export/ExportPanel.tsx'))
// Only editors see the activity (who did what when): the others never load it.
const ActivityPanel = lazy(() => import('../activity/ActivityPanel.tsx'))
// Passage numbers and consultation rounds, likewise, in a chunk of their own.
const RoundsFeature = lazy(() => import('../rounds/RoundsFeature.tsx'))

/** One proposal: title, status, connection, who is here, the shared text and its comments. */
export function ProposalPage({ proposalId, me }: { proposalId: string; me: Me }) {
  const { signOut, refresh } = useSession()
  const { collab, ready, reloadText } = useCollab(proposalId, me.person.id, readToken() ?? '')
  const connection = useConnection(collab?.provider ?? null)
  useAccessChanges(collab, refresh)
  const present = usePresence(collab?.provider.awareness ?? null)
  const meta = useProposalMeta(proposalId, collab?.events ?? null)
  const { title, status } = meta
  const freeze = useFreeze({
    proposalId,
    token: readToken() ?? '',
    collab,
    mayWrite: hasRole(me.role, 'writer'),
    reloadText,
  })
  const restored = useRestored(collab?.events ?? null, me.person.id)
  const textIsEmpty = useTextIsEmpty(ready ? (collab?.doc ?? null) : null)
  const [refused, setRefused] = useState<Refusal | null>(null)
  const shownVersion = useVersionTarget()
  const comments = useComments(proposalId, me, collab, shownVersion.show)
  const versions = useVersions(proposalId, collab?.events ?? null)
  const [textEditor, setTextEditor] = useState<Editor | null>(null)
  const [overviewOpen, setOverviewOpen] = useState(false)
  const [gutterHost, setGutterHost] = useState<HTMLElement | null>(null)
  const [panelHost, setPanelHost] = useState<HTMLElement | null>(null)
  const [overviewHost, setOverviewHost] = useState<HTMLElement | null>(null)
  const { setEditor: setCommentsEditor } = comments
  const onEditor = useCallback(
    (editor: Editor | null) => {
      setCommentsEditor(editor)
      setTextEditor(editor)
    },
    [setCommentsEditor],
  )
  const user = useMemo(
    () => ({
      id: me.person.id,
      name: me.person.name,
      color: me.color ?? colorForPerson(me.person.id),
    }),
    [me],
  )

  useEffect(() => {
    setRefused(null)
    return collab?.events.on('refused', (event) => {
      const { reason } = event as RefusedEvent
      // A frozen text is the freeze notice's (S5): it keeps the unsent text and the
      // editor writes again, without reloading, once the freeze lifts.
      if (reason !== 'frozen') setRefused(refusalForEvent(reason))
    })
  }, [collab])

  useEffect(() => {
    // A revoked or unknown token (A5): sign out at once and say why.
    if (connection.kind === 'closed' && connection.code === CloseCode.unauthorized.code) {
      void signOut('revoked')
    }
  }, [connection, signOut])

  const frozen = status !== null && isFrozen(status)
  const canWrite = hasRole(me.role, 'writer') && !frozen
  const refusal =
    refused ??
    (connection.kind === 'closed'
      ? refusalForCloseCode(connection.code, frozen, connection.reason)
      : null)
  const isEditor = hasRole(me.role, 'editor')
  const suggestions = useSuggestions({
    proposalId,
    me,
    collab,
    comments,
    available: status !== null && !frozen && refusal === null,
    // Members (lid) always suggest: what they type never reaches the text itself (A3).
    alwaysOn: !hasRole(me.role, 'writer'),
  })
  // "Alleen wijzigingen" is a view to read and decide in, not to type in.
  const typing = refusal === null && suggestions.view !== 'changes'
  const editable = canWrite && typing
  // A member's text stays read-only as text (A3); while suggesting it takes their input as suggestions.
  const suggesting = typing && suggestions.enabled
  const shownTitle = title ?? proposalId
  const atCaret = suggestions.atCaret

  return (
    <article className="proposal" aria-labelledby="proposal-title">
      <a className="back-link" href={hrefFor({ name: 'overview' })}>
        Alle voorstellen
      </a>
      <div className="proposal__head">
        <PageTitle title={shownTitle}>
          <span id="proposal-title">{shownTitle}</span>
        </PageTitle>
        <StatusArea
          proposalId={proposalId}
          status={status}
          change={meta.statusChange}
          isEditor={isEditor}
          onChanged={meta.showProposal}
        />
      </div>
      <ConnectionStatus connection={connection} canWrite={canWrite} />
      {refusal && (
        <RefusalNotice
          refusal={refusal}
          actions={{
            reloadText: () => void reloadText(),
            reconnect: () => collab?.provider.connect(),
            signIn: () => void signOut('revoked'),
          }}
        />
      )}
      <FreezeNotice freeze={freeze} frozen={frozen} onReload={() => void reloadText()} />
      {!canWrite && (
        <ReadOnlyNotice role={me.role} frozen={frozen} suggesting={suggestions.enabled} />
      )}
      <FailedSuggestions suggestions={suggestions} />
      {restored.message && (
        <p className="alert alert--success" role="status" data-testid="restored-notice">
          {restored.message}
        </p>
      )}
      <div className="proposal__layout">
        <div className="proposal__text">
          {/* Past the text and its hundreds of passages, straight to the reactions. */}
          <SkipLink target="reacties-titel" className="skip-link skip-link--inline">
            Naar de reacties
          </SkipLink>
          {shownVersion.target && (
            <VersionView
              proposalId={proposalId}
              target={shownVersion.target}
              onShow={shownVersion.show}
              onClose={shownVersion.close}
              onRestored={isEditor && !frozen ? shownVersion.close : undefined}
            />
          )}
          <div ref={setOverviewHost} hidden={shownVersion.target !== null || !overviewOpen} />
          {/* Hidden, not unmounted, while a version is shown: the text stays live. */}
          <div className="passages" hidden={shownVersion.target !== null || overviewOpen}>
            {collab && ready ? (
              <ProposalEditor
                collab={collab}
                user={user}
                editable={editable}
                labelledBy="proposal-title"
                describedBy={canWrite ? undefined : 'alleen-lezen'}
                extensions={[comments.extension, suggestions.extension]}
                onEditor={onEditor}
                bar={
                  <>
                    <CommentBar onStart={comments.draft.start} />
                    <SuggestionControls suggestions={suggestions} editor={textEditor} />
                  </>
                }
                suggesting={suggesting ? { undo: suggestions.undo, redo: suggestions.redo } : null}
                overlay={
                  textEditor && (
                    <>
                      <SuggestionTooltip editor={textEditor} placed={suggestions.placed} />
                      {atCaret && (
                        <SuggestionPopover
                          editor={textEditor}
                          suggestion={atCaret}
                          suggestions={suggestions}
                          isEditor={isEditor}
                          onOpenThread={(id) => comments.open(id, 'keyboard')}
                        />
                      )}
                    </>
                  )
                }
              />
            ) : (
              <p role="status">De tekst wordt geladen…</p>
            )}
            {/* After the text, so the keyboard reaches the text before the bars beside it. */}
            <div ref={setGutterHost} className="passages__gutter" />
            <MarginCards
              editor={textEditor}
              threads={comments.threads}
              activeId={comments.activeId}
              onOpen={(id) => comments.open(id, 'panel')}
            />
          </div>
        </div>
        <div className="proposal__aside">
          <aside aria-label="Wie is hier">
            <PresenceList present={present} />
          </aside>
          {isEditor && <SuggestionsByPerson threads={comments.threads} suggestions={suggestions} />}
          <aside aria-labelledby="reacties-titel">
            <CommentsPanel comments={comments} />
          </aside>
          <div ref={setPanelHost} />
          <aside aria-labelledby="versies-titel">
            <VersionsPanel
              proposalId={proposalId}
              me={me}
              versions={versions}
              onShow={shownVersion.show}
              frozen={frozen}
            />
          </aside>
          <Suspense fallback={null}>
            <ExportPanel
              proposalId={proposalId}
              versions={versions.versions}
              mayImport={isEditor && !frozen}
              textIsEmpty={textIsEmpty}
            />
          </Suspense>
          {isEditor && (
            <Suspense fallback={null}>
              <ActivityPanel proposalId={proposalId} events={collab?.events ?? null} />
            </Suspense>
          )}
        </div>
      </div>
      <Suspense fallback={null}>
        <RoundsFeature
          proposalId={proposalId}
          me={me}
          editor={textEditor}
          events={collab?.events ?? null}
          hosts={{ gutter: gutterHost, panel: panelHost, overview: overviewHost }}
          overviewOpen={overviewOpen}
          onOverview={setOverviewOpen}
        />
      </Suspense>
    </article>
  )
}
