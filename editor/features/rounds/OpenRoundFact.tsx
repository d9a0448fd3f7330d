import { useEffect, useState } from 'react'
import { formatDate } from '../../lib/formatDate.ts'
import { responseText } from './positionLabels.ts'
import { openRounds } from './roundsApi.ts'
import type { OpenRound } from './types.ts'

/**
 * The open rounds of the proposals on the overview, by proposal id. Read once;
 * when it cannot be read the overview simply shows no round.
 */
export function useOpenRounds(): ReadonlyMap<string, OpenRound> {
  const [rounds, setRounds] = useState<ReadonlyMap<string, OpenRound>>(new Map())
  useEffect(() => {
    let current = true
    openRounds()
      .then((list) => {
        if (!current || !Array.isArray(list)) return
        const open = list.filter((r) => typeof r?.proposalId === 'string' && r.open === true)
        setRounds(new Map(open.map((round) => [round.proposalId, round])))
      })
      .catch(() => undefined)
    return () => {
      current = false
    }
  }, [])
  return rounds
}

/** "Consultatie: open tot 14 juni 2023; 12 van 40 organisaties (30%) reageerden" on a card. */
export function OpenRoundFact({ round }: { round: OpenRound | undefined }) {
  if (!round) return null
  return (
    <div data-testid="open-round">
      <dt>Consultatie</dt>
      <dd>
        Open tot {formatDate(round.closesAt)}; gereageerd:{' '}
        {responseText(round.responded, round.invited)}
      </dd>
    </div>
  )
}
