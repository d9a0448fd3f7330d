import type { Editor } from '@tiptap/core'
import { useEditorState } from '@tiptap/react'
import { useRef, useState } from 'react'
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

/** Formatting toolbar: one Tab stop, arrow keys inside, state shown with aria-pressed. */
export function Toolbar({
  editor,
  linkOpen,
  setLinkOpen,
}: {
  editor: Editor
  linkOpen: boolean
  setLinkOpen: (open: boolean) => void
}) {
  const ref = useRef<HTMLDivElement>(null)
  const onKeyDown = useRovingFocus(ref)
  const [active, setActive] = useState('h1')
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => {
      const result: Record<string, { on: boolean; can: boolean }> = {}
      for (const item of ALL_ITEMS) {
        result[item.id] = { on: item.isActive?.(e) ?? false, can: e.isEditable && item.canRun(e) }
      }
      result.link = { on: e.isActive('link'), can: e.isEditable }
      result.table = { on: inTable(e), can: e.isEditable }
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

  return (
    <div className="toolbar-wrap">
      <div
        ref={ref}
        role="toolbar"
        aria-label="Opmaak"
        aria-controls="voorstel-tekst"
        aria-keyshortcuts="Alt+F10"
        className="toolbar"
        onKeyDown={onKeyDown}
      >
        {TOOLBAR_GROUPS.map((group, index) => (
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
        {tableShown && (
          // biome-ignore lint/a11y/useSemanticElements: a group of buttons inside a toolbar, not a form
          <div className="toolbar__group toolbar__group--table" role="group" aria-label="Tabel">
            {TABLE_ITEMS.map((item) =>
              button(item, () => item.run(editor), item.isActive !== undefined),
            )}
          </div>
        )}
        <div className="toolbar__group">
          {HISTORY_ITEMS.map((item) => button(item, () => item.run(editor), false))}
        </div>
      </div>
      {linkOpen && <LinkForm editor={editor} onClose={() => setLinkOpen(false)} />}
    </div>
  )
}
