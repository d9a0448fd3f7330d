import type { ReactNode } from 'react'
import type { DocNode } from './types.ts'

/**
 * Renders ProseMirror JSON of the shared schema (paragraphs, headings, lists,
 * quotes, hard breaks; bold, italic, links) as plain React elements: a version
 * is read-only, so it needs no editor, and text is always rendered as text.
 */
export function DocRenderer({ doc }: { doc: DocNode }) {
  return <>{children(doc)}</>
}

function children(node: DocNode): ReactNode[] {
  return (node.content ?? []).map((child, index) => (
    // Positions never move in a saved version, so the index is a stable key.
    // biome-ignore lint/suspicious/noArrayIndexKey: a saved version never changes
    <Node key={index} node={child} />
  ))
}

function Node({ node }: { node: DocNode }): ReactNode {
  const inner = children(node)
  switch (node.type) {
    case 'paragraph':
      return <p>{inner}</p>
    case 'heading': {
      // The page's h1 is the proposal's title: heading 1 of the text is an h2.
      const level = Math.min(6, Number(node.attrs?.level ?? 1) + 1)
      const Tag = `h${level}` as 'h2'
      return <Tag>{inner}</Tag>
    }
    case 'bulletList':
      return <ul>{inner}</ul>
    case 'orderedList':
      return <ol>{inner}</ol>
    case 'listItem':
      return <li>{inner}</li>
    case 'blockquote':
      return <blockquote>{inner}</blockquote>
    case 'hardBreak':
      return <br />
    case 'text':
      return marked(node.text ?? '', node.marks ?? [])
    default:
      return <>{inner}</>
  }
}

function marked(text: string, marks: NonNullable<DocNode['marks']>): ReactNode {
  let result: ReactNode = text
  for (const mark of marks) {
    if (mark.type === 'bold') result = <strong>{result}</strong>
    else if (mark.type === 'italic') result = <em>{result}</em>
    else if (
      mark.type === 'link' &&
      typeof mark.attrs?.href === 'string' &&
      isSafe(mark.attrs.href)
    )
      result = (
        <a href={mark.attrs.href} rel="noopener noreferrer nofollow" target="_blank">
          {result}
        </a>
      )
  }
  return result
}

/** Only the protocols the editor allows (shared schema): never `javascript:`. */
function isSafe(href: string): boolean {
  return /^(https?:|mailto:)/i.test(href.trim())
}
