import type { Node } from '@tiptap/pm/model'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import { linearSlice } from './linearPositions.ts'
import type { PlacedSuggestion, SuggestionView } from './types.ts'

/** Characters that end a word, so a shown change starts and ends on whole words. */
const BOUNDARY = /[\s.,;:!?()"'“”‘’-]/u

/**
 * How much of the start and end of a suggestion is the same in the original
 * and the replacement, on word boundaries: only what differs is struck
 * through and inserted (an amendment made from the form repeats the words
 * around its change).
 */
export function unchangedEnds(quote: string, replacement: string): [number, number] {
  const shortest = Math.min(quote.length, replacement.length)
  const isBoundary = (char: string | undefined) => char === undefined || BOUNDARY.test(char)
  let prefix = 0
  while (prefix < shortest && quote[prefix] === replacement[prefix]) prefix++
  const prefixFits = (p: number) =>
    p === 0 || isBoundary(quote[p - 1]) || isBoundary(quote[p]) || isBoundary(replacement[p])
  while (!prefixFits(prefix)) prefix--
  let suffix = 0
  while (
    suffix < shortest - prefix &&
    quote[quote.length - 1 - suffix] === replacement[replacement.length - 1 - suffix]
  )
    suffix++
  const suffixFits = (n: number) =>
    n === 0 ||
    isBoundary(quote[quote.length - n]) ||
    isBoundary(quote[quote.length - n - 1]) ||
    isBoundary(replacement[replacement.length - n - 1])
  while (!suffixFits(suffix)) suffix--
  return [prefix, suffix]
}

function styleFor(suggestion: PlacedSuggestion): string {
  return `--suggestion-color: ${suggestion.color}`
}

/** The inserted text: a line break shows as ¶ and starts a new line. */
function insertedElement(suggestion: PlacedSuggestion, text: string, active: boolean): HTMLElement {
  const element = document.createElement('ins')
  element.className = `suggestion-ins${active ? ' suggestion--active' : ''}`
  element.setAttribute('style', styleFor(suggestion))
  element.setAttribute('contenteditable', 'false')
  element.dataset.suggestionId = suggestion.id
  text.split('\n').forEach((line, index) => {
    if (index > 0) {
      const mark = document.createElement('span')
      mark.className = 'suggestion-pilcrow'
      mark.textContent = '¶'
      element.append(mark, document.createElement('br'))
    }
    if (line) element.append(line)
  })
  return element
}

/** A struck-through paragraph break (a suggestion to join passages). */
function struckBreak(suggestion: PlacedSuggestion, active: boolean): HTMLElement {
  const element = document.createElement('del')
  element.className = `suggestion-del suggestion-pilcrow${active ? ' suggestion--active' : ''}`
  element.setAttribute('style', styleFor(suggestion))
  element.setAttribute('contenteditable', 'false')
  element.dataset.suggestionId = suggestion.id
  element.textContent = '¶'
  return element
}

function decorationsOf(doc: Node, suggestion: PlacedSuggestion, activeId: string | null) {
  const active = suggestion.id === activeId
  const slice = linearSlice(doc, suggestion.from, suggestion.to)
  // What the person is still typing is shown as typed; the rest shows only what differs.
  const [prefix, suffix] = suggestion.pending
    ? [0, 0]
    : unchangedEnds(suggestion.quote, suggestion.replacement)
  const cut = suggestion.quote === '' || slice.text !== suggestion.quote ? [0, 0] : [prefix, suffix]
  const struckFrom = slice.positions[cut[0]!] ?? suggestion.from
  const struckTo = slice.positions[slice.text.length - cut[1]!] ?? suggestion.to
  const decorations: Decoration[] = []
  const spec = { suggestionId: suggestion.id }
  if (struckTo > struckFrom) {
    decorations.push(
      Decoration.inline(
        struckFrom,
        struckTo,
        {
          nodeName: 'del',
          class: `suggestion-del${active ? ' suggestion--active' : ''}`,
          style: styleFor(suggestion),
          'data-suggestion-id': suggestion.id,
        },
        spec,
      ),
    )
    for (let k = cut[0]!; k < slice.text.length - cut[1]!; k++) {
      if (slice.text[k] !== '\n' || slice.positions[k + 1] === slice.positions[k]! + 1) continue
      decorations.push(
        Decoration.widget(slice.positions[k]!, () => struckBreak(suggestion, active), {
          ...spec,
          side: 1,
          key: `${suggestion.id}-break-${k}`,
        }),
      )
    }
  }
  const inserted = suggestion.replacement.slice(cut[0], suggestion.replacement.length - cut[1]!)
  if (inserted) {
    decorations.push(
      Decoration.widget(struckTo, () => insertedElement(suggestion, inserted, active), {
        ...spec,
        // Drawn before a caret at its place: typing on continues after the inserted text.
        side: -1,
        key: `${suggestion.id}-${inserted}-${active}-${suggestion.color}`,
      }),
    )
  }
  return decorations
}

/** Hides the top-level blocks no suggestion touches ("Alleen wijzigingen"). */
function hideUnchanged(doc: Node, placed: PlacedSuggestion[]): Decoration[] {
  const hidden: Decoration[] = []
  doc.forEach((node, offset) => {
    const end = offset + node.nodeSize
    const touched = placed.some((s) => s.from <= end && s.to >= offset)
    if (!touched) hidden.push(Decoration.node(offset, end, { class: 'suggestions-unchanged' }))
  })
  return hidden
}

/**
 * The suggestions as the text shows them: the original struck through and
 * the inserted text underlined beside it, in the proposer's colour; nothing in
 * the clean text; with only the passages they touch in "Alleen wijzigingen".
 */
export function suggestionDecorations(
  doc: Node,
  placed: PlacedSuggestion[],
  view: SuggestionView,
  activeId: string | null,
): DecorationSet {
  if (view === 'without') return DecorationSet.empty
  const decorations = placed.flatMap((suggestion) => decorationsOf(doc, suggestion, activeId))
  if (view === 'changes') decorations.push(...hideUnchanged(doc, placed))
  return DecorationSet.create(doc, decorations)
}
