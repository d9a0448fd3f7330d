/**
 * The reference: the stock y-websocket server (`@y/websocket-server` 0.1.1), in memory,
 * no authentication, exactly as its README wires it: `setupWSConnection` on a `ws` server.
 * Run as a child process by the benchmark; prints `listening on http://HOST:PORT`.
 */
import { createServer } from 'node:http'
import { setupWSConnection } from '@y/websocket-server/utils'
import { WebSocketServer } from 'ws'

const host = process.env.HOST ?? '127.0.0.1'
const server = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/plain' })
  response.end('ok')
})
const wss = new WebSocketServer({ noServer: true })
wss.on('connection', setupWSConnection)
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request))
})
// port 0 binds a free port, so runs never collide
server.listen(Number(process.env.PORT ?? 0), host, () => {
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  console.log(`listening on http://${host}:${port}`)
})
const stop = (): void => {
  wss.close()
  server.close(() => process.exit(0))
  for (const client of wss.clients) client.terminate()
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
