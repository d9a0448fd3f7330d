/**
 * `Content-Disposition: attachment` with a file name that may hold any
 * character (RFC 6266): `filename*` carries it in UTF-8 (RFC 5987), which every
 * current browser reads; `filename` is a plain ASCII stand-in for the rest.
 */

/** "Reactienota Fryslân.docx" → `attachment; filename="Reactienota Fryslan.docx"; filename*=UTF-8''Reactienota%20Frysl%C3%A2n.docx`. */
export function attachment(fileName: string): string {
  const ascii = fileName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_')
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`
}
