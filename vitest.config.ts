import { defineConfig } from 'vitest/config'
import { findPostgresBin, isCi } from './test/helpers/postgres.ts'
import { findRedisServer } from './test/helpers/redis.ts'

/**
 * The integration tests run a second time with PostgreSQL storage, plus the
 * tests of PostgreSQL itself. Without PostgreSQL installed that project is left
 * out locally (saying so); under CI its absence fails the run.
 */
function postgresProjects() {
  if (!findPostgresBin()) {
    if (isCi()) throw new Error('PostgreSQL is not installed (apt-get install -y postgresql)')
    console.warn('[vitest] PostgreSQL is not installed: the integration-pg project is left out')
    return []
  }
  return [
    {
      test: {
        name: 'integration-pg',
        include: ['test/integration/**/*.test.ts', 'test/integration-pg/**/*.test.ts'],
        // Backups of the embedded storage copy DATA_DIR; on PostgreSQL the database
        // is backed up instead (docs/OPERATIONS.md). Single tests: integration-pg/setup.ts.
        exclude: ['test/integration/backup.test.ts'],
        environment: 'node',
        globalSetup: ['test/integration-pg/globalSetup.ts'],
        setupFiles: ['test/integration-pg/setup.ts'],
        testTimeout: 30_000,
        hookTimeout: 30_000,
      },
    },
  ]
}

/**
 * Several instances on PostgreSQL and Redis (contract D1, D2). Without Redis or
 * PostgreSQL installed the project is left out locally (saying so); under CI
 * their absence fails the run.
 */
function clusterProjects() {
  if (!findPostgresBin() || !findRedisServer()) {
    if (isCi())
      throw new Error(
        'PostgreSQL and Redis are needed (apt-get install -y postgresql redis-server)',
      )
    console.warn('[vitest] PostgreSQL or Redis is not installed: the cluster project is left out')
    return []
  }
  return [
    {
      test: {
        name: 'cluster',
        include: ['test/integration-cluster/**/*.test.ts'],
        // Its own group: three server processes each, besides the other tests, is too much for two cores.
        sequence: { groupOrder: 1 },
        maxWorkers: 1,
        environment: 'node',
        globalSetup: ['test/integration-cluster/globalSetup.ts'],
        testTimeout: 60_000,
        hookTimeout: 60_000,
      },
    },
  ]
}

/**
 * `npm test` runs everything: unit tests beside the code, integration tests
 * against the real server, and browser tests against the built editor.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'sync-server/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'editor',
          include: ['editor/**/*.test.ts', 'editor/**/*.test.tsx'],
          environment: 'happy-dom',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      ...postgresProjects(),
      ...clusterProjects(),
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // After everything else: browsers on a machine busy with other tests time out.
          sequence: { groupOrder: 2 },
          environment: 'node',
          globalSetup: ['test/e2e/buildEditor.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One file at a time: a browser keeps a core busy, so two files at once took
          // as long in all and each test twice as long.
          fileParallelism: false,
        },
      },
    ],
  },
})
