import { describe, expect, it } from 'vitest'
import { hrefFor, parseRoute } from './route.ts'

describe('parseRoute', () => {
  it('reads the routes of the editor', () => {
    expect(parseRoute('')).toEqual({ name: 'overview' })
    expect(parseRoute('#/')).toEqual({ name: 'overview' })
    expect(parseRoute('#/voorstel/voorstel-3')).toEqual({ name: 'proposal', id: 'voorstel-3' })
    expect(parseRoute('#/mensen')).toEqual({ name: 'people' })
    expect(parseRoute('#/toegankelijkheid')).toEqual({ name: 'accessibility' })
    expect(parseRoute('#/welkom?token=abc')).toEqual({ name: 'welcome', token: 'abc' })
    expect(parseRoute('#/iets/anders')).toEqual({ name: 'notFound' })
  })

  it('round-trips proposal links', () => {
    const href = hrefFor({ name: 'proposal', id: 'voorstel-7' })
    expect(parseRoute(href)).toEqual({ name: 'proposal', id: 'voorstel-7' })
  })

  it('round-trips the link to the accessibility statement', () => {
    expect(hrefFor({ name: 'accessibility' })).toBe('#/toegankelijkheid')
    expect(parseRoute(hrefFor({ name: 'accessibility' }))).toEqual({ name: 'accessibility' })
  })
})
