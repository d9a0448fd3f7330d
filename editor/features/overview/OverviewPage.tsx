import { useState } from 'react'
import { hasRole } from '../../../shared/roles.ts'
import { PageTitle } from '../../lib/PageTitle.tsx'
import type { Me } from '../../lib/types.ts'
import { useApi } from '../../lib/useApi.ts'
import { ProposalList } from '../proposals/ProposalList.tsx'
import { ForYou } from './ForYou.tsx'
import { NewProposalForm } from './NewProposalForm.tsx'
import type { OverviewTexts } from './overviewApi.ts'
import { StatusMeanings } from './StatusMeanings.tsx'
import { StrategyIntro } from './StrategyIntro.tsx'
import { Timeline } from './Timeline.tsx'
import './overview.css'

/**
 * Where to start: what the Verenigingsstrategie 2030 is, what asks for the
 * visitor's action ("Voor u"), the process as a timeline, the proposals with
 * their descriptions, and what each status means.
 */
export function OverviewPage({ me }: { me: Me }) {
  const texts = useApi<OverviewTexts>('api/overview')
  const canEdit = hasRole(me.role, 'editor')
  // A new proposal is one more card: the list reads again.
  const [created, setCreated] = useState(0)
  const ready = texts.state.status === 'ready' ? texts.state.data : null
  return (
    <div className="stack overview">
      <PageTitle title="Verenigingsstrategie 2030">Verenigingsstrategie 2030</PageTitle>
      <ForYou />
      <StrategyIntro />
      {ready && (
        <Timeline steps={ready.timeline} canEdit={canEdit} onChanged={() => void texts.reload()} />
      )}
      <ProposalList
        key={created}
        me={me}
        descriptions={ready?.descriptions ?? {}}
        canEdit={canEdit}
        onDescribed={() => void texts.reload()}
      />
      {canEdit && <NewProposalForm onCreated={() => setCreated((n) => n + 1)} />}
      <StatusMeanings />
    </div>
  )
}
