/**
 * Links: the `link` mark with `href` (http, https and mailto only), `target` and
 * `rel`, and the commands `setLink`, `unsetLink` and `toggleLink`. Tiptap's own
 * Link extension also finds links while you type (autolink), which brings a URL
 * parser of some 60 kB into every editor; here people add links with the link
 * button (Ctrl+K), and pasted HTML links are kept.
 */
import { Mark, mergeAttributes } from '@tiptap/core'

/** Protocols a link may use; anything else (javascript:, data:) is dropped. */
export const LINK_PROTOCOLS = ['http:', 'https:', 'mailto:'] as const

/** True for an href people may follow safely. */
export function isAllowedHref(href: unknown): href is string {
  if (typeof href !== 'string' || href.trim() === '') return false
  try {
    return (LINK_PROTOCOLS as readonly string[]).includes(new URL(href.trim()).protocol)
  } catch {
    return false
  }
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    link: {
      setLink: (attributes: { href: string; target?: string | null }) => ReturnType
      toggleLink: (attributes: { href: string; target?: string | null }) => ReturnType
      unsetLink: () => ReturnType
    }
  }
}

export const Link = Mark.create({
  name: 'link',
  priority: 1000,
  keepOnSplit: false,
  exitable: true,
  inclusive: false,

  addAttributes() {
    return {
      href: { default: null },
      target: { default: '_blank' },
      rel: { default: 'noopener noreferrer nofollow' },
      class: { default: null },
      title: { default: null },
    }
  },

  parseHTML() {
    return [
      {
        tag: 'a[href]',
        // Typed structurally: the server's type check has no DOM library.
        getAttrs: (element) => {
          const href = (
            element as unknown as { getAttribute(name: string): string | null }
          ).getAttribute('href')
          return isAllowedHref(href) ? null : false
        },
      },
    ]
  },

  renderHTML({ HTMLAttributes }) {
    const href = isAllowedHref(HTMLAttributes.href) ? HTMLAttributes.href : ''
    return ['a', mergeAttributes(HTMLAttributes, { href }), 0]
  },

  addCommands() {
    return {
      setLink:
        (attributes) =>
        ({ chain }) =>
          isAllowedHref(attributes.href) &&
          chain().setMark(this.name, attributes).setMeta('preventAutolink', true).run(),
      toggleLink:
        (attributes) =>
        ({ chain }) =>
          isAllowedHref(attributes.href) &&
          chain().toggleMark(this.name, attributes, { extendEmptyMarkRange: true }).run(),
      unsetLink:
        () =>
        ({ chain }) =>
          chain().unsetMark(this.name, { extendEmptyMarkRange: true }).run(),
    }
  },
})
