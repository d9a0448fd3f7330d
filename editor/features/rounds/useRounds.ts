import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError } from '../../lib/api.ts'
import { RECONNECTED, type ServerEvents } from '../collab/serverEvents.ts'
import { roundsApi } from './roundsApi.ts'
import type { PositionEvent, ResponseEvent, Round, Summary } from './types.ts'

/** The rounds of a proposal, the one shown, its summary, and which passages changed (E1). */
export interface RoundsState {
  rounds: Round[]
  loaded: boolean
  error: string | null
  shown: Round | null
  show(roundId: string): void
  summary: Summary | null
  /** blockId → how often its positions changed while looking, to read them again. */
  changes: ReadonlyMap<string, number>
  /** Puts a round the server just answered into the list and shows it. */
  add(round: Round): void
  reload(): Promise<void>
}

const newestFirst = (a: Round, b: Round) => b.createdAt.localeCompare(a.createdAt)

/** A round's `open`, kept true to the clock: it closes at `closesAt` without a reload. */
function useNow(rounds: Round[]): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    // After each tick the next closing time is looked for again.
    void now
    const next = rounds
      .map((round) => Date.parse(round.closesAt) - Date.now())
      .filter((ms) => ms > 0 && ms < 2 ** 31 - 1)
    if (next.length === 0) return
    const timer = setTimeout(() => setNow(Date.now()), Math.min(...next) + 50)
    return () => clearTimeout(timer)
  }, [rounds, now])
  return now
}

export function useRounds(proposalId: string, events: ServerEvents | null): RoundsState {
  const [rounds, setRounds] = useState<Round[]>([])
  const [loaded, setLoaded] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [shownId, setShownId] = useState<string | null>(null)
  const [summary, setSummary] = useState<Summary | null>(null)
  const [changes, setChanges] = useState<ReadonlyMap<string, number>>(new Map())
  const [refresh, setRefresh] = useState(0)
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const now = useNow(rounds)

  const add = useCallback((round: Round) => {
    setRounds((list) => [round, ...list.filter((r) => r.id !== round.id)].sort(newestFirst))
    if (round.open) setShownId(round.id)
  }, [])

  const reload = useCallback(async () => {
    try {
      const list = await roundsApi(proposalId).list()
      setRounds(list)
      setShownId((current) => current ?? (list.find((r) => r.open) ?? list[0])?.id ?? null)
      setError(null)
      setLoaded(true)
    } catch (failure) {
      setError(
        failure instanceof ApiError ? failure.message : 'De consultatierondes zijn niet geladen.',
      )
    }
  }, [proposalId])

  useEffect(() => {
    void reload()
  }, [reload])

  useEffect(() => {
    void refresh
    if (!shownId) return setSummary(null)
    let current = true
    roundsApi(proposalId)
      .summary(shownId)
      .then((answer) => current && setSummary(answer))
      .catch(() => current && setSummary(null))
    return () => {
      current = false
    }
  }, [proposalId, shownId, refresh])

  useEffect(() => {
    if (!events) return
    const offRound = events.on('round', (event) => {
      const round = event.round as Round | undefined
      if (round && typeof round.id === 'string') add(round)
    })
    const offResponse = events.on('response', (event) => {
      const change = event as unknown as ResponseEvent
      const response = change.response
      if (!response || typeof response.blockId !== 'string') return
      setSummary((previous) => {
        if (!previous || previous.round.id !== change.roundId) return previous
        const blocks = previous.blocks.map((block) =>
          block.blockId === response.blockId
            ? { ...block, response: response.text ? response : null }
            : block,
        )
        return { ...previous, blocks }
      })
    })
    const offPosition = events.on('position', (event) => {
      const change = event as unknown as PositionEvent
      setSummary((previous) => {
        if (!previous || previous.round.id !== change.roundId) return previous
        const blocks = previous.blocks.map((block) =>
          block.blockId === change.blockId ? { ...block, counts: change.counts } : block,
        )
        return { ...previous, blocks, responded: change.responded }
      })
      setChanges((previous) =>
        new Map(previous).set(change.blockId, (previous.get(change.blockId) ?? 0) + 1),
      )
      // The event carries the passage's counts; provinces and order come with the summary,
      // read once when a burst of positions has passed.
      if (refreshTimer.current) clearTimeout(refreshTimer.current)
      refreshTimer.current = setTimeout(() => setRefresh((n) => n + 1), 500)
    })
    // Rounds, positions and responses given while the connection was gone came as no event.
    const offReconnected = events.on(RECONNECTED, () => {
      void reload()
      setRefresh((n) => n + 1)
    })
    return () => {
      offRound()
      offResponse()
      offPosition()
      offReconnected()
      if (refreshTimer.current) clearTimeout(refreshTimer.current)
    }
  }, [events, add, reload])

  // Open while the server says so and the clock has not passed `closesAt`: a round
  // closed early has a `closesAt` later than this clock's last tick.
  const withClock = rounds.map((round) => ({
    ...round,
    open: round.open && now < Date.parse(round.closesAt),
  }))
  const shown = withClock.find((round) => round.id === shownId) ?? null
  return {
    rounds: withClock,
    loaded,
    error,
    shown,
    show: setShownId,
    // The summary's round as the list has it now (closed by an event, or by the clock).
    summary: summary && shown?.id === summary.round.id ? { ...summary, round: shown } : summary,
    changes,
    add,
    reload,
  }
}
