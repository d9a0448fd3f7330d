import { describe, expect, it } from 'vitest'
import { hrefFor, parseRoute } from './route.ts'

describe('parseRoute', () => {
  it('reads the four routes of the editor', () => {
    expect(parseRoute('')).toEqual({ name: 'overview' })
    expect(parseRoute('#/')).toEqual({ name: 'overview' })
    expect(parseRoute('#/voorstel/voorstel-3')).toEqual({ name: 'proposal', id: 'voorstel-3' })
    expect(parseRoute('#/mensen')).toEqual({ name: 'people' })
    expect(parseRoute('#/welkom?token=abc')).toEqual({ name: 'welcome', token: 'abc' })
    expect(parseRoute('#/iets/anders')).toEqual({ name: 'notFound' })
  })

  it('round-trips proposal links', () => {
    const href = hrefFor({ name: 'proposal', id: 'voorstel-7' })
    expect(parseRoute(href)).toEqual({ name: 'proposal', id: 'voorstel-7' })
  })
})
