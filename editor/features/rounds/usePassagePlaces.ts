import type { Editor } from '@tiptap/core'
import { useEffect, useState } from 'react'
import { type OutlinePassage, passageOutline } from './passageOutline.ts'

/** A passage of the live text and where it stands, relative to the gutter's container. */
export interface PlacedPassage extends OutlinePassage {
  top: number
}

const samePlaces = (a: PlacedPassage[], b: PlacedPassage[]) =>
  a.length === b.length &&
  a.every((p, i) => p.top === b[i]!.top && p.number === b[i]!.number && p.blockId === b[i]!.blockId)

/**
 * Where each passage of the editor's text is, measured from the DOM after
 * every change of the text and every change of size. Only reads: nothing here
 * writes to the document (a reviewer's editor must never send an update).
 */
export function usePassagePlaces(editor: Editor | null, container: HTMLElement | null) {
  const [places, setPlaces] = useState<PlacedPassage[]>([])

  useEffect(() => {
    if (!editor || !container) return
    let frame = 0
    const measure = () => {
      frame = 0
      if (editor.isDestroyed) return
      const origin = container.getBoundingClientRect().top
      const next = passageOutline(editor.state.doc).flatMap((passage) => {
        const dom = editor.view.nodeDOM(passage.pos)
        if (!(dom instanceof HTMLElement)) return []
        return [{ ...passage, top: Math.round(dom.getBoundingClientRect().top - origin) }]
      })
      setPlaces((previous) => (samePlaces(previous, next) ? previous : next))
    }
    // One measurement per frame, however many transactions arrive in it.
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(measure)
    }
    schedule()
    editor.on('update', schedule)
    editor.on('transaction', schedule)
    const resized = new ResizeObserver(schedule)
    resized.observe(editor.view.dom)
    resized.observe(container)
    window.addEventListener('resize', schedule)
    return () => {
      if (frame) cancelAnimationFrame(frame)
      editor.off('update', schedule)
      editor.off('transaction', schedule)
      resized.disconnect()
      window.removeEventListener('resize', schedule)
    }
  }, [editor, container])

  return places
}
