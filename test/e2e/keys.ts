/** Keyboard helpers of the browser tests: moving the focus and reading what has it. */
import type { Page } from 'playwright-core'

/**
 * Presses `key` until `isThere` holds for the focused element, at most `limit`
 * times, and returns how many presses it took.
 * @throws when the focus has not arrived after `limit` presses
 */
export async function focusBy(
  page: Page,
  key: string,
  isThere: () => Promise<boolean>,
  limit = 40,
): Promise<number> {
  for (let presses = 0; presses < limit; presses++) {
    if (await isThere()) return presses
    await page.keyboard.press(key)
  }
  if (await isThere()) return limit
  throw new Error(`focus did not arrive after ${limit} × ${key}`)
}

/** The text of the focused element. */
export function focusedText(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.textContent?.trim() ?? '')
}

/** The label of the focused form field, or its text for other elements. */
export function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLInputElement | null
    const label = element?.labels?.[0]?.textContent ?? element?.textContent ?? ''
    return label.replace(/\s+/g, ' ').trim()
  })
}

/** True when the focused element is `selector` or inside it. */
export function focusIsIn(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((within) => !!document.activeElement?.closest(within), selector)
}
