import { useEffect, useState } from 'react'
import * as Y from 'yjs'
import { FRAGMENT_NAME } from '../../../shared/schema.ts'

function hasText(parent: Y.XmlFragment | Y.XmlElement): boolean {
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText && child.length > 0) return true
    if (child instanceof Y.XmlElement && hasText(child)) return true
  }
  return false
}

/** True while the shared text holds no characters (empty paragraphs do not count), as the server judges an import. */
export function useTextIsEmpty(doc: Y.Doc | null): boolean {
  const [empty, setEmpty] = useState(false)
  useEffect(() => {
    if (!doc) return
    const fragment = doc.getXmlFragment(FRAGMENT_NAME)
    const update = () => setEmpty(!hasText(fragment))
    update()
    fragment.observeDeep(update)
    return () => fragment.unobserveDeep(update)
  }, [doc])
  return empty
}
