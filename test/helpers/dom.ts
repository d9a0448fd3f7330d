/**
 * A DOM for Tiptap editors running in Node (vitest's `node` environment, benchmarks).
 * Tiptap only runs its plugins' views — y-tiptap's sync binding among them — once
 * the editor is mounted in an element, and ProseMirror's view reads `window`,
 * `document` and a few DOM classes from the global scope.
 */
import { Window } from 'happy-dom'

/** Globals ProseMirror's view and Tiptap read, copied from the happy-dom window. */
const GLOBAL_NAMES = [
  'window',
  'document',
  'navigator',
  'Node',
  'Element',
  'HTMLElement',
  'Text',
  'DocumentFragment',
  'MutationObserver',
  'getComputedStyle',
  'getSelection',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'DOMParser',
  'Event',
  'KeyboardEvent',
  'InputEvent',
] as const

let installed: Window | null = null

/**
 * Makes a happy-dom window the global `window`/`document` once per process and
 * returns it; later calls return the same window. Globals Node already has (such as
 * `navigator` on newer Node versions) are replaced only when they are writable.
 */
export function installDom(): Window {
  if (installed) return installed
  const win = new Window({ url: 'http://localhost/' })
  const source = win as unknown as Record<string, unknown>
  const target = globalThis as unknown as Record<string, unknown>
  for (const name of GLOBAL_NAMES) {
    const value = name === 'window' ? win : source[name]
    if (value === undefined) continue
    // Node 21+ defines `navigator` as a getter-only global: define, do not assign.
    Object.defineProperty(target, name, {
      value: typeof value === 'function' && /^[a-z]/.test(name) ? value.bind(win) : value,
      configurable: true,
      writable: true,
    })
  }
  installed = win
  return win
}
