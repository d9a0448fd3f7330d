import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { ApiError } from '../../lib/api.ts'
import type { Collab } from '../collab/createCollab.ts'
import type { ThreadsEvent } from '../collab/serverEvents.ts'
import { bringsNews, markRead, mergeThreads, replaceList } from './mergeThreads.ts'
import { threadsApi } from './threadsApi.ts'
import { isThread, type Thread } from './types.ts'

/** The threads of one proposal, kept current by the server's events (C7). */
export interface ThreadsState {
  threads: Thread[]
  /** True once the list has been fetched at least once. */
  loaded: boolean
  /** The Dutch reason the list could not be fetched, if it could not. */
  error: string | null
  api: ReturnType<typeof threadsApi>
  reload(): Promise<void>
  /** Puts a thread the API answered into the list. */
  apply(thread: Thread): void
  /** Takes the "Nieuw" marker off a thread the person opened. */
  markRead(threadId: string): void
  /** Drops a thread that was withdrawn (its author took the suggestion back). */
  remove(threadId: string): void
}

/**
 * Fetches the threads, merges every `threads` event into them without a
 * reload, and fetches again whenever the socket has (re)synced, so nothing
 * sent while the connection was down is missed, and after a new version. `onArrived` hears of threads
 * others started and of news on the person's own, for the live announcement.
 */
export function useThreads(
  proposalId: string,
  collab: Collab | null,
  personId: string,
  onArrived: (started: Thread[], news: Thread[]) => void,
): ThreadsState {
  const api = useMemo(() => threadsApi(proposalId), [proposalId])
  const [threads, setThreads] = useState<Thread[]>([])
  const [loaded, setLoaded] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const current = useRef(threads)
  current.current = threads
  // Withdrawn threads stay out, also when a list fetched before the withdrawal arrives after it.
  const removed = useRef(new Set<string>())
  const arrived = useRef(onArrived)
  arrived.current = onArrived

  const reload = useCallback(async () => {
    try {
      const fresh = await api.list()
      setThreads((list) =>
        replaceList(list, fresh).filter((thread) => !removed.current.has(thread.id)),
      )
      setLoaded(true)
      setError(null)
    } catch (caught) {
      setError(
        caught instanceof ApiError ? caught.message : 'De reacties konden niet worden geladen.',
      )
    }
  }, [api])

  useEffect(() => {
    void reload()
  }, [reload])

  useEffect(() => {
    if (!collab) return
    const offThreads = collab.events.on('threads', (event) => {
      const gone = (event as ThreadsEvent).removed ?? []
      if (gone.length > 0) {
        for (const id of gone) removed.current.add(id)
        setThreads((list) => list.filter((thread) => !gone.includes(thread.id)))
      }
      const incoming = (event as ThreadsEvent).threads.filter(isThread)
      const known = new Map(current.current.map((thread) => [thread.id, thread]))
      const started = incoming.filter(
        (thread) => !known.has(thread.id) && thread.createdBy.id !== personId,
      )
      const news = incoming.filter((thread) => {
        const before = known.get(thread.id)
        return before !== undefined && bringsNews(before, thread, personId)
      })
      setThreads((list) => mergeThreads(list, incoming, personId))
      if (started.length > 0 || news.length > 0) arrived.current(started, news)
    })
    // A new version can make threads outdated (R6), which only the server can
    // tell: ask it again. A restore saves one too, so it needs no call of its own.
    const offVersion = collab.events.on('version', () => void reload())
    const onSync = (synced: boolean) => {
      if (synced) void reload()
    }
    collab.provider.on('sync', onSync)
    return () => {
      offThreads()
      offVersion()
      collab.provider.off('sync', onSync)
    }
  }, [collab, personId, reload])

  const apply = useCallback(
    (thread: Thread) => setThreads((list) => mergeThreads(list, [thread], personId)),
    [personId],
  )
  const read = useCallback((id: string) => setThreads((list) => markRead(list, id)), [])
  const remove = useCallback((id: string) => {
    removed.current.add(id)
    setThreads((list) => list.filter((thread) => thread.id !== id))
  }, [])
  return { threads, loaded, error, api, reload, apply, markRead: read, remove }
}
