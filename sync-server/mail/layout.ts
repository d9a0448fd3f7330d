/**
 * One model of a mail's body, written twice: as plain text and as simple,
 * accessible HTML (a language, a title, real links with their own words, no
 * images, no tracking). What people wrote is escaped in the HTML.
 */
import { escapeHtml } from '../export/escape.ts'

export type MailBlock =
  | { p: string }
  | { link: { href: string; label: string } }
  | { list: Array<{ text: string; href?: string }> }
  | { small: string }

export interface MailBody {
  subject: string
  blocks: MailBlock[]
}

export function renderText({ blocks }: MailBody): string {
  const parts = blocks.map((block) => {
    if ('p' in block) return block.p
    if ('small' in block) return block.small
    if ('link' in block) return `${block.link.label}:\n${block.link.href}`
    return block.list
      .map((item) => `- ${item.text}${item.href ? `\n  ${item.href}` : ''}`)
      .join('\n')
  })
  return `${parts.join('\n\n')}\n`
}

const STYLE = 'font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a'

export function renderHtml({ subject, blocks }: MailBody): string {
  const parts = blocks.map((block) => {
    if ('p' in block) return `<p>${escapeHtml(block.p)}</p>`
    if ('small' in block)
      return `<p style="font-size:14px;color:#4a4a4a">${escapeHtml(block.small)}</p>`
    if ('link' in block) {
      const { href, label } = block.link
      return `<p><a href="${escapeHtml(href)}" style="color:#0b4f8a;font-weight:bold">${escapeHtml(label)}</a></p>`
    }
    const items = block.list.map((item) =>
      item.href
        ? `<li><a href="${escapeHtml(item.href)}" style="color:#0b4f8a">${escapeHtml(item.text)}</a></li>`
        : `<li>${escapeHtml(item.text)}</li>`,
    )
    return `<ul>${items.join('')}</ul>`
  })
  return [
    '<!doctype html>',
    '<html lang="nl">',
    `<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="${STYLE}">`,
    ...parts,
    '</body>',
    '</html>',
  ].join('\n')
}
