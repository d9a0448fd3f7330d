/**
 * Editor: the JavaScript a first visit downloads. The editor is built fresh into a
 * temporary folder (so the measurement matches the source, and no one's dist/ is
 * touched); from its index.html we follow the module scripts, modulepreloads and their
 * static imports (not dynamic `import()`, which a first visit does not fetch), and gzip
 * each file at level 9.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { formatValue } from '../lib/format.ts'
import type { Context } from './context.ts'
import type { Section } from './Section.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const LIMIT = 250_000

interface Asset {
  path: string
  raw: number
  gzip: number
}

function gzipSize(path: string): Asset {
  const bytes = readFileSync(path)
  return { path, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length }
}

/** Local files an HTML page loads as module scripts, preloads and stylesheets. */
function entries(html: string, dir: string): { scripts: string[]; styles: string[] } {
  const scripts: string[] = []
  const styles: string[] = []
  const local = (url: string) => !/^[a-z]+:|^\/\//i.test(url)
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`, 'i').exec(tag)?.[1]
    if (/^<script/i.test(tag)) {
      const src = attr('src')
      if (src && local(src)) scripts.push(resolve(dir, src))
    } else {
      const rel = attr('rel') ?? ''
      const href = attr('href')
      if (!href || !local(href)) continue
      if (rel === 'modulepreload') scripts.push(resolve(dir, href))
      else if (rel === 'stylesheet') styles.push(resolve(dir, href))
    }
  }
  return { scripts, styles }
}

const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*["'`](\.{1,2}\/[^"'`]+)["'`]/g
const DYNAMIC_IMPORT = /\bimport\(\s*["'`](\.{1,2}\/[^"'`]+)["'`]\s*\)/g

/** The modules and every module they import statically, transitively. */
function staticGraph(starts: string[]): string[] {
  const seen = new Set<string>()
  const queue = [...starts]
  while (queue.length > 0) {
    const file = queue.shift()!
    if (seen.has(file) || !existsSync(file)) continue
    seen.add(file)
    const code = readFileSync(file, 'utf8')
    // `import … from "./x.js"` and `import "./x.js"`; `import("./x.js")` is fetched later
    for (const match of code.matchAll(STATIC_IMPORT)) queue.push(resolve(dirname(file), match[1]!))
  }
  return [...seen]
}

/** Chunks that `files` load with `import()`: the routes fetched when a page is opened. */
function lazyChunks(files: string[]): string[] {
  const found = new Set<string>()
  for (const file of files) {
    for (const match of readFileSync(file, 'utf8').matchAll(DYNAMIC_IMPORT)) {
      found.add(resolve(dirname(file), match[1]!))
    }
  }
  return [...found].filter((file) => !files.includes(file))
}

async function measureEditor(ctx: Context): Promise<Section> {
  const base = { name: 'editor', title: 'Editor', runs: [] as string[] }
  if (!existsSync(join(ROOT, 'editor', 'index.html'))) {
    return {
      ...base,
      description: 'No editor/index.html yet: nothing to measure.',
      rows: [],
      notes: [],
    }
  }
  const out = mkdtempSync(join(tmpdir(), 'meeschrijven-editor-'))
  try {
    ctx.log('building the editor')
    execFileSync(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
        'build',
        '--outDir',
        out,
        '--emptyOutDir',
        '--logLevel',
        'warn',
      ],
      { cwd: ROOT, stdio: 'inherit' },
    )
    const html = readFileSync(join(out, 'index.html'), 'utf8')
    const { scripts, styles } = entries(html, out)
    const first = staticGraph(scripts)
    const js = first.map(gzipSize)
    const css = styles.map(gzipSize)
    const sum = (assets: Asset[], key: 'raw' | 'gzip') =>
      assets.reduce((total, a) => total + a[key], 0)
    const jsGzip = sum(js, 'gzip')
    const name = (asset: Asset) => asset.path.slice(out.length + 1)
    // each lazily loaded route: what opening it adds on top of the first visit
    const routes = lazyChunks(first).map((chunk) => ({
      name: name(gzipSize(chunk))
        .replace(/^assets\//, '')
        .replace(/-[\w-]{8}\.js$/, ''),
      added: staticGraph([chunk])
        .filter((file) => !first.includes(file))
        .map(gzipSize),
    }))
    const routeRows = routes.map((route) => {
      const total = jsGzip + sum(route.added, 'gzip')
      return {
        metric: `JavaScript on first visit + opening ${route.name} (gzip)`,
        a: undefined,
        b: total,
        unit: 'kB' as const,
        goal: '< 250 kB',
        met: total < LIMIT,
      }
    })
    return {
      ...base,
      description:
        'The editor built by `vite build` (the project config), fetched as a first visit fetches it: the module ' +
        'scripts and modulepreloads of index.html and their static imports; sizes gzipped at level 9 ' +
        '(kB = 1,000 bytes). ' +
        'The stock server serves no editor, so there is nothing to compare.',
      rows: [
        {
          metric: 'JavaScript on first visit (gzip)',
          a: undefined,
          b: jsGzip,
          unit: 'kB',
          goal: '< 250 kB',
          met: jsGzip < LIMIT,
        },
        {
          metric: 'JavaScript on first visit (raw)',
          a: undefined,
          b: sum(js, 'raw'),
          unit: 'kB',
        },
        ...routeRows,
        { metric: 'JavaScript files on first visit', a: undefined, b: js.length, unit: 'count' },
        { metric: 'CSS on first visit (gzip)', a: undefined, b: sum(css, 'gzip'), unit: 'bytes' },
      ],
      notes: routes.length
        ? [
            'Routes loaded with import() are not part of the first download by the method above, but a person ' +
              'following an invite link to a proposal fetches that route at once; its rows show the total then.',
          ]
        : [],
      runs: [...js, ...css, ...routes.flatMap((route) => route.added)].map(
        (asset) =>
          `${name(asset)}: ${formatValue(asset.raw, 'bytes')} raw, ${formatValue(asset.gzip, 'bytes')} gzip`,
      ),
    }
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
}

export const editor = { name: 'editor', run: measureEditor }
