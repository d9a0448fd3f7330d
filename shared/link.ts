/**
 * Links: the `link` mark keeps only `href` (http, https and mailto), whatever a
 * paste or another client brings; the product itself sets `target` and `rel`
 * when it renders a link (here, and in the HTML export). Commands `setLink`,
 * `unsetLink` and `toggleLink`. Tiptap's own Link extension also finds links
 * while you type (autolink), which brings a URL parser of some 60 kB into every
 * editor; here people add links with the link button (Ctrl+K), and pasted HTML
 * links are kept.
 */
import { Mark, mergeAttributes } from '@tiptap/core'

/** Protocols a link may use; anything else (javascript:, data:) is dropped. */
export const LINK_PROTOCOLS = ['http:', 'https:', 'mailto:'] as const

/** Where a rendered link opens: a new tab, so the text stays open. */
export const LINK_TARGET = '_blank'

/** What a rendered link tells the browser: the opened page gets no handle on ours, nor our address. */
export const LINK_REL = 'noopener noreferrer'

/**
 * What the previous Link wrote beside `href` (its defaults), in the mark's
 * spec as `legacyAttrs`: browser copies made then may still hold unsent links
 * like that, so the server takes them (never keeping those attributes: they
 * are not read) rather than refuse a person's offline work. Other values stay
 * refused.
 */
export const LEGACY_LINK_ATTRIBUTES: Record<string, readonly unknown[]> = {
  target: ['_blank', null],
  rel: ['noopener noreferrer nofollow', null],
  class: [null],
  title: [null],
}

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
      setLink: (attributes: { href: string }) => ReturnType
      toggleLink: (attributes: { href: string }) => ReturnType
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

  extendMarkSchema(mark) {
    return mark.name === 'link' ? { legacyAttrs: LEGACY_LINK_ATTRIBUTES } : {}
  },

  addAttributes() {
    return {
      href: {
        default: null,
        parseHTML: (element) =>
          (element as unknown as { getAttribute(name: string): string | null })
            .getAttribute('href')
            ?.trim() ?? null,
        // The schema's type of the attribute: the server refuses any other (S9).
        validate: (value: unknown) => {
          if (!isAllowedHref(value))
            throw new RangeError('a link needs an http, https or mailto address')
        },
      },
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
          // Only the address is an attribute: a pasted link's target, rel, class
          // or title are not kept.
          return isAllowedHref(href) ? null : false
        },
      },
    ]
  },

  renderHTML({ HTMLAttributes }) {
    const href = isAllowedHref(HTMLAttributes.href) ? HTMLAttributes.href : ''
    return ['a', mergeAttributes({ href, target: LINK_TARGET, rel: LINK_REL }), 0]
  },

  addCommands() {
    return {
      setLink:
        ({ href }) =>
        ({ chain }) =>
          isAllowedHref(href) &&
          chain().setMark(this.name, { href: href.trim() }).setMeta('preventAutolink', true).run(),
      toggleLink:
        ({ href }) =>
        ({ chain }) =>
          isAllowedHref(href) &&
          chain()
            .toggleMark(this.name, { href: href.trim() }, { extendEmptyMarkRange: true })
            .run(),
      unsetLink:
        () =>
        ({ chain }) =>
          chain().unsetMark(this.name, { extendEmptyMarkRange: true }).run(),
    }
  },
})
