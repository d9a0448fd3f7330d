import type { MouseEvent } from 'react'
import type { Draft } from './draft.ts'
import { REACT_BUTTON_ID } from './useDraft.ts'

// Keeps the text's selection and focus when the button is pressed with the mouse.
const keepSelection = (event: MouseEvent) => event.preventDefault()

/**
 * "Reageer" and "Stel wijziging voor" above the text, for every role (A2):
 * select a passage, then press one of them or Ctrl+Alt+M.
 */
export function CommentBar({ onStart }: { onStart: (kind: Draft['kind']) => void }) {
  return (
    <div className="comment-bar">
      <button
        id={REACT_BUTTON_ID}
        type="button"
        className="button button--secondary comment-bar__button"
        aria-keyshortcuts="Control+Alt+M"
        aria-describedby="reageer-uitleg"
        onMouseDown={keepSelection}
        onClick={() => onStart('comment')}
      >
        Reageer
      </button>
      <button
        type="button"
        className="button button--secondary comment-bar__button"
        aria-describedby="reageer-uitleg"
        onMouseDown={keepSelection}
        onClick={() => onStart('amendment')}
      >
        Stel wijziging voor
      </button>
      <p id="reageer-uitleg" className="comment-bar__hint">
        Selecteer eerst de tekst waarop u reageert. Sneltoets: Ctrl+Alt+M.
      </p>
    </div>
  )
}
