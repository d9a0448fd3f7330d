/**
 * What the browser tests share: signing in through an invite link, opening a
 * proposal, typing, and asking the server what it stored.
 */
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { launchBrowser } from '../helpers/browser.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

/** A signed-in person in a browser context of their own. */
export interface Visitor {
  context: BrowserContext
  page: Page
}

/**
 * Opens the invite link in a new context and waits until the person is signed in.
 * `prepare` runs before the first page loads (routes must exist by then).
 */
export async function signIn(
  browser: Browser,
  inviteUrl: string,
  options: {
    bypassCSP?: boolean
    /** The browser's time zone, e.g. 'UTC'; by default the machine's. */
    timezoneId?: string
    prepare?: (context: BrowserContext) => Promise<void>
  } = {},
): Promise<Visitor> {
  const context = await browser.newContext({
    locale: 'nl-NL',
    bypassCSP: options.bypassCSP,
    timezoneId: options.timezoneId,
  })
  await options.prepare?.(context)
  const page = await context.newPage()
  await page.goto(inviteUrl)
  await page.getByTestId('session-name').waitFor()
  return { context, page }
}

/** The admin's sign-in link: the admin token is an editor on "*" (A1). */
export function adminInviteUrl(baseUrl: string, adminToken: string): string {
  return `${baseUrl}/#/welkom?token=${encodeURIComponent(adminToken)}`
}

/** The editable text of the open proposal. */
export function editorOf(page: Page): Locator {
  return page.getByTestId('editor')
}

/** Goes to a proposal by its address and waits for the text to be shown. */
export async function openProposal(page: Page, baseUrl: string, proposalId: string) {
  await page.goto(`${baseUrl}/#/voorstel/${proposalId}`)
  await editorOf(page).waitFor()
}

/** Waits until the page says it is connected and in sync. */
export async function waitOnline(page: Page): Promise<void> {
  try {
    await page.locator('[data-testid="connection-status"][data-state="online"]').waitFor()
  } catch (error) {
    const said =
      (await page
        .locator('main')
        .textContent()
        .catch(() => null)) ?? '(no page)'
    throw new Error(`not online; the page says: ${said.replace(/\s+/g, ' ').slice(0, 400)}`, {
      cause: error,
    })
  }
}

/** Puts the caret at the end of the text and types, as a person would. */
export async function typeAtEnd(page: Page, text: string): Promise<void> {
  const editor = editorOf(page)
  await editor.click()
  await page.keyboard.press('Control+End')
  await page.keyboard.type(text)
}

/** The stored plain text of a proposal (H3), read with an editor's token. */
export async function storedText(baseUrl: string, token: string, proposalId: string) {
  const response = await fetch(`${baseUrl}/api/proposals/${proposalId}/content`, {
    headers: { Authorization: `Bearer ${token}` },
  })
  if (!response.ok) throw new Error(`content of ${proposalId}: HTTP ${response.status}`)
  const body = (await response.json()) as { text: string }
  return body.text
}

/** The built editor (see buildEditor.ts), served by the server under test. */
export const EDITOR_DIST = fileURLToPath(new URL('../../dist/editor', import.meta.url))

/** Starts the real server on a free port, serving the built editor. */
export function startEditorServer(): ReturnType<typeof startServer> {
  return startServer({ staticDir: EDITOR_DIST, logLevel: 'warn' })
}

/**
 * For one describe block: a server serving the built editor and one browser,
 * started before its tests and closed after them; `use` receives both.
 */
export function withEditorAndBrowser(
  use: (started: { server: TestServer; browser: Browser }) => void,
) {
  let started: { server: TestServer; browser: Browser } | undefined
  beforeAll(async () => {
    started = { server: await startEditorServer(), browser: await launchBrowser() }
    use(started)
  })
  afterAll(async () => {
    await started?.browser.close()
    await started?.server.close()
  })
}

/** The text as the person reads it, without other people's caret labels. */
export function editorText(page: Page): Promise<string> {
  return editorOf(page).evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement
    for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove()
    // innerText of a detached node has no layout; join the blocks ourselves.
    const blocks = copy.querySelectorAll('p, h1, h2, h3')
    return Array.from(blocks, (block) => block.textContent ?? '').join('\n')
  })
}

/** What a controlled network does with the sync socket. */
export type SyncLink = 'open' | 'silent' | 'down'

/**
 * Puts the sync sockets of a browser context behind a switch, as a real network
 * fails: `open` passes every frame; `silent` keeps sockets open but holds every
 * frame either way (Wi-Fi without internet: nothing closes, and what was sent
 * arrives late if the socket lives that long); `down` closes every socket and
 * refuses new ones. Call before the first page loads.
 */
export async function controlSyncLink(context: BrowserContext) {
  let link: SyncLink = 'open'
  const flushes = new Set<() => void>()
  const closers = new Set<() => void>()
  await context.routeWebSocket(/\/sync\//, (page) => {
    if (link === 'down') {
      page.close({ code: 1001, reason: 'network down' })
      return
    }
    const server = page.connectToServer()
    const held: Array<() => void> = []
    const pass = (deliver: () => void) => {
      if (link === 'open') deliver()
      else held.push(deliver)
    }
    page.onMessage((message) => pass(() => server.send(message)))
    server.onMessage((message) => pass(() => page.send(message)))
    const flush = () => {
      for (const deliver of held.splice(0)) deliver()
    }
    const close = () => {
      page.close({ code: 1001, reason: 'network down' })
      server.close()
    }
    flushes.add(flush)
    closers.add(close)
    const forget = () => {
      held.length = 0
      flushes.delete(flush)
      closers.delete(close)
    }
    page.onClose(() => {
      forget()
      server.close()
    })
    server.onClose((code, reason) => {
      forget()
      page.close({ code, reason })
    })
  })
  return {
    set(next: SyncLink) {
      link = next
      if (next === 'open') for (const flush of [...flushes]) flush()
      if (next === 'down') for (const close of [...closers]) close()
    },
  }
}

/** Signs in (see `signIn`) with the context's sync sockets behind a switch (see `controlSyncLink`). */
export async function signInBehindSwitch(
  browser: Browser,
  inviteUrl: string,
  options: { bypassCSP?: boolean } = {},
) {
  let link: Awaited<ReturnType<typeof controlSyncLink>> | null = null
  const visitor = await signIn(browser, inviteUrl, {
    ...options,
    prepare: async (context) => {
      link = await controlSyncLink(context)
    },
  })
  if (!link) throw new Error('signInBehindSwitch: the switch was not set up')
  return { ...visitor, link: link as Awaited<ReturnType<typeof controlSyncLink>> }
}

/**
 * Invites a person, signs them in in a browser context of their own and opens
 * `proposalId`, online. `bypassCSP` lets axe-core be added to the page.
 */
export async function openAs(
  started: { server: TestServer; browser: Browser },
  person: { name: string; role: 'reviewer' | 'writer' | 'editor' },
  proposalId: string,
  options: { bypassCSP?: boolean } = {},
): Promise<Visitor> {
  const { server, browser } = started
  const invited = await server.invite({ ...person, proposals: [proposalId] })
  const visitor = await signIn(browser, invited.url, options)
  await openProposal(visitor.page, server.url, proposalId)
  await waitOnline(visitor.page)
  return visitor
}

/** Pastes `html` (with `plain` as its plain text) into the text, as the clipboard gives it. */
export async function pasteHtml(page: Page, html: string, plain: string): Promise<void> {
  await editorOf(page).click()
  await editorOf(page).evaluate(
    (element, [markup, text]) => {
      const data = new DataTransfer()
      data.setData('text/html', markup!)
      data.setData('text/plain', text!)
      element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }))
    },
    [html, plain],
  )
}

/** "Within a second" (C7, S1): a test timeout with margin, never a measured time. */
export const WITHIN_A_SECOND = { timeout: 1000, interval: 25 }
