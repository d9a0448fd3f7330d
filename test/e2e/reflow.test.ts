import { mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSkipReason } from '../helpers/browser.ts'
import { startHeadlessEditor } from '../helpers/headlessEditor.ts'
import {
  adminEditor,
  givePosition,
  openRound,
  P1,
  saveVersion,
  serverBlocks,
} from '../helpers/rounds.ts'
import type { TestServer } from '../helpers/server.ts'
import { seriousViolations } from './axe.ts'
import {
  adminInviteUrl,
  openProposal,
  signIn,
  waitOnline,
  withEditorAndBrowser,
} from './support.ts'

const skip = browserSkipReason()
/** A phone, or a laptop at 400 % zoom (WCAG 1.4.10: reflow at 320 CSS pixels). */
const NARROW = { width: 320, height: 640 }
const WIDE = { width: 1280, height: 800 }
/** Where the screenshots go, to be looked at: SCREENSHOT_DIR, or a folder in the temp dir. */
const SHOTS = process.env.SCREENSHOT_DIR ?? join(tmpdir(), 'meeschrijven-reflow')
const LINES = [
  'Omkering',
  'Gemeenten nemen het voortouw in de grote transities: energie, klimaat, stikstof en woningnood.',
  'Regio’s verschillen sterk, ook binnen een regio. Daarom is het zichtbaar maken van verschillen zelf een opdracht.',
]

/** Waits two frames: the passage numbers are measured in the frame after a change of size. */
const settle = (page: Page) =>
  page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
  )

/** How wide the page is, and every element that reaches past the screen's edges. */
function horizontalOverflow(page: Page) {
  return page.evaluate(() => {
    const root = document.documentElement
    const wide: string[] = []
    for (const element of document.querySelectorAll('body *')) {
      const box = element.getBoundingClientRect()
      if (box.width === 0 || box.height === 0) continue
      if (box.left < -0.5 || box.right > root.clientWidth + 0.5) {
        const name = `${element.tagName.toLowerCase()}.${element.getAttribute('class') ?? ''}`
        wide.push(`${name} ${Math.round(box.left)}–${Math.round(box.right)}`)
      }
    }
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide }
  })
}

/**
 * At 320 px: nothing wider than the screen, no horizontal scrolling, a
 * screenshot to look at, and no serious axe violation; then axe at full width.
 */
async function checkPage(page: Page, name: string) {
  await page.setViewportSize(NARROW)
  await settle(page)
  const overflow = await horizontalOverflow(page)
  expect(overflow.wide, name).toEqual([])
  expect(overflow.scrollWidth, name).toBeLessThanOrEqual(overflow.clientWidth)
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })
  expect(await seriousViolations(page), `${name} at 320 px`).toEqual([])
  await page.setViewportSize(WIDE)
  await settle(page)
  expect(await seriousViolations(page), `${name} at full width`).toEqual([])
}

describe.skipIf(skip)('every page at 320 CSS pixels (WCAG 1.4.10) and axe on each', () => {
  let server: TestServer
  let browser: Browser

  withEditorAndBrowser((started) => ({ server, browser } = started))

  it('[WCAG] the check sees an element wider than the screen', async () => {
    const { page, context } = await signIn(browser, adminInviteUrl(server.url, server.adminToken))
    await page.setViewportSize(NARROW)
    await page.getByTestId('proposal-list').waitFor()
    expect((await horizontalOverflow(page)).wide).toEqual([])
    await page.evaluate(() => {
      const wide = document.createElement('div')
      wide.className = 'te-breed'
      wide.style.width = '400px'
      wide.textContent = 'breed'
      document.querySelector('main')?.append(wide)
    })
    const overflow = await horizontalOverflow(page)
    expect(overflow.wide).toContain('div.te-breed 16–416')
    expect(overflow.scrollWidth).toBeGreaterThan(overflow.clientWidth)
    await context.close()
  })

  it('[WCAG] overview, proposal page (writer and member), comparison, round overview, people, statement, not found and sign-in reflow at 320 px and pass axe', async () => {
    await mkdir(SHOTS, { recursive: true })
    console.info(`[reflow] screenshots in ${SHOTS}`)
    const writing = await adminEditor(server)
    writing.editor.commands.insertContent(
      `<h1>${LINES[0]}</h1><p>${LINES[1]}</p><p>${LINES[2]}</p>`,
    )
    await serverBlocks(server, LINES)
    const version = await saveVersion(server, 'Consultatieversie van het eerste voorstel')
    writing.editor.commands.insertContent('<p>Een alinea die later is toegevoegd.</p>')
    await serverBlocks(server, [...LINES, 'Een alinea die later is toegevoegd.'])
    writing.destroy()
    const round = await openRound(server, version)
    for (const body of [
      { body: 'Welke transities precies?', quote: 'de grote transities' },
      {
        body: 'Korter en krachtiger.',
        quote: 'Regio’s verschillen sterk',
        replacement: 'Regio’s verschillen',
      },
    ]) {
      expect((await server.api(`${P1}/threads`, { method: 'POST', body })).status).toBe(201)
    }
    const member = await server.invite({
      name: 'Zoë van der Lid-Bijzonderlang',
      role: 'reviewer',
      proposals: ['voorstel-1'],
      organisation: 'Gemeente Súdwest-Fryslân',
      province: 'Fryslân',
    })
    const writer = await server.invite({
      name: 'Wim Werkgroep',
      role: 'writer',
      proposals: '*',
      organisation: 'Gemeente Assen',
      province: 'Drenthe',
    })
    const blocks = await serverBlocks(server, [...LINES, 'Een alinea die later is toegevoegd.'])
    const given = await givePosition(server, member.token, round.id, blocks[1]!.blockId, {
      position: 'niet-akkoord',
      reason: 'Te algemeen.',
    })
    expect(given.status).toBe(200)
    const gone = await server.invite({ name: 'Gerda Gegaan', role: 'writer', proposals: '*' })
    const revoked = await server.api(`/api/people/${gone.person.id}`, { method: 'DELETE' })
    expect(revoked.status).toBe(200)

    const admin = await signIn(browser, adminInviteUrl(server.url, server.adminToken), {
      bypassCSP: true,
    })
    const page = admin.page
    await page.getByTestId('proposal-list').waitFor()
    await checkPage(page, 'overzicht')

    await page.goto(`${server.url}/#/mensen`)
    await page.getByTestId('former-people-table').waitFor()
    await checkPage(page, 'mensen')

    await openProposal(page, server.url, 'voorstel-1')
    await waitOnline(page)
    await page.getByRole('button', { name: 'Overzicht bekijken' }).click()
    await page.getByTestId('province-table').waitFor()
    await checkPage(page, 'ronde-overzicht')
    await page.getByRole('button', { name: 'Terug naar de tekst' }).click()
    await page
      .getByTestId('named-versions')
      .getByRole('button', { name: /^Vergelijk met nu/ })
      .click()
    await page.getByTestId('compare-view').waitFor()
    await checkPage(page, 'vergelijking')

    await page.goto(`${server.url}/#/voorstel/bestaat-niet`)
    await page.getByTestId('proposal-missing').waitFor()
    await checkPage(page, 'niet-gevonden')
    await page.goto(`${server.url}/#/toegankelijkheid`)
    await page.getByRole('heading', { name: 'Contact' }).waitFor()
    await checkPage(page, 'toegankelijkheid')

    const w = await signIn(browser, writer.url, { bypassCSP: true })
    await openProposal(w.page, server.url, 'voorstel-1')
    await waitOnline(w.page)
    // An amendment open in the panel: the current and the proposed words side by side.
    await w.page.getByRole('button', { name: /Regio’s verschillen sterk/ }).click()
    await w.page.locator('.amendment').waitFor()
    await checkPage(w.page, 'voorstel-schrijver')

    const m = await signIn(browser, member.url, { bypassCSP: true })
    await openProposal(m.page, server.url, 'voorstel-1')
    await waitOnline(m.page)
    await m.page.getByRole('button', { name: /^Passage 1\.1:/ }).click()
    await m.page.getByTestId('position-form').waitFor()
    await checkPage(m.page, 'voorstel-lid')

    // The server's CSP forbids inline scripts; axe is added as one.
    const nobody = await browser.newContext({ locale: 'nl-NL', bypassCSP: true })
    const signedOut = await nobody.newPage()
    await signedOut.goto(server.url)
    await signedOut.getByRole('heading', { name: 'Aanmelden bij Meeschrijven' }).waitFor()
    await checkPage(signedOut, 'aanmelden')
    await Promise.all([admin.context, w.context, m.context, nobody].map((c) => c.close()))
  })

  it('[WCAG] passage numbers go under the toolbar with their text, not beside it', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => `Alinea ${i + 1} over de omkering.`)
    await writeLongText(server, lines)
    const { page, context } = await signIn(browser, adminInviteUrl(server.url, server.adminToken))
    await page.setViewportSize(WIDE)
    await openProposal(page, server.url, 'voorstel-2')
    await waitOnline(page)
    await expect.poll(() => page.getByTestId('passage-number').count()).toBe(40)
    await page.evaluate(() => window.scrollTo(0, 600))
    await settle(page)
    await mkdir(SHOTS, { recursive: true })
    await page.screenshot({ path: join(SHOTS, 'nummers-onder-de-werkbalk.png') })
    const seen = await page.evaluate(() => {
      const bars = document.querySelector('.editor__bars')!.getBoundingClientRect()
      return Array.from(document.querySelectorAll('[data-testid="passage-number"]'), (number) => {
        const box = number.getBoundingClientRect()
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)
        return {
          number: number.textContent,
          underBars: box.top >= bars.top && box.bottom <= bars.bottom,
          shown: hit === number,
          covered: !!hit?.closest('.editor__bars'),
        }
      })
    })
    const under = seen.filter((number) => number.underBars)
    const below = seen.filter((number) => number.shown)
    expect(under.length).toBeGreaterThan(0)
    expect(under.every((number) => number.covered && !number.shown)).toBe(true)
    // The numbers below the bars are in view, beside their text.
    expect(below.length).toBeGreaterThan(0)
    await context.close()
  })
})

/** Writes `lines` as paragraphs of voorstel-2 through a headless editor and waits for the ids. */
async function writeLongText(server: TestServer, lines: string[]) {
  const editor = startHeadlessEditor({
    wsUrl: server.wsUrl,
    proposalId: 'voorstel-2',
    token: server.adminToken,
  })
  await editor.synced()
  editor.editor.commands.insertContent(lines.map((line) => `<p>${line}</p>`).join(''))
  await expect
    .poll(async () => {
      const content = await server.api<{ text: string }>('/api/proposals/voorstel-2/content')
      return content.body.text
    })
    .toBe(lines.join('\n'))
  editor.destroy()
}
