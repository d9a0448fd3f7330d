import { describe, expect, it } from 'vitest'
import { escapeHtml, escapeMarkdown } from '../../export/escape.ts'

describe('escaping the memorandum', () => {
  it('[R7] Markdown: markup people wrote stays text', () => {
    expect(escapeMarkdown('**vet** _schuin_ [link](x) <b> # | `code`')).toBe(
      '\\*\\*vet\\*\\* \\_schuin\\_ \\[link\\](x) \\<b\\> \\# \\| \\`code\\`',
    )
    expect(escapeMarkdown('- lijst\n1. genummerd\n+ plus')).toBe(
      '\\- lijst\n1\\. genummerd\n\\+ plus',
    )
    // The twin: ordinary text passes unchanged.
    expect(escapeMarkdown('Gemeenten nemen het voortouw (zie 2.1), ook in 2030.')).toBe(
      'Gemeenten nemen het voortouw (zie 2.1), ook in 2030.',
    )
  })

  it('[R7] HTML: every special character is an entity', () => {
    expect(escapeHtml(`<script>alert("x") & 'y'</script>`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;',
    )
    expect(escapeHtml('Gewone tekst.')).toBe('Gewone tekst.')
  })
})
