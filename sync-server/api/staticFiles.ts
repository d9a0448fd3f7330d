/**
 * Serves the built editor (`dist/editor`). Hashed assets are cached for good;
 * `index.html` never is. Without a build, `/` explains in Dutch what this is.
 */
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
}

const PLACEHOLDER = `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Meeschrijven</title></head>
<body><main><h1>Meeschrijven</h1>
<p>Dit is de server van Meeschrijven: hier schrijven werkgroepen samen aan de voorstellen
van de Verenigingsstrategie 2030. De editor is nog niet gebouwd; start de server met
<code>npm start</code> om hem te bouwen en te openen.</p></main></body></html>`

async function fileAt(root: string, pathname: string): Promise<string | null> {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return null
  }
  const path = normalize(join(root, decoded))
  if (path !== root && !path.startsWith(root + sep)) return null
  try {
    const info = await stat(path)
    if (info.isFile()) return path
    if (info.isDirectory()) {
      const index = join(path, 'index.html')
      if ((await stat(index)).isFile()) return index
    }
  } catch {
    return null
  }
  return null
}

/** @returns false when nothing was found (the caller answers 404) */
export async function serveStatic(
  root: string | null,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  headers: Readonly<Record<string, string>>,
): Promise<boolean> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false
  const path = root ? await fileAt(root, pathname) : null
  if (!path) {
    if (pathname !== '/') return false
    res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' })
    res.end(req.method === 'HEAD' ? undefined : PLACEHOLDER)
    return true
  }
  const immutable = path.includes(`${sep}assets${sep}`)
  res.writeHead(200, {
    ...headers,
    'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  })
  if (req.method === 'HEAD') {
    res.end()
    return true
  }
  createReadStream(path).pipe(res)
  return true
}
