/**
 * Global setup of the `integration-pg` project: one PostgreSQL cluster for the
 * whole run. Test files create a database per installation on it
 * (`testDatabaseFor` in test/helpers/postgres.ts) through `TEST_POSTGRES_URL`.
 */
import { startPostgres } from '../helpers/postgres.ts'

export default async function setup(): Promise<() => Promise<void>> {
  const cluster = await startPostgres()
  process.env.TEST_POSTGRES_URL = cluster.url
  return () => cluster.stop()
}
