/**
 * Global setup of the `cluster` project: one PostgreSQL for the run (each test
 * file makes its own database and its own Redis).
 */
import type { TestProject } from 'vitest/node'
import { startPostgres } from '../helpers/postgres.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    clusterPostgresUrl: string
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const postgres = await startPostgres()
  project.provide('clusterPostgresUrl', postgres.url)
  return () => postgres.stop()
}
