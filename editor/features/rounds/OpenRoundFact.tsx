import { useEffect, useState } from 'react'
import { formatDate } from '../../../shared/dates.ts'
import { api } from '../../lib/api.ts'
import type { OpenRound } from './types.ts'

/**
 * The open rounds of the proposals on the overview, by proposal id. Read once;
 * when it cannot be read the overview simply shows no round.
 */
export function useOpenRounds(): ReadonlyMap<string, OpenRound> {
  const [rounds, setRounds] = useState<ReadonlyMap<string, OpenRound>>(new Map())
  useEffect(() => {
    let current = true
    // Through `api` alone: this file is part of the first visit, so it imports little.
    api<OpenRound[]>('api/rounds')
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

/** "Consultatie: open tot 14 juni 2023; gereageerd: 12 van 40 lidorganisaties" on a card. */
export function OpenRoundFact({ round }: { round: OpenRound | undefined }) {
  if (!round) return null
  return (
    <div data-testid="open-round">
      <dt>Consultatie</dt>
      <dd>
        Open tot {formatDate(round.closesAt)}; gereageerd: {round.responded} van {round.invited}{' '}
        {round.invited === 1 ? 'lidorganisatie' : 'lidorganisaties'}
      </dd>
    </div>
  )
}
