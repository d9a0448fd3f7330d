import type { ReactNode } from 'react'
import { changeLabel } from './summary.ts'
import type { BlockChangeType, Change, ViewBlock } from './types.ts'
import { changeElementId } from './useChangeNavigation.ts'

const BLOCK_TAGS: Partial<Record<BlockChangeType, string>> = {
  added: 'Nieuwe alinea',
  removed: 'Verwijderde alinea',
  split: 'Gesplitste alinea',
  type: 'Opmaak gewijzigd',
}

/**
 * The newer text with the changes in place: insertions as `<ins>` (underlined,
 * green), deletions as `<del>` (struck through, red) — told apart by line as well
 * as colour — each with who made it as tooltip and, for screen readers, in words.
 */
export function CompareText(props: { view: ViewBlock[]; changes: Change[]; current: number }) {
  return (
    <div className="compare-text prose" data-testid="compare-text">
      {props.view.map((block, index) => (
        // Blocks of one comparison never move: the index is a stable key.
        // biome-ignore lint/suspicious/noArrayIndexKey: a comparison is rendered once
        <Block key={index} block={block} changes={props.changes} current={props.current} />
      ))}
    </div>
  )
}

/** Where a passage in a table stands: "Tabel, rij 2, kolom 1" (with "kop" for a header cell). */
function cellTag(cell: NonNullable<ViewBlock['cell']>): string {
  return `Tabel${cell.header ? ' (kop)' : ''}, rij ${cell.row}, kolom ${cell.column}`
}

function Block(props: { block: ViewBlock; changes: Change[]; current: number }) {
  const { block } = props
  const depth = block.parents.filter((p) => p === 'listItem' || p === 'blockquote').length
  const tag = [
    block.cell ? cellTag(block.cell) : undefined,
    block.block ? BLOCK_TAGS[block.block] : undefined,
  ]
    .filter(Boolean)
    .join(' · ')
  const content: ReactNode[] = block.parts.map((part, index) => {
    const change = part.change === undefined ? undefined : props.changes[part.change]
    // biome-ignore lint/suspicious/noArrayIndexKey: parts of a rendered comparison never move
    if (!change || part.change === undefined) return <span key={index}>{part.text}</span>
    const Mark = change.type === 'insert' ? 'ins' : 'del'
    const label = changeLabel(change)
    return (
      <Mark
        // biome-ignore lint/suspicious/noArrayIndexKey: parts of a rendered comparison never move
        key={index}
        id={changeElementId(part.change)}
        tabIndex={-1}
        title={label}
        className={`change change--${change.type}${props.current === part.change ? ' change--current' : ''}`}
        data-change={part.change}
      >
        <span className="visually-hidden">[{label}: </span>
        {part.text}
        <span className="visually-hidden">]</span>
      </Mark>
    )
  })
  const className = `compare-block compare-block--${block.node}${block.block ? ` compare-block--${block.block}` : ''}${depth > 0 ? ' compare-block--nested' : ''}${block.cell ? ' compare-block--cell' : ''}`
  const style = depth > 0 ? { marginInlineStart: `${depth * 1.5}rem` } : undefined
  const body = (
    <>
      {tag && <span className="compare-block__tag">{tag}</span>}
      {content}
    </>
  )
  if (block.node === 'heading') {
    // The comparison's own title is an h2: heading 1 of the text becomes an h3.
    const Tag = `h${Math.min(6, (block.level ?? 1) + 2)}` as 'h3'
    return (
      <Tag className={className} style={style} data-block-id={block.blockId ?? undefined}>
        {body}
      </Tag>
    )
  }
  return (
    <p className={className} style={style} data-block-id={block.blockId ?? undefined}>
      {body}
    </p>
  )
}
