import { describe, expect, it } from 'vitest'
import { backspaceInserted, groupEdit, startSuggestion } from './groupEdit.ts'

const edit = (from: number, to: number, text: string) => ({ from, to, removed: '', text })
const caretAt = (at: number) => ({ from: at, to: at })

describe('grouping edits into suggestions, as Word does', () => {
  it('typing a sentence is one insertion; the caret stays after it', () => {
    let grouped = startSuggestion(edit(10, 10, 'E'), caretAt(10))
    for (const char of 'en nieuwe zin.') {
      const next = groupEdit(grouped.range, edit(10, 10, char), caretAt(grouped.caret))
      expect(next).not.toBeNull()
      grouped = next!
    }
    expect(grouped).toEqual({
      range: { from: 10, to: 10, replacement: 'Een nieuwe zin.' },
      caret: 10,
    })
  })

  it('a selected word replaced by typing is one suggestion', () => {
    let grouped = startSuggestion(edit(4, 13, 'd'), { from: 4, to: 13 })
    expect(grouped).toEqual({ range: { from: 4, to: 13, replacement: 'd' }, caret: 13 })
    for (const char of 'uidelijke')
      grouped = groupEdit(grouped.range, edit(13, 13, char), caretAt(13))!
    expect(grouped.range).toEqual({ from: 4, to: 13, replacement: 'duidelijke' })
  })

  it('Backspace goes on backwards through the original, Delete forwards; typing then replaces what was struck', () => {
    let grouped = startSuggestion(edit(9, 10, ''), caretAt(10))
    expect(grouped.caret).toBe(9)
    grouped = groupEdit(grouped.range, edit(8, 9, ''), caretAt(9))!
    expect(grouped).toEqual({ range: { from: 8, to: 10, replacement: '' }, caret: 8 })
    grouped = groupEdit(grouped.range, edit(10, 11, ''), caretAt(10))!
    expect(grouped).toEqual({ range: { from: 8, to: 11, replacement: '' }, caret: 11 })
    grouped = groupEdit(grouped.range, edit(11, 11, 'x'), caretAt(11))!
    expect(grouped.range).toEqual({ from: 8, to: 11, replacement: 'x' })
  })

  it('a deleted selection over the inserted text takes it away; deleting a selection inside the struck text keeps it', () => {
    const range = { from: 4, to: 13, replacement: 'duidelijke' }
    expect(groupEdit(range, edit(2, 13, ''), { from: 2, to: 13 })?.range).toEqual({
      from: 2,
      to: 13,
      replacement: '',
    })
    expect(groupEdit(range, edit(5, 8, ''), { from: 5, to: 8 })?.range).toEqual(range)
    expect(groupEdit(range, edit(4, 16, 'heldere'), { from: 4, to: 16 })?.range).toEqual({
      from: 4,
      to: 16,
      replacement: 'heldere',
    })
  })

  it('typing right before a replacement, or away from it, is a suggestion of its own', () => {
    const range = { from: 4, to: 13, replacement: 'duidelijke' }
    expect(groupEdit(range, edit(4, 4, 'x'), caretAt(4))).toBeNull()
    expect(groupEdit(range, edit(20, 20, 'x'), caretAt(20))).toBeNull()
    // Before a plain deletion the typed text is its replacement.
    expect(
      groupEdit({ from: 4, to: 13, replacement: '' }, edit(4, 4, 'x'), caretAt(4))?.range,
    ).toEqual({
      from: 4,
      to: 13,
      replacement: 'x',
    })
  })

  it('Backspace in the inserted text takes off a character or a word', () => {
    expect(backspaceInserted('duidelijke', false)).toBe('duidelijk')
    expect(backspaceInserted('een heel nieuwe', true)).toBe('een heel ')
    expect(backspaceInserted('een heel ', true)).toBe('een ')
    expect(backspaceInserted('één', false)).toBe('éé')
  })
})
