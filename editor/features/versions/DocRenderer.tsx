import { createContext, type ReactNode, useContext, useMemo } from 'react'
import '../footnotes/footnotes.css'
import type { DocNode } from './types.ts'

/** Each footnote node of the shown version with its number (text order). */
const FootnoteNumbers = createContext<ReadonlyMap<DocNode, number>>(new Map())

/** The footnotes of a document in text order. */
function footnotesOf(node: DocNode, into: DocNode[] = []): DocNode[] {
  if (node.type === 'footnote') into.push(node)
  else for (const child of node.content ?? []) footnotesOf(child, into)
  return into
}

/**
 * Renders ProseMirror JSON of the shared schema (paragraphs, headings, lists,
 * quotes, tables, footnotes, hard breaks; bold, italic, underline,
 * strikethrough, highlight, links) as plain React elements: a version is
 * read-only, so it needs no editor, and text is always rendered as text.
 * Footnotes are numbers in the text and a list below it, as in the editor.
 */
export function DocRenderer({ doc }: { doc: DocNode }) {
  const footnotes = useMemo(() => footnotesOf(doc), [doc])
  const numbers = useMemo(() => new Map(footnotes.map((note, i) => [note, i + 1])), [footnotes])
  return (
    <FootnoteNumbers.Provider value={numbers}>
      {children(doc)}
      {footnotes.length > 0 && (
        <section className="doc-footnotes" aria-label="Voetnoten">
          <ol>
            {footnotes.map((note, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a saved version never changes
              <li key={i} id={`versie-voetnoot-${i + 1}`}>
                {children(note)}
              </li>
            ))}
          </ol>
        </section>
      )}
    </FootnoteNumbers.Provider>
  )
}

function children(node: DocNode): ReactNode[] {
  return (node.content ?? []).map((child, index) => (
    // Positions never move in a saved version, so the index is a stable key.
    // biome-ignore lint/suspicious/noArrayIndexKey: a saved version never changes
    <Node key={index} node={child} />
  ))
}

/** A cell's spans, when it has them. */
function spans(node: DocNode) {
  const colSpan = Number(node.attrs?.colspan ?? 1)
  const rowSpan = Number(node.attrs?.rowspan ?? 1)
  return {
    ...(colSpan > 1 ? { colSpan } : {}),
    ...(rowSpan > 1 ? { rowSpan } : {}),
  }
}

function Footnote({ node }: { node: DocNode }) {
  const number = useContext(FootnoteNumbers).get(node)
  return (
    <sup className="footnote-ref">
      <a href={`#versie-voetnoot-${number}`} aria-label={`Voetnoot ${number}`}>
        {number}
      </a>
    </sup>
  )
}

function Node({ node }: { node: DocNode }): ReactNode {
  switch (node.type) {
    case 'footnote':
      return <Footnote node={node} />
    case 'text':
      return marked(node.text ?? '', node.marks ?? [])
    case 'hardBreak':
      return <br />
  }
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
    case 'table':
      return (
        <table>
          <tbody>{inner}</tbody>
        </table>
      )
    case 'tableRow':
      return <tr>{inner}</tr>
    case 'tableHeader':
      return <th {...spans(node)}>{inner}</th>
    case 'tableCell':
      return <td {...spans(node)}>{inner}</td>
    default:
      return <>{inner}</>
  }
}

function marked(text: string, marks: NonNullable<DocNode['marks']>): ReactNode {
  let result: ReactNode = text
  for (const mark of marks) {
    if (mark.type === 'bold') result = <strong>{result}</strong>
    else if (mark.type === 'italic') result = <em>{result}</em>
    else if (mark.type === 'underline') result = <u>{result}</u>
    else if (mark.type === 'strike') result = <s>{result}</s>
    else if (mark.type === 'highlight') result = <mark>{result}</mark>
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
