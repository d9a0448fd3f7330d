/**
 * Global setup of the `integration-pg` project: one PostgreSQL cluster for the
 * whole run, handed to this project's test files alone (`provide`; setup.ts
 * passes it on to `setTestCluster`). Not an environment variable: the other
 * projects of the same run would inherit it and run on PostgreSQL too.
 */
import type { TestProject } from 'vitest/node'
import { startPostgres } from '../helpers/postgres.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startPostgres()
  project.provide('postgresUrl', cluster.url)
  return () => cluster.stop()
}
