/**
 * Debian's chromium driven by playwright-core (never a downloaded browser).
 * Under CI a missing chromium fails the run; locally the browser tests are
 * skipped and say why.
 */
import { existsSync } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'

/** Where Debian installs chromium (`apt-get install -y chromium`). */
export const CHROMIUM_PATH = '/usr/bin/chromium'

/** Flags for chromium as root in a closed network, without a sandbox or GPU. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * Why browser tests cannot run here, or null when they can.
 * @throws Error under CI (`CI=true`), where a missing browser is a failure
 */
export function browserSkipReason(): string | null {
  if (existsSync(CHROMIUM_PATH)) return null
  const reason = `${CHROMIUM_PATH} is missing (install it with: apt-get install -y chromium)`
  if (process.env.CI === 'true') throw new Error(`Browser tests cannot run: ${reason}`)
  console.warn(`[e2e] skipping browser tests: ${reason}`)
  return reason
}

/** Starts chromium; playwright gives each launch a fresh, temporary profile. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true })
}
