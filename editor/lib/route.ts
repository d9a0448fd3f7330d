/**
 * Hash routes of the editor. The fragment never reaches the server, which is why
 * the invite token travels there (`#/welkom?token=…`).
 */
export type Route =
  | { name: 'overview' }
  | { name: 'proposal'; id: string }
  | { name: 'people' }
  | { name: 'accessibility' }
  | { name: 'welcome'; token: string | null }
  | { name: 'notifications' }
  | { name: 'unsubscribe'; token: string | null }
  | { name: 'notFound' }

/** Reads a route from a location hash such as `#/voorstel/voorstel-1`. */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '')
  const [path = '', query = ''] = raw.split('?', 2)
  const parts = path.split('/').filter(Boolean)
  if (parts.length === 0) return { name: 'overview' }
  if (parts[0] === 'welkom' && parts.length === 1) {
    return { name: 'welcome', token: new URLSearchParams(query).get('token') }
  }
  if (parts[0] === 'mensen' && parts.length === 1) return { name: 'people' }
  if (parts[0] === 'meldingen' && parts.length === 1) return { name: 'notifications' }
  if (parts[0] === 'afmelden' && parts.length === 1) {
    return { name: 'unsubscribe', token: new URLSearchParams(query).get('token') }
  }
  if (parts[0] === 'toegankelijkheid' && parts.length === 1) return { name: 'accessibility' }
  if (parts[0] === 'voorstel' && parts.length === 2 && parts[1]) {
    return { name: 'proposal', id: decodeURIComponent(parts[1]) }
  }
  return { name: 'notFound' }
}

/** The hash for a route, for links: `hrefFor({name: 'people'})` → `#/mensen`. */
export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'overview':
      return '#/'
    case 'people':
      return '#/mensen'
    case 'accessibility':
      return '#/toegankelijkheid'
    case 'proposal':
      return `#/voorstel/${encodeURIComponent(route.id)}`
    case 'welcome':
      return '#/welkom'
    case 'notifications':
      return '#/meldingen'
    case 'unsubscribe':
      return '#/afmelden'
    case 'notFound':
      return '#/'
  }
}
