/**
 * `npm run dev`: the sync server on 1234 and Vite's dev server (with hot reload)
 * on 5173, which proxies `/api` and `/sync` to it. Open the Vite address.
 */
import { spawn } from 'node:child_process'
import { adminNotice } from './adminNotice.ts'
import { createLogger } from './log.ts'
import { createServer } from './server.ts'

const server = await createServer({
  port: 1234,
  dataDir: process.env.DATA_DIR || undefined,
  adminToken: process.env.ADMIN_TOKEN || undefined,
  publicUrl: 'http://127.0.0.1:5173',
  staticDir: null,
  log: createLogger({ level: 'debug' }),
})
console.log(`sync server listening on ${server.url}`)
for (const line of adminNotice(server.admin, process.stdout.isTTY === true)) console.log(line)
const vite = spawn('npx', ['vite', '--host', '127.0.0.1', '--port', '5173'], { stdio: 'inherit' })
const stop = () => {
  vite.kill('SIGTERM')
  void server.close().then(() => process.exit(0))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
