import type { Editor } from '@tiptap/core'
import { useEditorState } from '@tiptap/react'
import { useRef, useState } from 'react'
import { LinkForm } from './LinkForm.tsx'
import { HISTORY_ITEMS, TOOLBAR_GROUPS, type ToolbarItem } from './toolbarItems.ts'
import { useRovingFocus } from './useRovingFocus.ts'

const ALL_ITEMS = [...TOOLBAR_GROUPS.flat(), ...HISTORY_ITEMS]

/** Formatting toolbar: one Tab stop, arrow keys inside, state shown with aria-pressed. */
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
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => {
      const result: Record<string, { on: boolean; can: boolean }> = {}
      for (const item of ALL_ITEMS) {
        result[item.id] = { on: item.isActive?.(e) ?? false, can: e.isEditable && item.canRun(e) }
      }
      result.link = { on: e.isActive('link'), can: e.isEditable }
      return result
    },
  })

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
        tabIndex={active === item.id ? 0 : -1}
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
    <div className="toolbar-wrap">
      <div
        ref={ref}
        role="toolbar"
        aria-label="Opmaak"
        aria-controls="voorstel-tekst"
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
