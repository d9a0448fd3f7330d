import { textColorOn } from './personColor.ts'

/**
 * A caret with the person's name always shown beside it, so that carets are told
 * apart by name, not by colour alone.
 */
export function renderCaret(user: Record<string, unknown>): HTMLElement {
  const name = typeof user.name === 'string' ? user.name : 'Onbekend'
  const color =
    typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#595959'
  const caret = document.createElement('span')
  caret.className = 'collaboration-carets__caret'
  caret.style.borderColor = color
  caret.setAttribute('data-caret-name', name)
  const label = document.createElement('span')
  label.className = 'collaboration-carets__label'
  label.style.backgroundColor = color
  label.style.color = textColorOn(color)
  label.textContent = name
  caret.append(label)
  return caret
}
