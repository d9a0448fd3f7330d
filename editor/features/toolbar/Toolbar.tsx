import type { Editor } from '@tiptap/core'
import { useEditorState } from '@tiptap/react'
import { useId, useRef, useState } from 'react'
import { isReadOnly } from '../collab/ReadOnlyText.ts'
import { LinkForm } from './LinkForm.tsx'
import {
  HISTORY_ITEMS,
  inTable,
  TABLE_ITEMS,
  TOOLBAR_GROUPS,
  type ToolbarItem,
} from './toolbarItems.ts'
import { useRovingFocus } from './useRovingFocus.ts'

const ALL_ITEMS = [...TOOLBAR_GROUPS.flat(), ...TABLE_ITEMS, ...HISTORY_ITEMS]

/**
 * Formatting toolbar: one Tab stop, arrow keys inside, state shown with
 * aria-pressed. On a narrow screen (a phone, or 400 % zoom) it folds away
 * behind an "Opmaak" button, so the text starts near the top of the screen;
 * the shortcuts work either way.
 */
export function Toolbar({
  editor,
  linkOpen,
  setLinkOpen,
  suggesting = null,
}: {
  editor: Editor
  linkOpen: boolean
  setLinkOpen: (open: boolean) => void
  /** While suggesting, formatting cannot be proposed; undo and redo act on the suggestions. */
  suggesting?: { undo(): void; redo(): void } | null
}) {
  const ref = useRef<HTMLDivElement>(null)
  const onKeyDown = useRovingFocus(ref)
  const [active, setActive] = useState('h1')
  const [unfolded, setUnfolded] = useState(false)
  const toolbarId = useId()
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => {
      const result: Record<string, { on: boolean; can: boolean }> = {}
      const writable = e.isEditable && !isReadOnly(e)
      for (const item of ALL_ITEMS) {
        result[item.id] = { on: item.isActive?.(e) ?? false, can: writable && item.canRun(e) }
      }
      result.link = { on: e.isActive('link'), can: writable }
      result.table = { on: inTable(e), can: writable }
      return result
    },
  })
  const tableShown = state.table?.on === true
  // The Tab stop stays on a button that is shown, also when the table's buttons go.
  const shown = [...TOOLBAR_GROUPS.flat(), ...(tableShown ? TABLE_ITEMS : []), ...HISTORY_ITEMS]
  const tabStop = active === 'link' || shown.some((item) => item.id === active) ? active : 'h1'

  const button = (
    item: Pick<ToolbarItem, 'id' | 'label' | 'shortcut'>,
    onClick: () => void,
    toggle: boolean,
  ) => {
    const itemState = state[item.id] ?? { on: false, can: false }
    return (
      <button
        key={item.id}
        type="button"
        data-roving
        className={`toolbar__button toolbar__button--${item.id}`}
        tabIndex={tabStop === item.id ? 0 : -1}
        aria-pressed={toggle ? itemState.on : undefined}
        aria-disabled={!itemState.can}
        aria-keyshortcuts={item.shortcut?.replace('Ctrl', 'Control')}
        title={item.shortcut ? `${item.label} (${item.shortcut})` : item.label}
        onFocus={() => setActive(item.id)}
        onClick={() => itemState.can && onClick()}
      >
        {item.label}
      </button>
    )
  }

  const suggestingButton = (item: ToolbarItem, actions: { undo(): void; redo(): void }) => (
    <button
      key={item.id}
      type="button"
      data-roving
      className={`toolbar__button toolbar__button--${item.id}`}
      tabIndex={active === item.id || (active === 'h1' && item.id === 'undo') ? 0 : -1}
      aria-keyshortcuts={item.shortcut?.replace('Ctrl', 'Control')}
      title={`${item.label} (${item.shortcut})`}
      onFocus={() => setActive(item.id)}
      onClick={() => (item.id === 'undo' ? actions.undo() : actions.redo())}
    >
      {item.label}
    </button>
  )

  return (
    <div className={`toolbar-wrap${unfolded ? ' toolbar-wrap--unfolded' : ''}`}>
      {/* Shown on narrow screens only (editor.css). */}
      <button
        type="button"
        className="button button--secondary toolbar-fold"
        aria-expanded={unfolded}
        aria-controls={toolbarId}
        onClick={() => setUnfolded(!unfolded)}
      >
        Opmaak
      </button>
      <div
        ref={ref}
        id={toolbarId}
        role="toolbar"
        aria-label="Opmaak"
        aria-controls="voorstel-tekst"
        aria-keyshortcuts="Alt+F10"
        className="toolbar"
        onKeyDown={onKeyDown}
      >
        {!suggesting &&
          TOOLBAR_GROUPS.map((group, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the groups are fixed
            <div key={index} className="toolbar__group">
              {group.map((item) => button(item, () => item.run(editor), true))}
              {index === 1 &&
                button(
                  { id: 'link', label: 'Link', shortcut: 'Ctrl+K' },
                  () => setLinkOpen(true),
                  true,
                )}
            </div>
          ))}
        {!suggesting && tableShown && (
          // biome-ignore lint/a11y/useSemanticElements: a group of buttons inside a toolbar, not a form
          <div className="toolbar__group toolbar__group--table" role="group" aria-label="Tabel">
            {TABLE_ITEMS.map((item) =>
              button(item, () => item.run(editor), item.isActive !== undefined),
            )}
          </div>
        )}
        <div className="toolbar__group">
          {suggesting
            ? HISTORY_ITEMS.map((item) => suggestingButton(item, suggesting))
            : HISTORY_ITEMS.map((item) => button(item, () => item.run(editor), false))}
        </div>
      </div>
      {linkOpen && <LinkForm editor={editor} onClose={() => setLinkOpen(false)} />}
    </div>
  )
}
