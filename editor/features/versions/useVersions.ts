import { useCallback, useEffect, useState } from 'react'
import { ApiError } from '../../lib/api.ts'
import { RECONNECTED, type ServerEvents } from '../collab/serverEvents.ts'
import type { Version } from './types.ts'
import { versionsApi } from './versionsApi.ts'

/** The versions of a proposal, newest first, kept current by `version` events (E1). */
export interface VersionsState {
  versions: Version[]
  loaded: boolean
  error: string | null
  reload(): Promise<void>
  /** Adds a version the server just answered, before its event arrives. */
  add(version: Version): void
}

function isVersion(value: unknown): value is Version {
  const version = value as Partial<Version> | null
  return typeof version?.id === 'string' && typeof version.name === 'string'
}

const newestFirst = (a: Version, b: Version) =>
  b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id)

export function useVersions(proposalId: string, events: ServerEvents | null): VersionsState {
  const [versions, setVersions] = useState<Version[]>([])
  const [loaded, setLoaded] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const add = useCallback((version: Version) => {
    setVersions((list) =>
      list.some((v) => v.id === version.id) ? list : [version, ...list].sort(newestFirst),
    )
  }, [])

  const reload = useCallback(async () => {
    try {
      setVersions(await versionsApi(proposalId).list())
      setError(null)
      setLoaded(true)
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'De versies zijn niet geladen.')
    }
  }, [proposalId])

  useEffect(() => {
    void reload()
  }, [reload])

  useEffect(() => {
    if (!events) return
    // Automatic versions are pruned when one is saved: read the list again then.
    const offVersion = events.on('version', (event) => {
      if (!isVersion(event.version)) return
      if (event.version.auto) void reload()
      else add(event.version)
    })
    // Versions saved while the connection was gone came as no event.
    const offReconnected = events.on(RECONNECTED, () => void reload())
    return () => {
      offVersion()
      offReconnected()
    }
  }, [events, add, reload])

  return { versions, loaded, error, reload, add }
}
